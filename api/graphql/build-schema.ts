import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuthResolver } from '../resolvers/auth.resolver';
import { CustomerResolver } from '../resolvers/customer.resolver';
import { CustomerStatusResolver } from '../resolvers/customer-status.resolver';
import { CommitmentsResolver } from '../resolvers/commitments.resolver';
import { NodeResolver } from '../resolvers/node.resolver';
import { ApiKeyFieldsResolver, StaffResolver } from '../resolvers/staff.resolver';
import { TenantResolver } from '../resolvers/tenant.resolver';
import { ViewerResolver } from '../resolvers/viewer.resolver';
import { AppointmentFieldsResolver, AppointmentResolver } from '../resolvers/appointment.resolver';
import { ComplaintResolver } from '../resolvers/complaint.resolver';
import { ProblemResolver } from '../resolvers/problem.resolver';
import { UploadResolver } from '../resolvers/upload.resolver';
import {
  CorrectiveActionFieldsResolver,
  InspectionChecklistFieldsResolver,
  InspectionChecklistItemFieldsResolver,
  InspectionFieldsResolver,
  InspectionResolver,
  InspectionResultFieldsResolver,
} from '../resolvers/inspection.resolver';
import { DispatchFieldsResolver, DispatchResolver, WorkOrderResolver } from '../resolvers/dispatch.resolver';
import { PartsOrderFieldsResolver, PartsResolver } from '../resolvers/parts.resolver';
import { TicketAttachmentsResolver } from '../resolvers/ticket-attachments.resolver';
import { CatalogueResolver } from '../resolvers/catalogue.resolver';
import { DeviceResolver, TicketWarrantyResolver } from '../resolvers/device.resolver';
import { TicketFieldsResolver } from '../resolvers/ticket-fields.resolver';
import { TicketResolver } from '../resolvers/ticket.resolver';
import { StandardResolver, TicketStandardResolver } from '../resolvers/standard.resolver';
import { EscalationResolver } from '../resolvers/escalation.resolver';
import { CalendarResolver } from '../resolvers/calendar.resolver';
import { CallbackFieldsResolver, CallbackResolver, TicketCallbackResolver } from '../resolvers/callback.resolver';
import { WebhookEndpointFieldsResolver, WebhookResolver } from '../resolvers/webhook.resolver';
import { ScheduledActionResolver } from '../resolvers/scheduled-action.resolver';
import { StoreSubscriptionFieldsResolver, SubscriptionResolver } from '../resolvers/subscription.resolver';
import { PaidServiceFieldsResolver, PaidServiceResolver } from '../resolvers/paid-service.resolver';
import { QuoteResolver, RepairQuoteFieldsResolver, TicketQuotesResolver } from '../resolvers/quote.resolver';
import { ServiceOrderFieldsResolver, ServiceOrderResolver, TicketOrdersResolver } from '../resolvers/service-order.resolver';
import { MessageTemplateResolver } from '../resolvers/message-template.resolver';
import { ReportResolver } from '../resolvers/report.resolver';
import { CareFiguresResolver } from '../resolvers/care-figures.resolver';
import { FiguresResolver } from '../resolvers/figures.resolver';
import { TicketFiguresResolver } from '../resolvers/ticket-figures.resolver';
import { WorkOrderFiguresResolver } from '../resolvers/work-order-figures.resolver';
import { RankingResolver } from '../resolvers/ranking.resolver';
import { AuditResolver } from '../resolvers/audit.resolver';
import { domainErrorMapper } from './errors';
import { decodeGlobalIds } from './global-ids';
import { permissionGuard } from './guard';
import { rejectUnstorableText } from './input-sanity';
import { auditMutations } from './mutation-audit';
import { answerUserErrors } from './user-errors';

export const RESOLVERS = [
  AuthResolver,
  ViewerResolver,
  TenantResolver,
  StaffResolver,
  ApiKeyFieldsResolver,
  CustomerResolver,
  CatalogueResolver,
  DeviceResolver,
  TicketResolver,
  TicketFieldsResolver,
  TicketWarrantyResolver,
  StandardResolver,
  TicketStandardResolver,
  CalendarResolver,
  EscalationResolver,
  PartsResolver,
  PartsOrderFieldsResolver,
  AppointmentResolver,
  AppointmentFieldsResolver,
  ComplaintResolver,
  ProblemResolver,
  UploadResolver,
  InspectionResolver,
  InspectionFieldsResolver,
  InspectionChecklistFieldsResolver,
  InspectionChecklistItemFieldsResolver,
  InspectionResultFieldsResolver,
  CorrectiveActionFieldsResolver,
  DispatchResolver,
  DispatchFieldsResolver,
  WorkOrderResolver,
  TicketAttachmentsResolver,
  CallbackResolver,
  TicketCallbackResolver,
  CallbackFieldsResolver,
  CustomerStatusResolver,
  CommitmentsResolver,
  WebhookResolver,
  WebhookEndpointFieldsResolver,
  ScheduledActionResolver,
  SubscriptionResolver,
  StoreSubscriptionFieldsResolver,
  PaidServiceResolver,
  PaidServiceFieldsResolver,
  QuoteResolver,
  RepairQuoteFieldsResolver,
  TicketQuotesResolver,
  ServiceOrderResolver,
  ServiceOrderFieldsResolver,
  TicketOrdersResolver,
  MessageTemplateResolver,
  ReportResolver,
  FiguresResolver,
  CareFiguresResolver,
  TicketFiguresResolver,
  WorkOrderFiguresResolver,
  RankingResolver,
  AuditResolver,
  NodeResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/**
 * The schema is built once per process; the guard runs before the error mapper sees anything,
 * and before the ids sent are decoded. Every mutation is audited with the ids as sent and the payload as answered.
 * Expected failures become `userErrors` closest to the resolver.
 */
export function appSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    globalMiddlewares: [domainErrorMapper, permissionGuard, rejectUnstorableText, auditMutations, decodeGlobalIds, answerUserErrors],
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}
