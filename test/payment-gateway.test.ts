import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { readAtStripe } from '../domain/billing/stripe-reads';
import { isStripeRefusal } from '../domain/orders/stripe-refusal';
import type { CheckoutSessionParams, PaymentGateway } from '../domain/ports/payment-gateway';
import {
  describeStripeError,
  PaymentEventUnverified,
  PaymentGatewayError,
  PaymentGatewayRefusal,
  PaymentObjectMissing,
} from '../domain/ports/payment-gateway-errors';
import { connectStripeGateway } from '../infra/stripe/stripe-payment-gateway';
import { StripeServer, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from './support/stripe-server';

/**
 * The payment gateway on Stripe (infra/stripe/stripe-payment-gateway.ts),
 * through the real SDK against the local server speaking Stripe's wire
 * format: the requests it sends, the views it answers, and how Stripe's
 * failures become the port's errors, which decide between giving up and
 * retrying.
 */

let stripe: StripeServer;
let gateway: PaymentGateway;

beforeAll(async () => {
  stripe = await StripeServer.start();
  gateway = connectStripeGateway({ secretKey: TEST_SECRET_KEY, apiBaseUrl: stripe.url, timeoutMs: 5000 });
});

afterAll(async () => {
  await stripe.close();
});

const orderCheckout = (orderId: string): CheckoutSessionParams => ({
  mode: 'payment',
  clientReferenceId: orderId,
  lineItems: [{ quantity: 2, currency: 'cny', unitAmountMinor: 6450, productName: 'Dust cleaning', productMetadata: { aftersales_line: 'DUST' } }],
  locale: 'zh',
  successUrl: 'https://service.example.test/pay/complete?session_id={CHECKOUT_SESSION_ID}',
  cancelUrl: 'https://service.example.test/pay/cancelled',
  metadata: { aftersales_order_id: orderId },
  payment: { metadata: { aftersales_order_id: orderId }, description: 'Store A T-1: Dust cleaning' },
});

describe('answers', () => {
  test("a checkout session is created with Stripe's parameters and read back as the port's view; a repeated key is reported as a replay", async () => {
    const first = await gateway.createCheckoutSession(orderCheckout('order-1'), 'order-checkout:order-1');
    expect(first).toMatchObject({
      mode: 'payment',
      status: 'open',
      paymentStatus: 'unpaid',
      currency: 'cny',
      amountTotal: 12900,
      clientReferenceId: 'order-1',
      customerId: null,
      subscriptionId: null,
      paymentIntentId: null,
      metadata: { aftersales_order_id: 'order-1' },
      replayed: false,
    });
    expect(first.id).toMatch(/^cs_/);
    expect(first.url).toEqual(expect.stringContaining(first.id));
    expect(first.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const [request] = stripe.requestsTo('/v1/checkout/sessions', 'POST');
    expect(request).toMatchObject({
      idempotencyKey: 'order-checkout:order-1',
      params: {
        mode: 'payment',
        client_reference_id: 'order-1',
        line_items: [{ quantity: '2', price_data: { currency: 'cny', unit_amount: '6450', product_data: { name: 'Dust cleaning' } } }],
        locale: 'zh',
        payment_intent_data: { metadata: { aftersales_order_id: 'order-1' }, description: 'Store A T-1: Dust cleaning' },
      },
    });

    const again = await gateway.createCheckoutSession(orderCheckout('order-1'), 'order-checkout:order-1');
    expect(again).toMatchObject({ id: first.id, replayed: true });
    expect(stripe.sessions.size).toBe(1);
    // A read is never a replay.
    expect((await gateway.retrieveCheckoutSession(first.id)).replayed).toBe(false);
  });

  test('paid, refunded: the charge and the refund as the domain reads them; prices by lookup key', async () => {
    const session = await gateway.createCheckoutSession(orderCheckout('order-2'), 'order-checkout:order-2');
    stripe.completeCheckoutSession(session.id);
    const paid = await gateway.retrieveCheckoutSession(session.id);
    expect(paid).toMatchObject({ status: 'complete', paymentStatus: 'paid', paymentIntentId: expect.stringMatching(/^pi_/) });

    const refund = await gateway.createRefund(
      { paymentIntentId: paid.paymentIntentId!, amountMinor: 2900, reason: 'requested_by_customer', metadata: { aftersales_refund_id: 'refund-1' } },
      'refund:refund-1',
    );
    expect(refund).toMatchObject({ id: expect.stringMatching(/^re_/), metadata: { aftersales_refund_id: 'refund-1' }, failureReason: null });
    expect(await gateway.retrieveRefund(refund.id)).toEqual(refund);
    const chargeId = [...stripe.charges.values()].find((charge) => charge.payment_intent === paid.paymentIntentId)!.id;
    expect(await gateway.retrieveCharge(chargeId)).toEqual({ id: chargeId, paymentIntentId: paid.paymentIntentId, amountRefundedMinor: 2900 });

    const price = stripe.addPrice({ lookupKey: 'aftersales-test-monthly', unitAmount: 9900 });
    expect(await gateway.findPriceByLookupKey('aftersales-test-monthly')).toEqual({ id: price.id, lookupKey: 'aftersales-test-monthly' });
    expect(await gateway.findPriceByLookupKey('aftersales-no-such-plan')).toBeNull();
  });
});

describe('failures', () => {
  test('an object Stripe has never had (404) is a missing object: a refusal that reads as null', async () => {
    const error = await gateway.retrieveCheckoutSession('cs_test_nosuchsession').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentObjectMissing);
    expect(error).toBeInstanceOf(PaymentGatewayRefusal);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(describeStripeError(error)).toMatch(/^Stripe .*\(HTTP 404\) resource_missing: No such checkout\.session: 'cs_test_nosuchsession'/);
    expect(await readAtStripe(() => gateway.retrieveRefund('re_test_nosuchrefund'))).toBeNull();
  });

  test('a request Stripe refuses (a session no longer open, more than is left to refund) is a refusal, not a missing object', async () => {
    const session = await gateway.createCheckoutSession(orderCheckout('order-3'), 'order-checkout:order-3');
    expect(await gateway.expireCheckoutSession(session.id, 'order-checkout-expire:order-3')).toMatchObject({ id: session.id, status: 'expired' });
    const refused = await gateway.expireCheckoutSession(session.id, 'order-checkout-expire:order-3:again').catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(PaymentGatewayRefusal);
    expect(refused).not.toBeInstanceOf(PaymentObjectMissing);
    expect(isStripeRefusal(refused)).toBe(true);
    expect(describeStripeError(refused)).toMatch(/\(HTTP 400\).*can be expired/);
    // Read-backs only forgive a missing object: a refusal is thrown on.
    await expect(readAtStripe(() => gateway.expireCheckoutSession(session.id, 'order-checkout-expire:order-3:third'))).rejects.toBeInstanceOf(
      PaymentGatewayRefusal,
    );

    const paid = await gateway.createCheckoutSession(orderCheckout('order-4'), 'order-checkout:order-4');
    stripe.completeCheckoutSession(paid.id);
    const paymentIntentId = (await gateway.retrieveCheckoutSession(paid.id)).paymentIntentId!;
    const tooMuch = await gateway
      .createRefund({ paymentIntentId, amountMinor: 12901, reason: 'requested_by_customer', metadata: {} }, 'refund:too-much')
      .catch((caught: unknown) => caught);
    expect(tooMuch).toBeInstanceOf(PaymentGatewayRefusal);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large' });
  });

  test("Stripe's server failing is a failure worth retrying, neither a refusal nor a missing object; the next call goes through", async () => {
    const session = await gateway.createCheckoutSession(orderCheckout('order-5'), 'order-checkout:order-5');
    // Twice: the SDK itself retries once.
    stripe.failNext('GET', `/v1/checkout/sessions/${session.id}`, 2, 500);
    const error = await gateway.retrieveCheckoutSession(session.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentGatewayError);
    expect(error).not.toBeInstanceOf(PaymentGatewayRefusal);
    expect(isStripeRefusal(error)).toBe(false);
    expect(error).toMatchObject({ statusCode: 500 });
    expect(describeStripeError(error)).toMatch(/^Stripe .*\(HTTP 500\).*An unknown error occurred/);
    await expect(readAtStripe(() => gateway.retrieveCheckoutSession(session.id))).resolves.toMatchObject({ id: session.id });
  });

  test('no Stripe at all (nothing listening) is a failure worth retrying', async () => {
    const closedPort = await freePort();
    const unreachable = connectStripeGateway({ secretKey: TEST_SECRET_KEY, apiBaseUrl: `http://127.0.0.1:${closedPort}`, timeoutMs: 2000 });
    const error = await unreachable.retrieveCharge('ch_test_any').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentGatewayError);
    expect(error).not.toBeInstanceOf(PaymentGatewayRefusal);
    expect(error).toMatchObject({ statusCode: null });
  });
});

describe('events', () => {
  const signed = (payload: string, secret = TEST_WEBHOOK_SECRET) => Stripe.webhooks.generateTestHeaderString({ payload, secret });

  test('an event signed with the endpoint secret is verified and read as the whole payload', () => {
    const object = { id: 'cs_test_event', object: 'checkout.session', mode: 'payment', client_reference_id: 'order-9', customer: null, amount_total: 100 };
    const payload = JSON.stringify(stripe.event('checkout.session.completed', object));
    const event = gateway.verifyEvent(Buffer.from(payload), signed(payload), TEST_WEBHOOK_SECRET);
    expect(event).toMatchObject({ type: 'checkout.session.completed', livemode: false, data: { object: { ...object } } });
    expect(event.id).toMatch(/^evt_/);
    expect(typeof event.created).toBe('number');
  });

  test('a forged signature, a body changed after signing or a made-up header is refused as unverified', () => {
    const payload = JSON.stringify(stripe.event('refund.updated', { id: 're_test_event', object: 'refund' }));
    const attempts = [
      () => gateway.verifyEvent(payload, signed(payload, 'whsec_someoneelse'), TEST_WEBHOOK_SECRET),
      () => gateway.verifyEvent(payload.replace('re_test_event', 're_test_other'), signed(payload), TEST_WEBHOOK_SECRET),
      () => gateway.verifyEvent(payload, 't=1,v1=00', TEST_WEBHOOK_SECRET),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(PaymentEventUnverified);
    }
  });
});

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
