/**
 * What the payment provider answers, as the domain reads it: each view holds
 * only the fields some rule of ours looks at, ids of related objects as ids,
 * times as dates. Statuses stay the provider's own words (they are recorded
 * and shown as such, e.g. a refund's `stripeStatus`).
 */

/** One of the provider's words we know, or one it added since (kept, and treated as none of ours). */
export type ProviderWord<Known extends string> = Known | (string & Record<never, never>);

export type CheckoutMode = 'payment' | 'setup' | 'subscription';

/** The language of the provider's pages, in its codes. */
export type CheckoutLocale = 'zh' | 'en';

export interface PaymentCheckoutSession {
  id: string;
  /** The page the customer pays on; null once the session is no longer open. */
  url: string | null;
  status: ProviderWord<'open' | 'complete' | 'expired'> | null;
  paymentStatus: ProviderWord<'paid' | 'unpaid' | 'no_payment_required'>;
  mode: ProviderWord<CheckoutMode>;
  /** Lower case ISO code, as the provider writes it. */
  currency: string | null;
  amountTotal: number | null;
  customerId: string | null;
  subscriptionId: string | null;
  paymentIntentId: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  expiresAt: Date;
  /** The provider answered a create with what it made the first time (the same idempotency key: a retried job). */
  replayed: boolean;
}

export interface PaymentCustomer {
  id: string;
}

export interface PaymentPrice {
  id: string;
  lookupKey: string | null;
}

export type PaymentSubscriptionStatus = ProviderWord<
  'incomplete' | 'incomplete_expired' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'paused'
>;

export interface PaymentSubscription {
  id: string;
  customerId: string | null;
  status: PaymentSubscriptionStatus;
  items: PaymentSubscriptionItem[];
  metadata: Record<string, string>;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  endedAt: Date | null;
  canceledAt: Date | null;
}

export interface PaymentSubscriptionItem {
  id: string;
  price: PaymentPrice;
  currentPeriodEnd: Date | null;
}

export interface PaymentInvoice {
  id: string;
  customerId: string | null;
  /** The subscription the invoice bills, when it is a subscription's. */
  subscriptionId: string | null;
  status: ProviderWord<'draft' | 'open' | 'paid' | 'uncollectible' | 'void'> | null;
  /** Where the customer pays it. */
  hostedInvoiceUrl: string | null;
  /** How many times payment was attempted. */
  attemptCount: number;
}

export interface PaymentCharge {
  id: string;
  paymentIntentId: string | null;
  amountRefundedMinor: number;
}

export interface PaymentRefund {
  id: string;
  /** `pending`, `requires_action`, `succeeded`, `failed` or `canceled`. */
  status: string | null;
  failureReason: string | null;
  metadata: Record<string, string>;
}

/** An id, or the expanded object carrying it, as payloads give related objects. */
type Ref = string | { id?: string | null } | null;

/**
 * An event the provider posted, as verified: its payload is stored as it
 * came (the stripe_events table) and read back in this shape. `type` is the
 * provider's event name (`checkout.session.completed`); of the object only
 * the fields that route the event to its tenant and handler are declared,
 * every handler re-reading the object itself from the provider.
 */
export interface PaymentEvent {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  data: { object: PaymentEventObject };
}

export interface PaymentEventObject {
  id: string;
  /** What it is: `checkout.session`, `subscription`, `invoice`, `charge`, `refund`. */
  object?: string;
  mode?: ProviderWord<CheckoutMode> | null;
  customer?: Ref;
  client_reference_id?: string | null;
  payment_intent?: Ref;
  metadata?: Record<string, string> | null;
}
