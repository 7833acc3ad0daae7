import type { RepairQuote } from '../../schema/entities';
import { QuoteState } from '../../core/paid-service-enums';
import { UserInputError } from '../errors';

/**
 * The life of a quote. DRAFT is edited, then SENT to the customer; a sent
 * quote is ACCEPTED or DECLINED by the customer, or EXPIRED once its last
 * valid day is over; the store may WITHDRAW a draft or a sent quote (to revise
 * it, or because it was a mistake). Nothing leaves the last four.
 *
 * Expiry follows the calendar, not a job: a sent quote whose last valid day
 * (inclusive, in the store's calendar) is over reads EXPIRED at once, and the
 * state is written the next time anyone acts on the quote or its ticket's quotes.
 */
const MOVES: Record<QuoteState, readonly QuoteState[]> = {
  [QuoteState.DRAFT]: [QuoteState.SENT, QuoteState.WITHDRAWN],
  [QuoteState.SENT]: [QuoteState.ACCEPTED, QuoteState.DECLINED, QuoteState.EXPIRED, QuoteState.WITHDRAWN],
  [QuoteState.ACCEPTED]: [],
  [QuoteState.DECLINED]: [],
  [QuoteState.EXPIRED]: [],
  [QuoteState.WITHDRAWN]: [],
};

/** The state as of `today` (YYYY-MM-DD where the store is). */
export function effectiveState(quote: Pick<RepairQuote, 'state' | 'validUntil'>, today: string): QuoteState {
  return quote.state === QuoteState.SENT && quote.validUntil < today ? QuoteState.EXPIRED : quote.state;
}

export function isExpiryDue(quote: Pick<RepairQuote, 'state' | 'validUntil'>, today: string): boolean {
  return quote.state === QuoteState.SENT && effectiveState(quote, today) === QuoteState.EXPIRED;
}

export function requireMove(quote: Pick<RepairQuote, 'state'>, to: QuoteState): void {
  if (!MOVES[quote.state].includes(to)) {
    throw new UserInputError('INVALID_QUOTE_STATE', `The quote is ${quote.state}; it cannot become ${to}`, ['quoteId']);
  }
}

/** Lines, validity and note change only while drafting: what the customer was sent stays as sent. */
export function requireDraft(quote: Pick<RepairQuote, 'state'>): void {
  if (quote.state !== QuoteState.DRAFT) {
    throw new UserInputError('QUOTE_NOT_DRAFT', `The quote is ${quote.state}; only a draft can be changed (withdraw it and draft a new one)`, ['quoteId']);
  }
}
