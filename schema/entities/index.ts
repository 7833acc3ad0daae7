import { ApiKey } from './api-key.entity';
import { Appointment } from './appointment.entity';
import { AuditEvent } from './audit-event.entity';
import { BillingCustomer } from './billing-customer.entity';
import { Callback } from './callback.entity';
import { Customer } from './customer.entity';
import { Device } from './device.entity';
import { Dispatch, WorkOrder } from './dispatch.entity';
import { MessageTemplate } from './message-template.entity';
import { PaidService } from './paid-service.entity';
import { PaymentAnomaly } from './payment-anomaly.entity';
import { PartsOrder, PartsOrderDateChange } from './parts-order.entity';
import { Problem, ProblemTicket } from './problem.entity';
import { InspectionEvidence, TicketAttachment, Upload } from './upload.entity';
import {
  CorrectiveAction,
  CorrectiveActionResolution,
  Inspection,
  InspectionChecklist,
  InspectionChecklistItem,
  InspectionContest,
  InspectionResult,
} from './inspection.entity';
import { PriceListEntry } from './price-list-entry.entity';
import { ProductModel } from './product-model.entity';
import { RepairQuote } from './repair-quote.entity';
import { RepairQuoteLine } from './repair-quote-line.entity';
import { Refund } from './refund.entity';
import { ScheduledAction } from './scheduled-action.entity';
import { ServiceOrder } from './service-order.entity';
import { ServiceOrderLine } from './service-order-line.entity';
import { SlaOverrides, SlaTemplateVersion } from './sla.entity';
import { StaffSession } from './staff-session.entity';
import { StaffUser } from './staff-user.entity';
import { StoreSubscription } from './subscription.entity';
import { StripeEvent } from './stripe-event.entity';
import { SubscriptionCheckout } from './subscription-checkout.entity';
import { Tenant } from './tenant.entity';
import { Ticket } from './ticket.entity';
import { TicketClockPoint } from './ticket-clock-point.entity';
import { TicketEvent } from './ticket-event.entity';
import { TicketStatusLink } from './ticket-status-link.entity';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';

export {
  CorrectiveAction,
  CorrectiveActionResolution,
  Inspection,
  InspectionChecklist,
  InspectionChecklistItem,
  InspectionContest,
  InspectionResult,
  ApiKey,
  Appointment,
  AuditEvent,
  BillingCustomer,
  Callback,
  Customer,
  Device,
  Dispatch,
  MessageTemplate,
  PaidService,
  PaymentAnomaly,
  PartsOrder,
  PartsOrderDateChange,
  PriceListEntry,
  Problem,
  ProblemTicket,
  ProductModel,
  RepairQuote,
  RepairQuoteLine,
  Refund,
  ScheduledAction,
  ServiceOrder,
  ServiceOrderLine,
  SlaOverrides,
  SlaTemplateVersion,
  StaffSession,
  StaffUser,
  StoreSubscription,
  StripeEvent,
  SubscriptionCheckout,
  Tenant,
  Ticket,
  TicketClockPoint,
  TicketEvent,
  TicketStatusLink,
  TicketAttachment,
  InspectionEvidence,
  Upload,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEvent,
  WorkOrder,
};

/** Every entity MikroORM must know; the list is explicit so start-up does no folder scanning. */
export const ENTITIES = [
  InspectionChecklist,
  InspectionChecklistItem,
  Inspection,
  InspectionResult,
  InspectionContest,
  CorrectiveAction,
  CorrectiveActionResolution,
  Tenant,
  StaffUser,
  StaffSession,
  ApiKey,
  AuditEvent,
  Customer,
  ProductModel,
  Device,
  Ticket,
  TicketEvent,
  TicketStatusLink,
  TicketClockPoint,
  PartsOrder,
  PartsOrderDateChange,
  Appointment,
  Dispatch,
  WorkOrder,
  SlaTemplateVersion,
  SlaOverrides,
  ScheduledAction,
  MessageTemplate,
  WebhookEndpoint,
  WebhookEvent,
  WebhookAttempt,
  Callback,
  PaidService,
  PriceListEntry,
  RepairQuote,
  RepairQuoteLine,
  StoreSubscription,
  SubscriptionCheckout,
  StripeEvent,
  ServiceOrder,
  ServiceOrderLine,
  Refund,
  PaymentAnomaly,
  BillingCustomer,
  Problem,
  ProblemTicket,
  Upload,
  TicketAttachment,
  InspectionEvidence,
];
