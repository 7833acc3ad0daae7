import type { PaymentCheckoutSession, PaymentInvoice, PaymentSubscriptionStatus } from '../ports/payment-objects';
import { BillingCustomer, StoreSubscription, SubscriptionCheckout, Tenant } from '../../schema/entities';
import { PaymentAnomalyReason, PaymentAnomalySubject, SubscriptionCheckoutState, SubscriptionStatus } from '../../core/billing-enums';
import { recordAudit } from '../audit';
import type { TenantContext } from '../context';
import { scheduleNotification } from '../notifications/notify';
import { TemplateKey } from '../../core/template-keys';
import { recordAnomaly, refusedOutcome } from './payment-anomalies';
import type { StripeEventHandler, StripeEventRun, TenantLookup } from './stripe-event-handler';
import { idOf, uuidOrNull } from './stripe-ids';
import { METADATA, planForPrice } from './stripe-billing';
import { readAtStripe } from './stripe-reads';
import { subscriptionStateOf } from './subscription-state';

/**
 * Keeps a store's subscription as Stripe has it. Events arrive in any order
 * and any number of times (invoice.paid before customer.subscription.created
 * is normal), so none is trusted for the state: every event about a
 * subscription re-reads the subscription from Stripe and writes what Stripe
 * says now, under a per-store lock so two events applied at once cannot
 * write an older reading over a newer one. Applying an event twice, or an
 * old one late, therefore changes nothing.
 *
 * Nor is any event trusted for whose it is. An event finds its store by the
 * Stripe customer it names, recorded for the store when the worker created
 * it (billing_customers), never by metadata; and what it names (the
 * checkout session, the subscription, the invoice) is read back from Stripe
 * and must belong to that same customer. An event that fails this changes
 * nothing: it is kept as a payment anomaly with its reason, and logged.
 */

/** Stripe's statuses in ours; null: not a subscription yet (its first payment is still being made). */
export function statusFromStripe(status: PaymentSubscriptionStatus): SubscriptionStatus | null {
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

/** An event refused: nothing changed, and the anomaly is recorded (its outcome says why). */
export type Refused = Record<string, unknown> & { anomaly: PaymentAnomalyReason };

/**
 * Reads the subscription from Stripe and writes it as the store's, unless it
 * is not the store's customer's (refused), or not (or no longer) the one that
 * counts.
 */
export async function syncSubscription(run: StripeEventRun, customerId: string, subscriptionId: string): Promise<SyncResult | Refused> {
  const { ctx, billing } = run;
  // One store's Stripe events are applied one at a time (held to the end of the action's transaction).
  await ctx.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`store-subscription:${ctx.tenantId}`]);
  const subscription = await readAtStripe(() => billing.gateway.retrieveSubscription(subscriptionId));
  if (!subscription)
    return refuse(
      run,
      subscriptionId,
      PaymentAnomalyReason.UNKNOWN_AT_STRIPE,
      `Stripe has no subscription ${subscriptionId}: the store's subscription is left as it was`,
    );
  if (subscription.customerId !== customerId) {
    return refuse(
      run,
      subscription.id,
      PaymentAnomalyReason.NOT_THE_STORES_CUSTOMER,
      `Subscription ${subscription.id} belongs to another Stripe customer than the store's (${customerId}): the store's subscription is left as it was`,
    );
  }
  const status = statusFromStripe(subscription.status);
  const base = { subscriptionId, stripeStatus: subscription.status, status };
  if (!status) return { ...base, changed: false, ignored: `the subscription is ${subscription.status}; waiting for its first payment` };

  const record = await ctx.em.findOne(StoreSubscription, { tenantId: ctx.tenantId });
  if (record && record.stripeSubscriptionId !== subscription.id) {
    // An older subscription of the store (ended before it subscribed again) no longer says anything about it.
    if (status === SubscriptionStatus.CANCELED) return { ...base, changed: false, ignored: 'not the current subscription of the store' };
    recordAudit(ctx, 'SUBSCRIPTION_REPLACED', { previous: record.stripeSubscriptionId, previousStatus: record.status, current: subscription.id });
  }
  const item = subscription.items[0];
  const plan = planForPrice(billing, item?.price) ?? billing.plans.find(subscription.metadata?.[METADATA.plan] ?? '');
  const planCode = plan?.code ?? record?.plan;
  if (!planCode) throw new Error(`subscription ${subscription.id} is for a price that is not one of our plans (${item?.price?.id ?? 'no price'})`);

  const now = ctx.clock.now();
  const sameSubscription = record?.stripeSubscriptionId === subscription.id;
  const values = {
    plan: planCode,
    status,
    stripeStatus: subscription.status,
    stripeCustomerId: customerId,
    stripeSubscriptionId: subscription.id,
    trialEndsAt: subscription.trialEnd,
    currentPeriodEnd: item?.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    // The grace period runs from the first time this stretch of being past due was seen.
    pastDueSince: status === SubscriptionStatus.PAST_DUE ? (sameSubscription && record?.pastDueSince ? record.pastDueSince : now) : null,
    canceledAt: status === SubscriptionStatus.CANCELED ? (subscription.endedAt ?? subscription.canceledAt ?? now) : null,
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
    recordAudit(ctx, 'SUBSCRIPTION_CHANGED', {
      subscriptionId: subscription.id,
      plan: planCode,
      status,
      previousStatus: record.status,
      previousPlan: record.plan,
    });
    Object.assign(record, values, { updatedAt: now });
  } else {
    record.syncedAt = now;
  }
  await ctx.em.flush();
  return { ...base, changed };
}

/** customer.subscription.*: the subscription itself. */
export const subscriptionEvents: StripeEventHandler = {
  tenantOf: (event, lookup) => tenantOfCustomer(lookup, event.data.object.customer),
  apply: async (run) => {
    const customerId = await storeCustomerId(run.ctx);
    if (!customerId) return { ignored: 'the store has no Stripe customer recorded' };
    return { ...(await syncSubscription(run, customerId, run.event.data.object.id)) };
  },
};

/** invoice.paid, invoice.payment_failed: the subscription the invoice is for; a failed one also tells the store's managers. */
export const invoiceEvents: StripeEventHandler = {
  tenantOf: (event, lookup) => tenantOfCustomer(lookup, event.data.object.customer),
  apply: async (run) => {
    const invoiceId = run.event.data.object.id;
    if (!invoiceId) return { ignored: 'an invoice without an id' };
    const customerId = await storeCustomerId(run.ctx);
    if (!customerId) return { ignored: 'the store has no Stripe customer recorded' };
    // Re-read: by the time a failure is processed the invoice may have been paid.
    const invoice = await readAtStripe(() => run.billing.gateway.retrieveInvoice(invoiceId));
    if (!invoice)
      return refuse(run, invoiceId, PaymentAnomalyReason.UNKNOWN_AT_STRIPE, `Stripe has no invoice ${invoiceId}: the store's subscription is left as it was`);
    if (invoice.customerId !== customerId) {
      return refuse(
        run,
        invoiceId,
        PaymentAnomalyReason.NOT_THE_STORES_CUSTOMER,
        `Invoice ${invoiceId} is another Stripe customer's than the store's (${customerId}): the store's subscription is left as it was`,
      );
    }
    const subscriptionId = invoice.subscriptionId;
    if (!subscriptionId) return { ignored: 'not a subscription invoice' };
    const sync = await syncSubscription(run, customerId, subscriptionId);
    if ('anomaly' in sync) return sync;
    if (run.event.type === 'invoice.payment_failed' && invoice.status === 'open' && sync.status === SubscriptionStatus.PAST_DUE && !sync.ignored) {
      return { ...sync, notified: await recordFailedPayment(run, invoice) };
    }
    return { ...sync };
  },
};

/**
 * checkout.session.completed in subscription mode: the checkout is done, and
 * its subscription is read. The session is read back from Stripe: it must be
 * a completed subscription checkout of the store's own customer.
 */
export const subscriptionCheckoutCompleted: StripeEventHandler = {
  tenantOf: (event, lookup) => tenantOfCustomer(lookup, event.data.object.customer),
  apply: async (run) => {
    const { ctx } = run;
    const sessionId = run.event.data.object.id;
    const customerId = await storeCustomerId(ctx);
    if (!customerId) return { ignored: 'the store has no Stripe customer recorded' };
    const session = await readAtStripe(() => run.billing.gateway.retrieveCheckoutSession(sessionId));
    if (!session)
      return refuse(
        run,
        sessionId,
        PaymentAnomalyReason.UNKNOWN_AT_STRIPE,
        `Stripe has no checkout session ${sessionId}: the store's subscription is left as it was`,
      );
    if (session.mode !== 'subscription' || session.customerId !== customerId) {
      return refuse(
        run,
        sessionId,
        PaymentAnomalyReason.NOT_THE_STORES_CUSTOMER,
        `Checkout Session ${sessionId} is not a subscription checkout of the store's Stripe customer (${customerId}): the store's subscription is left as it was`,
      );
    }
    if (session.status !== 'complete') {
      return refuse(
        run,
        sessionId,
        PaymentAnomalyReason.NOT_PAID,
        `Stripe reports the store's Checkout Session ${sessionId} ${session.status ?? 'in no state'}, not completed: nothing changes`,
      );
    }
    const checkout = await checkoutOfSession(ctx, session);
    if (checkout && checkout.state !== SubscriptionCheckoutState.COMPLETED) {
      const now = ctx.clock.now();
      // A session the worker's commit never recorded (it crashed after Stripe answered) is still this checkout's.
      Object.assign(checkout, {
        state: SubscriptionCheckoutState.COMPLETED,
        completedAt: now,
        updatedAt: now,
        stripeSessionId: session.id,
        stripeCustomerId: customerId,
      });
    }
    const subscriptionId = session.subscriptionId;
    if (!subscriptionId) return { checkoutId: checkout?.id ?? null, ignored: 'the session has no subscription yet' };
    return { checkoutId: checkout?.id ?? null, ...(await syncSubscription(run, customerId, subscriptionId)) };
  },
};

/** The store's checkout a session (of the store's customer) completes: the one it is recorded for, or one still waiting for its session. */
async function checkoutOfSession(ctx: TenantContext, session: PaymentCheckoutSession): Promise<SubscriptionCheckout | null> {
  const recorded = await ctx.em.findOne(SubscriptionCheckout, { tenantId: ctx.tenantId, stripeSessionId: session.id });
  if (recorded) return recorded;
  const checkoutId = uuidOrNull(session.clientReferenceId);
  return checkoutId ? ctx.em.findOne(SubscriptionCheckout, { tenantId: ctx.tenantId, id: checkoutId, stripeSessionId: null }) : null;
}

/** The Stripe customer recorded for the store, or null (the store never started a checkout). */
async function storeCustomerId(ctx: TenantContext): Promise<string | null> {
  return (await ctx.em.findOne(BillingCustomer, { tenantId: ctx.tenantId }))?.stripeCustomerId ?? null;
}

/** Keeps the refused event for the store's managers; the store's subscription is not touched. */
async function refuse(run: StripeEventRun, objectId: string, reason: PaymentAnomalyReason, message: string): Promise<Refused> {
  const report = { subject: PaymentAnomalySubject.SUBSCRIPTION, reason, message, event: run.event, objectId };
  return { ...refusedOutcome(report, await recordAnomaly(run.ctx, report)), anomaly: reason };
}

/** Remembers the invoice to pay and tells the store's managers, once per failed attempt. */
async function recordFailedPayment(run: StripeEventRun, invoice: PaymentInvoice): Promise<boolean> {
  const { ctx, billing } = run;
  const record = await ctx.em.findOneOrFail(StoreSubscription, { tenantId: ctx.tenantId });
  record.unpaidInvoiceId = invoice.id;
  record.unpaidInvoiceUrl = invoice.hostedInvoiceUrl;
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const state = subscriptionStateOf(tenant, record, billing, ctx.clock.now());
  await scheduleNotification(ctx, {
    key: `sub-payment-failed:${invoice.id}:${invoice.attemptCount}`,
    template: TemplateKey.SUBSCRIPTION_PAYMENT_FAILED,
    recipient: { kind: 'TENANT_ADMINS' },
    params: {
      planName: state.plan.name[tenant.locale],
      invoiceUrl: invoice.hostedInvoiceUrl ?? '',
      dueAt: (state.readOnlyFrom ?? ctx.clock.now()).toISOString(),
    },
  });
  return true;
}

/** The store whose recorded Stripe customer the object names; metadata is never asked. */
function tenantOfCustomer(lookup: TenantLookup, customer: Parameters<typeof idOf>[0]): Promise<string | null> {
  const customerId = idOf(customer);
  return customerId ? lookup.tenantBy('billing_customer_tenant', [customerId]) : Promise.resolve(null);
}
