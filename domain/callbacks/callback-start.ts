import { LockMode } from '@mikro-orm/core';
import { CallbackState } from '../../core/callback-enums';
import { TicketStatus } from '../../core/desk-enums';
import { Callback, Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import { cancelCallback } from './callback-access';
import { cancelCallbackActions, lockPendingCallbackActions, scheduleCallbackStep } from './callback-actions';
import { callbackPolicyOf, isCalledBack } from '../standards/callback-policy';

const UNFINISHED: readonly CallbackState[] = [CallbackState.PENDING, CallbackState.SENT, CallbackState.REMINDED];

/**
 * Called when a ticket is resolved, in the transaction of the move: if the
 * policy picks the ticket, its callback is planned and the survey scheduled
 * for now. Resolving the same resolution twice plans nothing more.
 */
export async function startCallbackIfDue(ctx: TenantContext, ticket: Ticket): Promise<Callback | null> {
  if (ticket.status !== TicketStatus.RESOLVED || !ticket.resolvedAt) return null;
  if (!isCalledBack(ticket, callbackPolicyOf(ticket))) return null;
  const existing = await ctx.em.findOne(Callback, { tenantId: ctx.tenantId, ticketId: ticket.id, resolvedAt: ticket.resolvedAt });
  if (existing) return existing;
  await endEarlierCallbacks(ctx, ticket);
  const now = ctx.clock.now();
  const callback = ctx.em.create(Callback, {
    tenantId: ctx.tenantId,
    ticketId: ticket.id,
    resolvedAt: ticket.resolvedAt,
    createdAt: now,
    updatedAt: now,
  });
  await scheduleCallbackStep(ctx, callback, 'survey', now);
  return callback;
}

/**
 * A ticket resolved again after a reopen: a survey still open from the
 * earlier resolution would ask about work that was redone, so it ends here.
 */
async function endEarlierCallbacks(ctx: TenantContext, ticket: Ticket): Promise<void> {
  await lockPendingCallbackActions(ctx, ticket.id);
  const open = await ctx.em.find(
    Callback,
    { tenantId: ctx.tenantId, ticketId: ticket.id, state: { $in: [...UNFINISHED] } },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  for (const callback of open) {
    cancelCallback(ctx, callback);
    await cancelCallbackActions(ctx, callback);
  }
}
