import { Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';

export async function findTicket(ctx: TenantContext, id: string): Promise<Ticket> {
  const ticket = await ctx.em.findOne(Ticket, { tenantId: ctx.tenantId, id });
  if (!ticket) throw notFound('Ticket');
  return ticket;
}

/**
 * Loads a ticket to change it. With `expectedVersion`, a ticket changed by
 * someone else since the caller read it answers STALE instead of being
 * silently overwritten; the version check is repeated by the UPDATE itself.
 */
export async function ticketForUpdate(ctx: TenantContext, id: string, expectedVersion?: number | null): Promise<Ticket> {
  const ticket = await findTicket(ctx, id);
  if (expectedVersion != null && expectedVersion !== ticket.version) {
    throw staleTicket(ticket.version, expectedVersion);
  }
  return ticket;
}

export function staleTicket(current?: number, expected?: number): UserInputError {
  const detail = current != null && expected != null ? ` (version ${current}, you had ${expected})` : '';
  return new UserInputError('STALE', `Ticket was changed by someone else${detail}; reload and retry`, ['expectedVersion']);
}

/**
 * Every ticket change that touches the ticket row also bumps its version, even
 * when only a child record (a part, an appointment) changed: the ticket as a
 * whole moved on, and a colleague holding the old version must reload.
 */
export function touchTicket(ticket: Ticket, now: Date): void {
  ticket.updatedAt = now;
}
