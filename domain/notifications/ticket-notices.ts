import type { Ticket } from '../../schema/entities';
import { Customer, Tenant } from '../../schema/entities';
import type { Role } from '../../core/enums';
import type { TenantContext } from '../context';
import { recordStatusLink, STATUS_TOKEN_PARAM } from './status-link';
import { newStatusToken } from './status-token';
import { scheduleNotification } from './notify';
import type { TemplateKey } from '../../core/template-keys';

/**
 * Messages about a ticket, scheduled in the caller's transaction with the
 * change that causes them. Every message carries the facts a template may
 * use; the worker renders it in the recipient's language when it is sent.
 */
async function ticketParams(ctx: TenantContext, ticket: Ticket): Promise<Record<string, string>> {
  const customer = await ctx.em.findOne(Customer, { tenantId: ctx.tenantId, id: ticket.customerId });
  const store = await ctx.em.findOne(Tenant, { id: ctx.tenantId });
  return {
    ticketNumber: ticket.number,
    customerName: ticket.contactName || customer?.name || '',
    storeName: store?.name ?? '',
    status: ticket.status,
    problem: ticket.problem,
  };
}

/**
 * To the ticket's customer, by the customer's channel. Every such message
 * carries a link to the ticket's status page: a link of its own, fixed when
 * the message is scheduled, so a retried send repeats the same link.
 */
export async function notifyCustomer(
  ctx: TenantContext,
  ticket: Ticket,
  message: { template: TemplateKey; key: string; params: Record<string, string>; dueAt?: Date; newKey?: boolean },
): Promise<void> {
  const link = newStatusToken();
  const action = await scheduleNotification(ctx, {
    key: message.key,
    newKey: message.newKey,
    template: message.template,
    recipient: { kind: 'CUSTOMER', customerId: ticket.customerId },
    ticketId: ticket.id,
    params: { ...(await ticketParams(ctx, ticket)), ...message.params, [STATUS_TOKEN_PARAM]: link.token },
    dueAt: message.dueAt,
  });
  // The same cause scheduled twice is one message, which already has its link.
  const params = action.payload.params as Record<string, unknown> | undefined;
  if (params?.[STATUS_TOKEN_PARAM] === link.token) recordStatusLink(ctx, ticket.id, link.hash);
}

/** To named staff of the store and to roles at its HQ; one message per person, keyed per person. */
export async function notifyStaff(
  ctx: TenantContext,
  ticket: Ticket,
  message: { template: TemplateKey; key: string; people: { id: string }[]; hqRoles?: Role[]; params: Record<string, string>; dueAt?: Date },
): Promise<void> {
  const params = { ...(await ticketParams(ctx, ticket)), ...message.params };
  for (const person of message.people) {
    await scheduleNotification(ctx, {
      key: `${message.key}:${person.id}`,
      template: message.template,
      recipient: { kind: 'STAFF', staffId: person.id },
      ticketId: ticket.id,
      params,
      dueAt: message.dueAt,
    });
  }
  for (const role of message.hqRoles ?? []) {
    await scheduleNotification(ctx, {
      key: `${message.key}:hq:${role}`,
      template: message.template,
      recipient: { kind: 'HQ_ROLE', role },
      ticketId: ticket.id,
      params,
      dueAt: message.dueAt,
    });
  }
}
