import { describeStripeError } from '../ports/payment-gateway-errors';
import { ServiceOrder } from '../../schema/entities';
import { ServiceOrderState } from '../../core/service-order-enums';
import { ActionProcessor, done, retryLater, skipped } from '../scheduling/processor';
import { orderCheckoutExpireKey } from './order-metadata';
import { isStripeRefusal } from './stripe-refusal';

/**
 * ORDER_CHECKOUT_EXPIRE: a cancelled order's payment link is expired at
 * Stripe, so the customer can no longer pay it.
 *
 * A session whose creation was never recorded (the checkout job crashed after
 * Stripe answered and the order was cancelled before its retry) was never
 * sent to anyone, and lapses on its own after 24 hours. A session Stripe
 * will not expire any more (already paid or lapsed) is done: a payment that
 * won the race is recorded from its own event.
 */
export const processOrderCheckoutExpire: ActionProcessor = async ({ ctx, action, deps }) => {
  const billing = deps.billing;
  if (!billing) return retryLater('billing is off in the worker (no STRIPE_SECRET_KEY): the link is expired later');
  const order = await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, id: String(action.payload.orderId ?? '') });
  if (!order) return skipped('the order no longer exists');
  if (order.state !== ServiceOrderState.CANCELLED) return skipped(`the order is ${order.state}`);
  if (!order.stripeSessionId) return skipped('no payment link was created for the order');
  try {
    const session = await billing.gateway.expireCheckoutSession(order.stripeSessionId, orderCheckoutExpireKey(order.id));
    return done({ sessionId: session.id, status: session.status });
  } catch (error) {
    if (isStripeRefusal(error)) return done({ sessionId: order.stripeSessionId, notExpired: describeStripeError(error) });
    return retryLater(`expiring the checkout session failed: ${describeStripeError(error)}`);
  }
};
