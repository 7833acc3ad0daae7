import { Role, TenantKind } from '../core/enums';

/**
 * Everything a caller can be allowed to do. Each GraphQL operation declares one
 * of these (see api/guard.ts); an operation without a declaration is denied.
 */
export enum Permission {
  /** Open to anonymous callers: log in, renew a session, and a customer's answer to a survey (its link's token is the credential). */
  PUBLIC = 'PUBLIC',
  VIEWER_READ = 'VIEWER_READ',
  TENANT_READ = 'TENANT_READ',
  /** HQ reads its stores and partners, through the audited network scope. */
  NETWORK_READ = 'NETWORK_READ',
  STAFF_READ = 'STAFF_READ',
  STAFF_MANAGE = 'STAFF_MANAGE',
  API_KEY_MANAGE = 'API_KEY_MANAGE',
  CUSTOMER_READ = 'CUSTOMER_READ',
  CUSTOMER_WRITE = 'CUSTOMER_WRITE',
  /** Read HQ's product catalogue (an HQ its own, a store or partner its HQ's). */
  CATALOGUE_READ = 'CATALOGUE_READ',
  CATALOGUE_MANAGE = 'CATALOGUE_MANAGE',
  DEVICE_READ = 'DEVICE_READ',
  DEVICE_WRITE = 'DEVICE_WRITE',
  TICKET_READ = 'TICKET_READ',
  /** Register tickets, change them, add notes, contacts, parts and appointments. */
  TICKET_WRITE = 'TICKET_WRITE',
  /** Work a ticket: move it through its states, add notes and contacts (technicians). */
  TICKET_WORK = 'TICKET_WORK',
  TICKET_ASSIGN = 'TICKET_ASSIGN',
  /** Allow a return or exchange outside the warranty terms, with a reason. */
  RETURN_OVERRIDE = 'RETURN_OVERRIDE',
  DISPATCH_WRITE = 'DISPATCH_WRITE',
  /** A partner reads and updates the work orders handed to it. */
  WORK_ORDER_READ = 'WORK_ORDER_READ',
  WORK_ORDER_WRITE = 'WORK_ORDER_WRITE',
  /** Read the service standard in force (HQ's template and the store's overrides). */
  STANDARD_READ = 'STANDARD_READ',
  /** HQ publishes versions of its service standard. */
  STANDARD_MANAGE = 'STANDARD_MANAGE',
  /** A store tightens HQ's targets. */
  STANDARD_OVERRIDE = 'STANDARD_OVERRIDE',
  /** See the tenant's scheduled actions (reminders, messages, deliveries) and retry dead-lettered ones by hand. */
  ACTIONS_MANAGE = 'ACTIONS_MANAGE',
  /** Subscribe endpoints to webhook events, read their deliveries and replay them. */
  WEBHOOK_MANAGE = 'WEBHOOK_MANAGE',
  /** A store sets its prices for HQ's paid services, inside HQ's ranges, and which ones it offers. */
  PRICE_LIST_MANAGE = 'PRICE_LIST_MANAGE',
  /** Draft repair quotes on tickets, send them and record the customer's answer. */
  QUOTE_WRITE = 'QUOTE_WRITE',
  /** A store reads its own subscription to the platform and subscribes (a Stripe checkout link). */
  BILLING_MANAGE = 'BILLING_MANAGE',
  /** HQ reads the subscription standing of every one of its stores, through the network scope. */
  BILLING_READ = 'BILLING_READ',
  /** Offer paid services or a quote on a ticket as an order, send its payment link, cancel it before payment. */
  ORDER_WRITE = 'ORDER_WRITE',
  /** Refund a paid order, whole or in part, with a reason. */
  REFUND = 'REFUND',
  /** Read the wording of the messages sent to customers and staff, and preview drafts of it. */
  MESSAGE_TEMPLATE_READ = 'MESSAGE_TEMPLATE_READ',
  /** Set or reset the tenant's own wording of a message (an HQ's is its network's default). */
  MESSAGE_TEMPLATE_MANAGE = 'MESSAGE_TEMPLATE_MANAGE',
  /** Read and export the audit trail: a store its own, an HQ its network's. */
  AUDIT_READ = 'AUDIT_READ',
  /** Read recurring problems and the monthly top problems: a store its own and its HQ's, an HQ its network's. */
  PROBLEM_READ = 'PROBLEM_READ',
  /** Record problems, link tickets to them, and mark them as being handled. */
  PROBLEM_MANAGE = 'PROBLEM_MANAGE',
  /** Read the service figures and the tickets behind them: a store its own, an HQ its stores' (through the network scope). */
  FIGURES_READ = 'FIGURES_READ',
  /** HQ sets its network's targets and the ranking's weights, and publishes a month's ranking to its stores. */
  RANKING_MANAGE = 'RANKING_MANAGE',
  /** Upload photos as inspection evidence, and read them back. */
  EVIDENCE_UPLOAD = 'EVIDENCE_UPLOAD',
  /** Read inspections and corrective actions: an HQ its stores', a store its own once submitted (an unannounced one never before). */
  INSPECTION_READ = 'INSPECTION_READ',
  /** HQ publishes inspection checklists, schedules and records inspections of its stores, and rules on contested items. */
  INSPECTION_MANAGE = 'INSPECTION_MANAGE',
  /** A store contests an item of its inspection and resolves its corrective actions. */
  INSPECTION_RESPOND = 'INSPECTION_RESPOND',
}

const EVERYONE = [Permission.VIEWER_READ, Permission.TENANT_READ, Permission.CATALOGUE_READ, Permission.STANDARD_READ];
const DESK_READ = [Permission.CUSTOMER_READ, Permission.DEVICE_READ, Permission.TICKET_READ, Permission.WORK_ORDER_READ];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.HQ_ADMIN]: [
    ...EVERYONE,
    Permission.CATALOGUE_MANAGE,
    Permission.STANDARD_MANAGE,
    Permission.NETWORK_READ,
    Permission.STAFF_READ,
    Permission.STAFF_MANAGE,
    Permission.API_KEY_MANAGE,
    Permission.ACTIONS_MANAGE,
    Permission.WEBHOOK_MANAGE,
    Permission.BILLING_READ,
    Permission.MESSAGE_TEMPLATE_READ,
    Permission.MESSAGE_TEMPLATE_MANAGE,
    Permission.AUDIT_READ,
    Permission.PROBLEM_READ,
    Permission.PROBLEM_MANAGE,
    Permission.FIGURES_READ,
    Permission.RANKING_MANAGE,
    Permission.EVIDENCE_UPLOAD,
    Permission.INSPECTION_READ,
    Permission.INSPECTION_MANAGE,
  ],
  [Role.HQ_SUPERVISOR]: [
    ...EVERYONE,
    Permission.NETWORK_READ,
    Permission.STAFF_READ,
    Permission.BILLING_READ,
    Permission.MESSAGE_TEMPLATE_READ,
    Permission.AUDIT_READ,
    Permission.PROBLEM_READ,
    Permission.PROBLEM_MANAGE,
    Permission.FIGURES_READ,
    Permission.EVIDENCE_UPLOAD,
    Permission.INSPECTION_READ,
    Permission.INSPECTION_MANAGE,
  ],
  [Role.STORE_MANAGER]: [
    ...EVERYONE,
    Permission.STAFF_READ,
    Permission.STAFF_MANAGE,
    Permission.API_KEY_MANAGE,
    ...DESK_READ,
    Permission.CUSTOMER_WRITE,
    Permission.DEVICE_WRITE,
    Permission.TICKET_WRITE,
    Permission.TICKET_WORK,
    Permission.TICKET_ASSIGN,
    Permission.RETURN_OVERRIDE,
    Permission.STANDARD_OVERRIDE,
    Permission.DISPATCH_WRITE,
    Permission.WORK_ORDER_WRITE,
    Permission.ACTIONS_MANAGE,
    Permission.WEBHOOK_MANAGE,
    Permission.PRICE_LIST_MANAGE,
    Permission.QUOTE_WRITE,
    Permission.BILLING_MANAGE,
    Permission.ORDER_WRITE,
    Permission.REFUND,
    Permission.MESSAGE_TEMPLATE_READ,
    Permission.MESSAGE_TEMPLATE_MANAGE,
    Permission.AUDIT_READ,
    Permission.PROBLEM_READ,
    Permission.PROBLEM_MANAGE,
    Permission.FIGURES_READ,
    Permission.INSPECTION_READ,
    Permission.INSPECTION_RESPOND,
  ],
  [Role.STORE_AGENT]: [
    ...EVERYONE,
    ...DESK_READ,
    // The desk assigns tickets and schedules visits: it must see whom it can hand them to.
    Permission.STAFF_READ,
    Permission.CUSTOMER_WRITE,
    Permission.DEVICE_WRITE,
    Permission.TICKET_WRITE,
    Permission.TICKET_WORK,
    Permission.TICKET_ASSIGN,
    Permission.DISPATCH_WRITE,
    Permission.WORK_ORDER_WRITE,
    Permission.QUOTE_WRITE,
    Permission.ORDER_WRITE,
    Permission.PROBLEM_READ,
  ],
  [Role.TECHNICIAN]: [...EVERYONE, ...DESK_READ, Permission.TICKET_WORK, Permission.WORK_ORDER_WRITE, Permission.PROBLEM_READ],
  // A partner's system sees only what is handed to it: its work orders, not the store's customers.
  [Role.PARTNER_SYSTEM]: [...EVERYONE, Permission.WORK_ORDER_READ, Permission.WORK_ORDER_WRITE, Permission.WEBHOOK_MANAGE],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/**
 * Which roles exist in which kind of tenant. A partner repair centre works like
 * a small desk (manager, agents, technicians) and also connects its systems.
 */
export const ROLES_BY_TENANT_KIND: Record<TenantKind, readonly Role[]> = {
  [TenantKind.HQ]: [Role.HQ_ADMIN, Role.HQ_SUPERVISOR],
  [TenantKind.STORE]: [Role.STORE_MANAGER, Role.STORE_AGENT, Role.TECHNICIAN],
  [TenantKind.PARTNER]: [Role.STORE_MANAGER, Role.STORE_AGENT, Role.TECHNICIAN, Role.PARTNER_SYSTEM],
};

export function roleFitsTenant(role: Role, kind: TenantKind): boolean {
  return ROLES_BY_TENANT_KIND[kind].includes(role);
}
