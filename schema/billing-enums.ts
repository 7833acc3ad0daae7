import { registerEnumType } from 'type-graphql';

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

registerEnumType(SubscriptionStatus, { name: 'SubscriptionStatus', description: "Where a store's subscription to the platform stands." });
registerEnumType(BillingStanding, { name: 'BillingStanding', description: 'What a store may do because of its subscription.' });
registerEnumType(PlanFeature, { name: 'PlanFeature', description: 'A module a plan may include.' });
registerEnumType(SubscriptionCheckoutState, { name: 'SubscriptionCheckoutState', description: 'The life of one subscription checkout link.' });
