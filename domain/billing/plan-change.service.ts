import { randomUUID } from 'node:crypto';
import { ScheduledAction } from '../../schema/entities';
import { SubscriptionStatus } from '../../core/billing-enums';
import { TenantKind } from '../../core/enums';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { AccessError, forbidden, UserInputError } from '../errors';
import { ActionKind, ActionState } from '../../core/action-enums';
import { scheduleAction } from '../scheduling/schedule';
import { usageBeyondPlan } from './entitlements';
import type { Plan } from '../../schema/views/plan';
import { requireBilling, StripeBilling } from './stripe-billing';
import { loadSubscriptionState } from './subscription-state';
import type { ChangeSubscriptionPlanInput } from '../../schema/graphql/subscription.types';

/**
 * A subscribed store moves to another plan. The request never calls Stripe:
 * it records the wish as a durable action (SUBSCRIPTION_PLAN_CHANGE, key
 * `sub-plan-change:<uuid>`, also the idempotency key of the Stripe call),
 * and the worker swaps the subscription's price, Stripe prorating the
 * difference on the next invoice. The store's plan itself changes only when
 * Stripe's `customer.subscription.updated` arrives (subscription-sync.ts):
 * until then the change reads as pending.
 */

export async function changeSubscriptionPlan(ctx: TenantContext, billing: StripeBilling | null, input: ChangeSubscriptionPlanInput): Promise<Plan> {
  const rules = requireBilling(billing);
  if (ctx.tenantKind !== TenantKind.STORE) throw forbidden('Only a store changes its plan');
  const code = input.plan.trim().toUpperCase();
  const plan = rules.plans.find(code);
  if (!plan) {
    throw new UserInputError('UNKNOWN_PLAN', `There is no plan ${input.plan}; the plans are ${rules.plans.plans.map((p) => p.code).join(', ')}`, ['plan']);
  }
  return atomically(ctx, async () => {
    // Two managers asking at once: the second sees the first one's change.
    await ctx.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`store-plan-change:${ctx.tenantId}`]);
    const state = await loadSubscriptionState(ctx, rules);
    if (!state.subscribed || !state.record || state.status === SubscriptionStatus.CANCELED) {
      throw new UserInputError(
        'NOT_SUBSCRIBED',
        'The store has no live subscription whose plan could change: subscribe to a plan with startSubscriptionCheckout',
        ['plan'],
      );
    }
    if (state.status === SubscriptionStatus.PAST_DUE) {
      throw new AccessError(
        'PAYMENT_REQUIRED',
        `The store's subscription payment is overdue: pay the open invoice${state.unpaidInvoiceUrl ? ` at ${state.unpaidInvoiceUrl}` : ''} before changing plan`,
        { status: state.status, ...(state.unpaidInvoiceUrl ? { invoiceUrl: state.unpaidInvoiceUrl } : {}) },
      );
    }
    const latest = await latestPlanChange(ctx);
    const pending = latest && pendingPlanOf(latest, state.record);
    if (pending === plan.code) return plan;
    if (!pending && state.record.plan === plan.code) {
      throw new UserInputError('SAME_PLAN', `The store is already on the ${plan.name.en} plan (${plan.code})`, ['plan']);
    }
    const beyond = await usageBeyondPlan(ctx, plan);
    if (beyond.length > 0) {
      throw new UserInputError('PLAN_LIMIT', `The ${plan.name.en} plan (${plan.code}) does not fit what the store uses now: ${beyond.join('; ')}`, ['plan']);
    }
    const now = ctx.clock.now();
    // A change still waiting for the worker gives way to this one (the worker also skips any change that is not the latest).
    if (latest?.state === ActionState.PENDING) Object.assign(latest, { state: ActionState.CANCELLED, completedAt: now, updatedAt: now });
    const requested = await scheduleAction(ctx, {
      kind: ActionKind.SUBSCRIPTION_PLAN_CHANGE,
      key: `sub-plan-change:${randomUUID()}`,
      dueAt: now,
      payload: { plan: plan.code, fromPlan: state.record.plan, subscriptionId: state.record.stripeSubscriptionId },
    });
    // The latest change is the one created last (latestPlanChange): two asked for within one tick of the clock
    // must still read in the order they were asked, which the lock above serialises.
    if (latest && requested.createdAt <= latest.createdAt) requested.createdAt = new Date(latest.createdAt.getTime() + 1);
    recordAudit(ctx, 'SUBSCRIPTION_PLAN_CHANGE_REQUESTED', { plan: plan.code, fromPlan: state.record.plan, subscriptionId: state.record.stripeSubscriptionId });
    return plan;
  });
}

/** The plan a store is moving to: its change not yet made at Stripe, or made and not yet confirmed by Stripe's event. */
export async function pendingPlanChange(ctx: TenantContext, billing: StripeBilling | null): Promise<Plan | null> {
  if (!billing || ctx.tenantKind !== TenantKind.STORE) return null;
  const state = await loadSubscriptionState(ctx, billing);
  if (!state.record || state.status === SubscriptionStatus.CANCELED) return null;
  const latest = await latestPlanChange(ctx);
  const code = latest && pendingPlanOf(latest, state.record);
  return code ? (billing.plans.find(code) ?? null) : null;
}

/** The store's most recent plan change, whatever became of it. */
export function latestPlanChange(ctx: TenantContext): Promise<ScheduledAction | null> {
  return ctx.em.findOne(ScheduledAction, { tenantId: ctx.tenantId, kind: ActionKind.SUBSCRIPTION_PLAN_CHANGE }, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

/**
 * A change is pending while the worker has not made it, or once made at
 * Stripe until a reading of the subscription taken after it (any sync)
 * says the plan: that reading is Stripe's word, whichever plan it says.
 */
function pendingPlanOf(action: ScheduledAction, record: { plan: string; syncedAt: Date; stripeSubscriptionId: string }): string | null {
  const plan = String(action.payload.plan ?? '');
  if (action.payload.subscriptionId !== record.stripeSubscriptionId) return null;
  if (action.state === ActionState.PENDING) return plan;
  if (action.state !== ActionState.DONE || !action.result || 'skipped' in action.result || !action.completedAt) return null;
  return record.plan !== plan && record.syncedAt <= action.completedAt ? plan : null;
}
