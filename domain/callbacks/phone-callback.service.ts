import { CallbackChannel, COMPLETED } from '../../core/callback-enums';
import { TicketStatus } from '../../core/desk-enums';
import { Callback, Ticket } from '../../schema/entities';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { ticketForUpdate } from '../ticket-records/ticket-access';
import { lockCurrentCallback } from './callback-access';
import { lockPendingCallbackActions } from './callback-actions';
import { validAnswer } from './callback-answer';
import { completeCallback } from './callback-completion';
import type { RecordPhoneCallbackInput } from '../../schema/graphql/callback.types';

const FOLLOWED_UP: readonly TicketStatus[] = [TicketStatus.RESOLVED, TicketStatus.CLOSED];

/**
 * A colleague called the customer and records the answer: instead of an
 * unanswered survey, after "no response", or for a ticket the policy did not
 * pick. It has the same consequences as a survey answer, and the survey's
 * link stops working.
 */
export async function recordPhoneCallback(ctx: TenantContext, input: RecordPhoneCallbackInput): Promise<{ callback: Callback; ticket: Ticket }> {
  const answer = validAnswer(input);
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId);
    if (!FOLLOWED_UP.includes(ticket.status) || !ticket.resolvedAt) {
      throw new UserInputError('TICKET_NOT_RESOLVED', `Ticket ${ticket.number} is ${ticket.status}; a callback follows its resolution`, ['ticketId']);
    }
    await lockPendingCallbackActions(ctx, ticket.id);
    const now = ctx.clock.now();
    const callback =
      (await lockCurrentCallback(ctx, ticket)) ??
      ctx.em.create(Callback, { tenantId: ctx.tenantId, ticketId: ticket.id, resolvedAt: ticket.resolvedAt, createdAt: now, updatedAt: now });
    if (COMPLETED.includes(callback.state)) {
      throw new UserInputError('CALLBACK_DONE', `The customer already answered the callback of ticket ${ticket.number}`, ['ticketId']);
    }
    const calledById = ctx.principal.kind === 'USER' ? ctx.principal.id : null;
    await completeCallback(ctx, ticket, callback, answer, { channel: CallbackChannel.PHONE, calledById });
    return { callback, ticket };
  });
}
