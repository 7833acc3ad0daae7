import { registerEnumType } from 'type-graphql';

/**
 * Where a store stands with one service of its HQ's catalogue. Only
 * AVAILABLE can be sold; every other value says what stops it.
 */
export enum OfferStatus {
  AVAILABLE = 'AVAILABLE',
  UNPRICED = 'UNPRICED',
  NOT_OFFERED = 'NOT_OFFERED',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  SERVICE_INACTIVE = 'SERVICE_INACTIVE',
}

/** The life of a repair quote: drafted, sent to the customer, then answered, expired or withdrawn. */
export enum QuoteState {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  WITHDRAWN = 'WITHDRAWN',
}

/** What a quote line charges for. */
export enum QuoteLineKind {
  PARTS = 'PARTS',
  LABOUR = 'LABOUR',
}

registerEnumType(OfferStatus, {
  name: 'OfferStatus',
  description: "Where a store stands with a service of its HQ's catalogue; only AVAILABLE can be sold.",
  valuesConfig: {
    AVAILABLE: { description: "Offered, at a price inside HQ's range." },
    UNPRICED: { description: 'The store has not priced the service, so it does not offer it.' },
    NOT_OFFERED: { description: 'The store has chosen not to offer the service (it may keep a price for later).' },
    OUT_OF_RANGE: { description: "HQ changed the range and the store's price is now outside it: not sold until the store sets a price inside." },
    SERVICE_INACTIVE: { description: 'HQ has withdrawn the service from the catalogue.' },
  },
});
registerEnumType(QuoteState, {
  name: 'QuoteState',
  description: 'Where a repair quote is in its life.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; lines and validity may change. The customer does not see it yet.' },
    SENT: { description: 'Given to the customer, who may accept it until its last valid day.' },
    ACCEPTED: { description: 'The customer accepted it.' },
    DECLINED: { description: 'The customer declined it.' },
    EXPIRED: { description: 'Its last valid day passed without an answer.' },
    WITHDRAWN: { description: 'The store withdrew it (e.g. to revise it).' },
  },
});
registerEnumType(QuoteLineKind, {
  name: 'QuoteLineKind',
  description: 'What a quote line charges for.',
  valuesConfig: {
    PARTS: { description: 'Parts to be fitted.' },
    LABOUR: { description: 'Work time.' },
  },
});
