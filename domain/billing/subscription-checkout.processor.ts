import type { PaymentGateway } from '../ports/payment-gateway';
import { describeStripeError } from '../ports/payment-gateway-errors';
import type { PaymentCheckoutSession } from '../ports/payment-objects';
import { BillingCustomer, SubscriptionCheckout, Tenant } from '../../schema/entities';
import { SubscriptionCheckoutState } from '../../core/billing-enums';
import { Locale } from '../../core/enums';
import type { TenantContext } from '../context';
import { scheduleNotification } from '../notifications/notify';
import { TemplateKey } from '../../core/template-keys';
import { ActionProcessor, done, retryLater, skipped } from '../scheduling/processor';
import { METADATA, priceIdForPlan } from './stripe-billing';

/** Stripe refuses a trial ending sooner than this (and a day's notice is the least a store should get). */
const MIN_TRIAL_LEFT_MS = 49 * 3600_000;

/**
 * SUBSCRIPTION_CHECKOUT: creates the Stripe Checkout Session of a store's
 * checkout, records its link, and e-mails the link to the store's managers.
 *
 * Every Stripe call carries a key derived from the checkout record
 * (`sub-customer:<id>`, `sub-checkout:<id>`): a run that called Stripe and
 * then failed (a crash, a lost commit) is retried with the same keys, and
 * Stripe answers with the customer and the session it already created.
 */
export const processSubscriptionCheckout: ActionProcessor = async ({ ctx, action, deps }) => {
  const billing = deps.billing;
  if (!billing) return retryLater('billing is off in the worker (no STRIPE_SECRET_KEY): the checkout waits');
  const checkoutId = String(action.payload.checkoutId ?? '');
  const checkout = await ctx.em.findOne(SubscriptionCheckout, { tenantId: ctx.tenantId, id: checkoutId });
  if (!checkout) return skipped('the checkout no longer exists');
  if (checkout.state !== SubscriptionCheckoutState.PENDING) return skipped(`the checkout is already ${checkout.state}`);
  const plan = billing.plans.find(checkout.plan);
  if (!plan) throw new Error(`plan ${checkout.plan} is no longer in the plan file`);
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });

  let session: PaymentCheckoutSession;
  let customerId: string;
  try {
    const price = await priceIdForPlan(billing, plan);
    customerId = await storeCustomer(ctx, checkout, tenant, billing.gateway);
    const metadata = { [METADATA.tenantId]: ctx.tenantId, [METADATA.checkoutId]: checkout.id, [METADATA.plan]: plan.code };
    const trialEnd = checkout.trialEnd && checkout.trialEnd.getTime() - ctx.clock.now().getTime() >= MIN_TRIAL_LEFT_MS ? checkout.trialEnd : null;
    session = await billing.gateway.createCheckoutSession(
      {
        mode: 'subscription',
        customerId,
        clientReferenceId: checkout.id,
        lineItems: [{ priceId: price, quantity: 1 }],
        locale: tenant.locale === Locale.ZH_CN ? 'zh' : 'en',
        successUrl: `${billing.returnBaseUrl}/billing/checkout/complete?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${billing.returnBaseUrl}/billing/checkout/cancelled`,
        metadata,
        subscription: { metadata, description: `${tenant.name}: ${plan.name.en}`, trialEnd },
      },
      `sub-checkout:${checkout.id}`,
    );
  } catch (error) {
    return retryLater(`creating the checkout session failed: ${describeStripeError(error)}`);
  }
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);

  const now = ctx.clock.now();
  const expiresAt = session.expiresAt;
  Object.assign(checkout, {
    state: SubscriptionCheckoutState.OPEN,
    stripeCustomerId: customerId,
    stripeSessionId: session.id,
    url: session.url,
    expiresAt,
    updatedAt: now,
  });
  await scheduleNotification(ctx, {
    key: `sub-checkout-link:${checkout.id}`,
    template: TemplateKey.SUBSCRIPTION_CHECKOUT_LINK,
    recipient: { kind: 'TENANT_ADMINS' },
    params: { planName: plan.name[tenant.locale], checkoutUrl: session.url, dueAt: expiresAt.toISOString() },
  });
  return done({ sessionId: session.id, customerId });
};

/**
 * The store's Stripe customer: the one recorded for it, or a new one keyed on
 * this checkout and recorded in the same transaction as the session (a run
 * that crashes before its commit gets the same customer back on its retry).
 * Stripe's subscription events are matched to the store by this record.
 */
async function storeCustomer(ctx: TenantContext, checkout: SubscriptionCheckout, tenant: Tenant, gateway: PaymentGateway): Promise<string> {
  const recorded = await ctx.em.findOne(BillingCustomer, { tenantId: ctx.tenantId });
  if (recorded) return recorded.stripeCustomerId;
  const customer = await gateway.createCustomer(
    {
      name: tenant.name,
      preferredLocales: [tenant.locale === Locale.ZH_CN ? 'zh' : 'en'],
      metadata: { [METADATA.tenantId]: ctx.tenantId, [METADATA.checkoutId]: checkout.id, aftersales_tenant_slug: tenant.slug },
    },
    `sub-customer:${checkout.id}`,
  );
  ctx.em.create(BillingCustomer, { tenantId: ctx.tenantId, stripeCustomerId: customer.id, createdAt: ctx.clock.now() });
  return customer.id;
}
