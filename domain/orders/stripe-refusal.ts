import { PaymentGatewayRefusal } from '../ports/payment-gateway-errors';

/**
 * Stripe refused the request itself (a bad parameter, an object in a state
 * that does not allow it: more than is left to refund, a session that is no
 * longer open), so asking again would get the same answer. Other failures
 * (Stripe down, a key being rotated) are worth retrying with the same key.
 */
export function isStripeRefusal(error: unknown): boolean {
  return error instanceof PaymentGatewayRefusal;
}
