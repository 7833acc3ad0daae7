import { registerEnumType } from 'type-graphql';

/**
 * Every kind of time-driven work.
 */
export enum ActionKind {
  /** Re-reads a ticket's clocks at their next turning point: at-risk reminders, breaches, escalations, progress updates. */
  TICKET_WATCH = 'TICKET_WATCH',
  /** One email or SMS to one recipient, rendered from a template. */
  NOTIFICATION = 'NOTIFICATION',
  /** Reminds the customer and the technician of an on-site visit. */
  APPOINTMENT_REMINDER = 'APPOINTMENT_REMINDER',
  /** Sends the satisfaction survey of a callback. */
  CALLBACK_SURVEY = 'CALLBACK_SURVEY',
  /** Reminds the customer once of an unanswered survey. */
  CALLBACK_REMINDER = 'CALLBACK_REMINDER',
  /** Records "no response" when the survey stays unanswered. */
  CALLBACK_EXPIRY = 'CALLBACK_EXPIRY',
  /** One signed POST of one event to one partner endpoint. */
  WEBHOOK_DELIVERY = 'WEBHOOK_DELIVERY',
  /** Applies one Stripe event we accepted at /webhooks/stripe (re-reading the object from Stripe where order matters). */
  STRIPE_EVENT = 'STRIPE_EVENT',
  /** Creates the Stripe Checkout Session of a store's subscription checkout and e-mails its link to the store's managers. */
  SUBSCRIPTION_CHECKOUT = 'SUBSCRIPTION_CHECKOUT',
  /** Swaps the price of a store's Stripe subscription for its new plan's (Stripe prorates the difference). */
  SUBSCRIPTION_PLAN_CHANGE = 'SUBSCRIPTION_PLAN_CHANGE',
  /** Creates the Stripe Checkout Session of an order of paid services and e-mails its payment link to the customer. */
  ORDER_CHECKOUT = 'ORDER_CHECKOUT',
  /** Expires the Stripe Checkout Session of a cancelled order, so its link can no longer be paid. */
  ORDER_CHECKOUT_EXPIRE = 'ORDER_CHECKOUT_EXPIRE',
  /** Asks Stripe for a refund of an order (idempotency key `refund:<refundId>`) and records the outcome. */
  ORDER_REFUND = 'ORDER_REFUND',
  /** Tells a partner's own endpoints of a work order a store handed to it (runs in the partner's name). */
  WORK_ORDER_NOTICE = 'WORK_ORDER_NOTICE',
  /** Recomputes the due times of a tenant's open tickets after its HQ published a year of the national calendar. */
  CALENDAR_RECOMPUTE = 'CALENDAR_RECOMPUTE',
  /** Reminds a store's managers of a corrective action from an inspection before its deadline (runs in the store's name). */
  CORRECTIVE_ACTION_REMINDER = 'CORRECTIVE_ACTION_REMINDER',
  /** At a corrective action's deadline, tells HQ service quality and the store's managers it is still open (runs in the store's name). */
  CORRECTIVE_ACTION_ESCALATION = 'CORRECTIVE_ACTION_ESCALATION',
  /** Reminds a problem's owner on its due date, and escalates it once the date has passed unresolved. */
  PROBLEM_DUE = 'PROBLEM_DUE',
}

export enum ActionState {
  PENDING = 'PENDING',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
  /** Every attempt failed: kept for a person to look at and retry. */
  DEAD = 'DEAD',
}

registerEnumType(ActionKind, { name: 'ScheduledActionKind', description: 'What a scheduled action does.' });
registerEnumType(ActionState, { name: 'ScheduledActionState', description: 'Where a scheduled action is in its life.' });
