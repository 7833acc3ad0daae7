import Stripe from 'stripe';
import type { CheckoutLineItem, CheckoutSessionParams, ConnectPaymentGateway, PaymentGateway } from '../../domain/ports/payment-gateway';
import { PaymentEventUnverified, PaymentGatewayError, PaymentGatewayRefusal, PaymentObjectMissing } from '../../domain/ports/payment-gateway-errors';
import type {
  PaymentCharge,
  PaymentCheckoutSession,
  PaymentEvent,
  PaymentInvoice,
  PaymentPrice,
  PaymentRefund,
  PaymentSubscription,
} from '../../domain/ports/payment-objects';
import { createStripeClient } from './stripe-client';

/** The payment gateway on Stripe: the SDK client of stripe-client.ts, spoken to in the port's words. */
export const connectStripeGateway: ConnectPaymentGateway = (options) => stripePaymentGateway(createStripeClient(options));

/**
 * Each method is one SDK call, with the caller's idempotency key on every
 * call that creates or changes something; Stripe's answers become the port's
 * views and Stripe's errors the port's (payment-gateway-errors.ts).
 */
export function stripePaymentGateway(stripe: Stripe): PaymentGateway {
  return {
    createCheckoutSession: (params, idempotencyKey) =>
      call(async () => sessionView(await stripe.checkout.sessions.create(checkoutParams(params), { idempotencyKey }))),
    retrieveCheckoutSession: (id) => call(async () => sessionView(await stripe.checkout.sessions.retrieve(id))),
    expireCheckoutSession: (id, idempotencyKey) => call(async () => sessionView(await stripe.checkout.sessions.expire(id, {}, { idempotencyKey }))),
    createCustomer: (params, idempotencyKey) =>
      call(async () => {
        const customer = await stripe.customers.create(
          { name: params.name, preferred_locales: params.preferredLocales, metadata: params.metadata },
          { idempotencyKey },
        );
        return { id: customer.id };
      }),
    findPriceByLookupKey: (lookupKey) =>
      call(async () => {
        const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
        return prices.data[0] ? priceView(prices.data[0]) : null;
      }),
    retrieveSubscription: (id) => call(async () => subscriptionView(await stripe.subscriptions.retrieve(id))),
    changeSubscriptionPlan: (id, change, idempotencyKey) =>
      call(async () =>
        subscriptionView(
          await stripe.subscriptions.update(
            id,
            {
              items: [{ id: change.itemId, price: change.priceId }],
              proration_behavior: change.prorate ? 'create_prorations' : 'none',
              metadata: change.metadata,
            },
            { idempotencyKey },
          ),
        ),
      ),
    retrieveInvoice: (id) => call(async () => invoiceView(await stripe.invoices.retrieve(id), id)),
    retrieveCharge: (id) => call(async () => chargeView(await stripe.charges.retrieve(id))),
    createRefund: (params, idempotencyKey) =>
      call(async () =>
        refundView(
          await stripe.refunds.create(
            { payment_intent: params.paymentIntentId, amount: params.amountMinor, reason: params.reason, metadata: params.metadata },
            { idempotencyKey },
          ),
        ),
      ),
    retrieveRefund: (id) => call(async () => refundView(await stripe.refunds.retrieve(id))),
    verifyEvent: (rawBody, signature, secret) => {
      try {
        // The event is kept as Stripe sent it (the stripe_events table stores the payload whole); the port declares what is read of it.
        return stripe.webhooks.constructEvent(rawBody, signature, secret) as unknown as PaymentEvent;
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new PaymentEventUnverified(error.message);
        throw error;
      }
    },
  };
}

/** Stripe's request, field for field as the callers wrote it before the port existed: a replayed key must meet the same body. */
function checkoutParams(params: CheckoutSessionParams): Stripe.Checkout.SessionCreateParams {
  const trialEnd = params.subscription?.trialEnd;
  return {
    mode: params.mode,
    ...(params.customerId ? { customer: params.customerId } : {}),
    client_reference_id: params.clientReferenceId,
    line_items: params.lineItems.map(lineItem),
    locale: params.locale,
    success_url: params.successUrl,
    cancel_url: params.cancelUrl,
    metadata: params.metadata,
    ...(params.payment ? { payment_intent_data: { metadata: params.payment.metadata, description: params.payment.description } } : {}),
    ...(params.subscription
      ? {
          subscription_data: {
            metadata: params.subscription.metadata,
            description: params.subscription.description,
            ...(trialEnd ? { trial_end: Math.floor(trialEnd.getTime() / 1000) } : {}),
          },
        }
      : {}),
  };
}

function lineItem(line: CheckoutLineItem): Stripe.Checkout.SessionCreateParams.LineItem {
  if ('priceId' in line) return { price: line.priceId, quantity: line.quantity };
  return {
    quantity: line.quantity,
    price_data: {
      currency: line.currency,
      unit_amount: line.unitAmountMinor,
      product_data: { name: line.productName, metadata: line.productMetadata },
    },
  };
}

function sessionView(session: Stripe.Response<Stripe.Checkout.Session> | Stripe.Checkout.Session): PaymentCheckoutSession {
  return {
    id: session.id,
    url: session.url ?? null,
    status: session.status,
    paymentStatus: session.payment_status,
    mode: session.mode,
    currency: session.currency ?? null,
    amountTotal: session.amount_total ?? null,
    customerId: idOf(session.customer),
    subscriptionId: idOf(session.subscription),
    paymentIntentId: idOf(session.payment_intent),
    clientReferenceId: session.client_reference_id ?? null,
    metadata: session.metadata ?? {},
    expiresAt: new Date(session.expires_at * 1000),
    replayed: 'lastResponse' in session && session.lastResponse?.headers?.['idempotent-replayed'] === 'true',
  };
}

function priceView(price: Stripe.Price): PaymentPrice {
  return { id: price.id, lookupKey: price.lookup_key ?? null };
}

function subscriptionView(subscription: Stripe.Subscription): PaymentSubscription {
  return {
    id: subscription.id,
    customerId: idOf(subscription.customer),
    status: subscription.status,
    items: subscription.items.data.map((item) => ({ id: item.id, price: priceView(item.price), currentPeriodEnd: fromUnix(item.current_period_end) })),
    metadata: subscription.metadata ?? {},
    trialEnd: fromUnix(subscription.trial_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    endedAt: fromUnix(subscription.ended_at),
    canceledAt: fromUnix(subscription.canceled_at),
  };
}

function invoiceView(invoice: Stripe.Invoice, requestedId: string): PaymentInvoice {
  return {
    id: invoice.id ?? requestedId,
    customerId: idOf(invoice.customer),
    subscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
    status: invoice.status,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    attemptCount: invoice.attempt_count,
  };
}

function chargeView(charge: Stripe.Charge): PaymentCharge {
  return { id: charge.id, paymentIntentId: idOf(charge.payment_intent), amountRefundedMinor: charge.amount_refunded };
}

function refundView(refund: Stripe.Refund): PaymentRefund {
  return { id: refund.id, status: refund.status ?? null, failureReason: refund.failure_reason ?? null, metadata: refund.metadata ?? {} };
}

/** Stripe gives a related object as its id or, expanded, as the object. */
function idOf(ref: string | { id?: string | null } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === 'string' ? ref : (ref.id ?? null);
}

function fromUnix(seconds: number | null | undefined): Date | null {
  return seconds == null ? null : new Date(seconds * 1000);
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw gatewayError(error);
  }
}

/**
 * Stripe's errors as the port's: an invalid request is a refusal (a missing
 * object when Stripe says so), every other Stripe error (its servers, the
 * network, authentication, rate limits, an idempotency conflict) a failure
 * worth retrying. Anything else is not Stripe's and goes through as it is.
 */
function gatewayError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const details = { provider: 'Stripe', type: error.type, statusCode: error.statusCode ?? null, code: error.code ?? null };
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    const missing = error.statusCode === 404 || error.code === 'resource_missing';
    return missing ? new PaymentObjectMissing(error.message, details, error) : new PaymentGatewayRefusal(error.message, details, error);
  }
  return new PaymentGatewayError(error.message, details, error);
}
