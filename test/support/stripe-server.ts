import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { Clock } from '../../core/clock';
import { systemClock } from '../../core/clock';
import { STRIPE_API_VERSION } from '../../infra/stripe/stripe-client';

/**
 * A local HTTP server speaking Stripe's wire format, for the endpoints
 * billing uses, so the tests run the real `stripe` SDK (only its host
 * differs): form-encoded requests with bracketed keys, JSON objects with
 * `object` and `id`, lists, and errors in Stripe's `{ error: { type, code,
 * message, param } }` shape with Stripe's HTTP statuses.
 *
 * Like Stripe, it keeps every POST's answer under its `Idempotency-Key` and
 * replays it (`Idempotent-Replayed: true`) for a repeated key, refusing a
 * key reused with other parameters. Every request is recorded.
 *
 * Endpoints: prices (list by lookup key, retrieve), customers (create,
 * retrieve), checkout sessions (create in subscription and payment mode,
 * retrieve, line items, expire), subscriptions (retrieve; update: a price
 * swapped on an item, metadata, proration_behavior), invoices
 * (retrieve), payment intents (retrieve), charges (retrieve), refunds
 * (create, retrieve) and events (retrieve).
 *
 * What a customer does on Stripe's pages, and what Stripe does on its own
 * (a renewal, a failed card), the tests drive with the methods below; each
 * returns the events Stripe would send, ready for `deliverEvent`.
 */

export const TEST_SECRET_KEY = 'sk_test_localstripeserver';
export const TEST_WEBHOOK_SECRET = 'whsec_localstripeserversecret';

export interface RecordedRequest {
  method: string;
  /** Without the query string, e.g. `/v1/checkout/sessions`. */
  path: string;
  /** Decoded body (POST) or query (GET). */
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  /** Whether the answer was replayed from an earlier request with the same key. */
  replayed: boolean;
  status: number;
}

type StripeObject = Record<string, unknown> & { id: string; object: string };

interface StoredAnswer {
  method: string;
  path: string;
  body: string;
  status: number;
  response: unknown;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const DAY = 24 * 3600;

export class StripeServer {
  readonly requests: RecordedRequest[] = [];
  readonly customers = new Map<string, StripeObject>();
  readonly prices = new Map<string, StripeObject>();
  readonly sessions = new Map<string, StripeObject>();
  readonly subscriptions = new Map<string, StripeObject>();
  readonly invoices = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  readonly charges = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  readonly events = new Map<string, StripeObject>();
  private readonly lineItems = new Map<string, StripeObject[]>();
  private readonly answers = new Map<string, StoredAnswer>();
  /** What each update of a subscription changed, until the test takes its event. */
  private readonly unsentUpdates = new Map<string, Record<string, unknown>[]>();
  private readonly failures: { method: string; path: string; times: number; status: number; message: string }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly clock: Clock,
  ) {}

  static async start(options: { clock?: Clock } = {}): Promise<StripeServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const stripe = new StripeServer(server, `http://127.0.0.1:${port}`, options.clock ?? systemClock);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void stripe.handle(request, response));
    return stripe;
  }

  /** The api's env for billing against this server. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { STRIPE_SECRET_KEY: TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE_URL: this.url, ...extra };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Recorded requests to a path (exact, or a prefix ending in `/`), optionally of one method. */
  requestsTo(path: string, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => (path.endsWith('/') ? r.path.startsWith(path) : r.path === path) && (!method || r.method === method));
  }

  /** The next `times` requests to `method path` answer `status` with an api_error (Stripe having a bad moment). */
  failNext(method: string, path: string, times = 1, status = 500, message = 'An unknown error occurred'): void {
    this.failures.push({ method, path, times, status, message });
  }

  // ---- what the tests set up -------------------------------------------------

  /** A recurring (or one-time) Price, found by `lookup_keys` like Stripe's. */
  addPrice(options: { lookupKey?: string; unitAmount: number; currency?: string; interval?: 'month' | 'year' | null; id?: string }): StripeObject {
    const price: StripeObject = {
      id: options.id ?? this.id('price'),
      object: 'price',
      active: true,
      currency: options.currency ?? 'cny',
      unit_amount: options.unitAmount,
      lookup_key: options.lookupKey ?? null,
      type: options.interval === null ? 'one_time' : 'recurring',
      recurring: options.interval === null ? null : { interval: options.interval ?? 'month', interval_count: 1, usage_type: 'licensed' },
      product: this.id('prod'),
      metadata: {},
      created: this.now(),
      livemode: false,
    };
    this.prices.set(price.id, price);
    return price;
  }

  /** A Stripe event as Stripe sends it (also served by GET /v1/events/:id). */
  event(type: string, object: StripeObject, previousAttributes?: Record<string, unknown>): Stripe.Event {
    const event: StripeObject = {
      id: this.id('evt'),
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: this.now(),
      data: { object: structuredClone(object), ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.set(event.id, event);
    return structuredClone(event) as unknown as Stripe.Event;
  }

  /**
   * The customer pays on the Checkout page. Subscription mode: the
   * subscription starts (trialing when the session asked for a trial) with
   * its first invoice paid; payment mode: the payment intent succeeds.
   * Returns Stripe's events in the order Stripe creates them.
   *
   * Payment mode, as the page may end it (each as Stripe reports it):
   * - `discountMinor`: a promotion code took that much off (`total_details.amount_discount`,
   *   a smaller `amount_total`);
   * - `presentedIn`: Adaptive Pricing showed the customer their own currency, who paid in it
   *   (`currency` and `amount_total` in it, the session's own in `currency_conversion`);
   * - `delayedPayment`: a payment method that settles later (a bank debit): the session completes
   *   with `payment_status: unpaid` and a processing payment intent; `settleDelayedPayment` ends it.
   */
  completeCheckoutSession(
    sessionId: string,
    options: { discountMinor?: number; presentedIn?: { currency: string; fxRate: string }; delayedPayment?: boolean } = {},
  ): Stripe.Event[] {
    const session = this.mustGet(this.sessions, sessionId, 'checkout.session');
    if (session.status !== 'open') throw new Error(`checkout session ${sessionId} is ${String(session.status)}`);
    const events: Stripe.Event[] = [];
    if (session.mode === 'subscription') {
      const items = this.lineItems.get(sessionId) ?? [];
      const price = this.prices.get(String((items[0]?.price as StripeObject | undefined)?.id));
      if (!price) throw new Error('the session has no price');
      const data = (session.subscription_data ?? {}) as Record<string, unknown>;
      const trialEnd = data.trial_end ? Number(data.trial_end) : null;
      const now = this.now();
      const periodEnd = trialEnd ?? now + 30 * DAY;
      const subscription: StripeObject = {
        id: this.id('sub'),
        object: 'subscription',
        customer: session.customer,
        status: trialEnd ? 'trialing' : 'active',
        metadata: { ...((data.metadata as Record<string, string>) ?? {}) },
        description: data.description ?? null,
        items: {
          object: 'list',
          data: [
            {
              id: this.id('si'),
              object: 'subscription_item',
              price,
              quantity: 1,
              current_period_start: now,
              current_period_end: periodEnd,
              metadata: {},
            },
          ],
          has_more: false,
          url: '/v1/subscription_items',
        },
        trial_start: trialEnd ? now : null,
        trial_end: trialEnd,
        cancel_at_period_end: false,
        canceled_at: null,
        ended_at: null,
        start_date: now,
        created: now,
        latest_invoice: null,
        livemode: false,
      };
      this.subscriptions.set(subscription.id, subscription);
      const invoice = this.newInvoice(subscription, trialEnd ? 0 : Number(price.unit_amount), 'paid');
      Object.assign(session, { status: 'complete', payment_status: trialEnd ? 'no_payment_required' : 'paid', subscription: subscription.id });
      events.push(this.event('checkout.session.completed', session));
      events.push(this.event('customer.subscription.created', subscription));
      events.push(this.event('invoice.paid', invoice));
    } else {
      if (options.discountMinor) {
        const discount = Math.min(options.discountMinor, Number(session.amount_subtotal));
        Object.assign(session, {
          amount_total: Number(session.amount_subtotal) - discount,
          total_details: { ...(session.total_details as Record<string, unknown>), amount_discount: discount },
        });
      }
      if (options.presentedIn) {
        const rate = Number(options.presentedIn.fxRate);
        session.currency_conversion = {
          amount_subtotal: session.amount_subtotal,
          amount_total: session.amount_total,
          fx_rate: options.presentedIn.fxRate,
          source_currency: session.currency,
        };
        Object.assign(session, {
          currency: options.presentedIn.currency,
          amount_subtotal: Math.round(Number(session.amount_subtotal) * rate),
          amount_total: Math.round(Number(session.amount_total) * rate),
        });
      }
      const paymentIntent = this.newPaymentIntent(session, options.delayedPayment ? 'processing' : 'succeeded');
      Object.assign(session, { status: 'complete', payment_status: options.delayedPayment ? 'unpaid' : 'paid', payment_intent: paymentIntent.id });
      events.push(this.event('checkout.session.completed', session));
    }
    return events;
  }

  /** The delayed payment of a completed session settles: `checkout.session.async_payment_succeeded`. */
  settleDelayedPayment(sessionId: string): Stripe.Event[] {
    const session = this.mustGet(this.sessions, sessionId, 'checkout.session');
    const paymentIntent = this.mustGet(this.paymentIntents, String(session.payment_intent), 'payment_intent');
    if (session.payment_status !== 'unpaid' || paymentIntent.status !== 'processing')
      throw new Error(`checkout session ${sessionId} has no payment being processed`);
    const charge = this.mustGet(this.charges, String(paymentIntent.latest_charge), 'charge');
    Object.assign(paymentIntent, { status: 'succeeded', amount_received: paymentIntent.amount });
    Object.assign(charge, { status: 'succeeded', paid: true, amount_captured: charge.amount });
    session.payment_status = 'paid';
    return [this.event('checkout.session.async_payment_succeeded', session)];
  }

  /** The trial ends (or a period renews) and the invoice is paid: the subscription is active. */
  renewSubscription(subscriptionId: string): Stripe.Event[] {
    const subscription = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    const previous = { status: subscription.status };
    const price = this.itemOf(subscription).price as StripeObject;
    this.startNewPeriod(subscription);
    Object.assign(subscription, { status: 'active' });
    const invoice = this.newInvoice(subscription, Number(price.unit_amount), 'paid');
    return [this.event('customer.subscription.updated', subscription, previous), this.event('invoice.paid', invoice)];
  }

  /** A renewal's payment fails: the invoice stays open and the subscription is past due. */
  failRenewal(subscriptionId: string): Stripe.Event[] {
    const subscription = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    const previous = { status: subscription.status };
    const price = this.itemOf(subscription).price as StripeObject;
    this.startNewPeriod(subscription);
    const invoice = this.newInvoice(subscription, Number(price.unit_amount), 'open');
    Object.assign(subscription, { status: 'past_due' });
    return [this.event('invoice.payment_failed', invoice), this.event('customer.subscription.updated', subscription, previous)];
  }

  /** The store pays the open invoice (on its hosted page): the subscription is active again. */
  payOpenInvoice(subscriptionId: string): Stripe.Event[] {
    const subscription = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    const invoice = this.mustGet(this.invoices, String(subscription.latest_invoice), 'invoice');
    Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0, attempt_count: Number(invoice.attempt_count) + 1 });
    const previous = { status: subscription.status };
    Object.assign(subscription, { status: 'active' });
    return [this.event('invoice.paid', invoice), this.event('customer.subscription.updated', subscription, previous)];
  }

  /** Moves a subscription to any status Stripe has (`unpaid`, `paused`...). */
  setSubscriptionStatus(subscriptionId: string, status: string): Stripe.Event[] {
    const subscription = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    const previous = { status: subscription.status };
    subscription.status = status;
    if (status === 'canceled') return this.cancelSubscription(subscriptionId);
    return [this.event('customer.subscription.updated', subscription, previous)];
  }

  /** The subscription ends. */
  cancelSubscription(subscriptionId: string): Stripe.Event[] {
    const subscription = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    const now = this.now();
    Object.assign(subscription, { status: 'canceled', canceled_at: now, ended_at: now });
    return [this.event('customer.subscription.deleted', subscription)];
  }

  /**
   * The `customer.subscription.updated` event Stripe sends after an update
   * (POST /v1/subscriptions/:id), with what the update changed as its
   * `previous_attributes`; one event per update, taken once.
   */
  subscriptionUpdatedEvents(subscriptionId: string): Stripe.Event[] {
    const subscription = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    const updates = this.unsentUpdates.get(subscriptionId) ?? [];
    this.unsentUpdates.delete(subscriptionId);
    return updates.map((previous) => this.event('customer.subscription.updated', subscription, previous));
  }

  /** The events Stripe sends for a refund (after POST /v1/refunds): `charge.refunded` and `refund.updated`. */
  refundEvents(refundId: string): Stripe.Event[] {
    const refund = this.mustGet(this.refunds, refundId, 'refund');
    const charge = this.mustGet(this.charges, String(refund.charge), 'charge');
    return [this.event('charge.refunded', charge), this.event('refund.updated', refund)];
  }

  // ---- HTTP ------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    const params = method === 'GET' || method === 'DELETE' ? decodeForm(url.search.slice(1)) : decodeForm(body);
    const idempotencyKey = headerOf(request, 'idempotency-key');
    const record: RecordedRequest = { method, path: url.pathname, params, idempotencyKey, replayed: false, status: 0 };
    this.requests.push(record);

    const send = (status: number, payload: unknown, replayed = false) => {
      record.status = status;
      record.replayed = replayed;
      response.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${randomBytes(7).toString('hex')}`,
        'stripe-version': headerOf(request, 'stripe-version') ?? STRIPE_API_VERSION,
        ...(idempotencyKey && method === 'POST' ? { 'idempotency-key': idempotencyKey } : {}),
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      });
      response.end(JSON.stringify(payload));
    };

    if (!/^Bearer (sk|rk)_test_\w+$/.test(headerOf(request, 'authorization') ?? '')) {
      return send(401, errorBody(new StripeApiError(401, 'invalid_request_error', 'You did not provide a valid API key.')));
    }
    if (idempotencyKey && method === 'POST') {
      const earlier = this.answers.get(idempotencyKey);
      if (earlier) {
        if (earlier.method !== method || earlier.path !== url.pathname || earlier.body !== body) {
          return send(
            400,
            errorBody(
              new StripeApiError(
                400,
                'idempotency_error',
                `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
              ),
            ),
          );
        }
        return send(earlier.status, earlier.response, true);
      }
    }
    const failure = this.failures.find((f) => f.method === method && f.path === url.pathname && f.times > 0);
    let status: number;
    let payload: unknown;
    if (failure) {
      failure.times -= 1;
      status = failure.status;
      payload = errorBody(new StripeApiError(failure.status, 'api_error', failure.message));
    } else {
      try {
        payload = this.route(method, url.pathname, params);
        status = 200;
      } catch (error) {
        const apiError = error instanceof StripeApiError ? error : new StripeApiError(500, 'api_error', (error as Error).message);
        status = apiError.status;
        payload = errorBody(apiError);
      }
    }
    // Stripe keeps the answer to a keyed request, errors included (except its own 5xx, which may be retried).
    if (idempotencyKey && method === 'POST' && status < 500) this.answers.set(idempotencyKey, { method, path: url.pathname, body, status, response: payload });
    send(status, payload);
  }

  private route(method: string, path: string, params: Record<string, unknown>): unknown {
    const routes: [string, RegExp, (id: string) => unknown][] = [
      ['GET', /^\/v1\/prices$/, () => this.listPrices(params)],
      ['GET', /^\/v1\/prices\/([^/]+)$/, (id) => this.mustGet(this.prices, id, 'price')],
      ['POST', /^\/v1\/customers$/, () => this.createCustomer(params)],
      ['GET', /^\/v1\/customers\/([^/]+)$/, (id) => this.mustGet(this.customers, id, 'customer')],
      ['POST', /^\/v1\/checkout\/sessions$/, () => this.createCheckoutSession(params)],
      ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, (id) => this.mustGet(this.sessions, id, 'checkout.session')],
      [
        'GET',
        /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
        (id) => {
          this.mustGet(this.sessions, id, 'checkout.session');
          return list(this.lineItems.get(id) ?? [], `/v1/checkout/sessions/${id}/line_items`);
        },
      ],
      ['POST', /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, (id) => this.expireSession(id)],
      ['GET', /^\/v1\/subscriptions\/([^/]+)$/, (id) => this.mustGet(this.subscriptions, id, 'subscription')],
      ['POST', /^\/v1\/subscriptions\/([^/]+)$/, (id) => this.updateSubscription(id, params)],
      ['GET', /^\/v1\/invoices\/([^/]+)$/, (id) => this.mustGet(this.invoices, id, 'invoice')],
      ['GET', /^\/v1\/payment_intents\/([^/]+)$/, (id) => this.mustGet(this.paymentIntents, id, 'payment_intent')],
      ['GET', /^\/v1\/charges\/([^/]+)$/, (id) => this.mustGet(this.charges, id, 'charge')],
      ['POST', /^\/v1\/refunds$/, () => this.createRefund(params)],
      ['GET', /^\/v1\/refunds\/([^/]+)$/, (id) => this.mustGet(this.refunds, id, 'refund')],
      ['GET', /^\/v1\/events\/([^/]+)$/, (id) => this.mustGet(this.events, id, 'event')],
    ];
    for (const [verb, pattern, answer] of routes) {
      const match = verb === method ? pattern.exec(path) : null;
      if (match) return answer(decodeURIComponent(match[1] ?? ''));
    }
    throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  /** Stripe's subscription update, for what billing sends: a new price on an existing item, metadata, proration_behavior. */
  private updateSubscription(id: string, params: Record<string, unknown>): StripeObject {
    const subscription = this.mustGet(this.subscriptions, id, 'subscription');
    if (subscription.status === 'canceled') {
      throw new StripeApiError(400, 'invalid_request_error', 'A canceled subscription can only update its cancellation_details and metadata.');
    }
    const behaviors = ['create_prorations', 'none', 'always_invoice'];
    if (params.proration_behavior !== undefined && !behaviors.includes(String(params.proration_behavior))) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Invalid proration_behavior: must be one of ${behaviors.join(', ')}`,
        undefined,
        'proration_behavior',
      );
    }
    const previous: Record<string, unknown> = {};
    const items = asArray(params.items) as Record<string, unknown>[];
    if (items.length > 0) {
      previous.items = structuredClone(subscription.items);
      const existing = (subscription.items as { data: Record<string, unknown>[] }).data;
      items.forEach((change, index) => {
        const item = existing.find((candidate) => candidate.id === change.id);
        if (!item)
          throw new StripeApiError(
            400,
            'invalid_request_error',
            `No such subscription item: '${String(change.id)}'`,
            'resource_missing',
            `items[${index}][id]`,
          );
        if (change.price !== undefined) {
          const price = this.prices.get(String(change.price));
          if (!price)
            throw new StripeApiError(400, 'invalid_request_error', `No such price: '${String(change.price)}'`, 'resource_missing', `items[${index}][price]`);
          item.price = price;
        }
      });
    }
    if (params.metadata !== undefined) {
      previous.metadata = { ...(subscription.metadata as Record<string, string>) };
      subscription.metadata = { ...(subscription.metadata as Record<string, string>), ...metadataOf(params.metadata) };
    }
    this.unsentUpdates.set(id, [...(this.unsentUpdates.get(id) ?? []), previous]);
    return subscription;
  }

  private expireSession(id: string): StripeObject {
    const session = this.mustGet(this.sessions, id, 'checkout.session');
    if (session.status !== 'open') throw new StripeApiError(400, 'invalid_request_error', 'Only Checkout Sessions with a status in ["open"] can be expired.');
    session.status = 'expired';
    return session;
  }

  private listPrices(params: Record<string, unknown>): unknown {
    const keys = asArray(params.lookup_keys).map(String);
    const active = params.active === undefined ? null : params.active === 'true';
    const limit = Number(params.limit ?? 10);
    const found = [...this.prices.values()].filter(
      (price) => (keys.length === 0 || keys.includes(String(price.lookup_key))) && (active === null || price.active === active),
    );
    return { ...list(found.slice(0, limit), '/v1/prices'), has_more: found.length > limit };
  }

  private createCustomer(params: Record<string, unknown>): StripeObject {
    const customer: StripeObject = {
      id: this.id('cus'),
      object: 'customer',
      name: params.name ?? null,
      email: params.email ?? null,
      preferred_locales: asArray(params.preferred_locales),
      metadata: metadataOf(params.metadata),
      created: this.now(),
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  private createCheckoutSession(params: Record<string, unknown>): StripeObject {
    const mode = String(params.mode ?? '');
    if (!['subscription', 'payment'].includes(mode))
      throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: mode.', 'parameter_missing', 'mode');
    if (!params.success_url) throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: success_url.', 'parameter_missing', 'success_url');
    const lineItems = asArray(params.line_items) as Record<string, unknown>[];
    if (lineItems.length === 0)
      throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: line_items.', 'parameter_missing', 'line_items');
    if (params.customer && !this.customers.has(String(params.customer))) {
      throw new StripeApiError(400, 'invalid_request_error', `No such customer: '${String(params.customer)}'`, 'resource_missing', 'customer');
    }
    const id = this.id('cs_test');
    const items = lineItems.map((line, index) => this.lineItem(line, index, mode));
    const currencies = new Set(items.map((item) => item.currency));
    if (currencies.size > 1) throw new StripeApiError(400, 'invalid_request_error', 'All line items must use the same currency.', undefined, 'line_items');
    const subscriptionData = (params.subscription_data ?? {}) as Record<string, unknown>;
    if (subscriptionData.trial_end && Number(subscriptionData.trial_end) < this.now() + 2 * DAY) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'The `trial_end` date has to be at least 2 days in the future.',
        undefined,
        'subscription_data[trial_end]',
      );
    }
    const now = this.now();
    const session: StripeObject = {
      id,
      object: 'checkout.session',
      mode,
      status: 'open',
      payment_status: 'unpaid',
      url: `${this.url}/checkout/pay/${id}`,
      customer: params.customer ?? null,
      client_reference_id: params.client_reference_id ?? null,
      metadata: metadataOf(params.metadata),
      locale: params.locale ?? null,
      success_url: params.success_url,
      cancel_url: params.cancel_url ?? null,
      amount_subtotal: items.reduce((sum, item) => sum + Number(item.amount_subtotal), 0),
      amount_total: items.reduce((sum, item) => sum + Number(item.amount_total), 0),
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      currency: items[0].currency,
      currency_conversion: null,
      subscription: null,
      payment_intent: null,
      subscription_data: { ...subscriptionData, metadata: metadataOf(subscriptionData.metadata) },
      payment_intent_data: { ...((params.payment_intent_data ?? {}) as Record<string, unknown>) },
      expires_at: params.expires_at ? Number(params.expires_at) : now + DAY,
      created: now,
      livemode: false,
    };
    this.sessions.set(id, session);
    this.lineItems.set(id, items);
    return session;
  }

  private lineItem(line: Record<string, unknown>, index: number, mode: string): StripeObject {
    const quantity = Number(line.quantity ?? 1);
    let price: StripeObject;
    if (line.price) {
      const found = this.prices.get(String(line.price));
      if (!found)
        throw new StripeApiError(400, 'invalid_request_error', `No such price: '${String(line.price)}'`, 'resource_missing', `line_items[${index}][price]`);
      price = found;
    } else if (line.price_data) {
      const data = line.price_data as Record<string, unknown>;
      const amount = Number(data.unit_amount);
      if (!Number.isInteger(amount) || amount < 0) {
        throw new StripeApiError(400, 'invalid_request_error', 'Invalid integer: unit_amount.', undefined, `line_items[${index}][price_data][unit_amount]`);
      }
      const product = (data.product_data ?? {}) as Record<string, unknown>;
      price = {
        id: this.id('price'),
        object: 'price',
        active: false,
        currency: String(data.currency ?? '').toLowerCase(),
        unit_amount: amount,
        type: data.recurring ? 'recurring' : 'one_time',
        recurring: data.recurring ?? null,
        product: this.id('prod'),
        product_data: { name: product.name ?? null, description: product.description ?? null, metadata: metadataOf(product.metadata) },
        lookup_key: null,
        metadata: {},
        livemode: false,
      };
    } else {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'You must specify either `price` or `price_data` in each line_item.',
        undefined,
        `line_items[${index}]`,
      );
    }
    if (mode === 'subscription' && price.type !== 'recurring') {
      throw new StripeApiError(400, 'invalid_request_error', 'You must provide at least one recurring price in `subscription` mode.', undefined, 'line_items');
    }
    const product = price.product_data as { name?: string } | undefined;
    return {
      id: this.id('li'),
      object: 'item',
      price,
      quantity,
      currency: price.currency,
      description: product?.name ?? null,
      amount_subtotal: Number(price.unit_amount) * quantity,
      amount_total: Number(price.unit_amount) * quantity,
    };
  }

  private newPaymentIntent(session: StripeObject, status: 'succeeded' | 'processing'): StripeObject {
    const data = (session.payment_intent_data ?? {}) as Record<string, unknown>;
    const succeeded = status === 'succeeded';
    const paymentIntent: StripeObject = {
      id: this.id('pi'),
      object: 'payment_intent',
      amount: session.amount_total,
      amount_received: succeeded ? session.amount_total : 0,
      currency: session.currency,
      customer: session.customer,
      status,
      metadata: metadataOf(data.metadata),
      latest_charge: null,
      created: this.now(),
      livemode: false,
    };
    const charge: StripeObject = {
      id: this.id('ch'),
      object: 'charge',
      amount: session.amount_total,
      amount_captured: succeeded ? session.amount_total : 0,
      amount_refunded: 0,
      currency: session.currency,
      customer: session.customer,
      payment_intent: paymentIntent.id,
      metadata: metadataOf(data.metadata),
      paid: succeeded,
      refunded: false,
      status: succeeded ? 'succeeded' : 'pending',
      created: this.now(),
      livemode: false,
    };
    paymentIntent.latest_charge = charge.id;
    this.paymentIntents.set(paymentIntent.id, paymentIntent);
    this.charges.set(charge.id, charge);
    return paymentIntent;
  }

  private createRefund(params: Record<string, unknown>): StripeObject {
    let charge: StripeObject | undefined;
    if (params.charge) charge = this.charges.get(String(params.charge));
    else if (params.payment_intent) {
      const paymentIntent = this.paymentIntents.get(String(params.payment_intent));
      if (!paymentIntent)
        throw new StripeApiError(
          400,
          'invalid_request_error',
          `No such payment_intent: '${String(params.payment_intent)}'`,
          'resource_missing',
          'payment_intent',
        );
      charge = this.charges.get(String(paymentIntent.latest_charge));
    } else {
      throw new StripeApiError(400, 'invalid_request_error', 'One of the following params should be provided for this request: payment_intent or charge.');
    }
    if (!charge) throw new StripeApiError(400, 'invalid_request_error', `No such charge: '${String(params.charge)}'`, 'resource_missing', 'charge');
    const remaining = Number(charge.amount) - Number(charge.amount_refunded);
    const amount = params.amount === undefined ? remaining : Number(params.amount);
    if (!Number.isInteger(amount) || amount <= 0) throw new StripeApiError(400, 'invalid_request_error', 'Invalid positive integer', undefined, 'amount');
    if (amount > remaining) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
        'amount_too_large',
        'amount',
      );
    }
    const refund: StripeObject = {
      id: this.id('re'),
      object: 'refund',
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      reason: params.reason ?? null,
      metadata: metadataOf(params.metadata),
      status: 'succeeded',
      created: this.now(),
    };
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.refunds.set(refund.id, refund);
    return refund;
  }

  // ---- helpers -----------------------------------------------------------------

  private newInvoice(subscription: StripeObject, amount: number, status: 'paid' | 'open'): StripeObject {
    const invoice: StripeObject = {
      id: this.id('in'),
      object: 'invoice',
      customer: subscription.customer,
      status,
      currency: (this.itemOf(subscription).price as StripeObject).currency,
      amount_due: amount,
      amount_paid: status === 'paid' ? amount : 0,
      amount_remaining: status === 'paid' ? 0 : amount,
      attempt_count: 1,
      billing_reason: subscription.latest_invoice ? 'subscription_cycle' : 'subscription_create',
      hosted_invoice_url: `${this.url}/invoices/pay/${this.id('inv')}`,
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { subscription: subscription.id, metadata: { ...(subscription.metadata as Record<string, string>) } },
      },
      created: this.now(),
      livemode: false,
    };
    this.invoices.set(invoice.id, invoice);
    subscription.latest_invoice = invoice.id;
    return invoice;
  }

  private startNewPeriod(subscription: StripeObject): void {
    const item = this.itemOf(subscription);
    const start = Math.max(this.now(), Number(item.current_period_end));
    Object.assign(item, { current_period_start: start, current_period_end: start + 30 * DAY });
  }

  private itemOf(subscription: StripeObject): Record<string, unknown> {
    return (subscription.items as { data: Record<string, unknown>[] }).data[0];
  }

  private mustGet(map: Map<string, StripeObject>, id: string, what: string): StripeObject {
    const found = map.get(id);
    if (!found) throw new StripeApiError(404, 'invalid_request_error', `No such ${what}: '${id}'`, 'resource_missing', 'id');
    return found;
  }

  private now(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  private id(prefix: string): string {
    return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
  }
}

/**
 * POSTs an event to the api's webhook the way Stripe does: the exact JSON
 * bytes, signed with `stripe.webhooks.generateTestHeaderString`. `secret`
 * defaults to the test webhook secret; `timestamp` (seconds) defaults to now.
 */
export async function deliverEvent(
  apiUrl: string,
  event: Stripe.Event,
  options: { secret?: string; timestamp?: number; signature?: string | null } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = JSON.stringify(event, null, 2);
  const header =
    options.signature !== undefined
      ? options.signature
      : Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_WEBHOOK_SECRET, timestamp: options.timestamp });
  const response = await fetch(new URL('/webhooks/stripe', apiUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      ...(header ? { 'stripe-signature': header } : {}),
    },
    body: payload,
  });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, body };
}

/** Delivers several events one after the other, as Stripe would (each must be accepted). */
export async function deliverEvents(apiUrl: string, events: Stripe.Event[]): Promise<void> {
  for (const event of events) {
    const result = await deliverEvent(apiUrl, event);
    if (result.status !== 200) throw new Error(`${event.type} was refused: ${result.status} ${JSON.stringify(result.body)}`);
  }
}

function list(data: unknown[], url: string): Record<string, unknown> {
  return { object: 'list', data, has_more: false, url };
}

function errorBody(error: StripeApiError): Record<string, unknown> {
  return { error: { type: error.type, message: error.message, ...(error.code ? { code: error.code } : {}), ...(error.param ? { param: error.param } : {}) } };
}

function metadataOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, String(entry)]));
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

function headerOf(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value[0] : null;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Stripe's form encoding: `a[b][0][c]=v` becomes `{ a: { b: [{ c: 'v' }] } }`.
 * Values stay strings, as Stripe receives them.
 */
export function decodeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  if (!text) return root;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const separator = pair.indexOf('=');
    const rawKey = decodeURIComponent((separator < 0 ? pair : pair.slice(0, separator)).replace(/\+/g, ' '));
    const value = separator < 0 ? '' : decodeURIComponent(pair.slice(separator + 1).replace(/\+/g, ' '));
    const path = rawKey.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((segment, index) => {
      const last = index === path.length - 1;
      if (last) {
        node[segment] = value;
        return;
      }
      if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = /^\d+$/.test(path[index + 1]) ? [] : {};
      node = node[segment] as Record<string, unknown>;
    });
  }
  return root;
}
