import { Client } from 'pg';
import type Stripe from 'stripe';
import { stripeBillingFrom } from '../domain/billing/stripe-billing';
import { ManualClock } from '../domain/clock';
import type { ProcessorDeps } from '../domain/scheduling/processor';
import { drainDueActions } from './support/action-driver';
import { deliverEvent, StripeServer, TEST_WEBHOOK_SECRET } from './support/stripe-server';
import { startTestApi, TestApi } from './support/test-api';

/**
 * POST /webhooks/stripe with events signed by `stripe.webhooks.generateTestHeaderString`,
 * as Stripe delivers them: forged, stale, twice, out of order, about
 * objects that are not ours. The signature is checked on the raw body, each
 * event is stored once and applied once by the worker, and the state always
 * ends where Stripe says it is, because it is re-read from Stripe.
 */
const clock = new ManualClock(new Date());
let stripe: StripeServer;
let api: TestApi;
let admin: Client;
let deps: ProcessorDeps;
let storeA: string;
let session: { id: string };
const sent: { to: string; subject: string }[] = [];

beforeAll(async () => {
  stripe = await StripeServer.start({ clock });
  stripe.addPrice({ lookupKey: 'aftersales-basic-monthly', unitAmount: 29900 });
  stripe.addPrice({ lookupKey: 'aftersales-pro-monthly', unitAmount: 69900 });
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000', ...stripe.env() } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  storeA = (await admin.query<{ id: string }>(`select id from tenants where slug = 'store-a'`)).rows[0].id;
  deps = {
    channels: {
      email: {
        send: async (message) => {
          sent.push({ to: message.to, subject: message.subject });
          return { providerReference: `mail-${sent.length}` };
        },
      },
      sms: null,
    },
    fetch,
    publicBaseUrl: 'https://service.example.test',
    webhookTimeoutMs: 1000,
    billing: stripeBillingFrom(api.config),
  };
  // store-a's free trial is over; it asks for a PRO subscription and the worker creates its Checkout Session.
  clock.advance(31 * 24 * 3600_000);
  const manager = await api.login('store-a', 'manager@store-a.test');
  const started = await api.gql(`mutation { startSubscriptionCheckout(input: { plan: "PRO" }) { userErrors { code } } }`, {}, manager);
  expect(started.body.data.startSubscriptionCheckout.userErrors).toEqual([]);
  await drain();
  session = [...stripe.sessions.values()][0] as typeof session;
}, 60000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
  await stripe?.close();
});

const drain = () => drainDueActions(api.orm, clock, deps);
const apiBase = () => api.url.replace(/\/graphql$/, '');
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function storedEvents(): Promise<{ stripe_event_id: string; type: string; processed: boolean }[]> {
  return (await admin.query(`select stripe_event_id, type, processed_at is not null as processed from stripe_events order by received_at, stripe_event_id`)).rows;
}

async function subscription(): Promise<{ status: string; plan: string; stripe_subscription_id: string } | undefined> {
  return (await admin.query(`select status, plan, stripe_subscription_id from store_subscriptions where tenant_id = $1`, [storeA])).rows[0];
}

/** The failed-payment notice, in the store's language (zh-CN) or in English. */
const FAILED_PAYMENT = /扣款失败|payment .* failed/;
const retrievals = (subscriptionId: string) => stripe.requestsTo(`/v1/subscriptions/${subscriptionId}`, 'GET').length;

describe('signatures', () => {
  let event: Stripe.Event;

  beforeAll(() => {
    event = stripe.event('customer.subscription.updated', { id: 'sub_unknownforsignatures', object: 'subscription', customer: 'cus_nobody', metadata: {} });
  });

  test('a body signed with another secret is refused with 400 and nothing is stored', async () => {
    const forged = await deliverEvent(apiBase(), event, { secret: 'whsec_somebodyelse' });
    expect(forged.status).toBe(400);
    expect(String(forged.body.error)).toContain('Signature verification failed');
    expect(await storedEvents()).toEqual([]);
  });

  test('a body changed after signing, or no signature at all, is refused', async () => {
    const payload = JSON.stringify(event, null, 2);
    const header = (await import('stripe')).default.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET });
    const tampered = await fetch(`${apiBase()}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
      body: payload.replace('"customer.subscription.updated"', '"customer.subscription.deleted"'),
    });
    expect(tampered.status).toBe(400);
    expect((await deliverEvent(apiBase(), event, { signature: null })).status).toBe(400);
    expect(await storedEvents()).toEqual([]);
  });

  test('a signature older than five minutes is refused (a replayed capture), a fresh one accepted', async () => {
    const stale = await deliverEvent(apiBase(), event, { timestamp: nowSeconds() - 6 * 60 });
    expect(stale.status).toBe(400);
    expect(String(stale.body.error)).toContain('tolerance');
    const fresh = await deliverEvent(apiBase(), event, { timestamp: nowSeconds() - 60 });
    // Signed well; about a customer we do not know: acknowledged, ignored, nothing stored.
    expect(fresh).toEqual({ status: 200, body: { received: true, status: 'IGNORED', reason: 'the object is not one of ours' } });
    expect(await storedEvents()).toEqual([]);
  });

  test('event types billing does not use are acknowledged and ignored', async () => {
    const other = stripe.event('customer.created', { id: 'cus_other', object: 'customer', metadata: {} });
    expect(await deliverEvent(apiBase(), other)).toEqual({ status: 200, body: { received: true, status: 'IGNORED', reason: 'customer.created events are not used' } });
  });
});

describe('delivery', () => {
  let events: Stripe.Event[];
  let subscriptionId: string;

  test('out of order: invoice.paid before customer.subscription.created still ends ACTIVE, and the late event changes nothing', async () => {
    const manager = await api.login('store-a', 'manager@store-a.test');
    // No trial days were left: Stripe starts the subscription active, its first invoice paid.
    events = stripe.completeCheckoutSession(session.id);
    const [completed, created, paid] = events;
    subscriptionId = String((created.data.object as Stripe.Subscription).id);
    expect(paid.type).toBe('invoice.paid');
    // Stripe's first snapshot of a subscription whose payment is still going through says `incomplete`.
    (created.data.object as { status: string }).status = 'incomplete';

    expect((await deliverEvent(apiBase(), paid)).body).toMatchObject({ status: 'ACCEPTED' });
    expect(await subscription()).toBeUndefined(); // stored and scheduled, not applied inside the request
    await drain();
    expect(await subscription()).toMatchObject({ status: 'ACTIVE', plan: 'PRO', stripe_subscription_id: subscriptionId });

    expect((await deliverEvent(apiBase(), created)).body).toMatchObject({ status: 'ACCEPTED' });
    await drain();
    expect(await subscription()).toMatchObject({ status: 'ACTIVE' }); // not set back by the stale `incomplete` payload
    expect((await deliverEvent(apiBase(), completed)).body).toMatchObject({ status: 'ACCEPTED' });
    await drain();
    expect((await admin.query(`select state from subscription_checkouts where tenant_id = $1`, [storeA])).rows).toEqual([{ state: 'COMPLETED' }]);
    const gql = await api.gql(`{ storeSubscription { status subscribed } }`, {}, manager);
    expect(gql.body.data.storeSubscription).toEqual({ status: 'ACTIVE', subscribed: true });
    // Each event re-read the subscription from Stripe instead of trusting its payload.
    expect(retrievals(subscriptionId)).toBe(3);
  });

  test('delivered twice: stored once, applied once', async () => {
    const failed = stripe.failRenewal(subscriptionId);
    for (const event of failed) {
      expect((await deliverEvent(apiBase(), event)).body).toMatchObject({ status: 'ACCEPTED' });
      expect((await deliverEvent(apiBase(), event)).body).toMatchObject({ status: 'DUPLICATE' });
    }
    const before = retrievals(subscriptionId);
    await drain();
    expect(retrievals(subscriptionId) - before).toBe(failed.length); // one reading per event, not per delivery
    expect(await subscription()).toMatchObject({ status: 'PAST_DUE' });
    const rows = await storedEvents();
    for (const event of failed) expect(rows.filter((row) => row.stripe_event_id === event.id)).toEqual([{ stripe_event_id: event.id, type: event.type, processed: true }]);
    const actions = await admin.query(`select idempotency_key, state from scheduled_actions where kind = 'STRIPE_EVENT' and idempotency_key = any($1)`, [
      failed.map((event) => `stripe-event:${event.id}`),
    ]);
    expect(actions.rows.map((row) => row.state)).toEqual(['DONE', 'DONE']);
    // The managers are told once about the failed payment.
    expect(sent.filter((mail) => mail.to === 'manager@store-a.test' && FAILED_PAYMENT.test(mail.subject))).toHaveLength(1);

    // Delivered again a day later, after it was processed: still nothing new.
    clock.advance(24 * 3600_000);
    expect((await deliverEvent(apiBase(), failed[0])).body).toMatchObject({ status: 'DUPLICATE' });
    await drain();
    expect(sent.filter((mail) => FAILED_PAYMENT.test(mail.subject))).toHaveLength(1);
  });

  test('an old event arriving after a newer state is applied as what Stripe says now', async () => {
    const paid = stripe.payOpenInvoice(subscriptionId);
    for (const event of paid) await deliverEvent(apiBase(), event);
    await drain();
    expect(await subscription()).toMatchObject({ status: 'ACTIVE' });
    // The failure notice is delivered again under a new id (Stripe resends from its dashboard): the invoice is paid by now.
    const late = stripe.event('invoice.payment_failed', stripe.invoices.get(String(stripe.subscriptions.get(subscriptionId)!.latest_invoice))!);
    (late.data.object as { status: string }).status = 'open';
    await deliverEvent(apiBase(), late);
    await drain();
    expect(await subscription()).toMatchObject({ status: 'ACTIVE' });
    expect(sent.filter((mail) => FAILED_PAYMENT.test(mail.subject))).toHaveLength(1);
  });

  test('a Stripe outage while processing is retried by the worker, not lost', async () => {
    const canceled = stripe.cancelSubscription(subscriptionId);
    stripe.failNext('GET', `/v1/subscriptions/${subscriptionId}`, 2, 503, 'Stripe is having a moment');
    expect((await deliverEvent(apiBase(), canceled[0])).body).toMatchObject({ status: 'ACCEPTED' });
    await drain();
    const action = await admin.query(`select state, attempts, last_error from scheduled_actions where idempotency_key = $1`, [`stripe-event:${canceled[0].id}`]);
    expect(action.rows[0]).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(action.rows[0].last_error).toContain('Stripe is having a moment');
    expect(await subscription()).toMatchObject({ status: 'ACTIVE' });
    for (let i = 0; i < 3; i++) {
      clock.advance(10 * 60_000);
      await drain();
    }
    expect(await subscription()).toMatchObject({ status: 'CANCELED' });
    expect((await admin.query(`select state from scheduled_actions where idempotency_key = $1`, [`stripe-event:${canceled[0].id}`])).rows[0].state).toBe('DONE');
  });
});

describe('the local Stripe server, for paid services', () => {
  test('payment-mode checkout with line items and metadata, then partial refunds, through the real SDK', async () => {
    const sdk = stripeBillingFrom(api.config)!.stripe;
    const created = await sdk.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency: 'cny', unit_amount: 12900, product_data: { name: 'Dust cleaning' } } }],
        metadata: { order: 'order-1' },
        payment_intent_data: { metadata: { order: 'order-1' } },
        success_url: 'https://service.example.test/paid',
      },
      { idempotencyKey: 'order-checkout:order-1' },
    );
    expect(created).toMatchObject({ object: 'checkout.session', mode: 'payment', status: 'open', amount_total: 12900, currency: 'cny', metadata: { order: 'order-1' } });
    const [completed] = stripe.completeCheckoutSession(created.id);
    expect(completed.type).toBe('checkout.session.completed');
    const paid = completed.data.object as Stripe.Checkout.Session;
    expect(paid).toMatchObject({ payment_status: 'paid', payment_intent: expect.stringMatching(/^pi_/) });
    const paymentIntent = await sdk.paymentIntents.retrieve(String(paid.payment_intent));
    expect(paymentIntent).toMatchObject({ status: 'succeeded', amount: 12900, metadata: { order: 'order-1' } });
    // No paid-services handler is registered here: acknowledged, ignored.
    expect((await deliverEvent(apiBase(), completed)).body).toMatchObject({ status: 'IGNORED' });

    const refund = await sdk.refunds.create({ payment_intent: paymentIntent.id, amount: 5000, reason: 'requested_by_customer', metadata: { refund: 'r-1' } }, { idempotencyKey: 'refund:r-1' });
    const again = await sdk.refunds.create({ payment_intent: paymentIntent.id, amount: 5000, reason: 'requested_by_customer', metadata: { refund: 'r-1' } }, { idempotencyKey: 'refund:r-1' });
    expect(again.id).toBe(refund.id);
    expect(stripe.requestsTo('/v1/refunds', 'POST').map((r) => r.replayed)).toEqual([false, true]);
    await expect(sdk.refunds.create({ payment_intent: paymentIntent.id, amount: 9000 }, { idempotencyKey: 'refund:r-2' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'amount_too_large',
      statusCode: 400,
    });
    await expect(sdk.refunds.create({ payment_intent: paymentIntent.id, amount: 100 }, { idempotencyKey: 'refund:r-1' })).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    expect(await sdk.refunds.retrieve(refund.id)).toMatchObject({ amount: 5000, status: 'succeeded', metadata: { refund: 'r-1' } });
    expect(stripe.refundEvents(refund.id).map((event) => event.type)).toEqual(['charge.refunded', 'refund.updated']);
    expect((await sdk.events.retrieve(completed.id)).id).toBe(completed.id);
  });
});
