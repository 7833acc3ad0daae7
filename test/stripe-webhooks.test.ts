import { createStripeClient } from '../infra/stripe/stripe-client';
import { connectStripeGateway } from '../infra/stripe/stripe-payment-gateway';
import { Client } from 'pg';
import { migrate } from '../migrations/runner';
import type Stripe from 'stripe';
import { stripeBillingFrom } from '../domain/billing/stripe-billing';
import { ManualClock } from '../core/clock';
import type { ProcessorDeps } from '../domain/scheduling/processor';
import { drainDueActions } from './support/action-driver';
import { APP_ROLE, createTestDatabase } from './support/test-database';
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
const warnings: { details: Record<string, unknown>; message: string }[] = [];

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
    billing: stripeBillingFrom(api.config, connectStripeGateway),
    log: { warn: (details, message) => warnings.push({ details, message }) },
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
  return (await admin.query(`select stripe_event_id, type, processed_at is not null as processed from stripe_events order by received_at, stripe_event_id`))
    .rows;
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
    expect(await deliverEvent(apiBase(), other)).toEqual({
      status: 200,
      body: { received: true, status: 'IGNORED', reason: 'customer.created events are not used' },
    });
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
    for (const event of failed)
      expect(rows.filter((row) => row.stripe_event_id === event.id)).toEqual([{ stripe_event_id: event.id, type: event.type, processed: true }]);
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
    const action = await admin.query(`select state, attempts, last_error from scheduled_actions where idempotency_key = $1`, [
      `stripe-event:${canceled[0].id}`,
    ]);
    expect(action.rows[0]).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(action.rows[0].last_error).toContain('Stripe is having a moment');
    expect(await subscription()).toMatchObject({ status: 'ACTIVE' });
    for (let i = 0; i < 3; i++) {
      clock.advance(10 * 60_000);
      await drain();
    }
    expect(await subscription()).toMatchObject({ status: 'CANCELED' });
    expect((await admin.query(`select state from scheduled_actions where idempotency_key = $1`, [`stripe-event:${canceled[0].id}`])).rows[0].state).toBe(
      'DONE',
    );
  });
});

describe('events that do not match the store change nothing', () => {
  const START = `mutation { startSubscriptionCheckout(input: { plan: "PRO" }) { userErrors { code } } }`;
  const STANDING = `{ storeSubscription { status standing subscribed plan { code } } }`;
  const ANOMALIES = `{ paymentAnomalies(first: 10) { edges { node { subject reason message stripeEventType stripeObjectId orderId } } } }`;
  /** The Stripe customer the worker created for the store's checkout. */
  const customerOf = async (slug: string) =>
    (
      await admin.query<{ stripe_customer_id: string }>(
        `select c.stripe_customer_id from subscription_checkouts c join tenants t on t.id = c.tenant_id where t.slug = $1 and c.stripe_customer_id is not null limit 1`,
        [slug],
      )
    ).rows[0].stripe_customer_id;
  const checkoutOf = async (slug: string) =>
    (
      await admin.query<{ id: string; state: string; stripe_session_id: string }>(
        `select c.id, c.state, c.stripe_session_id from subscription_checkouts c join tenants t on t.id = c.tenant_id where t.slug = $1 order by c.created_at desc limit 1`,
        [slug],
      )
    ).rows[0];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const read = async (slug: string, query: string): Promise<any> => {
    const body = (await api.gql(query, {}, await api.login(slug, `manager@${slug}.test`))).body;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  let storeBSubscription: string;

  beforeAll(async () => {
    // store-b subscribes and pays: its subscription is live. store-z (another HQ's) asks for a checkout and never pays.
    for (const slug of ['store-b', 'store-z']) {
      expect((await api.gql(START, {}, await api.login(slug, `manager@${slug}.test`))).body.data.startSubscriptionCheckout.userErrors).toEqual([]);
    }
    await drain();
    const sessionB = (await checkoutOf('store-b')).stripe_session_id;
    for (const event of stripe.completeCheckoutSession(sessionB)) await deliverEvent(apiBase(), event);
    await drain();
    storeBSubscription = String(stripe.sessions.get(sessionB)!.subscription);
    expect((await read('store-b', STANDING)).storeSubscription).toMatchObject({ status: 'ACTIVE', subscribed: true });
    expect((await read('store-a', STANDING)).storeSubscription).toMatchObject({ status: 'CANCELED', standing: 'READ_ONLY' });
  });

  test("a store that never paid does not take another store's subscription from a completed-checkout event naming it", async () => {
    const before = (await read('store-z', STANDING)).storeSubscription;
    expect(before).toMatchObject({ subscribed: false });
    const checkoutZ = await checkoutOf('store-z');
    const sessionZ = stripe.sessions.get(checkoutZ.stripe_session_id)!;
    // store-z's own (unpaid) session, said to be complete with store-b's subscription...
    const claimed = stripe.event('checkout.session.completed', { ...sessionZ, status: 'complete', payment_status: 'paid', subscription: storeBSubscription });
    // ...and store-b's completed session, said to be store-z's customer's and checkout's.
    const sessionB = stripe.sessions.get((await checkoutOf('store-b')).stripe_session_id)!;
    const borrowed = stripe.event('checkout.session.completed', { ...sessionB, customer: await customerOf('store-z'), client_reference_id: checkoutZ.id });
    for (const event of [claimed, borrowed]) expect((await deliverEvent(apiBase(), event)).body).toMatchObject({ status: 'ACCEPTED' });
    await drain();

    expect((await read('store-z', STANDING)).storeSubscription).toEqual(before);
    expect((await admin.query(`select 1 from store_subscriptions s join tenants t on t.id = s.tenant_id where t.slug = 'store-z'`)).rows).toEqual([]);
    expect((await checkoutOf('store-z')).state).toBe('OPEN');
    const anomalies = (await read('store-z', ANOMALIES)).paymentAnomalies.edges.map((edge: { node: unknown }) => edge.node);
    expect(anomalies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: 'SUBSCRIPTION',
          reason: 'NOT_PAID',
          stripeObjectId: sessionZ.id,
          stripeEventType: 'checkout.session.completed',
          orderId: null,
        }),
        expect.objectContaining({ subject: 'SUBSCRIPTION', reason: 'NOT_THE_STORES_CUSTOMER', stripeObjectId: sessionB.id }),
      ]),
    );
    expect(anomalies).toHaveLength(2);
    expect(warnings.map((warning) => warning.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ stripeEventId: borrowed.id, anomaly: 'NOT_THE_STORES_CUSTOMER', objectId: sessionB.id })]),
    );
    // store-b's own subscription is untouched by it all.
    expect((await read('store-b', STANDING)).storeSubscription).toMatchObject({ status: 'ACTIVE', subscribed: true });
  });

  test("a canceled store is not made writable by an event about another store's subscription, whatever its metadata or customer say", async () => {
    const checkoutA = await checkoutOf('store-a');
    const subscriptionB = stripe.subscriptions.get(storeBSubscription)!;
    // store-b's live subscription, its metadata naming store-a's checkout: it finds store-b, whose subscription it is.
    const byMetadata = stripe.event('customer.subscription.updated', {
      ...subscriptionB,
      metadata: { aftersales_checkout_id: checkoutA.id, aftersales_plan: 'PRO' },
    });
    // The same, said to be store-a's customer's; and store-b's invoice, said to be store-a's.
    const byCustomer = stripe.event('customer.subscription.updated', { ...subscriptionB, customer: await customerOf('store-a') });
    const invoiceB = stripe.invoices.get(String(subscriptionB.latest_invoice))!;
    const byInvoice = stripe.event('invoice.paid', { ...invoiceB, customer: await customerOf('store-a') });
    expect((await deliverEvent(apiBase(), byMetadata)).body).toEqual({ received: true, status: 'ACCEPTED' });
    for (const event of [byCustomer, byInvoice]) expect((await deliverEvent(apiBase(), event)).body).toMatchObject({ status: 'ACCEPTED' });
    await drain();

    expect((await read('store-a', STANDING)).storeSubscription).toMatchObject({ status: 'CANCELED', standing: 'READ_ONLY' });
    expect(await subscription()).toMatchObject({ status: 'CANCELED', stripe_subscription_id: expect.not.stringMatching(storeBSubscription) });
    const refused = await api.gql(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { userErrors { code } } }`,
      { input: { name: 'Still read-only', phone: '13900139666' } },
      await api.login('store-a', 'manager@store-a.test'),
    );
    expect(refused.body.errors[0].extensions.code).toBe('PAYMENT_REQUIRED');
    const anomalies = (await read('store-a', ANOMALIES)).paymentAnomalies.edges.map((edge: { node: unknown }) => edge.node);
    expect(anomalies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: 'SUBSCRIPTION', reason: 'NOT_THE_STORES_CUSTOMER', stripeObjectId: invoiceB.id, stripeEventType: 'invoice.paid' }),
        expect.objectContaining({
          subject: 'SUBSCRIPTION',
          reason: 'NOT_THE_STORES_CUSTOMER',
          stripeObjectId: storeBSubscription,
          stripeEventType: 'customer.subscription.updated',
        }),
      ]),
    );
    expect(anomalies).toHaveLength(2);
    // The event routed by its customer to store-b changed nothing there either: it is store-b's own, as Stripe has it.
    expect((await read('store-b', STANDING)).storeSubscription).toMatchObject({ status: 'ACTIVE', subscribed: true });
    expect((await read('store-b', ANOMALIES)).paymentAnomalies.edges).toEqual([]);
  });
});

describe('the local Stripe server, for paid services', () => {
  test('payment-mode checkout with line items and metadata, then partial refunds, through the real SDK', async () => {
    // The whole SDK, as a client of the local server: the test also reads what the domain never asks for (payment intents, events).
    const sdk = createStripeClient({
      secretKey: api.config.STRIPE_SECRET_KEY!,
      apiBaseUrl: api.config.STRIPE_API_BASE_URL,
      timeoutMs: api.config.STRIPE_TIMEOUT_MS,
    });
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
    expect(created).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      amount_total: 12900,
      currency: 'cny',
      metadata: { order: 'order-1' },
    });
    const [completed] = stripe.completeCheckoutSession(created.id);
    expect(completed.type).toBe('checkout.session.completed');
    const paid = completed.data.object as Stripe.Checkout.Session;
    expect(paid).toMatchObject({ payment_status: 'paid', payment_intent: expect.stringMatching(/^pi_/) });
    const paymentIntent = await sdk.paymentIntents.retrieve(String(paid.payment_intent));
    expect(paymentIntent).toMatchObject({ status: 'succeeded', amount: 12900, metadata: { order: 'order-1' } });
    // No paid-services handler is registered here: acknowledged, ignored.
    expect((await deliverEvent(apiBase(), completed)).body).toMatchObject({ status: 'IGNORED' });

    const refund = await sdk.refunds.create(
      { payment_intent: paymentIntent.id, amount: 5000, reason: 'requested_by_customer', metadata: { refund: 'r-1' } },
      { idempotencyKey: 'refund:r-1' },
    );
    const again = await sdk.refunds.create(
      { payment_intent: paymentIntent.id, amount: 5000, reason: 'requested_by_customer', metadata: { refund: 'r-1' } },
      { idempotencyKey: 'refund:r-1' },
    );
    expect(again.id).toBe(refund.id);
    expect(stripe.requestsTo('/v1/refunds', 'POST').map((r) => r.replayed)).toEqual([false, true]);
    await expect(sdk.refunds.create({ payment_intent: paymentIntent.id, amount: 9000 }, { idempotencyKey: 'refund:r-2' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'amount_too_large',
      statusCode: 400,
    });
    await expect(sdk.refunds.create({ payment_intent: paymentIntent.id, amount: 100 }, { idempotencyKey: 'refund:r-1' })).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
    });
    expect(await sdk.refunds.retrieve(refund.id)).toMatchObject({ amount: 5000, status: 'succeeded', metadata: { refund: 'r-1' } });
    expect(stripe.refundEvents(refund.id).map((event) => event.type)).toEqual(['charge.refunded', 'refund.updated']);
    expect((await sdk.events.retrieve(completed.id)).id).toBe(completed.id);
  });
});

describe('stores that subscribed before their customers were recorded', () => {
  test("the migration records each store's customer from its earliest checkout, for the store it was created for, and events find the store by it", async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.adminUrl });
    await client.connect();
    try {
      // The database as it was before: no record of the stores' customers.
      await client.query(
        `drop function billing_customer_tenant(text); drop table billing_customers; delete from schema_migrations where name = '0041_billing_customers.sql'`,
      );
      const hq = (await client.query(`insert into tenants (slug, name, kind) values ('old-hq', 'Old HQ', 'HQ') returning id`)).rows[0].id;
      const store = async (slug: string) =>
        (await client.query(`insert into tenants (slug, name, kind, parent_id) values ($1, $1, 'STORE', $2) returning id`, [slug, hq])).rows[0].id as string;
      const [one, two, three, four] = [await store('old-one'), await store('old-two'), await store('old-three'), await store('old-four')];
      const checkout = (tenant: string, customer: string | null, createdAt: string) =>
        client.query(
          `insert into subscription_checkouts (tenant_id, plan, state, stripe_customer_id, stripe_session_id, created_at) values ($1, 'PRO', $2, $3, $4, $5)`,
          [tenant, customer ? 'OPEN' : 'PENDING', customer, customer ? `cs_test_${Math.random().toString(36).slice(2)}` : null, createdAt],
        );
      await checkout(one, 'cus_first', '2026-01-01T00:00:00Z');
      await checkout(one, 'cus_first', '2026-02-01T00:00:00Z');
      await checkout(two, 'cus_second', '2026-01-05T00:00:00Z');
      await checkout(three, null, '2026-01-06T00:00:00Z');
      // A later checkout of another store carrying old-one's customer (its subscription row had been overwritten with old-one's).
      await checkout(four, 'cus_first', '2026-03-01T00:00:00Z');

      expect((await migrate({ adminUrl: db.adminUrl, appRole: APP_ROLE })).applied).toEqual(['0041_billing_customers.sql']);
      const recorded = await client.query(`select tenant_id, stripe_customer_id from billing_customers order by stripe_customer_id`);
      expect(recorded.rows).toEqual([
        { tenant_id: one, stripe_customer_id: 'cus_first' },
        { tenant_id: two, stripe_customer_id: 'cus_second' },
      ]);
      const found = await client.query(
        `select billing_customer_tenant('cus_first') as one, billing_customer_tenant('cus_second') as two, billing_customer_tenant('cus_nobody') as nobody`,
      );
      expect(found.rows).toEqual([{ one, two, nobody: null }]);
      // A customer is one store's: recording it for another is refused.
      await expect(
        client.query(`insert into billing_customers (tenant_id, stripe_customer_id, created_at) values ($1, 'cus_first', now())`, [three]),
      ).rejects.toThrow(/duplicate key/);
    } finally {
      await client.end();
      await db.drop();
    }
  }, 60000);
});
