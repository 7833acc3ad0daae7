import { CallbackState } from '../../core/callback-enums';
import { notifyCustomer } from '../notifications/ticket-notices';
import { TemplateKey } from '../../core/template-keys';
import { publish } from '../events/dispatcher';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { appendTimeline } from '../ticket-records/timeline';
import { callbackToProcess } from './callback-access';
import { callbackIdOf, callbackKey } from './callback-actions';
import { CallbackEvent } from './callback-events';
import { newSurveyToken, surveyUrl } from './survey-token';

/**
 * The one reminder of an unanswered survey. The raw token of the first link
 * was never stored, so the reminder carries a new link and the first one
 * stops working: exactly one link per callback is valid at any time, and it
 * is the one in the customer's latest message. The link still expires when
 * the first one would have.
 */
export const processCallbackReminder: ActionProcessor = async ({ ctx, action, deps }) => {
  const found = await callbackToProcess(ctx, callbackIdOf(action), [CallbackState.SENT]);
  if ('stale' in found) return skipped(found.stale);
  const { callback, ticket } = found;
  const now = ctx.clock.now();
  const { token, hash } = newSurveyToken();
  Object.assign(callback, { state: CallbackState.REMINDED, tokenHash: hash, remindedAt: now, updatedAt: now });
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.SURVEY_REMINDER,
    key: callbackKey(callback, 'reminder-message'),
    params: { surveyUrl: surveyUrl(deps.publicBaseUrl, token) },
  });
  appendTimeline(ctx, ticket.id, {
    kind: CallbackEvent.REMINDED,
    summary: 'Satisfaction survey not answered yet: reminder sent with a new link',
    data: { callbackId: callback.id },
  });
  await publish(ctx, { type: 'CallbackChanged', ticket, callback });
  return done({ callbackId: callback.id });
};
