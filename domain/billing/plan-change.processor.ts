import { describeStripeError } from '../ports/payment-gateway-errors';
import { BillingCustomer } from '../../schema/entities';
import { ActionProcessor, done, retryLater, skipped } from '../scheduling/processor';
import { latestPlanChange } from './plan-change.service';
import { METADATA, priceIdForPlan } from './stripe-billing';

/**
 * SUBSCRIPTION_PLAN_CHANGE: swaps the price of the store's Stripe
 * subscription for its new plan's, Stripe prorating the difference on the
 * next invoice. The call carries the action's own key as its idempotency
 * key, so a run retried after a crash is answered by Stripe once. The plan
 * is not written here: Stripe's `customer.subscription.updated` brings it,
 * read back from Stripe like every subscription event.
 */
export const processSubscriptionPlanChange: ActionProcessor = async ({ ctx, action, deps }) => {
  const billing = deps.billing;
  if (!billing) return retryLater('billing is off in the worker (no STRIPE_SECRET_KEY): the plan change waits');
  const plan = billing.plans.find(String(action.payload.plan ?? ''));
  if (!plan) throw new Error(`plan ${String(action.payload.plan)} is no longer in the plan file`);
  const subscriptionId = String(action.payload.subscriptionId ?? '');
  const latest = await latestPlanChange(ctx);
  if (latest && latest.id !== action.id) return skipped('a later plan change replaced this one');
  const customer = await ctx.em.findOne(BillingCustomer, { tenantId: ctx.tenantId });
  if (!customer) return skipped('the store has no Stripe customer');

  try {
    const subscription = await billing.gateway.retrieveSubscription(subscriptionId);
    if (subscription.customerId !== customer.stripeCustomerId) return skipped(`subscription ${subscriptionId} is not the store's customer's`);
    if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired')
      return skipped(`subscription ${subscriptionId} is ${subscription.status}`);
    const item = subscription.items[0];
    if (!item) throw new Error(`subscription ${subscriptionId} has no item`);
    const price = await priceIdForPlan(billing, plan);
    if (item.price.id === price) return done({ subscriptionId, plan: plan.code, unchanged: 'the subscription is already on this price' });
    const updated = await billing.gateway.changeSubscriptionPlan(
      subscriptionId,
      { itemId: item.id, priceId: price, prorate: true, metadata: { [METADATA.plan]: plan.code } },
      action.idempotencyKey,
    );
    return done({ subscriptionId: updated.id, plan: plan.code, price });
  } catch (error) {
    return retryLater(`changing the subscription's plan failed: ${describeStripeError(error)}`);
  }
};
