import { registerEnumType } from 'type-graphql';
import { describeEnum } from './describe-enum';

/**
 * Where a store's subscription to the platform stands. Stripe's own statuses
 * are mapped onto these (see domain/billing/subscription-sync.ts).
 */
export enum SubscriptionStatus {
  /** Free trial: the store's first days on the platform, or a Stripe subscription still in its trial. */
  TRIALING = 'TRIALING',
  /** Paid and current. */
  ACTIVE = 'ACTIVE',
  /** A renewal payment failed; Stripe keeps retrying. Full access for the grace period, then read-only. */
  PAST_DUE = 'PAST_DUE',
  /** The subscription ended. The store's data stays readable; it may subscribe again. */
  CANCELED = 'CANCELED',
  /** The free trial ran out before the store subscribed. Read-only once the grace period is over. */
  TRIAL_ENDED = 'TRIAL_ENDED',
  /** Billing is off on this server (no Stripe keys): no plan applies, nothing is limited and nothing is due. */
  BILLING_OFF = 'BILLING_OFF',
}

/**
 * The statuses a stored subscription row can have: TRIAL_ENDED and BILLING_OFF
 * describe a store without a row (or a server without billing) and are never stored.
 */
export const STORED_SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  SubscriptionStatus.TRIALING,
  SubscriptionStatus.ACTIVE,
  SubscriptionStatus.PAST_DUE,
  SubscriptionStatus.CANCELED,
];

/** What the store may do because of its subscription. */
export enum BillingStanding {
  /** Everything its plan includes. */
  FULL = 'FULL',
  /** Payment is overdue but the grace period is running: still full access. */
  GRACE_PERIOD = 'GRACE_PERIOD',
  /** Payment is required: every change is refused with PAYMENT_REQUIRED; reading is never refused. */
  READ_ONLY = 'READ_ONLY',
}

/** Modules a plan may or may not include. */
export enum PlanFeature {
  /** Selling HQ's paid services on tickets (price list, offers, payment links). */
  PAID_SERVICES = 'PAID_SERVICES',
  /** Signed webhooks to the store's own systems and partners. */
  PARTNER_WEBHOOKS = 'PARTNER_WEBHOOKS',
}

/** The life of one subscription checkout (a Stripe Checkout Session in subscription mode). */
export enum SubscriptionCheckoutState {
  /** Recorded; the worker is creating the Stripe Checkout Session. */
  PENDING = 'PENDING',
  /** The payment link is ready and was e-mailed to the store's managers. */
  OPEN = 'OPEN',
  /** The store subscribed through it. */
  COMPLETED = 'COMPLETED',
  /** The link expired unused (Stripe's sessions last 24 hours). */
  EXPIRED = 'EXPIRED',
}

/** What a refused Stripe event was about. */
export enum PaymentAnomalySubject {
  /** A customer's payment of an order of paid services. */
  ORDER_PAYMENT = 'ORDER_PAYMENT',
  /** The store's own subscription to the platform (a checkout, a subscription, an invoice). */
  SUBSCRIPTION = 'SUBSCRIPTION',
}

/** Why a Stripe event was refused: nothing of the store changed because of it. */
export enum PaymentAnomalyReason {
  /** The Checkout Session is not the one recorded for the order (another session naming the order, or none recorded). */
  NOT_THE_ORDERS_SESSION = 'NOT_THE_ORDERS_SESSION',
  /** Stripe does not report the payment as made (the session is unpaid, or not completed). */
  NOT_PAID = 'NOT_PAID',
  /** Paid in another currency than the order's. */
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  /** Paid another amount than the order's total. */
  AMOUNT_MISMATCH = 'AMOUNT_MISMATCH',
  /** The session, subscription or invoice belongs to another Stripe customer than the store's. */
  NOT_THE_STORES_CUSTOMER = 'NOT_THE_STORES_CUSTOMER',
  /** Stripe has no such object: the event named something that does not exist. */
  UNKNOWN_AT_STRIPE = 'UNKNOWN_AT_STRIPE',
}

registerEnumType(SubscriptionStatus, { name: 'SubscriptionStatus', description: "Where a store's subscription to the platform stands." });
registerEnumType(BillingStanding, { name: 'BillingStanding', description: 'What a store may do because of its subscription.' });
registerEnumType(PlanFeature, { name: 'PlanFeature', description: 'A module a plan may include.' });
registerEnumType(SubscriptionCheckoutState, { name: 'SubscriptionCheckoutState', description: 'The life of one subscription checkout link.' });
describeEnum(PaymentAnomalySubject, 'PaymentAnomalySubject', 'What a refused Stripe event was about.', {
  ORDER_PAYMENT: "A customer's payment of an order of paid services.",
  SUBSCRIPTION: "The store's own subscription to the platform (a checkout, a subscription, an invoice).",
});
describeEnum(PaymentAnomalyReason, 'PaymentAnomalyReason', 'Why a Stripe event was refused; nothing of the store changed because of it.', {
  NOT_THE_ORDERS_SESSION: 'The Checkout Session is not the one recorded for the order (another session naming the order, or none recorded).',
  NOT_PAID: 'Stripe does not report the payment as made (the session is unpaid, or not completed).',
  CURRENCY_MISMATCH: "Paid in another currency than the order's.",
  AMOUNT_MISMATCH: "Paid another amount than the order's total.",
  NOT_THE_STORES_CUSTOMER: "The session, subscription or invoice belongs to another Stripe customer than the store's.",
  UNKNOWN_AT_STRIPE: 'Stripe has no such object: the event named something that does not exist.',
});
