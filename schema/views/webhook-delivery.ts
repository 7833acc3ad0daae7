import type { ScheduledAction, WebhookAttempt, WebhookEvent } from '../entities';

/**
 * Deliveries as a tenant sees them: each is a WEBHOOK_DELIVERY scheduled
 * action (its state, attempts and last error) with the event it carries and
 * the log of its HTTP attempts.
 */
export interface WebhookDeliveryRecord {
  action: ScheduledAction;
  event: WebhookEvent;
  endpointId: string;
  /** The delivery this one replays, if it is a replay. */
  replayOf: string | null;
  /** Oldest first. */
  attempts: WebhookAttempt[];
}
