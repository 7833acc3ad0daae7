import { LockMode } from '@mikro-orm/core';
import { CallbackState } from '../../core/callback-enums';
import { TicketStatus } from '../../core/desk-enums';
import { Callback, Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import { publish } from '../events/dispatcher';

/**
 * Reading callbacks to change them, and deciding whether one still applies.
 * A callback follows one resolution of its ticket; once the ticket is
 * reopened, cancelled or resolved again, that callback has nothing left to ask.
 */
const FOLLOWED_UP: readonly TicketStatus[] = [TicketStatus.RESOLVED, TicketStatus.CLOSED];

/** Locked and re-read, so two writers of one callback (an answer, a reminder) take turns. */
export async function lockCallback(ctx: TenantContext, id: string): Promise<Callback | null> {
  return ctx.em.findOne(Callback, { tenantId: ctx.tenantId, id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/** The callback of the ticket's current resolution, locked; null if none was planned. */
export async function lockCurrentCallback(ctx: TenantContext, ticket: Ticket): Promise<Callback | null> {
  if (!ticket.resolvedAt) return null;
  return ctx.em.findOne(
    Callback,
    { tenantId: ctx.tenantId, ticketId: ticket.id, resolvedAt: ticket.resolvedAt },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
}

/** Why the callback no longer applies to its ticket, or null while it does. */
export function staleness(callback: Callback, ticket: Ticket): string | null {
  if (!FOLLOWED_UP.includes(ticket.status)) return `the ticket is ${ticket.status}`;
  if (ticket.resolvedAt?.getTime() !== callback.resolvedAt.getTime()) return 'the ticket was resolved again since';
  return null;
}

/** The callback ends without an answer: its link stops working at once. */
export function cancelCallback(ctx: TenantContext, callback: Callback): void {
  callback.state = CallbackState.CANCELLED;
  callback.tokenHash = null;
  callback.updatedAt = ctx.clock.now();
}

/**
 * For a processor: the action's callback, locked, if it is in one of the
 * states the step expects and its ticket still waits for it. A callback whose
 * ticket moved on is cancelled here, so it stops showing as pending.
 */
export async function callbackToProcess(
  ctx: TenantContext,
  callbackId: string,
  expected: readonly CallbackState[],
): Promise<{ callback: Callback; ticket: Ticket } | { stale: string }> {
  const callback = await lockCallback(ctx, callbackId);
  if (!callback) return { stale: 'the callback no longer exists' };
  if (!expected.includes(callback.state)) return { stale: `the callback is ${callback.state}` };
  const ticket = await ctx.em.findOne(Ticket, { tenantId: ctx.tenantId, id: callback.ticketId });
  if (!ticket) {
    cancelCallback(ctx, callback);
    return { stale: 'the ticket no longer exists' };
  }
  const why = staleness(callback, ticket);
  if (why) {
    cancelCallback(ctx, callback);
    await publish(ctx, { type: 'CallbackChanged', ticket, callback });
    return { stale: why };
  }
  return { callback, ticket };
}
