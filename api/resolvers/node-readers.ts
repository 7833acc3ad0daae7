import { findProductModel } from '../../domain/catalogue/product-model.service';
import { findCustomer } from '../../domain/customers/customer.service';
import { findDevice } from '../../domain/devices/device.service';
import { findTicket } from '../../domain/ticket-records/ticket-access';
import type { TenantContext } from '../../domain/context';
import { notFound } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import { findStaffUser } from '../../domain/staff/staff.service';
import { findVisibleTenant } from '../../domain/tenants/tenant.service';
import { ApiKey } from '../../schema/entities';
import type { NodeType } from '../../core/global-id';
import type { Node } from '../../schema/graphql/node';
import { findAppointment } from '../../domain/tickets/appointment.service';
import { findDispatch } from '../../domain/tickets/dispatch.service';
import { findPartsOrder } from '../../domain/tickets/parts.service';
import { findWorkOrder } from '../../domain/tickets/work-order.service';
import { findAction } from '../../domain/scheduling/action-admin';
import { findWebhookEndpoint } from '../../domain/webhooks/endpoint.service';
import { findPaidService } from '../../domain/paid-services/paid-service.service';
import { findQuote } from '../../domain/quotes/quote-access';
import { findOrder } from '../../domain/orders/order-access';
import { findProblem } from '../../domain/problems/problem-access';
import { findUpload } from '../../domain/uploads/upload-access';
import { findChecklist } from '../../domain/inspections/checklists';
import { findInspection } from '../../domain/inspections/inspection-access';
import { findCorrectiveAction } from '../../domain/inspections/corrective-actions';

/**
 * How `node(id:)` reads each type: with the permission its own query needs,
 * through the same domain look-up (so another tenant's id is NOT_FOUND).
 */
export interface NodeReader {
  permission: Permission;
  load(ctx: TenantContext, id: string): Promise<Node>;
}

export const NODE_READERS: Partial<Record<NodeType, NodeReader>> = {
  Tenant: { permission: Permission.TENANT_READ, load: findVisibleTenant },
  StaffUser: { permission: Permission.STAFF_READ, load: findStaffUser },
  Customer: { permission: Permission.CUSTOMER_READ, load: findCustomer },
  PartsOrder: { permission: Permission.TICKET_READ, load: findPartsOrder },
  Appointment: { permission: Permission.TICKET_READ, load: findAppointment },
  Dispatch: { permission: Permission.TICKET_READ, load: findDispatch },
  WorkOrder: { permission: Permission.WORK_ORDER_READ, load: findWorkOrder },
  Ticket: { permission: Permission.TICKET_READ, load: findTicket },
  Device: { permission: Permission.DEVICE_READ, load: findDevice },
  ProductModel: { permission: Permission.CATALOGUE_READ, load: findProductModel },
  ScheduledAction: { permission: Permission.ACTIONS_MANAGE, load: findAction },
  WebhookEndpoint: { permission: Permission.WEBHOOK_MANAGE, load: findWebhookEndpoint },
  PaidService: { permission: Permission.CATALOGUE_READ, load: findPaidService },
  RepairQuote: { permission: Permission.TICKET_READ, load: findQuote },
  ServiceOrder: { permission: Permission.TICKET_READ, load: findOrder },
  Problem: { permission: Permission.PROBLEM_READ, load: findProblem },
  // Each purpose has its own read permission, which the look-up checks.
  Upload: { permission: Permission.VIEWER_READ, load: findUpload },
  InspectionChecklist: { permission: Permission.INSPECTION_READ, load: findChecklist },
  Inspection: { permission: Permission.INSPECTION_READ, load: findInspection },
  CorrectiveAction: { permission: Permission.INSPECTION_READ, load: findCorrectiveAction },
  ApiKey: {
    permission: Permission.API_KEY_MANAGE,
    async load(ctx, id) {
      const key = await ctx.em.findOne(ApiKey, { tenantId: ctx.tenantId, id });
      if (!key) throw notFound('Node');
      return key;
    },
  },
};
