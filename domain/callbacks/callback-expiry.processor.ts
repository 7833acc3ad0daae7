import { AWAITING_ANSWER, CallbackState } from '../../core/callback-enums';
import { publish } from '../events/dispatcher';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { appendTimeline } from '../ticket-records/timeline';
import { callbackToProcess } from './callback-access';
import { callbackIdOf } from './callback-actions';
import { CallbackEvent } from './callback-events';

/**
 * The survey stayed unanswered: "no response" is recorded and the link stops
 * working. The ticket stays resolved; staff may still call the customer and
 * record the answer by phone.
 */
export const processCallbackExpiry: ActionProcessor = async ({ ctx, action }) => {
  const found = await callbackToProcess(ctx, callbackIdOf(action), AWAITING_ANSWER);
  if ('stale' in found) return skipped(found.stale);
  const { callback, ticket } = found;
  Object.assign(callback, { state: CallbackState.NO_RESPONSE, tokenHash: null, updatedAt: ctx.clock.now() });
  appendTimeline(ctx, ticket.id, {
    kind: CallbackEvent.NO_RESPONSE,
    summary: 'No answer to the satisfaction survey: the link expired; call the customer instead',
    data: { callbackId: callback.id, sentAt: callback.sentAt?.toISOString() ?? null },
  });
  await publish(ctx, { type: 'CallbackChanged', ticket, callback });
  return done({ callbackId: callback.id });
};
