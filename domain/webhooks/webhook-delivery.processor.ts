import { WebhookAttempt, WebhookEndpoint, WebhookEvent } from '../../schema/entities';
import { WebhookEndpointStatus } from '../../core/webhook-enums';
import { ActionProcessor, deadLetter, done, retryLater, skipped } from '../scheduling/processor';
import { deliveryTargetOf } from './delivery-target';
import { recordDeadDelivery, recordDeliveryAccepted } from './endpoint-health';
import { postWebhook } from './post-webhook';
import { signedHeaders, signingSecretsOf, webhookBody } from './signing';

/**
 * One attempt of one WEBHOOK_DELIVERY: re-reads the endpoint and the event,
 * POSTs the signed event, and logs the attempt whatever happens. A 2xx
 * completes the delivery; anything else asks for a retry with backoff. The
 * runner dead-letters the delivery after its last attempt and does nothing
 * more, so the endpoint's failure streak is counted here, on that attempt.
 */
export const processWebhookDelivery: ActionProcessor = async ({ ctx, action, deps }) => {
  const target = deliveryTargetOf(action);
  if (!target) return skipped('not a webhook delivery payload');
  const endpoint = await ctx.em.findOne(WebhookEndpoint, { tenantId: ctx.tenantId, id: target.endpointId }, { refresh: true });
  if (!endpoint) return skipped('endpoint deleted');
  // Kept as a dead letter, not dropped: once the endpoint is enabled again, the delivery can be retried by hand.
  if (endpoint.status !== WebhookEndpointStatus.ACTIVE) return deadLetter('the endpoint is disabled: enable it, then retry this delivery');
  const event = await ctx.em.findOne(WebhookEvent, { tenantId: ctx.tenantId, id: target.eventId });
  if (!event) return skipped('event deleted');

  // Numbered from the log, not from the action: a dead delivery retried by hand starts a new round of
  // attempts, and its log carries on rather than starting again at 1.
  const attemptNumber = (await ctx.em.count(WebhookAttempt, { tenantId: ctx.tenantId, deliveryId: action.id })) + 1;
  const body = webhookBody(event);
  const now = ctx.clock.now();
  // Wall-clock time on purpose: receivers compare the signed timestamp with their own clock.
  const sentAt = new Date();
  const result = await postWebhook(deps.fetch, {
    url: endpoint.url,
    headers: signedHeaders(event.webhookId, body, signingSecretsOf(endpoint, now), sentAt),
    body,
    timeoutMs: deps.webhookTimeoutMs,
  });
  ctx.em.create(WebhookAttempt, {
    tenantId: ctx.tenantId,
    deliveryId: action.id,
    endpointId: endpoint.id,
    eventId: event.id,
    attemptNumber,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    responseExcerpt: result.responseExcerpt,
    error: result.error,
    attemptedAt: now,
  });
  const outcome = { statusCode: result.statusCode, latencyMs: result.latencyMs, attempt: attemptNumber };

  if (result.ok) {
    await recordDeliveryAccepted(ctx, endpoint.id);
    return done(outcome);
  }
  const error = result.error ?? 'delivery failed';
  // The last attempt of this round: the runner dead-letters the delivery after it.
  if (action.attempts >= action.maxAttempts) {
    const health = await recordDeadDelivery(ctx, endpoint, error);
    return retryLater(error, { ...outcome, ...health });
  }
  return retryLater(error, outcome);
};
