import { registerEnumType } from 'type-graphql';

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

registerEnumType(ServiceOrderState, {
  name: 'ServiceOrderState',
  description: 'Where an order of paid services is in its life.',
  valuesConfig: {
    DRAFT: { description: 'Drafted at the desk; nothing has been sent to the customer.' },
    AWAITING_PAYMENT: { description: 'The payment link is being created or has been sent; the customer has not paid yet.' },
    PAID: { description: 'The customer paid; the service has not started yet (the ticket had nobody to do it).' },
    IN_SERVICE: { description: 'Paid, and the service is being done.' },
    DONE: { description: 'The service was delivered.' },
    CANCELLED: { description: 'The store cancelled it before it was paid.' },
    EXPIRED: { description: 'The payment link lapsed unpaid; draft a new order to send a new link.' },
    REFUNDED: { description: 'The whole payment was refunded.' },
  },
});
registerEnumType(ServiceOrderKind, {
  name: 'ServiceOrderKind',
  description: 'What an order sells.',
  valuesConfig: {
    SERVICES: { description: "Paid services of HQ's catalogue, each at the store's price when the order was drafted." },
    QUOTE: { description: 'A repair quote, for its total.' },
  },
});
registerEnumType(ServiceOrderLineKind, {
  name: 'ServiceOrderLineKind',
  description: 'What a line of an order is.',
  valuesConfig: {
    SERVICE: { description: "A paid service of HQ's catalogue." },
    QUOTE: { description: 'A repair quote, for its total.' },
  },
});
registerEnumType(RefundState, {
  name: 'RefundState',
  description: 'Where a refund stands at Stripe.',
  valuesConfig: {
    PENDING: { description: 'Being asked of Stripe, or Stripe is still processing it.' },
    SUCCEEDED: { description: 'The money is on its way back to the customer.' },
    FAILED: { description: 'Stripe could not refund it; the amount may be refunded again.' },
  },
});
