import { PaymentObjectMissing } from '../ports/payment-gateway-errors';
import type { PaymentCheckoutSession } from '../ports/payment-objects';

/**
 * Reading back from Stripe what an event names. An event's payload is only a
 * claim: what counts is the object as Stripe has it now. A payload can also
 * name an object Stripe has never had (a forged or mistyped event): that is
 * an answer too, and retrying would only get it again.
 */

/** Stripe answered that the object does not exist. */
export function isMissingAtStripe(error: unknown): boolean {
  return error instanceof PaymentObjectMissing;
}

/** The object as Stripe has it, or null when Stripe has no such object; other failures throw (and the event is retried). */
export async function readAtStripe<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isMissingAtStripe(error)) return null;
    throw error;
  }
}

/** Whether Stripe answered a create call with what it made the first time (the same idempotency key, a retried job). */
export function replayedByStripe(answer: Pick<PaymentCheckoutSession, 'replayed'>): boolean {
  return answer.replayed;
}
