import { StoreSubscription, Tenant } from '../../schema/entities';
import { BillingStanding, SubscriptionStatus } from '../../core/billing-enums';
import type { TenantContext } from '../context';
import type { SubscriptionState } from '../../schema/views/store-subscription';
import type { PlanCatalogue } from './plans';

const DAY_MS = 24 * 3600_000;

/**
 * Where a store stands, computed from its subscription row (what Stripe last
 * said) or, without one, from its free trial counted from the day the store
 * was provisioned: every store starts on `trial.plan` (tenants/plans.yaml),
 * so a new store works at once and the existing network needs nothing.
 *
 * Standing:
 * - TRIALING, ACTIVE: full access to what the plan includes;
 * - PAST_DUE: full access for BILLING_GRACE_DAYS from when it became past
 *   due, read-only afterwards;
 * - TRIAL_ENDED (no subscription after the trial): the same grace, counted
 *   from the end of the trial;
 * - CANCELED: read-only at once (Stripe cancels at the end of the period the
 *   store paid for).
 * Read-only never hides data and never stops the worker: customers keep
 * getting their messages whatever the store's bill.
 */

export interface BillingRules {
  plans: PlanCatalogue;
  graceDays: number;
}

export function subscriptionStateOf(store: Pick<Tenant, 'createdAt'>, record: StoreSubscription | null, rules: BillingRules, now: Date): SubscriptionState {
  const grace = rules.graceDays * DAY_MS;
  if (!record) {
    const trialEndsAt = new Date(store.createdAt.getTime() + rules.plans.trial.days * DAY_MS);
    const running = now < trialEndsAt;
    const readOnlyFrom = running ? null : new Date(trialEndsAt.getTime() + grace);
    return {
      status: running ? SubscriptionStatus.TRIALING : SubscriptionStatus.TRIAL_ENDED,
      plan: rules.plans.trial.plan,
      standing: standingAt(now, running ? null : readOnlyFrom),
      trialEndsAt,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      pastDueSince: null,
      readOnlyFrom,
      unpaidInvoiceUrl: null,
      subscribed: false,
      record: null,
    };
  }
  let readOnlyFrom: Date | null = null;
  if (record.status === SubscriptionStatus.PAST_DUE) readOnlyFrom = new Date((record.pastDueSince ?? record.syncedAt).getTime() + grace);
  if (record.status === SubscriptionStatus.CANCELED) readOnlyFrom = record.canceledAt ?? record.syncedAt;
  return {
    status: record.status,
    // A plan since taken out of the file keeps the smallest plan's limits rather than none.
    plan: rules.plans.find(record.plan) ?? rules.plans.plans[0],
    standing: standingAt(now, readOnlyFrom),
    trialEndsAt: record.trialEndsAt ?? null,
    currentPeriodEnd: record.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: record.cancelAtPeriodEnd,
    pastDueSince: record.pastDueSince ?? null,
    readOnlyFrom,
    unpaidInvoiceUrl: record.status === SubscriptionStatus.PAST_DUE ? (record.unpaidInvoiceUrl ?? null) : null,
    subscribed: true,
    record,
  };
}

function standingAt(now: Date, readOnlyFrom: Date | null): BillingStanding {
  if (!readOnlyFrom) return BillingStanding.FULL;
  return now >= readOnlyFrom ? BillingStanding.READ_ONLY : BillingStanding.GRACE_PERIOD;
}

/** The caller's own store. */
export async function loadSubscriptionState(ctx: TenantContext, rules: BillingRules): Promise<SubscriptionState> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const record = await ctx.em.findOne(StoreSubscription, { tenantId: ctx.tenantId });
  return subscriptionStateOf(tenant, record, rules, ctx.clock.now());
}
