import type { BillingStanding, SubscriptionStatus } from '../../core/billing-enums';
import type { StoreSubscription, Tenant } from '../entities';
import type { Plan } from './plan';

/** Where a store stands with its subscription (see the billing domain for how it is computed). */
export interface SubscriptionState {
  status: SubscriptionStatus;
  /** The plan in force (for a read-only store: the one it had). */
  plan: Plan;
  standing: BillingStanding;
  /** End of the free trial (the store's own, or the Stripe subscription's). */
  trialEndsAt: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
  /** When the store becomes, or became, read-only; null while nothing is overdue. */
  readOnlyFrom: Date | null;
  /** The hosted page of the invoice that failed, where it is paid. */
  unpaidInvoiceUrl: string | null;
  /** True when Stripe holds a subscription for the store (false: the free trial, or it ran out). */
  subscribed: boolean;
  record: StoreSubscription | null;
}

/** A store's standing as a reader sees it: with the store, and no plan while billing is off. */
export interface StoreSubscriptionView extends Omit<SubscriptionState, 'plan'> {
  store: Tenant;
  /** The plan in force; null when billing is off. */
  plan: Plan | null;
}
