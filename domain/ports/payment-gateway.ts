import Stripe from 'stripe';

/**
 * Everything the domain asks of the payment provider, Stripe: Checkout
 * sessions (create, read, expire), customers, prices by lookup key,
 * subscriptions (read, change plan), invoices, charges and refunds (create,
 * read), and the verification of the events it posts to us. Its shape is the
 * Stripe SDK's for those resources, so the domain reads Stripe's own objects;
 * infra/stripe builds the client (API version, retries, timeout, the host).
 */
export type PaymentGateway = Pick<Stripe, 'checkout' | 'customers' | 'prices' | 'subscriptions' | 'invoices' | 'charges' | 'refunds' | 'webhooks'>;

export interface PaymentGatewayOptions {
  /** `sk_test_...` or `sk_live_...` (or a restricted key). */
  secretKey: string;
  /**
   * Another Stripe-compatible server (scheme, host and port), e.g. the local
   * one the tests run; absent: Stripe's API. Only the host differs: the SDK,
   * its wire format and every code path stay the same.
   */
  apiBaseUrl?: string | null;
  timeoutMs?: number;
}

/** Opens the gateway; handed to the domain by the process that runs it. */
export type ConnectPaymentGateway = (options: PaymentGatewayOptions) => PaymentGateway;

/** A short, loggable description of what a call to the gateway failed with. */
export function describeStripeError(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) {
    return `Stripe ${error.type}${error.statusCode ? ` (HTTP ${error.statusCode})` : ''}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
