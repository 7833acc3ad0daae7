import type Stripe from 'stripe';
import { StoreSubscription, SubscriptionCheckout, Tenant } from '../../schema/entities';
import { SubscriptionCheckoutState, SubscriptionStatus } from '../../schema/billing-enums';
import { recordAudit } from '../audit';
import type { TenantContext } from '../context';
import { scheduleNotification } from '../notifications/notify';
import { TemplateKey } from '../notifications/template-keys';
import type { StripeEventHandler, StripeEventRun, TenantLookup } from './stripe-event-handler';
import { idOf, uuidOrNull } from './stripe-ids';
import { METADATA, planForPrice, StripeBilling } from './stripe-billing';
import { subscriptionStateOf } from './subscription-state';

/**
 * Keeps a store's subscription as Stripe has it. Events arrive in any order
 * and any number of times (invoice.paid before customer.subscription.created
 * is normal), so none is trusted for the state: every event about a
 * subscription re-reads the subscription from Stripe and writes what Stripe
 * says now, under a per-store lock so two events applied at once cannot
 * write an older reading over a newer one. Applying an event twice, or an
 * old one late, therefore changes nothing.
 */

/** Stripe's statuses in ours; null: not a subscription yet (its first payment is still being made). */
export function statusFromStripe(status: Stripe.Subscription.Status): SubscriptionStatus | null {
  switch (status) {
    case 'trialing':
      return SubscriptionStatus.TRIALING;
    case 'active':
      return SubscriptionStatus.ACTIVE;
    // `unpaid`: Stripe gave up retrying; `paused`: a trial ended without a payment method. Payment is due either way.
    case 'past_due':
    case 'unpaid':
    case 'paused':
      return SubscriptionStatus.PAST_DUE;
    case 'canceled':
      return SubscriptionStatus.CANCELED;
    default:
      return null;
  }
}

export interface SyncResult {
  subscriptionId: string;
  stripeStatus: string;
  status: SubscriptionStatus | null;
  changed: boolean;
  ignored?: string;
}

/** Reads the subscription from Stripe and writes it as the store's, unless it is not (or no longer) the one that counts. */
export async function syncSubscription(ctx: TenantContext, billing: StripeBilling, subscriptionId: string): Promise<SyncResult> {
  // One store's Stripe events are applied one at a time (held to the end of the action's transaction).
  await ctx.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`store-subscription:${ctx.tenantId}`]);
  const subscription = await billing.stripe.subscriptions.retrieve(subscriptionId);
  const status = statusFromStripe(subscription.status);
  const base = { subscriptionId, stripeStatus: subscription.status, status };
  if (!status) return { ...base, changed: false, ignored: `the subscription is ${subscription.status}; waiting for its first payment` };

  const record = await ctx.em.findOne(StoreSubscription, { tenantId: ctx.tenantId });
  if (record && record.stripeSubscriptionId !== subscription.id) {
    // An older subscription of the store (ended before it subscribed again) no longer says anything about it.
    if (status === SubscriptionStatus.CANCELED) return { ...base, changed: false, ignored: 'not the current subscription of the store' };
    recordAudit(ctx, 'SUBSCRIPTION_REPLACED', { previous: record.stripeSubscriptionId, previousStatus: record.status, current: subscription.id });
  }
  const item = subscription.items.data[0];
  const plan = planForPrice(billing, item?.price) ?? billing.plans.find(subscription.metadata?.[METADATA.plan] ?? '');
  const planCode = plan?.code ?? record?.plan;
  if (!planCode) throw new Error(`subscription ${subscription.id} is for a price that is not one of our plans (${item?.price?.id ?? 'no price'})`);

  const now = ctx.clock.now();
  const sameSubscription = record?.stripeSubscriptionId === subscription.id;
  const values = {
    plan: planCode,
    status,
    stripeStatus: subscription.status,
    stripeCustomerId: idOf(subscription.customer)!,
    stripeSubscriptionId: subscription.id,
    trialEndsAt: fromUnix(subscription.trial_end),
    currentPeriodEnd: fromUnix(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    // The grace period runs from the first time this stretch of being past due was seen.
    pastDueSince: status === SubscriptionStatus.PAST_DUE ? (sameSubscription && record?.pastDueSince ? record.pastDueSince : now) : null,
    canceledAt: status === SubscriptionStatus.CANCELED ? (fromUnix(subscription.ended_at ?? subscription.canceled_at) ?? now) : null,
    ...(status === SubscriptionStatus.PAST_DUE ? {} : { unpaidInvoiceId: null, unpaidInvoiceUrl: null }),
    syncedAt: now,
  };
  if (!record) {
    ctx.em.create(StoreSubscription, { tenantId: ctx.tenantId, ...values, createdAt: now, updatedAt: now });
    recordAudit(ctx, 'SUBSCRIPTION_CHANGED', { subscriptionId: subscription.id, plan: planCode, status, previousStatus: null });
    await ctx.em.flush();
    return { ...base, changed: true };
  }
  const changed =
    record.status !== status ||
    record.plan !== planCode ||
    !sameSubscription ||
    record.cancelAtPeriodEnd !== values.cancelAtPeriodEnd ||
    record.currentPeriodEnd?.getTime() !== values.currentPeriodEnd?.getTime() ||
    record.trialEndsAt?.getTime() !== values.trialEndsAt?.getTime();
  if (changed) {
    recordAudit(ctx, 'SUBSCRIPTION_CHANGED', { subscriptionId: subscription.id, plan: planCode, status, previousStatus: record.status, previousPlan: record.plan });
    Object.assign(record, values, { updatedAt: now });
  } else {
    record.syncedAt = now;
  }
  await ctx.em.flush();
  return { ...base, changed };
}

/** customer.subscription.*: the subscription itself. */
export const subscriptionEvents: StripeEventHandler = {
  tenantOf: (event, lookup) => {
    const subscription = event.data.object as Stripe.Subscription;
    return tenantOfStripeObject(lookup, subscription.metadata?.[METADATA.checkoutId], subscription.customer);
  },
  apply: async ({ ctx, billing, event }) => ({ ...(await syncSubscription(ctx, billing, (event.data.object as Stripe.Subscription).id)) }),
};

/** invoice.paid, invoice.payment_failed: the subscription the invoice is for; a failed one also tells the store's managers. */
export const invoiceEvents: StripeEventHandler = {
  tenantOf: (event, lookup) => {
    const invoice = event.data.object as Stripe.Invoice;
    return tenantOfStripeObject(lookup, invoice.parent?.subscription_details?.metadata?.[METADATA.checkoutId], invoice.customer);
  },
  apply: async (run) => {
    const invoiceId = (run.event.data.object as Stripe.Invoice).id;
    if (!invoiceId) return { ignored: 'an invoice without an id' };
    // Re-read: by the time a failure is processed the invoice may have been paid.
    const invoice = await run.billing.stripe.invoices.retrieve(invoiceId);
    const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
    if (!subscriptionId) return { ignored: 'not a subscription invoice' };
    const sync = await syncSubscription(run.ctx, run.billing, subscriptionId);
    if (run.event.type === 'invoice.payment_failed' && invoice.status === 'open' && sync.status === SubscriptionStatus.PAST_DUE && !sync.ignored) {
      return { ...sync, notified: await recordFailedPayment(run, invoice) };
    }
    return { ...sync };
  },
};

/** checkout.session.completed in subscription mode: the checkout is done, and its subscription is read. */
export const subscriptionCheckoutCompleted: StripeEventHandler = {
  tenantOf: (event, lookup) => {
    const session = event.data.object as Stripe.Checkout.Session;
    return tenantOfStripeObject(lookup, session.client_reference_id ?? session.metadata?.[METADATA.checkoutId], session.customer);
  },
  apply: async ({ ctx, billing, event }) => {
    const session = event.data.object as Stripe.Checkout.Session;
    const checkoutId = uuidOrNull(session.client_reference_id ?? session.metadata?.[METADATA.checkoutId]);
    const checkout = checkoutId ? await ctx.em.findOne(SubscriptionCheckout, { tenantId: ctx.tenantId, id: checkoutId }) : null;
    if (checkout && checkout.state !== SubscriptionCheckoutState.COMPLETED) {
      const now = ctx.clock.now();
      Object.assign(checkout, {
        state: SubscriptionCheckoutState.COMPLETED,
        completedAt: now,
        updatedAt: now,
        // A session the worker's commit never recorded (it crashed after Stripe answered) is still this checkout's.
        stripeSessionId: checkout.stripeSessionId ?? session.id,
        stripeCustomerId: checkout.stripeCustomerId ?? idOf(session.customer),
      });
    }
    const subscriptionId = idOf(session.subscription);
    if (!subscriptionId) return { checkoutId, ignored: 'the session has no subscription yet' };
    return { checkoutId, ...(await syncSubscription(ctx, billing, subscriptionId)) };
  },
};

/** Remembers the invoice to pay and tells the store's managers, once per failed attempt. */
async function recordFailedPayment(run: StripeEventRun, invoice: Stripe.Invoice): Promise<boolean> {
  const { ctx, billing } = run;
  const record = await ctx.em.findOneOrFail(StoreSubscription, { tenantId: ctx.tenantId });
  record.unpaidInvoiceId = invoice.id ?? null;
  record.unpaidInvoiceUrl = invoice.hosted_invoice_url ?? null;
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const state = subscriptionStateOf(tenant, record, billing, ctx.clock.now());
  await scheduleNotification(ctx, {
    key: `sub-payment-failed:${invoice.id}:${invoice.attempt_count}`,
    template: TemplateKey.SUBSCRIPTION_PAYMENT_FAILED,
    recipient: { kind: 'TENANT_ADMINS' },
    params: {
      planName: state.plan.name[tenant.locale],
      invoiceUrl: invoice.hosted_invoice_url ?? '',
      dueAt: (state.readOnlyFrom ?? ctx.clock.now()).toISOString(),
    },
  });
  return true;
}

/** Our checkout record named in the object's metadata, or else the store's Stripe customer. */
function tenantOfStripeObject(
  lookup: TenantLookup,
  checkoutId: string | null | undefined,
  customer: string | { id: string } | null | undefined,
): Promise<string | null> {
  const record = uuidOrNull(checkoutId);
  const customerId = idOf(customer);
  if (!record && !customerId) return Promise.resolve(null);
  return lookup.tenantBy('billing_subscription_tenant', [record, customerId]);
}


function fromUnix(seconds: number | null | undefined): Date | null {
  return seconds == null ? null : new Date(seconds * 1000);
}
