import type {
  CheckoutLocale,
  CheckoutMode,
  PaymentCharge,
  PaymentCheckoutSession,
  PaymentCustomer,
  PaymentEvent,
  PaymentInvoice,
  PaymentPrice,
  PaymentRefund,
  PaymentSubscription,
} from './payment-objects';

/**
 * Everything the domain asks of the payment provider (Stripe), in the
 * domain's own words: Checkout sessions (create, read, expire), customers,
 * prices by lookup key, subscriptions (read, change plan), invoices, charges
 * and refunds (create, read), and the verification of the events it posts to
 * us. Answers are the small views of payment-objects.ts, holding only what
 * the domain reads; failures are the errors of payment-gateway-errors.ts.
 * Every call that creates or changes something carries the caller's
 * idempotency key, derived from our own records, so a retried job repeats
 * the same request and the provider answers it once. infra/stripe
 * implements it with the Stripe SDK (API version, retries, timeout, host).
 */
export interface PaymentGateway {
  createCheckoutSession(params: CheckoutSessionParams, idempotencyKey: string): Promise<PaymentCheckoutSession>;
  /** Throws PaymentObjectMissing when the provider has no such session. */
  retrieveCheckoutSession(id: string): Promise<PaymentCheckoutSession>;
  /** Refused (PaymentGatewayRefusal) once the session is no longer open. */
  expireCheckoutSession(id: string, idempotencyKey: string): Promise<PaymentCheckoutSession>;
  createCustomer(params: CustomerParams, idempotencyKey: string): Promise<PaymentCustomer>;
  /** The active price carrying the lookup key, or null. */
  findPriceByLookupKey(lookupKey: string): Promise<PaymentPrice | null>;
  retrieveSubscription(id: string): Promise<PaymentSubscription>;
  /** Puts the subscription's item on another price. */
  changeSubscriptionPlan(id: string, change: SubscriptionPlanChange, idempotencyKey: string): Promise<PaymentSubscription>;
  retrieveInvoice(id: string): Promise<PaymentInvoice>;
  retrieveCharge(id: string): Promise<PaymentCharge>;
  createRefund(params: RefundParams, idempotencyKey: string): Promise<PaymentRefund>;
  retrieveRefund(id: string): Promise<PaymentRefund>;
  /**
   * The event the provider posted, once its signature over the exact bytes
   * received checks out with the endpoint's secret and is fresh; throws
   * PaymentEventUnverified otherwise.
   */
  verifyEvent(rawBody: Buffer | string, signature: string, secret: string): PaymentEvent;
}

/** Metadata: our own record ids, never anything personal (at most 50 keys of 500 characters at Stripe). */
export type PaymentMetadata = Record<string, string>;

/** A line of a Checkout Session: a price the provider knows, or an amount priced here. */
export type CheckoutLineItem =
  | { quantity: number; priceId: string }
  | {
      quantity: number;
      /** Lower case ISO code, as the provider writes it. */
      currency: string;
      unitAmountMinor: number;
      productName: string;
      productMetadata: PaymentMetadata;
    };

export interface CheckoutSessionParams {
  mode: CheckoutMode;
  /** The provider's customer to bill (subscriptions); absent: Checkout asks for the customer's details. */
  customerId?: string;
  /** Our record the session is for, given back on the session and its events. */
  clientReferenceId: string;
  lineItems: CheckoutLineItem[];
  locale: CheckoutLocale;
  /** `{CHECKOUT_SESSION_ID}` in it is replaced by the session's id. */
  successUrl: string;
  cancelUrl: string;
  metadata: PaymentMetadata;
  /** Payment mode: what the payment (and its charge) carry. */
  payment?: { metadata: PaymentMetadata; description: string };
  /** Subscription mode: what the subscription carries, and when its trial ends (none: no trial). */
  subscription?: { metadata: PaymentMetadata; description: string; trialEnd?: Date | null };
}

export interface CustomerParams {
  name: string;
  preferredLocales: CheckoutLocale[];
  metadata: PaymentMetadata;
}

export interface SubscriptionPlanChange {
  /** The subscription item whose price changes. */
  itemId: string;
  priceId: string;
  /** Charge or credit the difference on the next invoice. */
  prorate: boolean;
  metadata: PaymentMetadata;
}

export interface RefundParams {
  paymentIntentId: string;
  amountMinor: number;
  reason: 'requested_by_customer' | 'duplicate' | 'fraudulent';
  metadata: PaymentMetadata;
}

export interface PaymentGatewayOptions {
  /** `sk_test_...` or `sk_live_...` (or a restricted key). */
  secretKey: string;
  /**
   * Another Stripe-compatible server (scheme, host and port), e.g. the local
   * one the tests run; absent: Stripe's API. Only the host differs: the SDK,
   * its wire format and every code path stay the same.
   */
  apiBaseUrl?: string | null;
  timeoutMs?: number;
}

/** Opens the gateway; handed to the domain by the process that runs it. */
export type ConnectPaymentGateway = (options: PaymentGatewayOptions) => PaymentGateway;
