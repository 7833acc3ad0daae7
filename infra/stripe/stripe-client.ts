import Stripe from 'stripe';

/**
 * The one place that builds the Stripe SDK client. Every request is pinned to
 * the API version this SDK's types describe, so an SDK upgrade that moves the
 * version fails to compile here until someone has read Stripe's changelog.
 */
export const STRIPE_API_VERSION: Stripe.LatestApiVersion = '2026-10-28.endive';

export type StripeClient = Stripe;

export interface StripeClientOptions {
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

export function createStripeClient(options: StripeClientOptions): Stripe {
  const target = options.apiBaseUrl ? new URL(options.apiBaseUrl) : null;
  const protocol = target?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    // Network failures are retried by the SDK with the caller's idempotency key; anything
    // longer is the durable action's retry, again with the same key.
    maxNetworkRetries: 1,
    timeout: options.timeoutMs ?? 20000,
    telemetry: false,
    appInfo: { name: 'aftersales' },
    ...(target ? { host: target.hostname, port: Number(target.port || (protocol === 'http' ? 80 : 443)), protocol } : {}),
  });
}

/** A short, loggable description of what a Stripe call failed with. */
export function describeStripeError(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) {
    return `Stripe ${error.type}${error.statusCode ? ` (HTTP ${error.statusCode})` : ''}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
