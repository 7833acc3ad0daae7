import type { TenantLookup } from '../billing/stripe-event-handler';
import { idOf, uuidOrNull } from '../billing/stripe-ids';

/**
 * Our record ids in the metadata of what we create at Stripe for orders
 * (the checkout session, its payment intent, refunds): never anything
 * personal, only what leads an event back to its order.
 */
export const ORDER_METADATA = {
  orderId: 'aftersales_order_id',
  refundId: 'aftersales_refund_id',
  ticketNumber: 'aftersales_ticket_number',
} as const;

/** The idempotency keys of the Stripe calls of an order: derived from our records, so a retried job repeats the same call. */
export const orderCheckoutKey = (orderId: string) => `order-checkout:${orderId}`;
export const orderCheckoutExpireKey = (orderId: string) => `order-checkout-expire:${orderId}`;
export const refundKey = (refundId: string) => `refund:${refundId}`;

/**
 * The tenant of an order named by a Stripe object: by our order id, or else
 * by the payment intent the order was paid with (a refund made later names
 * only the payment intent when it was not made by us).
 */
export function tenantOfOrder(
  lookup: TenantLookup,
  orderId: unknown,
  paymentIntent: string | { id?: string | null } | null | undefined,
): Promise<string | null> {
  const order = uuidOrNull(orderId);
  const paymentIntentId = idOf(paymentIntent);
  if (!order && !paymentIntentId) return Promise.resolve(null);
  return lookup.tenantBy('service_order_tenant', [order, paymentIntentId]);
}

export { idOf, uuidOrNull };
