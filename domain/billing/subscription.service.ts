import { StoreSubscription, SubscriptionCheckout, Tenant } from '../../schema/entities';
import { BillingStanding, SubscriptionCheckoutState, SubscriptionStatus } from '../../core/billing-enums';
import { TenantKind } from '../../core/enums';
import type { StoreSubscriptionView } from '../../schema/views/store-subscription';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { forbidden, UserInputError } from '../errors';
import { afterCondition, checkPageSize, encodeCursor, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { ActionKind } from '../../core/action-enums';
import { scheduleAction } from '../scheduling/schedule';
import { withNetworkScope } from '../tenants/network-scope';
import { requireBilling, StripeBilling } from './stripe-billing';
import { loadSubscriptionState, subscriptionStateOf } from './subscription-state';
import type { StartSubscriptionCheckoutInput } from '../../schema/graphql/subscription.types';

/**
 * A store's subscription to the platform: it reads where it stands and
 * subscribes through a Stripe Checkout link; HQ reads the standing of each
 * of its stores. Stripe's events keep the state current
 * (subscription-sync.ts); nothing here calls Stripe: a checkout is recorded
 * with a durable action, and the worker creates the session.
 *
 * With billing off the reads still answer, with the status BILLING_OFF (no
 * plan applies, nothing is limited, nothing is due); only subscribing, which
 * needs Stripe, answers BILLING_DISABLED.
 */

/** The caller's own store. */
export async function ownSubscription(ctx: TenantContext, billing: StripeBilling | null): Promise<StoreSubscriptionView> {
  requireStore(ctx);
  const store = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  if (!billing) return billingOff(store);
  const state = await loadSubscriptionState(ctx, billing);
  return { ...state, store };
}

/** HQ: each of its stores (never another HQ's), newest store first, read through the audited network scope. */
export async function listStoreSubscriptions(ctx: TenantContext, billing: StripeBilling | null, page: PageRequest): Promise<Page<StoreSubscriptionView>> {
  checkPageSize(page.first);
  return withNetworkScope(ctx, 'read store subscriptions', async () => {
    const stores = await ctx.em.find(
      Tenant,
      { parentId: ctx.tenantId, kind: TenantKind.STORE, ...afterCondition(page.after) },
      { orderBy: NEWEST_FIRST, limit: page.first + 1 },
    );
    const records = billing && stores.length ? await ctx.em.find(StoreSubscription, { tenantId: { $in: stores.map((store) => store.id) } }) : [];
    const byStore = new Map(records.map((record) => [record.tenantId, record]));
    const now = ctx.clock.now();
    const storePage = toPage(stores, page.first);
    return {
      items: storePage.items.map((store) =>
        billing ? { ...subscriptionStateOf(store, byStore.get(store.id) ?? null, billing, now), store } : billingOff(store),
      ),
      hasNextPage: storePage.hasNextPage,
      cursorOf: (view: StoreSubscriptionView) => encodeCursor(view.store),
    };
  });
}

/**
 * Records a checkout for a plan and schedules its Stripe Checkout Session
 * (the worker creates it with the idempotency key `sub-checkout:<id>` and
 * e-mails the link to the store's managers). Asking again for the same plan
 * while a link is pending or still valid returns that one. A store with a
 * live subscription is refused: a second one would bill it twice.
 */
export async function startSubscriptionCheckout(
  ctx: TenantContext,
  billing: StripeBilling | null,
  input: StartSubscriptionCheckoutInput,
): Promise<SubscriptionCheckout> {
  const rules = requireBilling(billing);
  requireStore(ctx);
  const code = input.plan.trim().toUpperCase();
  const plan = rules.plans.find(code);
  if (!plan) {
    throw new UserInputError('UNKNOWN_PLAN', `There is no plan ${input.plan}; the plans are ${rules.plans.plans.map((p) => p.code).join(', ')}`, ['plan']);
  }
  return atomically(ctx, async () => {
    const state = await loadSubscriptionState(ctx, rules);
    if (state.subscribed && state.status !== SubscriptionStatus.CANCELED) {
      throw new UserInputError(
        'ALREADY_SUBSCRIBED',
        state.status === SubscriptionStatus.PAST_DUE
          ? `The store is already subscribed (${state.plan.code}) and its payment is overdue: pay the open invoice${state.unpaidInvoiceUrl ? ` at ${state.unpaidInvoiceUrl}` : ''} instead of subscribing again`
          : `The store is already subscribed to ${state.plan.code} (${state.status})`,
        ['plan'],
      );
    }
    const now = ctx.clock.now();
    const reusable = await ctx.em.findOne(
      SubscriptionCheckout,
      { tenantId: ctx.tenantId, plan: code, state: { $in: [SubscriptionCheckoutState.PENDING, SubscriptionCheckoutState.OPEN] } },
      { orderBy: NEWEST_FIRST },
    );
    if (reusable && (reusable.state === SubscriptionCheckoutState.PENDING || (reusable.expiresAt && reusable.expiresAt > now))) return reusable;

    const checkout = ctx.em.create(SubscriptionCheckout, {
      tenantId: ctx.tenantId,
      plan: code,
      requestedBy: ctx.principal.kind === 'USER' ? ctx.principal.id : null,
      // The free days the store still has carry over: subscribing early never costs trial days.
      trialEnd: !state.subscribed && state.trialEndsAt && state.trialEndsAt > now ? state.trialEndsAt : null,
      createdAt: now,
      updatedAt: now,
    });
    await scheduleAction(ctx, {
      kind: ActionKind.SUBSCRIPTION_CHECKOUT,
      key: `sub-checkout:${checkout.id}`,
      dueAt: now,
      payload: { checkoutId: checkout.id },
    });
    recordAudit(ctx, 'SUBSCRIPTION_CHECKOUT_STARTED', { checkoutId: checkout.id, plan: code });
    return checkout;
  });
}

/** The store's checkout link still worth showing: pending, or open and not expired. */
export async function currentCheckout(ctx: TenantContext, storeId: string): Promise<SubscriptionCheckout | null> {
  const checkout = await ctx.em.findOne(
    SubscriptionCheckout,
    { tenantId: storeId, state: { $in: [SubscriptionCheckoutState.PENDING, SubscriptionCheckoutState.OPEN] } },
    { orderBy: NEWEST_FIRST },
  );
  if (!checkout) return null;
  return checkout.state === SubscriptionCheckoutState.PENDING || (checkout.expiresAt && checkout.expiresAt > ctx.clock.now()) ? checkout : null;
}

/** An OPEN checkout past its expiry reads as EXPIRED (Stripe's sessions last 24 hours). */
export function checkoutStateAt(checkout: SubscriptionCheckout, now: Date): SubscriptionCheckoutState {
  if (checkout.state === SubscriptionCheckoutState.OPEN && checkout.expiresAt && checkout.expiresAt <= now) return SubscriptionCheckoutState.EXPIRED;
  return checkout.state;
}

/** Where a store stands while billing is off on this server: nothing applies, nothing is due. */
function billingOff(store: Tenant): StoreSubscriptionView {
  return {
    store,
    status: SubscriptionStatus.BILLING_OFF,
    plan: null,
    standing: BillingStanding.FULL,
    trialEndsAt: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    pastDueSince: null,
    readOnlyFrom: null,
    unpaidInvoiceUrl: null,
    subscribed: false,
    record: null,
  };
}

function requireStore(ctx: TenantContext): void {
  if (ctx.tenantKind !== TenantKind.STORE) throw forbidden('Only a store subscribes to the platform; HQ reads its stores with storeSubscriptions');
}
