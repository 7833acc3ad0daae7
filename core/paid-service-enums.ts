import { describeEnum } from './describe-enum';

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

describeEnum(OfferStatus, 'OfferStatus', "Where a store stands with a service of its HQ's catalogue; only AVAILABLE can be sold.", {
  AVAILABLE: "Offered, at a price inside HQ's range.",
  UNPRICED: 'The store has not priced the service, so it does not offer it.',
  NOT_OFFERED: 'The store has chosen not to offer the service (it may keep a price for later).',
  OUT_OF_RANGE: "HQ changed the range and the store's price is now outside it: not sold until the store sets a price inside.",
  SERVICE_INACTIVE: 'HQ has withdrawn the service from the catalogue.',
});
describeEnum(QuoteState, 'QuoteState', 'Where a repair quote is in its life.', {
  DRAFT: 'Being prepared; lines and validity may change. The customer does not see it yet.',
  SENT: 'Given to the customer, who may accept it until its last valid day.',
  ACCEPTED: 'The customer accepted it.',
  DECLINED: 'The customer declined it.',
  EXPIRED: 'Its last valid day passed without an answer.',
  WITHDRAWN: 'The store withdrew it (e.g. to revise it).',
});
describeEnum(QuoteLineKind, 'QuoteLineKind', 'What a quote line charges for.', {
  PARTS: 'Parts to be fitted.',
  LABOUR: 'Work time.',
});
