import type { FastifyInstance } from 'fastify';
import { acceptStripeEvent } from '../../domain/stripe-intake/stripe-events';
import type { StripeBilling } from '../../domain/billing/stripe-billing';
import type { PaymentEvent } from '../../domain/ports/payment-objects';
import type { ApiDeps } from '../context';
import { registerPaymentReturnPages } from './payment-return-pages';

/** Stripe's events are small; an invoice with many lines is the largest we expect. */
const EVENT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Stripe's HTTP side of billing:
 *
 * `POST /webhooks/stripe` verifies the `Stripe-Signature` header on the raw
 * body through the payment gateway's `verifyEvent` (a forged body, another
 * endpoint's secret or a timestamp older than five minutes get 400 and
 * change nothing), then stores the event once per event id and schedules its
 * processing (domain/stripe-intake/stripe-events.ts) and answers 200 at once. The
 * work itself runs in the worker as a STRIPE_EVENT action: Stripe never
 * waits on it, and a failure there is retried by us instead of by Stripe.
 * With billing off the route answers 503, saying why.
 *
 * The pages Stripe Checkout sends people back to (`/pay/*` for a store's
 * customers, `/billing/checkout/*` for its managers) are in
 * payment-return-pages.ts: a payment is recorded by webhook, never by the
 * browser's redirect.
 */
export function registerStripeRoutes(app: FastifyInstance, deps: ApiDeps, billing: StripeBilling | null): void {
  // A scope of its own: here, and only here, bodies stay raw bytes, since the signature is over the exact bytes sent.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: EVENT_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    scope.post('/webhooks/stripe', async (request, reply) => {
      if (!billing) {
        return reply.code(503).send({ error: 'Billing is not enabled on this server (no STRIPE_SECRET_KEY is configured); Stripe events are not accepted' });
      }
      const signature = request.headers['stripe-signature'];
      if (typeof signature !== 'string' || signature.length === 0) return reply.code(400).send({ error: 'Missing Stripe-Signature header' });
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) return reply.code(400).send({ error: 'Missing event body' });
      let event: PaymentEvent;
      try {
        // Freshness is judged by the real time of day, as Stripe signs it, whatever the business clock says.
        event = billing.gateway.verifyEvent(request.body, signature, billing.webhookSecret);
      } catch (error) {
        request.log.warn({ err: error }, 'rejected a Stripe event: signature verification failed');
        return reply.code(400).send({ error: `Signature verification failed: ${error instanceof Error ? error.message : String(error)}` });
      }
      const accepted = await acceptStripeEvent(deps.orm, deps.clock, event);
      request.log.info(
        { stripeEventId: event.id, type: event.type, outcome: accepted.status, ...(accepted.status === 'IGNORED' ? { reason: accepted.reason } : {}) },
        'Stripe event received',
      );
      return reply.code(200).send({ received: true, status: accepted.status, ...(accepted.status === 'IGNORED' ? { reason: accepted.reason } : {}) });
    });
  });

  registerPaymentReturnPages(app, deps);
}
