import { connectStripeGateway } from '../infra/stripe/stripe-payment-gateway';
import { Client } from 'pg';
import { loadPlanCatalogue, parsePlanCatalogue, PLANS_FILE } from '../domain/billing/plans';
import { stripeBillingFrom } from '../domain/billing/stripe-billing';
import { loadConfig } from '../infra/config';
import { ManualClock } from '../core/clock';
import { ActionKind } from '../core/action-enums';
import type { ActionProcessor, ProcessorDeps } from '../domain/scheduling/processor';
import { SmtpEmailSender } from '../infra/mail/smtp-email-sender';
import { PlanFeature } from '../core/billing-enums';
import { toGlobalId } from '../core/global-id';
import { ACTION_PROCESSORS } from '../worker/actions/processors';
import type { ProcessorRegistry } from '../worker/actions/run-action';
import { drainDueActions } from './support/action-driver';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { deliverEvents, StripeServer } from './support/stripe-server';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Stores' subscriptions end to end, with the real `stripe` SDK talking to a
 * local server that speaks Stripe's wire format, Stripe's events signed and
 * POSTed to the api, and the worker's actions drained on a ManualClock:
 * the free trial, subscribing through a Checkout link, trial to active, past
 * due (grace, then read-only while customers keep being notified), paying
 * again, canceled; plan limits; a crashed job retried with the same
 * idempotency keys; HQ's view of its stores; and billing switched off.
 */
const DAY = 24 * 3600_000;
const clock = new ManualClock(new Date());
const LIMITS = { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' };

let stripe: StripeServer;
let api: TestApi;
let admin: Client;
let smtp: SmtpCatcher;
let sender: SmtpEmailSender;
let deps: ProcessorDeps;

beforeAll(async () => {
  stripe = await StripeServer.start({ clock });
  stripe.addPrice({ lookupKey: 'aftersales-basic-monthly', unitAmount: 29900 });
  stripe.addPrice({ lookupKey: 'aftersales-pro-monthly', unitAmount: 69900 });
  api = await startTestApi({ clock, env: { ...LIMITS, ...stripe.env({ BILLING_GRACE_DAYS: '7' }) } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  smtp = await startSmtpCatcher();
  sender = new SmtpEmailSender({ url: smtp.url, from: 'Aftersales <no-reply@example.test>' });
  deps = {
    channels: { email: sender, sms: null },
    fetch,
    publicBaseUrl: 'https://service.example.test',
    webhookTimeoutMs: 1000,
    billing: stripeBillingFrom(api.config, connectStripeGateway),
  };
}, 60000);

afterAll(async () => {
  sender?.close();
  await smtp?.close();
  await admin?.end();
  await api?.stop();
  await stripe?.close();
});

const drain = (processors?: ProcessorRegistry) => drainDueActions(api.orm, clock, deps, { processors });
const apiBase = () => api.url.replace(/\/graphql$/, '');

/** Access tokens expire as the clock moves on by days: each call logs in afresh. */
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

const SUBSCRIPTION = `storeSubscription { status standing subscribed trialEndsAt currentPeriodEnd pastDueSince readOnlyFrom unpaidInvoiceUrl
  plan { code staffSeats features } checkout { state url expiresAt trialEnd plan { code } } }`;
const START = `mutation($input: StartSubscriptionCheckoutInput!) {
  startSubscriptionCheckout(input: $input) { checkout { state url plan { code } createdAt } userErrors { field code message } } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code message } } }`;

async function subscriptionOf(slug: string, manager: string) {
  return (await ok(slug, manager, `{ ${SUBSCRIPTION} }`)).storeSubscription;
}

async function tenantId(slug: string): Promise<string> {
  return (await admin.query<{ id: string }>(`select id from tenants where slug = $1`, [slug])).rows[0].id;
}

/** Starts a checkout, lets the worker create its session, pays on "Stripe's page" and delivers Stripe's events. */
async function subscribe(slug: string, manager: string, plan: string): Promise<string> {
  const started = await ok(slug, manager, START, { input: { plan } });
  expect(started.startSubscriptionCheckout.userErrors).toEqual([]);
  await drain();
  const { checkout } = await subscriptionOf(slug, manager);
  const sessionId = checkout.url.split('/').pop();
  const events = stripe.completeCheckoutSession(sessionId);
  await deliverEvents(apiBase(), events);
  await drain();
  return String(stripe.sessions.get(sessionId)!.subscription);
}

describe('billing on', () => {
  const MANAGER_A = 'manager@store-a.test';
  let subscriptionId: string;

  test('the plans are data, offered smallest first', async () => {
    const data = await ok(
      'store-a',
      MANAGER_A,
      `{ billingPlans { code nameEn nameZhCn staffSeats features monthlyPrice { amountMinor currency formatted } apiRateLimit { capacity refillPerSecond } } }`,
    );
    expect(data.billingPlans.map((plan: { code: string }) => plan.code)).toEqual(['BASIC', 'PRO']);
    expect(data.billingPlans[0]).toMatchObject({ staffSeats: 5, features: [], monthlyPrice: { amountMinor: 29900, currency: 'CNY', formatted: '¥299.00' } });
    expect(data.billingPlans[1].features).toEqual(['PAID_SERVICES', 'PARTNER_WEBHOOKS']);
  });

  test('a store starts on a free trial of the trial plan, counted from its creation', async () => {
    const created = (await admin.query<{ created_at: Date }>(`select created_at from tenants where slug = 'store-a'`)).rows[0].created_at;
    const subscription = await subscriptionOf('store-a', MANAGER_A);
    expect(subscription).toMatchObject({ status: 'TRIALING', standing: 'FULL', subscribed: false, plan: { code: 'PRO' }, checkout: null, readOnlyFrom: null });
    expect(new Date(subscription.trialEndsAt).getTime()).toBe(created.getTime() + 30 * DAY);
  });

  test("a store's requests are limited by its plan's API rate, whatever the platform's default", async () => {
    const body = await as('store-a', MANAGER_A, `{ viewer { tenant { name } } }`);
    // the configured tenant bucket is huge here; the trial plan (PRO) sets its own
    expect(body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 5000, restoreRate: 250 });
    const hq = await as('hq-one', 'admin@hq-one.test', `{ viewer { tenant { name } } }`);
    expect(hq.extensions.cost.throttleStatus.maximumAvailable).toBe(1000000); // HQ has no plan
  });

  test('subscribing: the worker creates the Checkout Session with keys from the record and e-mails the link', async () => {
    // A store on its free trial has no subscription whose plan could change: it subscribes.
    const change = await ok(
      'store-a',
      MANAGER_A,
      `mutation { changeSubscriptionPlan(input: { plan: "BASIC" }) { subscription { plan { code } } userErrors { field code message } } }`,
    );
    expect(change.changeSubscriptionPlan).toMatchObject({ subscription: null, userErrors: [{ code: 'NOT_SUBSCRIBED', field: ['plan'] }] });
    expect(change.changeSubscriptionPlan.userErrors[0].message).toContain('startSubscriptionCheckout');
    const first = await ok('store-a', MANAGER_A, START, { input: { plan: 'pro' } });
    expect(first.startSubscriptionCheckout.checkout).toMatchObject({ state: 'PENDING', url: null, plan: { code: 'PRO' } });
    // Asking again while the link is on its way returns the same checkout.
    const again = await ok('store-a', MANAGER_A, START, { input: { plan: 'PRO' } });
    expect(again.startSubscriptionCheckout.checkout.createdAt).toBe(first.startSubscriptionCheckout.checkout.createdAt);
    const unknown = await ok('store-a', MANAGER_A, START, { input: { plan: 'GOLD' } });
    expect(unknown.startSubscriptionCheckout.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_PLAN', field: ['plan'] })]);
    expect(stripe.requestsTo('/v1/checkout/sessions')).toHaveLength(0); // nothing at Stripe inside the request

    await drain();
    const checkoutId = (await admin.query<{ id: string }>(`select id from subscription_checkouts where tenant_id = $1`, [await tenantId('store-a')])).rows[0]
      .id;
    const [customerCall] = stripe.requestsTo('/v1/customers', 'POST');
    expect(customerCall.idempotencyKey).toBe(`sub-customer:${checkoutId}`);
    const [sessionCall] = stripe.requestsTo('/v1/checkout/sessions', 'POST');
    expect(sessionCall.idempotencyKey).toBe(`sub-checkout:${checkoutId}`);
    expect(sessionCall.params).toMatchObject({
      mode: 'subscription',
      client_reference_id: checkoutId,
      customer: expect.stringMatching(/^cus_/),
      line_items: [{ price: expect.stringMatching(/^price_/), quantity: '1' }],
      metadata: { aftersales_checkout_id: checkoutId, aftersales_plan: 'PRO' },
      subscription_data: { metadata: { aftersales_checkout_id: checkoutId }, trial_end: expect.any(String) },
    });

    const { checkout } = await subscriptionOf('store-a', MANAGER_A);
    expect(checkout).toMatchObject({ state: 'OPEN', plan: { code: 'PRO' } });
    expect(checkout.url).toMatch(/\/checkout\/pay\/cs_test_/);
    // The days left of the free trial carry over: the store pays nothing before its trial would have ended.
    expect(checkout.trialEnd).toBe((await subscriptionOf('store-a', MANAGER_A)).trialEndsAt);
    const mail = smtp.messages.find((message) => message.to.includes(MANAGER_A) && message.text.includes(checkout.url));
    expect(mail?.subject).toContain('Store A');
    // Where Checkout sends the manager back: a page saying what happens next (the subscription comes by webhook).
    const back = await fetch(`${apiBase()}/billing/checkout/complete?session_id=${checkout.url.split('/').pop()}`);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('within a minute');
  });

  test('paying on the Checkout page starts the subscription on its trial; the trial ends into ACTIVE', async () => {
    const { checkout } = await subscriptionOf('store-a', MANAGER_A);
    const sessionId = checkout.url.split('/').pop();
    await deliverEvents(apiBase(), stripe.completeCheckoutSession(sessionId));
    await drain();
    subscriptionId = String(stripe.sessions.get(sessionId)!.subscription);
    expect(await subscriptionOf('store-a', MANAGER_A)).toMatchObject({
      status: 'TRIALING',
      subscribed: true,
      standing: 'FULL',
      plan: { code: 'PRO' },
      checkout: null,
    });
    const row = await admin.query(`select state from subscription_checkouts where tenant_id = $1`, [await tenantId('store-a')]);
    expect(row.rows).toEqual([{ state: 'COMPLETED' }]);

    clock.advance(31 * DAY);
    await deliverEvents(apiBase(), stripe.renewSubscription(subscriptionId));
    await drain();
    const active = await subscriptionOf('store-a', MANAGER_A);
    expect(active).toMatchObject({ status: 'ACTIVE', standing: 'FULL', pastDueSince: null });
    expect(new Date(active.currentPeriodEnd).getTime()).toBeGreaterThan(clock.now().getTime());
    // An active store cannot open a second subscription: it would be billed twice.
    const twice = await ok('store-a', MANAGER_A, START, { input: { plan: 'BASIC' } });
    expect(twice.startSubscriptionCheckout.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_SUBSCRIBED' })]);
  });

  test('past due: full access during the grace period, then read-only with PAYMENT_REQUIRED while customers are still notified', async () => {
    // An open ticket with a visit in twelve days: its customer reminder is the worker's to send, whatever happens to the bill.
    const techId = toGlobalId('StaffUser', (await admin.query<{ id: string }>(`select id from staff_users where email = 'tech@store-a.test'`)).rows[0].id);
    const registered = await ok(
      'store-a',
      MANAGER_A,
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code message } } }`,
      {
        i: {
          type: 'ONSITE',
          channel: 'PHONE',
          problem: 'Printer jams',
          contactAddress: '8 Huaihai Rd',
          newCustomer: { name: 'Li Lei', phone: '13900139111', email: 'li.lei@example.test', locale: 'EN' },
        },
      },
    );
    const ticketId = registered.registerTicket.ticket.id;
    const visit = new Date(clock.now().getTime() + 12 * DAY);
    const scheduled = await ok(
      'store-a',
      MANAGER_A,
      `mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { userErrors { code message } } }`,
      {
        i: { ticketId, technicianId: techId, windowStart: visit.toISOString(), windowEnd: new Date(visit.getTime() + 2 * 3600_000).toISOString() },
      },
    );
    expect(scheduled.scheduleAppointment.userErrors).toEqual([]);
    await drain();

    clock.advance(2 * DAY);
    const failedAt = clock.now();
    await deliverEvents(apiBase(), stripe.failRenewal(subscriptionId));
    await drain();
    const pastDue = await subscriptionOf('store-a', MANAGER_A);
    expect(pastDue).toMatchObject({ status: 'PAST_DUE', standing: 'GRACE_PERIOD' });
    expect(new Date(pastDue.readOnlyFrom).getTime()).toBe(failedAt.getTime() + 7 * DAY);
    expect(pastDue.unpaidInvoiceUrl).toMatch(/\/invoices\/pay\//);
    const notice = smtp.messages.filter((message) => message.to.includes(MANAGER_A) && message.text.includes(pastDue.unpaidInvoiceUrl));
    expect(notice).toHaveLength(1);

    clock.advance(DAY);
    const duringGrace = await ok('store-a', MANAGER_A, CREATE_CUSTOMER, { input: { name: 'During Grace', phone: '13900139222' } });
    expect(duringGrace.createCustomer.userErrors).toEqual([]);

    clock.advance(7 * DAY);
    const refused = await as('store-a', MANAGER_A, CREATE_CUSTOMER, { input: { name: 'Read Only', phone: '13900139333' } });
    expect(refused.errors[0].extensions).toMatchObject({ code: 'PAYMENT_REQUIRED', status: 'PAST_DUE', invoiceUrl: pastDue.unpaidInvoiceUrl });
    expect(refused.errors[0].message).toContain('read-only');
    const agent = await as('store-a', 'agent@store-a.test', `mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { userErrors { code } } }`, {
      i: { ticketId, body: 'Called the customer', visibility: 'INTERNAL' },
    });
    expect(agent.errors[0].extensions.code).toBe('PAYMENT_REQUIRED');
    // Nothing is hidden: the store reads its tickets and its subscription.
    const tickets = await ok('store-a', MANAGER_A, `{ tickets(first: 10) { edges { node { id } } } }`);
    expect(tickets.tickets.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(ticketId);
    expect((await subscriptionOf('store-a', MANAGER_A)).standing).toBe('READ_ONLY');
    // The way to pay stays open (and explains itself): the guard lets it through, the service points at the invoice.
    const resubscribe = await ok('store-a', MANAGER_A, START, { input: { plan: 'PRO' } });
    expect(resubscribe.startSubscriptionCheckout.userErrors[0]).toMatchObject({ code: 'ALREADY_SUBSCRIBED' });
    expect(resubscribe.startSubscriptionCheckout.userErrors[0].message).toContain(pastDue.unpaidInvoiceUrl);

    // The day before the visit, the worker reminds the customer: a store's bill never silences its customers.
    clock.set(new Date(visit.getTime() - DAY));
    const before = smtp.messages.filter((message) => message.to.includes('li.lei@example.test')).length;
    await drain();
    const reminders = smtp.messages.filter((message) => message.to.includes('li.lei@example.test')).slice(before);
    expect(reminders.some((message) => message.text.includes('8 Huaihai Rd'))).toBe(true);
    expect((await subscriptionOf('store-a', MANAGER_A)).standing).toBe('READ_ONLY');
  }, 60000);

  test('paying the open invoice makes the store writable again', async () => {
    await deliverEvents(apiBase(), stripe.payOpenInvoice(subscriptionId));
    await drain();
    expect(await subscriptionOf('store-a', MANAGER_A)).toMatchObject({ status: 'ACTIVE', standing: 'FULL', pastDueSince: null, unpaidInvoiceUrl: null });
    const created = await ok('store-a', MANAGER_A, CREATE_CUSTOMER, { input: { name: 'Paid Up', phone: '13900139444' } });
    expect(created.createCustomer.userErrors).toEqual([]);
  });

  test('canceled: read-only at once, and the store may subscribe again', async () => {
    clock.advance(DAY);
    await deliverEvents(apiBase(), stripe.cancelSubscription(subscriptionId));
    await drain();
    expect(await subscriptionOf('store-a', MANAGER_A)).toMatchObject({ status: 'CANCELED', standing: 'READ_ONLY' });
    const refused = await as('store-a', MANAGER_A, CREATE_CUSTOMER, { input: { name: 'Canceled', phone: '13900139555' } });
    expect(refused.errors[0].extensions.code).toBe('PAYMENT_REQUIRED');
    const again = await ok('store-a', MANAGER_A, START, { input: { plan: 'BASIC' } });
    expect(again.startSubscriptionCheckout).toMatchObject({ userErrors: [], checkout: { state: 'PENDING', plan: { code: 'BASIC' } } });
    await drain();
    // The store keeps its Stripe customer: no second customer is created for it.
    expect(stripe.requestsTo('/v1/customers', 'POST')).toHaveLength(1);
    const [, second] = stripe.requestsTo('/v1/checkout/sessions', 'POST').filter((r) => !r.replayed);
    expect(second.params.customer).toBe(stripe.requestsTo('/v1/checkout/sessions', 'POST')[0].params.customer);
    expect(second.params).not.toHaveProperty('subscription_data.trial_end'); // no trial left to carry over
  });

  test('PLAN_LIMIT: a seat past the plan and a module it does not include name the plan that does', async () => {
    const MANAGER_B = 'manager@store-b.test';
    // Its free trial ran out weeks ago without a subscription: read-only, but subscribing stays open.
    expect(await subscriptionOf('store-b', MANAGER_B)).toMatchObject({
      status: 'TRIAL_ENDED',
      standing: 'READ_ONLY',
      subscribed: false,
      plan: { code: 'PRO' },
    });
    await subscribe('store-b', MANAGER_B, 'BASIC');
    expect(await subscriptionOf('store-b', MANAGER_B)).toMatchObject({
      status: 'ACTIVE',
      standing: 'FULL',
      subscribed: true,
      plan: { code: 'BASIC', staffSeats: 5 },
    });
    const CREATE_STAFF = `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } userErrors { code message } } }`;
    const staff = (n: number) => ({ input: { email: `tech${n}@store-b.test`, name: `Tech ${n}`, role: 'TECHNICIAN', password: 'test-password-1' } });
    for (const n of [1, 2, 3]) expect((await ok('store-b', MANAGER_B, CREATE_STAFF, staff(n))).createStaffUser.userErrors).toEqual([]);
    const sixth = await as('store-b', MANAGER_B, CREATE_STAFF, staff(4));
    expect(sixth.errors[0].extensions).toMatchObject({
      code: 'PLAN_LIMIT',
      limit: 'STAFF_SEATS',
      seats: 5,
      seatsInUse: 5,
      currentPlan: 'BASIC',
      requiredPlans: ['PRO'],
    });
    expect(sixth.errors[0].message).toContain('Pro');
    expect((await admin.query(`select 1 from staff_users where email = 'tech4@store-b.test'`)).rows).toHaveLength(0);
    // A disabled colleague frees a seat.
    const tech1 = (await ok('store-b', MANAGER_B, `{ staffUsers(first: 20) { edges { node { id email } } } }`)).staffUsers.edges.find(
      (edge: { node: { email: string } }) => edge.node.email === 'tech1@store-b.test',
    ).node.id;
    await ok('store-b', MANAGER_B, `mutation($input: UpdateStaffUserInput!) { updateStaffUser(input: $input) { userErrors { code } } }`, {
      input: { id: tech1, status: 'DISABLED' },
    });
    expect((await ok('store-b', MANAGER_B, CREATE_STAFF, staff(4))).createStaffUser.userErrors).toEqual([]);
    const reenable = await as('store-b', MANAGER_B, `mutation($input: UpdateStaffUserInput!) { updateStaffUser(input: $input) { userErrors { code } } }`, {
      input: { id: tech1, status: 'ACTIVE' },
    });
    expect(reenable.errors[0].extensions.code).toBe('PLAN_LIMIT');

    const ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id } userErrors { code } } }`;
    const endpoint = { input: { url: 'https://erp.example.test/hooks', eventTypes: ['TICKET_CREATED'] } };
    const webhooks = await as('store-b', MANAGER_B, ENDPOINT, endpoint);
    expect(webhooks.errors[0].extensions).toMatchObject({ code: 'PLAN_LIMIT', feature: 'PARTNER_WEBHOOKS', currentPlan: 'BASIC', requiredPlans: ['PRO'] });
    // Partners and HQ have no subscription and no limit.
    expect((await ok('partner-p', 'manager@partner-p.test', ENDPOINT, endpoint)).createWebhookEndpoint.userErrors).toEqual([]);
  });

  test('a job that crashes after calling Stripe is retried with the same idempotency keys, and Stripe answers it once', async () => {
    const MANAGER_Z = 'manager@store-z.test';
    await ok('store-z', MANAGER_Z, START, { input: { plan: 'PRO' } });
    let crashes = 0;
    const crashingAfterStripe: ActionProcessor = async (run) => {
      const outcome = await ACTION_PROCESSORS[ActionKind.SUBSCRIPTION_CHECKOUT](run);
      if (crashes++ === 0) throw new Error('worker lost its database connection after Stripe answered');
      return outcome;
    };
    const processors = { ...ACTION_PROCESSORS, [ActionKind.SUBSCRIPTION_CHECKOUT]: crashingAfterStripe };
    await drain(processors);
    const checkoutId = (
      await admin.query<{ id: string; state: string }>(`select id, state from subscription_checkouts where tenant_id = $1`, [await tenantId('store-z')])
    ).rows[0];
    expect(checkoutId.state).toBe('PENDING'); // the crash rolled back what the run wrote
    clock.advance(60_000);
    await drain(processors);

    const sessions = stripe.requestsTo('/v1/checkout/sessions', 'POST').filter((r) => r.idempotencyKey === `sub-checkout:${checkoutId.id}`);
    expect(sessions.map((r) => [r.status, r.replayed])).toEqual([
      [200, false],
      [200, true],
    ]);
    const customers = stripe.requestsTo('/v1/customers', 'POST').filter((r) => r.idempotencyKey === `sub-customer:${checkoutId.id}`);
    expect(customers.map((r) => r.replayed)).toEqual([false, true]);
    const created = [...stripe.sessions.values()].filter((session) => session.client_reference_id === checkoutId.id);
    expect(created).toHaveLength(1);
    const { checkout } = await subscriptionOf('store-z', MANAGER_Z);
    expect(checkout.url).toBe(created[0].url);
    // One link, one e-mail.
    expect(smtp.messages.filter((message) => message.to.includes(MANAGER_Z) && message.text.includes(String(created[0].url)))).toHaveLength(1);
  });

  test('HQ sees the standing of each of its stores, and only its own', async () => {
    const QUERY = `query($after: String) { storeSubscriptions(first: 1, after: $after) {
      edges { cursor node { store { slug } status standing subscribed plan { code } } } pageInfo { hasNextPage endCursor } } }`;
    const seen: Record<string, unknown>[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { storeSubscriptions: { edges: { node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await ok(
        'hq-one',
        'supervisor@hq-one.test',
        QUERY,
        { after },
      );
      seen.push(...page.storeSubscriptions.edges.map((edge) => edge.node));
      if (!page.storeSubscriptions.pageInfo.hasNextPage) break;
      after = page.storeSubscriptions.pageInfo.endCursor;
    }
    const bySlug = Object.fromEntries(seen.map((node) => [(node.store as { slug: string }).slug, node]));
    expect(Object.keys(bySlug).sort()).toEqual(['store-a', 'store-b']);
    expect(bySlug['store-a']).toMatchObject({ status: 'CANCELED', standing: 'READ_ONLY', subscribed: true });
    expect(bySlug['store-b']).toMatchObject({ status: 'ACTIVE', standing: 'FULL', plan: { code: 'BASIC' } });

    const other = await ok('hq-two', 'admin@hq-two.test', `{ storeSubscriptions(first: 10) { edges { node { store { slug } status } } } }`);
    expect(other.storeSubscriptions.edges.map((edge: { node: { store: { slug: string } } }) => edge.node.store.slug)).toEqual(['store-z']);
    // HQ reads standings, not the stores' payment pages.
    const invoiceUrl = await as('hq-one', 'admin@hq-one.test', `{ storeSubscriptions(first: 10) { edges { node { unpaidInvoiceUrl } } } }`);
    expect(invoiceUrl.errors[0].extensions.code).toBe('FORBIDDEN');
    // A store does not read the network.
    const store = await as('store-a', MANAGER_A, `{ storeSubscriptions(first: 10) { edges { node { status } } } }`);
    expect(store.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('changing plan: Stripe swaps the price once, its event brings the new plan, and every refusal says why', async () => {
    const MANAGER_B = 'manager@store-b.test';
    const CHANGE = `mutation($input: ChangeSubscriptionPlanInput!) {
      changeSubscriptionPlan(input: $input) { subscription { plan { code } pendingPlan { code } } userErrors { field code message } } }`;
    const change = (slug: string, email: string, plan: string) => as(slug, email, CHANGE, { input: { plan } });
    const storeB = await tenantId('store-b');
    const subscriptionB = (await admin.query<{ id: string }>(`select stripe_subscription_id as id from store_subscriptions where tenant_id = $1`, [storeB]))
      .rows[0].id;
    const planChanges = async () =>
      (
        await admin.query<{ idempotency_key: string; state: string }>(
          `select idempotency_key, state from scheduled_actions where tenant_id = $1 and kind = 'SUBSCRIPTION_PLAN_CHANGE' order by created_at`,
          [storeB],
        )
      ).rows;
    const updates = () => stripe.requestsTo(`/v1/subscriptions/${subscriptionB}`, 'POST');

    // Refusals: a plan that is not one, or the one in force.
    // (A store on its free trial has nothing to change: NOT_SUBSCRIBED, in the subscribing test; one whose trial ended is read-only.)
    expect((await change('store-z', 'manager@store-z.test', 'BASIC')).errors[0].extensions.code).toBe('PAYMENT_REQUIRED');
    expect((await change('store-b', MANAGER_B, 'GOLD')).data.changeSubscriptionPlan.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_PLAN' })]);
    expect((await change('store-b', MANAGER_B, 'basic')).data.changeSubscriptionPlan.userErrors).toEqual([expect.objectContaining({ code: 'SAME_PLAN' })]);
    // Only the store's managers change its plan; HQ has none to change.
    expect((await change('store-b', 'agent@store-b.test', 'PRO')).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await change('hq-one', 'admin@hq-one.test', 'PRO')).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await planChanges()).toEqual([]);

    // Upgrade: recorded at once, Stripe called by the worker only; asking again returns the pending change.
    const upgrade = await change('store-b', MANAGER_B, 'pro');
    expect(upgrade.data.changeSubscriptionPlan).toEqual({ subscription: { plan: { code: 'BASIC' }, pendingPlan: { code: 'PRO' } }, userErrors: [] });
    const again = await change('store-b', MANAGER_B, 'PRO');
    expect(again.data.changeSubscriptionPlan).toEqual({ subscription: { plan: { code: 'BASIC' }, pendingPlan: { code: 'PRO' } }, userErrors: [] });
    const [action] = await planChanges();
    expect(await planChanges()).toHaveLength(1);
    expect(updates()).toHaveLength(0);
    const audit = await admin.query(`select detail from audit_events where tenant_id = $1 and action = 'SUBSCRIPTION_PLAN_CHANGE_REQUESTED'`, [storeB]);
    expect(audit.rows).toEqual([{ detail: expect.objectContaining({ plan: 'PRO', fromPlan: 'BASIC', subscriptionId: subscriptionB }) }]);
    // Another store's request changes nothing of this one.
    expect((await change('store-a', MANAGER_A, 'PRO')).errors[0].extensions.code).toBe('PAYMENT_REQUIRED'); // store-a is canceled, read-only

    await drain();
    const [update] = updates();
    expect(updates()).toHaveLength(1);
    expect(update.idempotencyKey).toBe(action.idempotency_key);
    const proPrice = [...stripe.prices.values()].find((price) => price.lookup_key === 'aftersales-pro-monthly')!.id;
    expect(update.params).toMatchObject({
      items: [{ id: expect.stringMatching(/^si_/), price: proPrice }],
      proration_behavior: 'create_prorations',
      metadata: { aftersales_plan: 'PRO' },
    });
    // Stripe has changed it; the plan is Stripe's word, so it waits for the event.
    expect(await subscriptionOf('store-b', MANAGER_B)).toMatchObject({ plan: { code: 'BASIC' } });
    expect((await ok('store-b', MANAGER_B, `{ storeSubscription { pendingPlan { code } } }`)).storeSubscription.pendingPlan).toEqual({ code: 'PRO' });
    await deliverEvents(apiBase(), stripe.subscriptionUpdatedEvents(subscriptionB));
    await drain();
    expect(await subscriptionOf('store-b', MANAGER_B)).toMatchObject({ status: 'ACTIVE', plan: { code: 'PRO', staffSeats: 25 } });
    expect((await ok('store-b', MANAGER_B, `{ storeSubscription { pendingPlan { code } } }`)).storeSubscription.pendingPlan).toBeNull();
    // BASIC's limits are lifted: a sixth staff user and a webhook endpoint.
    const CREATE_STAFF = `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } userErrors { code message } } }`;
    const sixth = await ok('store-b', MANAGER_B, CREATE_STAFF, {
      input: { email: 'tech5@store-b.test', name: 'Tech 5', role: 'TECHNICIAN', password: 'test-password-1' },
    });
    expect(sixth.createStaffUser.userErrors).toEqual([]);

    // Downgrade: refused while the store uses more than BASIC allows, saying what.
    const tooBig = await change('store-b', MANAGER_B, 'BASIC');
    expect(tooBig.data.changeSubscriptionPlan.userErrors).toEqual([expect.objectContaining({ code: 'PLAN_LIMIT', field: ['plan'] })]);
    expect(tooBig.data.changeSubscriptionPlan.userErrors[0].message).toContain('6 active staff users and the plan includes 5 seats');
    expect(await planChanges()).toHaveLength(1);
    await ok('store-b', MANAGER_B, `mutation($input: UpdateStaffUserInput!) { updateStaffUser(input: $input) { userErrors { code } } }`, {
      input: { id: sixth.createStaffUser.staffUser.id, status: 'DISABLED' },
    });
    // A run that crashes after Stripe answered is retried and Stripe changes the subscription once.
    expect((await change('store-b', MANAGER_B, 'BASIC')).data.changeSubscriptionPlan).toMatchObject({
      userErrors: [],
      subscription: { pendingPlan: { code: 'BASIC' } },
    });
    // Asked for within the same tick of the clock as the upgrade, it still reads as the latest change.
    const asked = await admin.query<{ plan: string; created_at: Date }>(
      `select payload->>'plan' as plan, created_at from scheduled_actions where tenant_id = $1 and kind = 'SUBSCRIPTION_PLAN_CHANGE' order by created_at desc limit 1`,
      [storeB],
    );
    expect(asked.rows[0].plan).toBe('BASIC');
    let crashes = 0;
    const crashingAfterStripe: ActionProcessor = async (run) => {
      const outcome = await ACTION_PROCESSORS[ActionKind.SUBSCRIPTION_PLAN_CHANGE](run);
      if (crashes++ === 0) throw new Error('worker lost its database connection after Stripe answered');
      return outcome;
    };
    const processors = { ...ACTION_PROCESSORS, [ActionKind.SUBSCRIPTION_PLAN_CHANGE]: crashingAfterStripe };
    await drain(processors);
    clock.advance(60_000);
    await drain(processors);
    expect(crashes).toBe(2);
    expect((await planChanges()).map((row) => row.state)).toEqual(['DONE', 'DONE']);
    expect(updates().filter((r) => r.status === 200 && !r.replayed)).toHaveLength(2); // the upgrade and the downgrade
    await deliverEvents(apiBase(), stripe.subscriptionUpdatedEvents(subscriptionB));
    await drain();
    expect(await subscriptionOf('store-b', MANAGER_B)).toMatchObject({ plan: { code: 'BASIC' } });

    // Payment overdue: pay first.
    clock.advance(DAY);
    await deliverEvents(apiBase(), stripe.failRenewal(subscriptionB));
    await drain();
    expect(await subscriptionOf('store-b', MANAGER_B)).toMatchObject({ status: 'PAST_DUE', standing: 'GRACE_PERIOD' });
    const overdue = await change('store-b', MANAGER_B, 'PRO');
    expect(overdue.errors[0].extensions).toMatchObject({ code: 'PAYMENT_REQUIRED', invoiceUrl: expect.stringMatching(/\/invoices\/pay\//) });
    expect(overdue.errors[0].message).toContain('before changing plan');
    expect(await planChanges()).toHaveLength(2);
    await deliverEvents(apiBase(), stripe.payOpenInvoice(subscriptionB));
    await drain();
    expect(await subscriptionOf('store-b', MANAGER_B)).toMatchObject({ status: 'ACTIVE', plan: { code: 'BASIC' } });
  }, 60000);
});

describe('billing off', () => {
  let plain: TestApi;

  beforeAll(async () => {
    plain = await startTestApi({ env: LIMITS });
  }, 60000);

  afterAll(async () => {
    await plain?.stop();
  });

  test('reads answer: the plans from the plan file, each store BILLING_OFF; only subscribing, which needs Stripe, answers BILLING_DISABLED', async () => {
    const manager = await plain.login('store-b', 'manager@store-b.test');
    const plans = await plain.gql(`{ billingPlans { code staffSeats features monthlyPrice { amountMinor currency } } }`, {}, manager);
    expect(plans.body.errors).toBeUndefined();
    const shipped = loadPlanCatalogue(PLANS_FILE).plans;
    expect(plans.body.data.billingPlans).toEqual(
      shipped.map((plan) => ({ code: plan.code, staffSeats: plan.staffSeats, features: [...plan.features], monthlyPrice: { ...plan.monthlyPrice } })),
    );
    // store-b's free trial ran out long ago: with billing off that means nothing, and the read says so.
    const own = await plain.gql(`{ ${SUBSCRIPTION} }`, {}, manager);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.storeSubscription).toEqual({
      status: 'BILLING_OFF',
      standing: 'FULL',
      subscribed: false,
      plan: null,
      trialEndsAt: null,
      currentPeriodEnd: null,
      pastDueSince: null,
      readOnlyFrom: null,
      unpaidInvoiceUrl: null,
      checkout: null,
    });
    const hq = await plain.gql(
      `{ storeSubscriptions(first: 5) { edges { node { store { slug } status standing plan { code } } } } }`,
      {},
      await plain.login('hq-one', 'admin@hq-one.test'),
    );
    expect(hq.body.errors).toBeUndefined();
    expect(hq.body.data.storeSubscriptions.edges.map((edge: { node: unknown }) => edge.node)).toEqual(
      expect.arrayContaining([
        { store: { slug: 'store-a' }, status: 'BILLING_OFF', standing: 'FULL', plan: null },
        { store: { slug: 'store-b' }, status: 'BILLING_OFF', standing: 'FULL', plan: null },
      ]),
    );
    const start = await plain.gql(START, { input: { plan: 'PRO' } }, manager);
    expect(start.body.errors[0]).toMatchObject({ extensions: { code: 'BILLING_DISABLED' }, message: expect.stringContaining('Billing is not enabled') });
    const change = await plain.gql(`mutation { changeSubscriptionPlan(input: { plan: "BASIC" }) { userErrors { code } } }`, {}, manager);
    expect(change.body.errors[0].extensions.code).toBe('BILLING_DISABLED');

    const webhook = await fetch(plain.url.replace(/\/graphql$/, '/webhooks/stripe'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' },
      body: '{}',
    });
    expect(webhook.status).toBe(503);
    expect(await webhook.text()).toContain('Billing is not enabled');

    // No plan applies: store-b adds a webhook endpoint and a sixth staff user.
    const endpoint = await plain.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { userErrors { code } } }`,
      { input: { url: 'https://erp.example.test/hooks', eventTypes: ['TICKET_CREATED'] } },
      manager,
    );
    expect(endpoint.body.data.createWebhookEndpoint.userErrors).toEqual([]);
    for (const n of [1, 2, 3, 4]) {
      const created = await plain.gql(
        `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { userErrors { code } } }`,
        { input: { email: `extra${n}@store-b.test`, name: `Extra ${n}`, role: 'STORE_AGENT' } },
        manager,
      );
      expect(created.body.data.createStaffUser.userErrors).toEqual([]);
    }
  });
});

describe('configuration', () => {
  const env = (extra: Record<string, string>) => ({ NODE_ENV: 'test', ...extra });

  test('Stripe settings are checked at start, with the variable at fault named', () => {
    expect(() => loadConfig(env({ STRIPE_SECRET_KEY: 'sk_test_abc' }))).toThrow(
      /STRIPE_WEBHOOK_SECRET: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set/,
    );
    expect(() => loadConfig(env({ STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' }))).toThrow(
      /STRIPE_SECRET_KEY: .*secret or restricted key/,
    );
    expect(() => loadConfig(env({ STRIPE_API_BASE_URL: 'http://localhost:12111/v1' }))).toThrow(/scheme, host and port only/);
    expect(() => loadConfig(env({ STRIPE_PLAN_PRICES: 'BASIC:price_1' }))).toThrow(/PLAN=price_id pairs/);
    const config = loadConfig(env({ STRIPE_SECRET_KEY: ' ', STRIPE_PLAN_PRICES: 'BASIC=price_1, PRO = price_2' }));
    expect(config.STRIPE_SECRET_KEY).toBeUndefined(); // an empty value is "not set": billing off
    expect(config.STRIPE_PLAN_PRICES).toEqual({ BASIC: 'price_1', PRO: 'price_2' });
    expect(stripeBillingFrom(config, connectStripeGateway)).toBeNull();
    expect(() =>
      stripeBillingFrom(
        loadConfig(env({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_PLAN_PRICES: 'GOLD=price_9' })),
        connectStripeGateway,
      ),
    ).toThrow(/STRIPE_PLAN_PRICES names plan GOLD/);
  });

  test('the shipped plan file loads; a broken one is refused with every problem and its place', () => {
    const shipped = loadPlanCatalogue(PLANS_FILE);
    expect(shipped.trial).toMatchObject({ plan: { code: 'PRO' }, days: 30 });
    expect(shipped.plansWith(PlanFeature.PARTNER_WEBHOOKS).map((plan) => plan.code)).toEqual(['PRO']);
    const broken = `
trial: { plan: GOLD, days: 30 }
plans:
  - code: BASIC
    name: { zh-CN: 基础版, en: Basic }
    description: { zh-CN: 基础, en: Basic }
    monthlyPrice: { amountMinor: 299.5, currency: CNY }
    stripeLookupKey: basic
    staffSeats: 5
    features: [TELEPORTATION]
    apiRateLimit: { capacity: 100, refillPerSecond: 10 }
  - code: BASIC
    name: { zh-CN: 基础版, en: Basic }
    description: { zh-CN: 基础, en: Basic }
    monthlyPrice: { amountMinor: 100, currency: CNY }
    stripeLookupKey: basic
    staffSeats: 5
    apiRateLimit: { capacity: 100, refillPerSecond: 10 }
`;
    expect(() => parsePlanCatalogue(broken, 'plans.yaml')).toThrow(/plans\.0\.monthlyPrice\.amountMinor: an amount is a whole number/);
    const fixedAmount = broken.replace('299.5', '29950').replace('[TELEPORTATION]', '[]');
    let message = '';
    try {
      parsePlanCatalogue(fixedAmount, 'plans.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('plans.1.code: plan BASIC appears twice');
    expect(message).toContain('two plans share a stripeLookupKey');
    expect(message).toContain('trial.plan: the trial plan GOLD is not one of the plans');
  });
});
