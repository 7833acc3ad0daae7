import { ActionKind } from '../../core/action-enums';
import { ActionQueue } from './queues';

export interface RetryPolicy {
  maxAttempts: number;
  /** Delays before the 2nd, 3rd... attempt; the last one repeats. Each gets ±25% jitter. */
  delaysMs: readonly number[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Internal work: quick retries, a few minutes in all. */
const INTERNAL: RetryPolicy = { maxAttempts: 6, delaysMs: [5 * SECOND, 30 * SECOND, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE] };
/** Messages: an SMTP server or SMS provider can be down for a while; about 3 hours in all. */
const MESSAGES: RetryPolicy = { maxAttempts: 8, delaysMs: [10 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, HOUR] };
/** Webhooks: the Standard Webhooks schedule, about a day in all before the delivery is dead-lettered. */
const WEBHOOKS: RetryPolicy = { maxAttempts: 8, delaysMs: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 8 * HOUR, 8 * HOUR] };
/** Stripe: calls carry idempotency keys, so retrying is always safe; about sixteen hours in all, Stripe's own outages included. */
const STRIPE: RetryPolicy = { maxAttempts: 10, delaysMs: [10 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR] };

/** Each kind of action runs on one queue (so a slow partner endpoint never delays a customer's message) and retries its own way. */
export const ACTION_RULES: Record<ActionKind, { queue: ActionQueue; retry: RetryPolicy }> = {
  [ActionKind.TICKET_WATCH]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.NOTIFICATION]: { queue: ActionQueue.MESSAGES, retry: MESSAGES },
  [ActionKind.APPOINTMENT_REMINDER]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.CALLBACK_SURVEY]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.CALLBACK_REMINDER]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.CALLBACK_EXPIRY]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.WEBHOOK_DELIVERY]: { queue: ActionQueue.WEBHOOKS, retry: WEBHOOKS },
  [ActionKind.WORK_ORDER_NOTICE]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.CALENDAR_RECOMPUTE]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.CORRECTIVE_ACTION_REMINDER]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.CORRECTIVE_ACTION_ESCALATION]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  [ActionKind.PROBLEM_DUE]: { queue: ActionQueue.TICKETS, retry: INTERNAL },
  // Stripe's events and calls share the queue of outgoing HTTP: neither holds up a customer's message.
  [ActionKind.STRIPE_EVENT]: { queue: ActionQueue.WEBHOOKS, retry: STRIPE },
  [ActionKind.SUBSCRIPTION_CHECKOUT]: { queue: ActionQueue.WEBHOOKS, retry: STRIPE },
  [ActionKind.SUBSCRIPTION_PLAN_CHANGE]: { queue: ActionQueue.WEBHOOKS, retry: STRIPE },
  [ActionKind.ORDER_CHECKOUT]: { queue: ActionQueue.WEBHOOKS, retry: STRIPE },
  [ActionKind.ORDER_CHECKOUT_EXPIRE]: { queue: ActionQueue.WEBHOOKS, retry: STRIPE },
  [ActionKind.ORDER_REFUND]: { queue: ActionQueue.WEBHOOKS, retry: STRIPE },
};

/** The wait before attempt `attempt + 1` after `attempt` failed (1-based), with jitter so retries of a burst spread out. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = policy.delaysMs[Math.min(attempt - 1, policy.delaysMs.length - 1)];
  return Math.round(base * (0.75 + random() * 0.5));
}
