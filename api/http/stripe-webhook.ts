import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { acceptStripeEvent } from '../../domain/billing/stripe-events';
import type { StripeBilling } from '../../domain/billing/stripe-billing';
import type { ApiDeps } from '../context';

/** Stripe's events are small; an invoice with many lines is the largest we expect. */
const EVENT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Stripe's HTTP side of billing:
 *
 * `POST /webhooks/stripe` verifies the `Stripe-Signature` header on the raw
 * body with `stripe.webhooks.constructEvent` (a forged body, another
 * endpoint's secret or a timestamp older than five minutes get 400 and
 * change nothing), then stores the event once per event id and schedules its
 * processing (domain/billing/stripe-events.ts) and answers 200 at once. The
 * work itself runs in the worker as a STRIPE_EVENT action: Stripe never
 * waits on it, and a failure there is retried by us instead of by Stripe.
 * With billing off the route answers 503, saying why.
 *
 * `GET /pay/complete` and `/pay/cancelled` are where a customer lands after paying a store's service;
 * `GET /billing/checkout/complete` and `/billing/checkout/cancelled` are where
 * Stripe Checkout sends a store's manager back to. They only say what
 * happens next: the subscription itself arrives by webhook, never by the
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
      let event: Stripe.Event;
      try {
        // Freshness is judged by the real time of day, as Stripe signs it, whatever the business clock says.
        event = billing.stripe.webhooks.constructEvent(request.body, signature, billing.webhookSecret);
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

  app.get('/billing/checkout/complete', async (_request, reply) =>
    page(reply, 'Thank you: the payment went through. The subscription becomes active within a minute; you can close this page.', '谢谢！付款已完成，订阅将在一分钟内生效，您可以关闭此页面。'),
  );
  app.get('/billing/checkout/cancelled', async (_request, reply) =>
    page(reply, 'Nothing was charged. The payment link stays valid for 24 hours, or start again from the platform.', '未扣款。付款链接 24 小时内仍可使用，也可以在平台中重新发起订阅。'),
  );
  // Where a store's customer lands after paying for a service (the store, not the platform, speaks here).
  app.get('/pay/complete', async (_request, reply) =>
    page(reply, 'Thank you: your payment went through. The store has been told and will keep you informed; you can close this page.', '谢谢！付款已完成，门店已收到通知并会及时告知您服务进展，您可以关闭此页面。'),
  );
  app.get('/pay/cancelled', async (_request, reply) =>
    page(reply, 'Nothing was charged. You can pay later with the same link while it is valid, or contact the store.', '未扣款。链接有效期内您可以稍后再付款，或联系门店。'),
  );
}

function page(reply: { type(value: string): { send(body: string): unknown } }, en: string, zh: string): unknown {
  return reply
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html><head><meta charset="utf-8"><title>Aftersales</title></head><body><p lang="zh-CN">${zh}</p><p lang="en">${en}</p></body></html>`);
}
