import Stripe from 'stripe';
import type { PaymentGatewayOptions } from '../../domain/ports/payment-gateway';

/**
 * The one place that builds the Stripe SDK client. Every request is pinned to
 * the API version this SDK's types describe, so an SDK upgrade that moves the
 * version fails to compile here until someone has read Stripe's changelog.
 */
export const STRIPE_API_VERSION: Stripe.LatestApiVersion = '2026-10-28.endive';

/** The SDK client, pinned and bounded as above; stripe-payment-gateway.ts speaks to it for the domain. */
export function createStripeClient(options: PaymentGatewayOptions): Stripe {
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
