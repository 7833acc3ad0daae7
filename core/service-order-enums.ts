import { describeEnum } from './describe-enum';

/**
 * The life of an order of paid services on a ticket:
 * DRAFT → AWAITING_PAYMENT → PAID → IN_SERVICE → DONE, or CANCELLED (by the
 * store, before payment), EXPIRED (the payment link lapsed unpaid), REFUNDED
 * (the whole payment went back; partial refunds leave the state as it is).
 */
export enum ServiceOrderState {
  DRAFT = 'DRAFT',
  AWAITING_PAYMENT = 'AWAITING_PAYMENT',
  PAID = 'PAID',
  IN_SERVICE = 'IN_SERVICE',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
  REFUNDED = 'REFUNDED',
}

/** What an order sells. */
export enum ServiceOrderKind {
  /** One or more paid services of HQ's catalogue, at the store's prices. */
  SERVICES = 'SERVICES',
  /** One repair quote, for its total. */
  QUOTE = 'QUOTE',
}

/** What one line of an order is. */
export enum ServiceOrderLineKind {
  SERVICE = 'SERVICE',
  QUOTE = 'QUOTE',
}

/** Where a refund stands at Stripe. */
export enum RefundState {
  /** Recorded; being asked of Stripe, or Stripe is still processing it. */
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

describeEnum(ServiceOrderState, 'ServiceOrderState', 'Where an order of paid services is in its life.', {
  DRAFT: 'Drafted at the desk; nothing has been sent to the customer.',
  AWAITING_PAYMENT: 'The payment link is being created or has been sent; the customer has not paid yet.',
  PAID: 'The customer paid; the service has not started yet (the ticket had nobody to do it).',
  IN_SERVICE: 'Paid, and the service is being done.',
  DONE: 'The service was delivered.',
  CANCELLED: 'The store cancelled it before it was paid.',
  EXPIRED: 'The payment link lapsed unpaid; draft a new order to send a new link.',
  REFUNDED: 'The whole payment was refunded.',
});
describeEnum(ServiceOrderKind, 'ServiceOrderKind', 'What an order sells.', {
  SERVICES: "Paid services of HQ's catalogue, each at the store's price when the order was drafted.",
  QUOTE: 'A repair quote, for its total.',
});
describeEnum(ServiceOrderLineKind, 'ServiceOrderLineKind', 'What a line of an order is.', {
  SERVICE: "A paid service of HQ's catalogue.",
  QUOTE: 'A repair quote, for its total.',
});
describeEnum(RefundState, 'RefundState', 'Where a refund stands at Stripe.', {
  PENDING: 'Being asked of Stripe, or Stripe is still processing it.',
  SUCCEEDED: 'The money is on its way back to the customer.',
  FAILED: 'Stripe could not refund it; the amount may be refunded again.',
});
