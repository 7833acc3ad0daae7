import { createStripeClient } from '../infra/stripe/stripe-client';
import { connectStripeGateway } from '../infra/stripe/stripe-payment-gateway';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { stripeBillingFrom } from '../domain/billing/stripe-billing';
import { ManualClock, systemClock } from '../core/clock';
import { extendedWarrantyEnd } from '../domain/orders/warranty-extension';
import { ActionKind } from '../core/action-enums';
import type { ActionProcessor, ProcessorDeps } from '../domain/scheduling/processor';
import { lastCoveredDay } from '../domain/warranty/warranty-decision';
import { SmtpEmailSender } from '../infra/mail/smtp-email-sender';
import { toGlobalId } from '../core/global-id';
import { applyTenants } from '../tenants/provisioning/apply';
import { loadTenantFiles } from '../tenants/provisioning/load';
import { ACTION_PROCESSORS } from '../worker/actions/processors';
import type { ProcessorRegistry } from '../worker/actions/run-action';
import { drainDueActions } from './support/action-driver';
import { timelineOf, uuidOf } from './support/desk-fixtures';
import { writeTempYaml } from './support/network';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { deliverEvent, deliverEvents, StripeServer } from './support/stripe-server';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Orders of paid services on tickets, end to end: the real `stripe` SDK
 * talks to a local server speaking Stripe's wire format, Stripe's events are
 * signed and POSTed to the api, and the worker's actions are drained on a
 * ManualClock. The paid-service story (priced inside HQ's range, the link
 * e-mailed, paid, started, done, partly refunded), an extended warranty
 * bought and refunded, events delivered twice or before our own record,
 * retried jobs sending the same idempotency keys, cancelling and expiry,
 * quotes, plan limits, isolation between stores, and billing switched off.
 */
const clock = new ManualClock(new Date());
const LIMITS = { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' };
const MANAGER_A = 'manager@store-a.test';
const AGENT_A = 'agent@store-a.test';
const TECH_A = 'tech@store-a.test';

const CATALOGUE_YAML = `
tenants:
  - slug: hq-one
    name: HQ One
    kind: HQ
    paidServices:
      - code: DUST_CLEANING
        name: { zh-CN: 除尘清洁与更换硅脂, en: Dust cleaning and thermal paste }
        description: Fans and heat sinks cleaned, thermal paste renewed.
        minPriceMinor: 9900
        maxPriceMinor: 19900
        requiresDevice: true
      - code: EXTENDED_WARRANTY_1Y
        name: { zh-CN: 延长保修 1 年, en: "Extended warranty, 1 year" }
        description: One more year of whole-machine warranty.
        minPriceMinor: 29900
        maxPriceMinor: 49900
        requiresDevice: true
        warrantyExtensionMonths: 12
`;

const ORDER_FIELDS = `id kind state version allowedTransitions paymentUrl paymentExpiresAt paidAt startedAt completedAt cancelReason
  total { amountMinor currency formatted } amountPaid { amountMinor } amountRefunded { amountMinor } refundPending { amountMinor } refundable { amountMinor }
  lines { position kind code nameEn quantity unitPrice { amountMinor } amount { amountMinor } warrantyExtensionMonths warrantyExtendedUntil }
  refunds { amount { amountMinor } reason state confirmedAt failureReason } quote { id state } ticket { id status }`;
const CREATE = `mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { order { ${ORDER_FIELDS} } userErrors { field code message } } }`;
const stepMutation = (name: string, input = 'OrderStepInput') =>
  `mutation($input: ${input}!) { ${name}(input: $input) { order { ${ORDER_FIELDS} } userErrors { field code message } } }`;
const REQUEST_PAYMENT = stepMutation('requestPayment');
const START = stepMutation('startOrderService');
const COMPLETE = stepMutation('completeOrder');
const CANCEL = stepMutation('cancelOrder', 'CancelOrderInput');
const REFUND = `mutation($input: RefundOrderInput!) { refundOrder(input: $input) {
  order { ${ORDER_FIELDS} } refund { amount { amountMinor } reason state } userErrors { field code message } } }`;
const ORDER = `query($id: ID!) { node(id: $id) { ... on ServiceOrder { ${ORDER_FIELDS} } } }`;
const SET_PRICE = `mutation($input: SetServicePriceInput!) { setServicePrice(input: $input) { storeOffer { status price { amountMinor } } userErrors { field code message } } }`;
const WARRANTY = `query($id: ID!) { ticket(id: $id) { status device { extendedWarrantyUntil warranty { status extendedUntil wholeMachineUntil } } orders { id state } } }`;

let stripe: StripeServer;
let api: TestApi;
let admin: Client;
let smtp: SmtpCatcher;
let sender: SmtpEmailSender;
let deps: ProcessorDeps;
let modelId: string;
let techId: string;
const services: Record<string, string> = {};

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const apiBase = () => api.url.replace(/\/graphql$/, '');
const drain = (processors?: ProcessorRegistry) => drainDueActions(api.orm, clock, deps, { processors });
/** The store's calendar day, months before today. */
const storeDay = (monthsAgo = 0) => DateTime.fromJSDate(clock.now(), { zone: 'Asia/Shanghai' }).minus({ months: monthsAgo }).toISODate()!;

/** Access tokens expire as the clock moves on: each call logs in afresh. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function as(slug: string, email: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  return (await api.gql(query, variables, await api.login(slug, email))).body;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ok(slug: string, email: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const body = await as(slug, email, query, variables);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function setPrice(code: string, amountMinor: number) {
  return (await ok('store-a', MANAGER_A, SET_PRICE, { input: { serviceId: services[code], price: cny(amountMinor), offered: true } })).setServicePrice;
}

/** A paid-service ticket of a new customer (English, by e-mail) with a device bought `monthsAgo`; assigned to the technician unless told otherwise. */
async function newTicket(options: { email: string; monthsAgo?: number; device?: boolean; assign?: boolean }): Promise<string> {
  const device =
    options.device === false
      ? {}
      : { newDevice: { modelId, serialNumber: `SN-${randomUUID().slice(0, 8)}`, purchaseDate: storeDay(options.monthsAgo ?? 3), purchaseSource: 'ELSEWHERE' } };
  const registered = await ok(
    'store-a',
    AGENT_A,
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code message } } }`,
    {
      i: {
        type: 'PAID_SERVICE',
        channel: 'WALK_IN',
        problem: 'Runs hot and loud',
        newCustomer: { name: 'Wang Fang', phone: '13800138000', email: options.email, locale: 'EN' },
        ...device,
      },
    },
  );
  expect(registered.registerTicket.userErrors).toEqual([]);
  const ticketId = registered.registerTicket.ticket.id;
  if (options.assign !== false) {
    await ok('store-a', AGENT_A, `mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`, {
      i: { ticketId, assigneeId: techId },
    });
  }
  return ticketId;
}

async function createOrder(input: Record<string, unknown>) {
  return (await ok('store-a', AGENT_A, CREATE, { input })).createServiceOrder;
}

async function orderOf(id: string, email = AGENT_A) {
  return (await ok('store-a', email, ORDER, { id })).node;
}

/** The Checkout Session Stripe holds for an order (whether or not we recorded it). */
function sessionOf(orderId: string) {
  const found = [...stripe.sessions.values()].filter((session) => session.client_reference_id === uuidOf(orderId));
  expect(found).toHaveLength(1);
  return found[0];
}

/** Drafts, requests payment, lets the worker create the link and the customer pay: the order is paid. */
async function paidOrder(ticketId: string, codes: string[]): Promise<string> {
  const created = await createOrder({ ticketId, serviceIds: codes.map((code) => services[code]) });
  expect(created.userErrors).toEqual([]);
  const orderId = created.order.id;
  expect((await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId } })).requestPayment.userErrors).toEqual([]);
  await drain();
  await deliverEvents(apiBase(), stripe.completeCheckoutSession(sessionOf(orderId).id));
  await drain();
  return orderId;
}

const mailsTo = (email: string) => smtp.messages.filter((message) => message.to.includes(email));

beforeAll(async () => {
  stripe = await StripeServer.start({ clock });
  stripe.addPrice({ lookupKey: 'aftersales-basic-monthly', unitAmount: 29900 });
  stripe.addPrice({ lookupKey: 'aftersales-pro-monthly', unitAmount: 69900 });
  api = await startTestApi({ clock, env: { ...LIMITS, ...stripe.env() } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  await applyTenants(api.orm, loadTenantFiles(writeTempYaml(CATALOGUE_YAML)), systemClock);
  smtp = await startSmtpCatcher();
  sender = new SmtpEmailSender({ url: smtp.url, from: 'Aftersales <no-reply@example.test>' });
  deps = {
    channels: { email: sender, sms: null },
    fetch,
    publicBaseUrl: 'https://service.example.test',
    webhookTimeoutMs: 1000,
    billing: stripeBillingFrom(api.config, connectStripeGateway),
  };
  const model = await admin.query<{ id: string }>(`select id from product_models where model_code = 'HQ1-LAPTOP-14'`);
  modelId = toGlobalId('ProductModel', model.rows[0].id);
  techId = toGlobalId('StaffUser', (await admin.query<{ id: string }>(`select id from staff_users where email = $1`, [TECH_A])).rows[0].id);
  const rows = await admin.query<{ id: string; code: string }>(
    `select s.id, s.code from paid_services s join tenants t on t.id = s.tenant_id where t.slug = 'hq-one'`,
  );
  for (const row of rows.rows) services[row.code] = toGlobalId('PaidService', row.id);
}, 60000);

afterAll(async () => {
  sender?.close();
  await smtp?.close();
  await admin?.end();
  await api?.stop();
  await stripe?.close();
});

describe('the paid-service story', () => {
  const EMAIL = 'wang.fang@example.test';
  let ticketId: string;
  let orderId: string;

  test('the store prices dust cleaning inside HQ range (a price outside is refused, naming the range)', async () => {
    const outside = await setPrice('DUST_CLEANING', 25000);
    expect(outside.userErrors).toEqual([
      expect.objectContaining({ code: 'PRICE_OUT_OF_RANGE', message: expect.stringContaining('between ¥99.00 and ¥199.00') }),
    ]);
    const inside = await setPrice('DUST_CLEANING', 14900);
    expect(inside).toMatchObject({ userErrors: [], storeOffer: { status: 'AVAILABLE', price: { amountMinor: 14900 } } });
  });

  test('an order is drafted at the store price, frozen on its line', async () => {
    ticketId = await newTicket({ email: EMAIL });
    const created = await createOrder({ ticketId, serviceIds: [services.DUST_CLEANING] });
    expect(created.userErrors).toEqual([]);
    orderId = created.order.id;
    expect(created.order).toMatchObject({
      kind: 'SERVICES',
      state: 'DRAFT',
      total: { amountMinor: 14900, currency: 'CNY', formatted: '¥149.00' },
      amountPaid: null,
      paymentUrl: null,
      allowedTransitions: ['AWAITING_PAYMENT', 'CANCELLED'],
      lines: [
        {
          position: 1,
          kind: 'SERVICE',
          code: 'DUST_CLEANING',
          nameEn: 'Dust cleaning and thermal paste',
          quantity: 1,
          unitPrice: { amountMinor: 14900 },
          amount: { amountMinor: 14900 },
        },
      ],
    });
    // A later price change is the store's next customers' business, not this order's.
    await setPrice('DUST_CLEANING', 19900);
    expect((await orderOf(orderId)).total.amountMinor).toBe(14900);
    await setPrice('DUST_CLEANING', 14900);

    const tooEarly = (await ok('store-a', TECH_A, COMPLETE, { input: { orderId } })).completeOrder;
    expect(tooEarly.userErrors).toEqual([
      { field: ['orderId'], code: 'INVALID_ORDER_STATE', message: 'The order is DRAFT; it cannot become DONE. Allowed next: AWAITING_PAYMENT, CANCELLED' },
    ]);
    const both = await as('store-a', AGENT_A, CREATE, {
      input: { ticketId, serviceIds: [services.DUST_CLEANING], quoteId: toGlobalId('RepairQuote', randomUUID()) },
    });
    expect(both.data.createServiceOrder.userErrors[0].code).toBe('ORDER_ITEMS_REQUIRED');
  });

  test('requesting payment: the worker creates the Checkout Session keyed on the order and e-mails the link', async () => {
    const requested = (await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId, expectedVersion: 1 } })).requestPayment;
    expect(requested.userErrors).toEqual([]);
    expect(requested.order).toMatchObject({ state: 'AWAITING_PAYMENT', paymentUrl: null });
    expect(stripe.requestsTo('/v1/checkout/sessions', 'POST')).toHaveLength(0); // nothing at Stripe inside the request
    const again = (await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId } })).requestPayment;
    expect(again.userErrors[0]).toMatchObject({ code: 'INVALID_ORDER_STATE' });

    await drain();
    const [call] = stripe.requestsTo('/v1/checkout/sessions', 'POST');
    const id = uuidOf(orderId);
    expect(call.idempotencyKey).toBe(`order-checkout:${id}`);
    expect(call.params).toMatchObject({
      mode: 'payment',
      client_reference_id: id,
      locale: 'en',
      line_items: [{ quantity: '1', price_data: { currency: 'cny', unit_amount: '14900', product_data: { name: 'Dust cleaning and thermal paste' } } }],
      metadata: { aftersales_order_id: id },
      payment_intent_data: { metadata: { aftersales_order_id: id } },
    });
    const order = await orderOf(orderId);
    expect(order.paymentUrl).toBe(sessionOf(orderId).url);
    expect(new Date(order.paymentExpiresAt).getTime()).toBe(Number(sessionOf(orderId).expires_at) * 1000);
    const mails = mailsTo(EMAIL).filter((mail) => mail.text.includes(order.paymentUrl));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('Dust cleaning and thermal paste');
    expect(mails[0].text).toContain('¥149.00');
  });

  test('the customer pays: the order is PAID and, the ticket being assigned, the service starts; a repeated event changes nothing', async () => {
    const session = sessionOf(orderId);
    const [completed] = stripe.completeCheckoutSession(session.id);
    expect((await deliverEvent(apiBase(), completed)).body).toMatchObject({ status: 'ACCEPTED' });
    await drain();
    const paid = await orderOf(orderId);
    expect(paid).toMatchObject({
      state: 'IN_SERVICE',
      amountPaid: { amountMinor: 14900 },
      refundable: { amountMinor: 14900 },
      paymentUrl: null,
      ticket: { status: 'IN_PROGRESS' },
    });
    expect(paid.paidAt).not.toBeNull();
    expect(paid.startedAt).not.toBeNull();

    // Stripe delivers the same event again, and a second event about the same session: both are applied once.
    expect((await deliverEvent(apiBase(), completed)).body).toMatchObject({ status: 'DUPLICATE' });
    expect((await deliverEvent(apiBase(), stripe.event('checkout.session.completed', stripe.sessions.get(session.id)!))).body).toMatchObject({
      status: 'ACCEPTED',
    });
    await drain();
    expect(await orderOf(orderId)).toMatchObject({ state: 'IN_SERVICE', amountPaid: { amountMinor: 14900 } });
    const timeline = await timelineOf(admin, ticketId);
    const kinds = timeline.map((entry) => `${entry.kind} ${entry.visibility}`);
    expect(kinds.filter((kind) => kind.startsWith('ORDER_PAID'))).toEqual(['ORDER_PAID CUSTOMER']);
    expect(kinds).toEqual(
      expect.arrayContaining(['ORDER_DRAFTED INTERNAL', 'PAYMENT_REQUESTED INTERNAL', 'PAYMENT_LINK_SENT CUSTOMER', 'ORDER_SERVICE_STARTED CUSTOMER']),
    );
    expect(timeline.find((entry) => entry.kind === 'STATUS_CHANGED' && entry.data.to === 'IN_PROGRESS')).toMatchObject({
      visibility: 'CUSTOMER',
      actor_kind: 'SYSTEM',
    });
    // Started automatically: the desk has nothing to start.
    const start = (await ok('store-a', TECH_A, START, { input: { orderId } })).startOrderService;
    expect(start.userErrors[0].message).toBe('The order is IN_SERVICE; it cannot become IN_SERVICE. Allowed next: DONE, REFUNDED (by Stripe)');
  });

  test('the service is done', async () => {
    const done = (await ok('store-a', TECH_A, COMPLETE, { input: { orderId } })).completeOrder;
    expect(done.userErrors).toEqual([]);
    expect(done.order).toMatchObject({ state: 'DONE', allowedTransitions: ['REFUNDED'] });
    expect((await timelineOf(admin, ticketId)).map((e) => e.kind)).toContain('ORDER_SERVICE_DONE');
  });

  test('a partial refund by the store manager: asked of Stripe with the refund as idempotency key, on the timeline, told to the customer', async () => {
    const agent = await as('store-a', AGENT_A, REFUND, { input: { orderId, amount: cny(5000), reason: 'Took longer than promised' } });
    expect(agent.errors[0].extensions.code).toBe('FORBIDDEN');
    const noReason = (await ok('store-a', MANAGER_A, REFUND, { input: { orderId, amount: cny(5000), reason: ' ' } })).refundOrder;
    expect(noReason.userErrors[0]).toMatchObject({ code: 'INVALID_TEXT', field: ['reason'] });
    const tooMuch = (await ok('store-a', MANAGER_A, REFUND, { input: { orderId, amount: cny(15000), reason: 'Too much' } })).refundOrder;
    expect(tooMuch.userErrors[0]).toMatchObject({
      code: 'REFUND_TOO_LARGE',
      field: ['amount', 'amountMinor'],
      message: expect.stringContaining('At most ¥149.00'),
    });

    const asked = (await ok('store-a', MANAGER_A, REFUND, { input: { orderId, amount: cny(5000), reason: 'Took longer than promised' } })).refundOrder;
    expect(asked.userErrors).toEqual([]);
    expect(asked.refund).toEqual({ amount: { amountMinor: 5000 }, reason: 'Took longer than promised', state: 'PENDING' });
    expect(asked.order).toMatchObject({ state: 'DONE', refundPending: { amountMinor: 5000 }, refundable: { amountMinor: 9900 } });
    expect(stripe.requestsTo('/v1/refunds', 'POST')).toHaveLength(0);

    await drain();
    const refundId = (await admin.query<{ id: string }>(`select id from refunds where order_id = $1`, [uuidOf(orderId)])).rows[0].id;
    const [call] = stripe.requestsTo('/v1/refunds', 'POST');
    expect(call.idempotencyKey).toBe(`refund:${refundId}`);
    const paymentIntentId = String(sessionOf(orderId).payment_intent);
    expect(call.params).toMatchObject({
      payment_intent: paymentIntentId,
      amount: '5000',
      metadata: { aftersales_order_id: uuidOf(orderId), aftersales_refund_id: refundId },
    });
    const refunded = await orderOf(orderId);
    expect(refunded).toMatchObject({
      state: 'DONE',
      amountRefunded: { amountMinor: 5000 },
      refundPending: { amountMinor: 0 },
      refundable: { amountMinor: 9900 },
      refunds: [{ amount: { amountMinor: 5000 }, reason: 'Took longer than promised', state: 'SUCCEEDED', confirmedAt: null }],
    });
    const issued = (await timelineOf(admin, ticketId)).filter((entry) => entry.kind === 'REFUND_ISSUED');
    expect(issued).toEqual([expect.objectContaining({ visibility: 'CUSTOMER', summary: expect.stringContaining('Refund of ¥50.00 issued') })]);
    expect(mailsTo(EMAIL).filter((mail) => mail.text.includes('¥50.00'))).toHaveLength(1);

    // Stripe's webhook confirms it, as often as Stripe sends it: applied once.
    const stripeRefundId = [...stripe.refunds.values()].find((refund) => refund.payment_intent === paymentIntentId)!.id;
    await deliverEvents(apiBase(), stripe.refundEvents(stripeRefundId));
    await deliverEvents(apiBase(), stripe.refundEvents(stripeRefundId));
    await drain();
    const confirmed = await orderOf(orderId);
    expect(confirmed).toMatchObject({ amountRefunded: { amountMinor: 5000 }, refunds: [{ state: 'SUCCEEDED', confirmedAt: expect.any(String) }] });
    expect((await timelineOf(admin, ticketId)).filter((entry) => entry.kind === 'REFUND_ISSUED')).toHaveLength(1);
    expect(mailsTo(EMAIL).filter((mail) => mail.text.includes('¥50.00'))).toHaveLength(1);
    const outcomes = await admin.query(
      `select type, processed_at is not null as processed from stripe_events where type in ('charge.refunded', 'refund.updated')`,
    );
    expect(outcomes.rows).toHaveLength(4);
    expect(outcomes.rows.every((row) => row.processed)).toBe(true);
  });
});

describe('an extended warranty', () => {
  test('bought: paid before our checkout job recorded the session, the device warranty decision shows the extension; refunded whole: taken back', async () => {
    await setPrice('EXTENDED_WARRANTY_1Y', 39900);
    // No device on the ticket: a service done on a device cannot be sold.
    const deviceless = await newTicket({ email: 'no.device@example.test', device: false });
    const refused = await createOrder({ ticketId: deviceless, serviceIds: [services.EXTENDED_WARRANTY_1Y] });
    expect(refused.userErrors[0]).toMatchObject({ code: 'DEVICE_REQUIRED', field: ['serviceIds', '0'] });

    // Bought 18 months ago: the whole-machine year is over, the main parts still covered.
    const ticketId = await newTicket({ email: 'li.na@example.test', monthsAgo: 18, assign: false });
    const before = (await ok('store-a', AGENT_A, WARRANTY, { id: ticketId })).ticket.device;
    expect(before).toMatchObject({ extendedWarrantyUntil: null, warranty: { status: 'MAIN_PARTS_ONLY', extendedUntil: null } });

    const created = await createOrder({ ticketId, serviceIds: [services.EXTENDED_WARRANTY_1Y] });
    expect(created.order.lines[0]).toMatchObject({ code: 'EXTENDED_WARRANTY_1Y', warrantyExtensionMonths: 12, warrantyExtendedUntil: null });
    const orderId = created.order.id;
    await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId } });
    // The checkout job calls Stripe, then dies before its commit: the order knows no session yet.
    let crashes = 0;
    const crashingAfterStripe: ActionProcessor = async (run) => {
      const outcome = await ACTION_PROCESSORS[ActionKind.ORDER_CHECKOUT](run);
      if (crashes++ === 0) throw new Error('worker lost its database connection after Stripe answered');
      return outcome;
    };
    await drain({ ...ACTION_PROCESSORS, [ActionKind.ORDER_CHECKOUT]: crashingAfterStripe });
    expect((await admin.query(`select stripe_session_id from service_orders where id = $1`, [uuidOf(orderId)])).rows[0].stripe_session_id).toBeNull();

    // The customer had the page open anyway (a test shortcut: Stripe's session exists) and pays; the event arrives first.
    // The order knows no session to check the payment against yet: the event waits for the checkout job's retry.
    const session = sessionOf(orderId);
    const [completed] = stripe.completeCheckoutSession(session.id);
    await deliverEvents(apiBase(), [completed]);
    await drain();
    expect(await orderOf(orderId)).toMatchObject({ state: 'AWAITING_PAYMENT', amountPaid: null });
    const waiting = await admin.query(`select state, attempts from scheduled_actions where idempotency_key = $1`, [`stripe-event:${completed.id}`]);
    expect(waiting.rows).toEqual([{ state: 'PENDING', attempts: 0 }]);

    // The checkout job's retry gets Stripe's first answer again, reads the session paid since, records it and sends no
    // link for it; the waiting event then finds the order's own session, paid in full.
    clock.advance(60_000);
    await drain();
    const keyed = stripe.requestsTo('/v1/checkout/sessions', 'POST').filter((r) => r.idempotencyKey === `order-checkout:${uuidOf(orderId)}`);
    expect(keyed.map((r) => r.replayed)).toEqual([false, true]);
    expect([...stripe.sessions.values()].filter((one) => one.client_reference_id === uuidOf(orderId))).toHaveLength(1);
    expect(mailsTo('li.na@example.test').filter((mail) => mail.text.includes(String(session.url)))).toHaveLength(0);
    const today = storeDay();
    const until = lastCoveredDay(today, 12);
    const paid = await orderOf(orderId);
    // Nobody is assigned: the order waits for the desk to start it.
    expect(paid).toMatchObject({ state: 'PAID', amountPaid: { amountMinor: 39900 }, lines: [{ warrantyExtendedUntil: until }] });
    expect((await admin.query(`select stripe_session_id from service_orders where id = $1`, [uuidOf(orderId)])).rows[0].stripe_session_id).toBe(session.id);
    const after = (await ok('store-a', AGENT_A, WARRANTY, { id: ticketId })).ticket;
    expect(after).toMatchObject({ status: 'NEW', device: { extendedWarrantyUntil: until, warranty: { status: 'EXTENDED', extendedUntil: until } } });
    expect(after.orders).toEqual([{ id: orderId, state: 'PAID' }]);
    expect((await timelineOf(admin, ticketId)).map((e) => `${e.kind} ${e.visibility}`)).toEqual(
      expect.arrayContaining(['WARRANTY_EXTENDED CUSTOMER', 'ORDER_AWAITING_START INTERNAL']),
    );

    const started = (await ok('store-a', TECH_A, START, { input: { orderId } })).startOrderService;
    expect(started.order).toMatchObject({ state: 'IN_SERVICE', ticket: { status: 'NEW' } });
    expect((await ok('store-a', TECH_A, COMPLETE, { input: { orderId } })).completeOrder.order.state).toBe('DONE');

    // The whole payment back (no amount: the rest): the order is REFUNDED and the extension withdrawn.
    const whole = (await ok('store-a', MANAGER_A, REFUND, { input: { orderId, reason: 'Customer changed their mind' } })).refundOrder;
    expect(whole.refund.amount.amountMinor).toBe(39900);
    await drain();
    expect(await orderOf(orderId)).toMatchObject({
      state: 'REFUNDED',
      amountRefunded: { amountMinor: 39900 },
      refundable: { amountMinor: 0 },
      allowedTransitions: [],
    });
    const back = (await ok('store-a', AGENT_A, WARRANTY, { id: ticketId })).ticket.device;
    expect(back).toMatchObject({ extendedWarrantyUntil: null, warranty: { status: 'MAIN_PARTS_ONLY' } });
    const nothing = (await ok('store-a', MANAGER_A, REFUND, { input: { orderId, reason: 'Again' } })).refundOrder;
    expect(nothing.userErrors[0]).toMatchObject({ code: 'ORDER_NOT_REFUNDABLE' });
  });

  test('the extension runs on from the later of today and the end of the current cover', () => {
    expect(extendedWarrantyEnd('2026-03-10', null, 12)).toBe('2027-03-09');
    // Still under the whole-machine warranty until 30 June: the year bought starts on 1 July.
    expect(extendedWarrantyEnd('2026-03-10', '2026-06-30', 12)).toBe('2027-06-30');
    // A cover that ended in the past: from today.
    expect(extendedWarrantyEnd('2026-03-10', '2026-01-01', 24)).toBe('2028-03-09');
    // The cover ends today: the extension starts tomorrow.
    expect(extendedWarrantyEnd('2026-03-10', '2026-03-10', 12)).toBe('2027-03-10');
  });
});

describe('idempotency and the order of things', () => {
  test('a refund job that crashes after Stripe refunded is retried with the same idempotency key; Stripe refunds once', async () => {
    await setPrice('DUST_CLEANING', 14900);
    const orderId = await paidOrder(await newTicket({ email: 'zhao.lei@example.test' }), ['DUST_CLEANING']);
    await ok('store-a', MANAGER_A, REFUND, { input: { orderId, amount: cny(3000), reason: 'Scratch on the lid' } });
    let crashes = 0;
    const crashingAfterStripe: ActionProcessor = async (run) => {
      const outcome = await ACTION_PROCESSORS[ActionKind.ORDER_REFUND](run);
      if (crashes++ === 0) throw new Error('worker lost its database connection after Stripe answered');
      return outcome;
    };
    const processors = { ...ACTION_PROCESSORS, [ActionKind.ORDER_REFUND]: crashingAfterStripe };
    await drain(processors);
    expect(await orderOf(orderId)).toMatchObject({ refundPending: { amountMinor: 3000 }, amountRefunded: { amountMinor: 0 }, refunds: [{ state: 'PENDING' }] });
    clock.advance(60_000);
    await drain(processors);

    const refundId = (await admin.query<{ id: string }>(`select id from refunds where order_id = $1`, [uuidOf(orderId)])).rows[0].id;
    const calls = stripe.requestsTo('/v1/refunds', 'POST').filter((r) => r.idempotencyKey === `refund:${refundId}`);
    expect(calls.map((r) => [r.status, r.replayed, r.params.amount])).toEqual([
      [200, false, '3000'],
      [200, true, '3000'],
    ]);
    const paymentIntentId = String(sessionOf(orderId).payment_intent);
    expect([...stripe.refunds.values()].filter((refund) => refund.payment_intent === paymentIntentId)).toHaveLength(1);
    expect(stripe.charges.get(String(stripe.paymentIntents.get(paymentIntentId)!.latest_charge))!.amount_refunded).toBe(3000);
    expect(await orderOf(orderId)).toMatchObject({
      state: 'IN_SERVICE',
      amountRefunded: { amountMinor: 3000 },
      refundPending: { amountMinor: 0 },
      refunds: [{ state: 'SUCCEEDED' }],
    });
  });

  test('cancelling an order awaiting payment expires its link at Stripe; a lapsed link makes an order EXPIRED', async () => {
    const ticketId = await newTicket({ email: 'sun.li@example.test' });
    const draft = (await createOrder({ ticketId, serviceIds: [services.DUST_CLEANING] })).order;
    const quietly = (await ok('store-a', AGENT_A, CANCEL, { input: { orderId: draft.id, reason: 'Entered twice' } })).cancelOrder;
    expect(quietly.order).toMatchObject({ state: 'CANCELLED', cancelReason: 'Entered twice', allowedTransitions: [] });

    const created = (await createOrder({ ticketId, serviceIds: [services.DUST_CLEANING] })).order;
    await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId: created.id } });
    await drain();
    const session = sessionOf(created.id);
    const cancelled = (await ok('store-a', AGENT_A, CANCEL, { input: { orderId: created.id, reason: 'Customer will come back next week' } })).cancelOrder;
    expect(cancelled.order).toMatchObject({ state: 'CANCELLED', paymentUrl: null });
    await drain();
    const [expire] = stripe.requestsTo(`/v1/checkout/sessions/${session.id}/expire`, 'POST');
    expect(expire.idempotencyKey).toBe(`order-checkout-expire:${uuidOf(created.id)}`);
    expect(stripe.sessions.get(session.id)!.status).toBe('expired');
    const timeline = await timelineOf(admin, ticketId);
    // A draft nobody saw goes quietly; a link the customer was sent is withdrawn in front of them.
    const cancellations = timeline.filter((e) => e.kind === 'ORDER_CANCELLED').map((e) => [e.data.reason, e.visibility]);
    expect(cancellations.sort()).toEqual([
      ['Customer will come back next week', 'CUSTOMER'],
      ['Entered twice', 'INTERNAL'],
    ]);
    // Stripe's word that the cancelled order's link expired changes nothing more.
    await deliverEvents(apiBase(), [stripe.event('checkout.session.expired', stripe.sessions.get(session.id)!)]);
    await drain();
    expect((await orderOf(created.id)).state).toBe('CANCELLED');

    const lapsing = (await createOrder({ ticketId, serviceIds: [services.DUST_CLEANING] })).order;
    await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId: lapsing.id } });
    await drain();
    const unpaid = sessionOf(lapsing.id);
    unpaid.status = 'expired';
    await deliverEvents(apiBase(), [stripe.event('checkout.session.expired', unpaid)]);
    await drain();
    expect(await orderOf(lapsing.id)).toMatchObject({ state: 'EXPIRED', paymentUrl: null, allowedTransitions: [] });
    const refund = (await ok('store-a', MANAGER_A, REFUND, { input: { orderId: lapsing.id, reason: 'x' } })).refundOrder;
    expect(refund.userErrors[0]).toMatchObject({ code: 'ORDER_NOT_REFUNDABLE' });
  });

  test('an order for a sent quote records its acceptance and charges its total; a quote is paid by one order at a time', async () => {
    const ticketId = await newTicket({ email: 'qian.yu@example.test' });
    const QUOTE = `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id } userErrors { code message } } }`;
    const quote = (
      await ok('store-a', AGENT_A, QUOTE, {
        input: {
          ticketId,
          validUntil: storeDay(-1),
          lines: [
            { kind: 'PARTS', description: 'Fan', quantity: 1, unitPrice: cny(12000) },
            { kind: 'LABOUR', description: 'Fit it', quantity: 1, unitPrice: cny(8000) },
          ],
        },
      })
    ).createQuote.quote;
    const draftQuote = await createOrder({ ticketId, quoteId: quote.id });
    expect(draftQuote.userErrors[0]).toMatchObject({ code: 'QUOTE_NOT_PAYABLE', field: ['quoteId'] });
    await ok('store-a', AGENT_A, `mutation($input: QuoteStepInput!) { sendQuote(input: $input) { userErrors { code } } }`, { input: { quoteId: quote.id } });

    const created = await createOrder({ ticketId, quoteId: quote.id });
    expect(created.userErrors).toEqual([]);
    expect(created.order).toMatchObject({
      kind: 'QUOTE',
      state: 'DRAFT',
      total: { amountMinor: 20000 },
      quote: { id: quote.id, state: 'ACCEPTED' },
      lines: [{ kind: 'QUOTE', code: null, amount: { amountMinor: 20000 } }],
    });
    const twice = await createOrder({ ticketId, quoteId: quote.id });
    expect(twice.userErrors[0]).toMatchObject({ code: 'QUOTE_ALREADY_ORDERED', field: ['quoteId'] });
  });
});

describe('who may do what', () => {
  test('another store can neither see nor touch the orders of store A', async () => {
    const orderId = await paidOrder(await newTicket({ email: 'isolated@example.test' }), ['DUST_CLEANING']);
    const MANAGER_B = 'manager@store-b.test';
    const read = await as('store-b', MANAGER_B, ORDER, { id: orderId });
    expect(read.errors[0].extensions.code).toBe('NOT_FOUND');
    for (const [query, input] of [
      [REFUND, { orderId, amount: cny(100), reason: 'Not mine' }],
      [COMPLETE, { orderId }],
      [CANCEL, { orderId, reason: 'Not mine' }],
      [REQUEST_PAYMENT, { orderId }],
    ] as const) {
      const body = await as('store-b', MANAGER_B, query, { input });
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    await drain();
    expect(await orderOf(orderId, MANAGER_A)).toMatchObject({ state: 'IN_SERVICE', amountRefunded: { amountMinor: 0 }, refunds: [] });
    // The database itself keeps store B out, whatever the code asks.
    const storeB = (await admin.query<{ id: string }>(`select id from tenants where slug = 'store-b'`)).rows[0].id;
    const app = new Client({ connectionString: api.db.appUrl });
    await app.connect();
    try {
      await app.query('begin');
      await app.query(`select set_config('app.tenant_id', $1, true)`, [storeB]);
      const seen = await app.query(
        `select (select count(*) from service_orders)::int as orders, (select count(*) from refunds)::int as refunds, (select count(*) from service_order_lines)::int as lines`,
      );
      expect(seen.rows).toEqual([{ orders: 0, refunds: 0, lines: 0 }]);
      await app.query('rollback');
    } finally {
      await app.end();
    }
  });

  test('a plan without the paid-services module answers PLAN_LIMIT naming the plan that has it', async () => {
    const MANAGER_Z = 'manager@store-z.test';
    await ok('store-z', MANAGER_Z, `mutation { startSubscriptionCheckout(input: { plan: "BASIC" }) { userErrors { code } } }`);
    await drain();
    const { checkout } = (await ok('store-z', MANAGER_Z, `{ storeSubscription { checkout { url } } }`)).storeSubscription;
    await deliverEvents(apiBase(), stripe.completeCheckoutSession(checkout.url.split('/').pop()));
    await drain();
    const body = await as('store-z', MANAGER_Z, CREATE, { input: { ticketId: toGlobalId('Ticket', randomUUID()), serviceIds: [services.DUST_CLEANING] } });
    expect(body.errors[0].extensions).toMatchObject({ code: 'PLAN_LIMIT', feature: 'PAID_SERVICES', currentPlan: 'BASIC', requiredPlans: ['PRO'] });
  });
});

describe("a payment counts only when it is the order's own, in full", () => {
  const ANOMALIES = `query($orderId: ID) { paymentAnomalies(first: 10, orderId: $orderId) { edges { node {
    subject reason message stripeEventType stripeObjectId orderId expected { amountMinor currency } receivedMinor receivedCurrency } } } }`;

  beforeAll(async () => {
    expect((await setPrice('DUST_CLEANING', 12345)).userErrors).toEqual([]);
  });

  afterAll(async () => {
    await setPrice('DUST_CLEANING', 14900);
  });

  /** An order of ¥123.45 whose link the customer was sent: the order's own Checkout Session. */
  async function awaitingPayment(email: string) {
    const ticketId = await newTicket({ email });
    const created = await createOrder({ ticketId, serviceIds: [services.DUST_CLEANING] });
    expect(created.order.total.amountMinor).toBe(12345);
    const orderId = created.order.id;
    expect((await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId } })).requestPayment.userErrors).toEqual([]);
    await drain();
    return { ticketId, orderId, session: sessionOf(orderId) };
  }

  async function anomaliesOf(orderId: string) {
    return (await ok('store-a', MANAGER_A, ANOMALIES, { orderId })).paymentAnomalies.edges.map((edge: { node: unknown }) => edge.node);
  }

  /** Nothing was taken as paid: the order awaits payment, the service did not start, the ticket did not move. */
  async function expectUnpaid(orderId: string, ticketId: string) {
    expect(await orderOf(orderId)).toMatchObject({
      state: 'AWAITING_PAYMENT',
      amountPaid: null,
      paidAt: null,
      startedAt: null,
      ticket: { status: 'ASSIGNED' },
    });
    const kinds = (await timelineOf(admin, ticketId)).map((entry) => entry.kind);
    expect(kinds.filter((kind) => ['ORDER_PAID', 'ORDER_SERVICE_STARTED', 'ORDER_AWAITING_START'].includes(kind))).toEqual([]);
  }

  test("a short amount on the order's own session (a discount taken on Stripe's page) is refused: an anomaly for the manager and on the ticket, no service", async () => {
    const { ticketId, orderId, session } = await awaitingPayment('short.amount@example.test');
    const events = stripe.completeCheckoutSession(session.id, { discountMinor: 5000 });
    expect(events[0].data.object).toMatchObject({ amount_total: 7345, payment_status: 'paid' });
    await deliverEvents(apiBase(), events);
    await drain();
    await expectUnpaid(orderId, ticketId);
    const [anomaly, ...more] = await anomaliesOf(orderId);
    expect(more).toEqual([]);
    expect(anomaly).toMatchObject({
      subject: 'ORDER_PAYMENT',
      reason: 'AMOUNT_MISMATCH',
      stripeEventType: 'checkout.session.completed',
      stripeObjectId: session.id,
      orderId,
      expected: { amountMinor: 12345, currency: 'CNY' },
      receivedMinor: 7345,
      receivedCurrency: 'CNY',
    });
    expect(anomaly.message).toContain("paid ¥73.45, not the order's total of ¥123.45");
    const noted = (await timelineOf(admin, ticketId)).filter((entry) => entry.kind === 'PAYMENT_ANOMALY');
    expect(noted).toEqual([expect.objectContaining({ visibility: 'INTERNAL', summary: expect.stringContaining('Payment not accepted') })]);

    // Delivered again, and reported again by a new event about the same session: nothing more is recorded.
    expect((await deliverEvent(apiBase(), events[0])).body).toMatchObject({ status: 'DUPLICATE' });
    await deliverEvents(apiBase(), [stripe.event('checkout.session.completed', stripe.sessions.get(session.id)!)]);
    await drain();
    await expectUnpaid(orderId, ticketId);
    expect(await anomaliesOf(orderId)).toHaveLength(1);
    expect((await timelineOf(admin, ticketId)).filter((entry) => entry.kind === 'PAYMENT_ANOMALY')).toHaveLength(1);
    // The store's managers read them; an agent does not.
    expect((await as('store-a', AGENT_A, ANOMALIES, { orderId })).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test("another session on the same Stripe account naming the order (100 fen) is not the order's payment; the order's own link still is", async () => {
    const { ticketId, orderId, session } = await awaitingPayment('other.session@example.test');
    const sdk = stripeSdk();
    const other = await sdk.checkout.sessions.create({
      mode: 'payment',
      client_reference_id: uuidOf(orderId),
      metadata: { aftersales_order_id: uuidOf(orderId) },
      payment_intent_data: { metadata: { aftersales_order_id: uuidOf(orderId) } },
      line_items: [{ quantity: 1, price_data: { currency: 'cny', unit_amount: 100, product_data: { name: 'Dust cleaning' } } }],
      success_url: 'https://elsewhere.example.test/paid',
    });
    await deliverEvents(apiBase(), stripe.completeCheckoutSession(other.id));
    // An event about a session Stripe has never had, naming the order too.
    const forged = stripe.event('checkout.session.completed', {
      ...stripe.sessions.get(session.id)!,
      id: 'cs_test_nosuchsession',
      status: 'complete',
      payment_status: 'paid',
    });
    expect((await deliverEvent(apiBase(), forged)).body).toMatchObject({ status: 'ACCEPTED' });
    await drain();
    await expectUnpaid(orderId, ticketId);
    const anomalies = await anomaliesOf(orderId);
    expect(anomalies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'NOT_THE_ORDERS_SESSION',
          stripeObjectId: other.id,
          receivedMinor: 100,
          receivedCurrency: 'CNY',
          message: expect.stringContaining(`not its payment link (${session.id})`),
        }),
        expect.objectContaining({ reason: 'UNKNOWN_AT_STRIPE', stripeObjectId: 'cs_test_nosuchsession', receivedMinor: null }),
      ]),
    );
    expect(anomalies).toHaveLength(2);

    // The customer pays the link they were sent, in full: that is the order's payment, and the service starts.
    await deliverEvents(apiBase(), stripe.completeCheckoutSession(session.id));
    await drain();
    expect(await orderOf(orderId)).toMatchObject({ state: 'IN_SERVICE', amountPaid: { amountMinor: 12345 }, ticket: { status: 'IN_PROGRESS' } });
    expect(await anomaliesOf(orderId)).toHaveLength(2);
  });

  test("paid in another currency (Stripe's adaptive pricing showed the customer dollars) is refused", async () => {
    const { ticketId, orderId, session } = await awaitingPayment('other.currency@example.test');
    const events = stripe.completeCheckoutSession(session.id, { presentedIn: { currency: 'usd', fxRate: '0.14' } });
    expect(events[0].data.object).toMatchObject({ currency: 'usd', amount_total: 1728, currency_conversion: { source_currency: 'cny', amount_total: 12345 } });
    await deliverEvents(apiBase(), events);
    await drain();
    await expectUnpaid(orderId, ticketId);
    expect(await anomaliesOf(orderId)).toEqual([
      expect.objectContaining({
        reason: 'CURRENCY_MISMATCH',
        receivedMinor: 1728,
        receivedCurrency: 'USD',
        message: expect.stringContaining("not in the order's currency CNY"),
      }),
    ]);
  });

  test('a session Stripe reports unpaid (a payment that settles later) is not a payment; once Stripe reports it paid, it counts', async () => {
    const { ticketId, orderId, session } = await awaitingPayment('delayed.payment@example.test');
    const events = stripe.completeCheckoutSession(session.id, { delayedPayment: true });
    expect(events[0].data.object).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    await deliverEvents(apiBase(), events);
    await drain();
    await expectUnpaid(orderId, ticketId);
    expect(await anomaliesOf(orderId)).toEqual([
      expect.objectContaining({ reason: 'NOT_PAID', stripeObjectId: session.id, message: expect.stringContaining('payment unpaid') }),
    ]);

    await deliverEvents(apiBase(), stripe.settleDelayedPayment(session.id));
    await drain();
    expect(await orderOf(orderId)).toMatchObject({ state: 'IN_SERVICE', amountPaid: { amountMinor: 12345 } });
  });
});

describe('the page the customer lands on after paying', () => {
  async function landing(sessionId: string | null) {
    const response = await fetch(`${apiBase()}/pay/complete${sessionId === null ? '' : `?session_id=${encodeURIComponent(sessionId)}`}`);
    return { status: response.status, text: await response.text(), headers: response.headers };
  }
  const PAID = /your payment went through/;
  const CONFIRMING = /Your payment is being confirmed/;
  const NOT_PAID = /This order was not paid/;
  const UNKNOWN = /This payment link is not known here/;

  test('it shows where the order really stands: paid, being confirmed, not paid, or an unknown link (in zh-CN and en)', async () => {
    await setPrice('DUST_CLEANING', 14900);
    const ticketId = await newTicket({ email: 'landing@example.test' });
    const created = (await createOrder({ ticketId, serviceIds: [services.DUST_CLEANING] })).order;
    await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId: created.id } });
    await drain();
    const session = sessionOf(created.id);

    // Back from Stripe's page before Stripe's confirmation reached us: not yet paid, and the page says so.
    const [completed] = stripe.completeCheckoutSession(session.id);
    const early = await landing(session.id);
    expect(early.status).toBe(200);
    expect(early.text).toMatch(CONFIRMING);
    expect(early.text).toContain('正在确认您的付款');
    expect(early.text).not.toMatch(PAID);
    expect(early.headers.get('cache-control')).toBe('no-store');
    expect(early.headers.get('referrer-policy')).toBe('no-referrer');

    await deliverEvents(apiBase(), [completed]);
    await drain();
    const paid = await landing(session.id);
    expect(paid.status).toBe(200);
    expect(paid.text).toMatch(PAID);
    expect(paid.text).toContain('付款已完成');
    // The standing and nothing else: not the ticket, the amount, the store or the customer.
    const ticket = (await ok('store-a', AGENT_A, `query($id: ID!) { ticket(id: $id) { number } }`, { id: ticketId })).ticket;
    for (const secret of [ticket.number, '149.00', 'Store A', 'Wang Fang', 'landing@example.test', uuidOf(created.id)]) expect(paid.text).not.toContain(secret);

    // A link that was withdrawn before it was paid.
    const withdrawn = (await createOrder({ ticketId, serviceIds: [services.DUST_CLEANING] })).order;
    await ok('store-a', AGENT_A, REQUEST_PAYMENT, { input: { orderId: withdrawn.id } });
    await drain();
    await ok('store-a', AGENT_A, CANCEL, { input: { orderId: withdrawn.id, reason: 'Customer changed their mind' } });
    await drain();
    const cancelled = await landing(sessionOf(withdrawn.id).id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.text).toMatch(NOT_PAID);
    expect(cancelled.text).toContain('此订单未付款');
  });

  test("a session that is not an order's own, a made-up id or none at all is an unknown link, and tells nothing", async () => {
    // A session of the same Stripe account naming an order of store A, paid: it is not that order's link.
    const ticketId = await newTicket({ email: 'not.own@example.test' });
    const orderId = (await createOrder({ ticketId, serviceIds: [services.DUST_CLEANING] })).order.id;
    const sdk = stripeSdk();
    const other = await sdk.checkout.sessions.create({
      mode: 'payment',
      client_reference_id: uuidOf(orderId),
      metadata: { aftersales_order_id: uuidOf(orderId) },
      line_items: [{ quantity: 1, price_data: { currency: 'cny', unit_amount: 100, product_data: { name: 'Dust cleaning' } } }],
      success_url: 'https://elsewhere.example.test/paid',
    });
    stripe.completeCheckoutSession(other.id);
    for (const id of [other.id, 'cs_test_a1b2c3d4e5f6g7h8i9j0', 'cs_test_<script>', '../../etc/passwd', '', null]) {
      const page = await landing(id);
      expect(page.status).toBe(404);
      expect(page.text).toMatch(UNKNOWN);
      expect(page.text).toContain('无法识别此付款链接');
      expect(page.text).not.toContain('<script>');
    }
  });
});

describe('billing off', () => {
  let plain: TestApi;

  beforeAll(async () => {
    plain = await startTestApi({ env: LIMITS });
  }, 60000);

  afterAll(async () => {
    await plain?.stop();
  });

  test('orders answer BILLING_DISABLED', async () => {
    const manager = await plain.login('store-a', MANAGER_A);
    const orderId = toGlobalId('ServiceOrder', randomUUID());
    for (const [query, input] of [
      [CREATE, { ticketId: toGlobalId('Ticket', randomUUID()), serviceIds: [toGlobalId('PaidService', randomUUID())] }],
      [REQUEST_PAYMENT, { orderId }],
      [REFUND, { orderId, reason: 'x' }],
    ] as const) {
      const response = await plain.gql(query, { input }, manager);
      expect(response.body.errors[0]).toMatchObject({ extensions: { code: 'BILLING_DISABLED' }, message: expect.stringContaining('Billing is not enabled') });
    }
  });
});

/** The whole SDK on the local Stripe: another client of the same account, doing what the platform never does. */
function stripeSdk() {
  return createStripeClient({ secretKey: api.config.STRIPE_SECRET_KEY!, apiBaseUrl: api.config.STRIPE_API_BASE_URL, timeoutMs: api.config.STRIPE_TIMEOUT_MS });
}
