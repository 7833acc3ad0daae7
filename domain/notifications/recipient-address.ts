import { Customer, StaffUser, Tenant } from '../../schema/entities';
import { Locale, Role, StaffStatus, TenantKind } from '../../core/enums';
import type { TenantContext } from '../context';
import type { MessageChannels } from '../ports/message-channels';
import { maskEmail, maskPhone } from './masking';
import { message } from './messages/catalogue';
import type { Recipient } from './notify';

export type Channel = 'EMAIL' | 'SMS';

/** Where and how a message reaches its recipient, read fresh when it is sent. */
export interface Addressee {
  reachable: true;
  channel: Channel;
  /** The address handed to the sender (several e-mail addresses are separated by commas). */
  to: string;
  /** The address as recorded: masked for customers. */
  shownTo: string;
  /** Who it is for, in words, for the timeline: "customer", a colleague's name, "managers", "HQ service quality". */
  label: string;
  audience: 'CUSTOMER' | 'STAFF';
  name: string;
  locale: Locale;
}

export interface Unreachable {
  reachable: false;
  reason: string;
  /** A customer who should have been told and could not be: worth a note on the ticket. */
  customerLeftUninformed: boolean;
}

/** Who receives TENANT_ADMINS messages: the people who run the tenant. */
export function adminRoleOf(kind: TenantKind): Role {
  return kind === TenantKind.HQ ? Role.HQ_ADMIN : Role.STORE_MANAGER;
}

/**
 * Customers are written to by e-mail when they gave one, else by SMS; staff
 * always by e-mail, in their tenant's language.
 */
export async function addressRecipient(ctx: TenantContext, tenant: Tenant, recipient: Recipient, channels: MessageChannels): Promise<Addressee | Unreachable> {
  if (recipient.kind === 'CUSTOMER') {
    const customer = await ctx.em.findOne(Customer, { tenantId: ctx.tenantId, id: recipient.customerId });
    if (!customer) return { reachable: false, reason: 'the customer no longer exists', customerLeftUninformed: false };
    const base = { reachable: true as const, label: 'customer', audience: 'CUSTOMER' as const, name: customer.name, locale: customer.locale };
    if (customer.email) return { ...base, channel: 'EMAIL', to: customer.email, shownTo: maskEmail(customer.email) };
    if (channels.sms) return { ...base, channel: 'SMS', to: customer.phone, shownTo: maskPhone(customer.phone) };
    return { reachable: false, reason: 'the customer has no e-mail address and no SMS provider is configured', customerLeftUninformed: true };
  }
  if (recipient.kind === 'STAFF') {
    const staff = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: recipient.staffId });
    if (!staff) return { reachable: false, reason: 'the staff user no longer exists', customerLeftUninformed: false };
    if (staff.status !== StaffStatus.ACTIVE) return { reachable: false, reason: `${staff.name} is disabled`, customerLeftUninformed: false };
    return {
      reachable: true,
      channel: 'EMAIL',
      to: staff.email,
      shownTo: staff.email,
      label: staff.name,
      audience: 'STAFF',
      name: staff.name,
      locale: tenant.locale,
    };
  }
  if (recipient.kind === 'HQ_ROLE') return addressHqRole(ctx, recipient.role);
  const role = adminRoleOf(tenant.kind);
  const admins = await ctx.em.find(StaffUser, { tenantId: ctx.tenantId, role, status: StaffStatus.ACTIVE }, { orderBy: { email: 'asc' } });
  if (admins.length === 0) return { reachable: false, reason: `the tenant has no active ${role}`, customerLeftUninformed: false };
  const to = admins.map((admin) => admin.email).join(', ');
  const label = tenant.kind === TenantKind.HQ ? 'HQ admins' : 'managers';
  // One message goes to all of them (one Message-ID per action), so several are greeted together.
  const name = greeting(admins, tenant.locale);
  return { reachable: true, channel: 'EMAIL', to, shownTo: to, label, audience: 'STAFF', name, locale: tenant.locale };
}

const HQ_ROLE_LABEL: Record<string, string> = { [Role.HQ_ADMIN]: 'HQ admins', [Role.HQ_SUPERVISOR]: 'HQ service quality' };

/** HQ's staff in one role, read through a narrow database function: a store cannot read HQ's staff itself. */
async function addressHqRole(ctx: TenantContext, role: Role): Promise<Addressee | Unreachable> {
  const rows = await ctx.em.execute<{ email: string; name: string; locale: Locale }[]>('select email, name, locale from notification_hq_staff(?)', [role]);
  if (rows.length === 0) return { reachable: false, reason: `HQ has no active ${role}`, customerLeftUninformed: false };
  const locale = rows[0].locale;
  const to = rows.map((row) => row.email).join(', ');
  const name = greeting(rows, locale);
  return { reachable: true, channel: 'EMAIL', to, shownTo: to, label: HQ_ROLE_LABEL[role] ?? role, audience: 'STAFF', name, locale };
}

/** Whom a message to several people greets: one by name, several together ("Colleagues"). */
function greeting(people: readonly { name: string }[], locale: Locale): string {
  return message(locale, 'recipients.greeting', { count: people.length, name: people[0].name });
}
