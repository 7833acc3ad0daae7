import { CallbackState } from '../../core/callback-enums';
import { notifyCustomer } from '../notifications/ticket-notices';
import { TemplateKey } from '../../core/template-keys';
import { publish } from '../events/dispatcher';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { appendTimeline } from '../ticket-records/timeline';
import { callbackToProcess } from './callback-access';
import { callbackIdOf, callbackKey, scheduleCallbackStep } from './callback-actions';
import { CallbackEvent } from './callback-events';
import { callbackPolicyOf, noResponseDueAt, reminderDueAt } from '../standards/callback-policy';
import { newSurveyToken, surveyUrl } from './survey-token';

/**
 * Sends the survey: a fresh single-use link (only its hash is kept), the
 * message to the customer, and the reminder and "no response" steps counted
 * from now. A retried attempt starts over with another token, since the
 * failed attempt's writes were rolled back with it.
 */
export const processCallbackSurvey: ActionProcessor = async ({ ctx, action, deps }) => {
  const found = await callbackToProcess(ctx, callbackIdOf(action), [CallbackState.PENDING]);
  if ('stale' in found) return skipped(found.stale);
  const { callback, ticket } = found;
  const policy = callbackPolicyOf(ticket);
  const now = ctx.clock.now();
  const { token, hash } = newSurveyToken();
  const expiresAt = noResponseDueAt(now, policy);
  Object.assign(callback, {
    state: CallbackState.SENT,
    tokenHash: hash,
    tokenExpiresAt: expiresAt,
    sentAt: now,
    updatedAt: now,
  });
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.SURVEY_REQUEST,
    key: callbackKey(callback, 'survey-message'),
    params: { surveyUrl: surveyUrl(deps.publicBaseUrl, token) },
  });
  await scheduleCallbackStep(ctx, callback, 'reminder', reminderDueAt(now, policy));
  await scheduleCallbackStep(ctx, callback, 'expiry', expiresAt);
  appendTimeline(ctx, ticket.id, {
    kind: CallbackEvent.SENT,
    summary: 'Satisfaction survey sent to the customer',
    data: { callbackId: callback.id, linkExpiresAt: expiresAt.toISOString() },
  });
  await publish(ctx, { type: 'CallbackChanged', ticket, callback });
  return done({ callbackId: callback.id });
};
