import type { Orm } from '../ports/database';
import { ServiceOrderState } from '../../core/service-order-enums';

/**
 * Where an order stands, for the page its customer lands on after paying
 * (Stripe's `success_url` carries the Checkout Session id). Read from our
 * own records, never from Stripe or the browser: only the session recorded
 * on an order is known, and only the order's standing is told, nothing of
 * the order, its store or its customer. A session id is a long random secret
 * given to the payer alone; anything that is not shaped like one is not even
 * looked up.
 */
export type PaymentReturnState =
  /** The payment was recorded. */
  | 'PAID'
  /** Paid, and the whole payment has since been refunded. */
  | 'REFUNDED'
  /** The order still awaits its payment: Stripe's confirmation has not arrived (or the store is checking it). */
  | 'CONFIRMING'
  /** The order was cancelled or its link lapsed, unpaid. */
  | 'NOT_PAID'
  /** No order has this session. */
  | 'UNKNOWN';

const CHECKOUT_SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{1,250}$/;

export async function paymentReturnState(orm: Orm, sessionId: unknown): Promise<PaymentReturnState> {
  if (typeof sessionId !== 'string' || !CHECKOUT_SESSION_ID.test(sessionId)) return 'UNKNOWN';
  const rows = await orm.em.fork().execute<{ state: ServiceOrderState; paid: boolean }[]>('select state, paid from payment_return_state(?)', [sessionId]);
  const order = rows[0];
  if (!order) return 'UNKNOWN';
  if (order.state === ServiceOrderState.REFUNDED) return 'REFUNDED';
  if (order.paid) return 'PAID';
  return order.state === ServiceOrderState.AWAITING_PAYMENT ? 'CONFIRMING' : 'NOT_PAID';
}
