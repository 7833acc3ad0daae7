import type { CheckoutMode, PaymentEvent } from '../ports/payment-objects';
import type { StripeEventHandler } from '../billing/stripe-event-handler';
import { invoiceEvents, subscriptionCheckoutCompleted, subscriptionEvents } from '../billing/subscription-sync';
import { orderChargeRefunded, orderCheckoutCompleted, orderCheckoutExpired, orderRefundEvents } from '../orders/order-stripe-events';

/**
 * Which Stripe events we act on, and how. An event type missing here is
 * acknowledged (2xx, so Stripe stops sending it) and otherwise ignored.
 *
 * How an event travels: POST /webhooks/stripe verifies its signature, asks
 * the handler's `tenantOf` whose it is (events come without a tenant), stores
 * it once per event id in that tenant's `stripe_events` and schedules a
 * STRIPE_EVENT action in the same transaction, then answers 200. The worker
 * runs the action: `apply` in the tenant's transaction, exactly once per
 * event however many times Stripe delivered it, retried while it throws.
 *
 * Adding a handler (e.g. for paid services):
 * 1. Put the handler in your own module; `tenantOf` finds the tenant from
 *    what you recorded of the Stripe object when you created it (its id, the
 *    store's customer), through a narrow security-definer function of your
 *    migration (see billing_customer_tenant in 0041_billing_customers.sql),
 *    called with `lookup.tenantBy('your_function', [id])`. Metadata may
 *    point at one of your records but proves nothing (anyone with access to
 *    the Stripe account can write it): `apply` decides.
 * 2. Make `apply` idempotent, and re-read the Stripe object it acts on
 *    (`readAtStripe(() => run.billing.gateway.retrieve...(id))`) rather than
 *    trusting the payload; check it against your record (the same session,
 *    customer, amount, currency) before changing anything, and keep what
 *    does not match with `recordAnomaly` (payment-anomalies.ts). Return
 *    `NotYet` while your record is still on its way. Stripe calls that
 *    create something carry an idempotency key derived from your record.
 * 3. Add one line: to STRIPE_EVENT_HANDLERS for a new event type
 *    (`'charge.refunded': paidServiceRefunds`), or, for
 *    `checkout.session.completed`, to CHECKOUT_COMPLETED_BY_MODE under the
 *    session's mode (`payment: paidServiceCheckoutCompleted`).
 * 4. Test it by signing the event with `stripe.webhooks.generateTestHeaderString`
 *    and posting it (test/support/stripe-server.ts: `deliverEvent`).
 */

/** `checkout.session.completed`, by the session's mode. */
export const CHECKOUT_COMPLETED_BY_MODE: Partial<Record<CheckoutMode, StripeEventHandler>> = {
  subscription: subscriptionCheckoutCompleted,
  payment: orderCheckoutCompleted,
};

const checkoutCompleted: StripeEventHandler = {
  tenantOf: (event, lookup) => handlerForCheckout(event)?.tenantOf(event, lookup) ?? Promise.resolve(null),
  apply: async (run) => {
    const handler = handlerForCheckout(run.event);
    return handler ? handler.apply(run) : { ignored: 'no handler for this checkout mode' };
  },
};

function handlerForCheckout(event: PaymentEvent): StripeEventHandler | undefined {
  const mode = event.data.object.mode;
  return mode && Object.hasOwn(CHECKOUT_COMPLETED_BY_MODE, mode) ? CHECKOUT_COMPLETED_BY_MODE[mode as CheckoutMode] : undefined;
}

/** By Stripe's event type (the provider's own names). */
export const STRIPE_EVENT_HANDLERS: Readonly<Record<string, StripeEventHandler>> = {
  'checkout.session.completed': checkoutCompleted,
  'customer.subscription.created': subscriptionEvents,
  'customer.subscription.updated': subscriptionEvents,
  'customer.subscription.deleted': subscriptionEvents,
  'customer.subscription.paused': subscriptionEvents,
  'customer.subscription.resumed': subscriptionEvents,
  'invoice.paid': invoiceEvents,
  'invoice.payment_failed': invoiceEvents,
  'checkout.session.async_payment_succeeded': orderCheckoutCompleted,
  'checkout.session.expired': orderCheckoutExpired,
  'charge.refunded': orderChargeRefunded,
  'refund.updated': orderRefundEvents,
};

export function stripeEventHandler(type: string): StripeEventHandler | undefined {
  return Object.hasOwn(STRIPE_EVENT_HANDLERS, type) ? STRIPE_EVENT_HANDLERS[type] : undefined;
}
