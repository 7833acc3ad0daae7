import { StaffUser, WebhookEndpoint } from '../../schema/entities';
import { BillingStanding, PlanFeature, SubscriptionStatus } from '../../core/billing-enums';
import { StaffStatus, TenantKind } from '../../core/enums';
import { WebhookEndpointStatus } from '../../core/webhook-enums';
import type { Orm } from '../ports/database';
import type { TenantContext } from '../context';
import { AccessError } from '../errors';
import type { Plan } from '../../schema/views/plan';
import type { StripeBilling } from './stripe-billing';
import { loadSubscriptionState } from './subscription-state';
import { SubscriptionState } from '../../schema/views/store-subscription';

/**
 * What a store's plan lets it do, enforced where the store acts: the api.
 *
 * The api switches enforcement on for its own database handle when billing
 * is configured (`enforceBilling`, called once at start). Nothing else does,
 * so the worker never checks a bill: a customer's message goes out whatever
 * the store owes, and provisioning is never held up by a plan. HQ and
 * partners have no subscription and are never limited.
 */
const enforcedBy = new WeakMap<object, StripeBilling>();

export function enforceBilling(orm: Orm, billing: StripeBilling): void {
  enforcedBy.set(orm.config, billing);
}

/** Billing as enforced for this context's database handle; null when billing is off (or outside the api). */
export function enforcedBilling(ctx: TenantContext): StripeBilling | null {
  return enforcedBy.get(ctx.em.config) ?? null;
}

const FEATURE_NAMES: Record<PlanFeature, string> = {
  [PlanFeature.PAID_SERVICES]: 'selling paid services',
  [PlanFeature.PARTNER_WEBHOOKS]: 'partner webhooks',
};

/** Read once per request (the rate limit, the read-only guard and a plan check may all ask). */
const statesByContext = new WeakMap<TenantContext, Promise<SubscriptionState | null>>();

/** The store's state when billing applies to this context, or null when nothing is enforced. */
function enforcedState(ctx: TenantContext): Promise<SubscriptionState | null> {
  if (ctx.tenantKind !== TenantKind.STORE) return Promise.resolve(null);
  const billing = enforcedBilling(ctx);
  if (!billing) return Promise.resolve(null);
  let state = statesByContext.get(ctx);
  if (!state) statesByContext.set(ctx, (state = loadSubscriptionState(ctx, billing)));
  return state;
}

/**
 * Refuses with PLAN_LIMIT unless the store's plan includes the module. For
 * services that offer a module: call it first thing, before any write.
 * `extensions`: `feature`, `currentPlan`, `requiredPlans`.
 */
export async function requireFeature(ctx: TenantContext, feature: PlanFeature): Promise<void> {
  const state = await enforcedState(ctx);
  if (!state || state.plan.features.includes(feature)) return;
  const billing = enforcedBilling(ctx)!;
  const including = billing.plans.plansWith(feature);
  throw planLimit(`The ${state.plan.name.en} plan does not include ${FEATURE_NAMES[feature]}; ${offer(including)}`, {
    limit: 'FEATURE',
    feature,
    currentPlan: state.plan.code,
    requiredPlans: including.map((plan) => plan.code),
  });
}

/**
 * Refuses with PLAN_LIMIT when `additional` more active staff users would
 * exceed the plan's seats (a disabled user frees a seat).
 */
export async function requireStaffSeats(ctx: TenantContext, additional = 1): Promise<void> {
  const state = await enforcedState(ctx);
  if (!state) return;
  // Two colleagues adding the last seat at once: the second waits for the first and counts it.
  await ctx.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`staff-seats:${ctx.tenantId}`]);
  const used = await ctx.em.count(StaffUser, { tenantId: ctx.tenantId, status: StaffStatus.ACTIVE });
  const seats = state.plan.staffSeats;
  if (used + additional <= seats) return;
  const billing = enforcedBilling(ctx)!;
  const bigger = billing.plans.plansWithSeats(used + additional).filter((plan) => plan.code !== state.plan.code);
  throw planLimit(
    `The ${state.plan.name.en} plan includes ${seats} active staff seat${seats === 1 ? '' : 's'} and ${used} ${used === 1 ? 'is' : 'are'} in use; ${offer(bigger, (plan) => `${plan.staffSeats} seats`)}, or disable a staff user first`,
    { limit: 'STAFF_SEATS', seats, seatsInUse: used, currentPlan: state.plan.code, requiredPlans: bigger.map((plan) => plan.code) },
  );
}

/**
 * What the store uses now that `plan` would not allow, said plainly (empty:
 * it fits). Asked before moving a store to a smaller plan, so a downgrade
 * never leaves it over its limits.
 */
export async function usageBeyondPlan(ctx: TenantContext, plan: Plan): Promise<string[]> {
  const beyond: string[] = [];
  const staff = await ctx.em.count(StaffUser, { tenantId: ctx.tenantId, status: StaffStatus.ACTIVE });
  if (staff > plan.staffSeats) {
    beyond.push(
      `${staff} active staff users and the plan includes ${plan.staffSeats} seat${plan.staffSeats === 1 ? '' : 's'} (disable ${staff - plan.staffSeats} first)`,
    );
  }
  if (!plan.features.includes(PlanFeature.PARTNER_WEBHOOKS)) {
    const endpoints = await ctx.em.count(WebhookEndpoint, { tenantId: ctx.tenantId, status: WebhookEndpointStatus.ACTIVE });
    if (endpoints > 0)
      beyond.push(
        `${endpoints} active webhook endpoint${endpoints === 1 ? '' : 's'} and the plan does not include ${FEATURE_NAMES[PlanFeature.PARTNER_WEBHOOKS]} (disable ${endpoints === 1 ? 'it' : 'them'} first)`,
      );
  }
  return beyond;
}

/** The API rate limit of the store's plan, shared by all its keys and users; null when billing does not apply. */
export async function planRateLimit(ctx: TenantContext): Promise<Plan['apiRateLimit'] | null> {
  const state = await enforcedState(ctx);
  return state ? state.plan.apiRateLimit : null;
}

/**
 * Refuses every change with PAYMENT_REQUIRED while the store is read-only
 * (past due beyond the grace period, trial over, or canceled). The api's
 * guard calls it before each mutation, except those needed to pay.
 */
export async function requireWritable(ctx: TenantContext): Promise<void> {
  const state = await enforcedState(ctx);
  if (!state || state.standing !== BillingStanding.READ_ONLY) return;
  throw new AccessError('PAYMENT_REQUIRED', paymentRequiredMessage(state), {
    status: state.status,
    readOnlySince: state.readOnlyFrom?.toISOString() ?? null,
    ...(state.unpaidInvoiceUrl ? { invoiceUrl: state.unpaidInvoiceUrl } : {}),
  });
}

function paymentRequiredMessage(state: SubscriptionState): string {
  const since = state.readOnlyFrom ? ` since ${state.readOnlyFrom.toISOString()}` : '';
  const reading = 'Everything stays readable and customers keep getting their messages';
  switch (state.status) {
    case SubscriptionStatus.PAST_DUE:
      return `The store's subscription payment is overdue and the store is read-only${since}. ${
        state.unpaidInvoiceUrl ? `Pay the open invoice at ${state.unpaidInvoiceUrl}` : 'Pay the open invoice'
      } to make changes again. ${reading}.`;
    case SubscriptionStatus.TRIAL_ENDED:
      return `The store's free trial is over and the store is read-only${since}. Subscribe to a plan (startSubscriptionCheckout) to make changes again. ${reading}.`;
    default:
      return `The store's subscription has ended and the store is read-only${since}. Subscribe again (startSubscriptionCheckout) to make changes. ${reading}.`;
  }
}

function planLimit(message: string, details: Record<string, unknown>): AccessError {
  return new AccessError('PLAN_LIMIT', message, details);
}

function offer(plans: Plan[], what: (plan: Plan) => string = () => ''): string {
  if (plans.length === 0) return 'no plan includes it';
  const names = plans.map((plan) => {
    const extra = what(plan);
    return `${plan.name.en} (${plan.code}${extra ? `, ${extra}` : ''})`;
  });
  return `it is included in ${names.join(' and ')}`;
}
