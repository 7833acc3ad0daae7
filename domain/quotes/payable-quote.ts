import type { RepairQuote } from '../../schema/entities';
import { QuoteState } from '../../core/paid-service-enums';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';
import type { Money } from '../../core/money';
import { findQuote, storeToday } from './quote-access';
import { refuseIfExpired } from './quote-expiry';
import { quoteTotal } from './quote-lines';

/**
 * A quote the customer can pay for now, with the amount to charge: what an
 * order for a quote is built from. The customer has it in hand (SENT, within
 * its last valid day) or has accepted it; the amount is the server's total.
 */
export interface PayableQuote {
  quote: RepairQuote;
  ticketId: string;
  total: Money;
}

/**
 * Errors on `quoteId`: NOT_FOUND for an unknown quote or another store's,
 * QUOTE_EXPIRED (recorded as it is found), QUOTE_NOT_PAYABLE for a draft,
 * a declined or a withdrawn quote.
 */
export async function payableQuote(ctx: TenantContext, quoteId: string): Promise<PayableQuote> {
  const quote = await findQuote(ctx, quoteId);
  await refuseIfExpired(ctx, quote, await storeToday(ctx));
  if (quote.state !== QuoteState.SENT && quote.state !== QuoteState.ACCEPTED) {
    throw new UserInputError('QUOTE_NOT_PAYABLE', `The quote is ${quote.state}; only a sent or accepted quote can be paid`, ['quoteId']);
  }
  return { quote, ticketId: quote.ticketId, total: quoteTotal(quote) };
}
