import { RepairQuote } from '../../schema/entities';
import { QuoteState } from '../../core/paid-service-enums';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { appendTimeline } from '../ticket-records/timeline';
import { describeTotal } from './quote-lines';
import { isExpiryDue } from './quote-state';

/**
 * Writes down the expiry of sent quotes whose last valid day is over. It runs
 * in a savepoint of its own, so the expiry is kept even when the action that
 * found it is then refused (accepting an expired quote).
 */
export async function recordDueExpiries(ctx: TenantContext, quotes: RepairQuote[], today: string): Promise<RepairQuote[]> {
  const due = quotes.filter((quote) => isExpiryDue(quote, today));
  if (due.length === 0) return [];
  return atomically(ctx, async () => {
    const now = ctx.clock.now();
    for (const quote of due) {
      quote.state = QuoteState.EXPIRED;
      quote.decidedAt = now;
      quote.updatedAt = now;
      appendTimeline(ctx, quote.ticketId, {
        kind: 'QUOTE_EXPIRED',
        summary: `Repair quote of ${describeTotal(quote)} expired: its last valid day was ${quote.validUntil}`,
        data: { quoteId: quote.id, totalMinor: quote.totalMinor, currency: quote.currency, validUntil: quote.validUntil },
      });
    }
    return due;
  });
}

/** Refuses to act on a sent quote past its last valid day, after recording that it expired. */
export async function refuseIfExpired(ctx: TenantContext, quote: RepairQuote, today: string): Promise<void> {
  if ((await recordDueExpiries(ctx, [quote], today)).length > 0) {
    throw new UserInputError('QUOTE_EXPIRED', `The quote was valid until ${quote.validUntil}; draft a new one`, ['quoteId']);
  }
}

/** The ticket's sent quotes that are past their day become EXPIRED, so a new quote may be drafted. */
export async function expireDueQuotesOfTicket(ctx: TenantContext, ticketId: string, today: string): Promise<void> {
  const sent = await ctx.em.find(RepairQuote, { tenantId: ctx.tenantId, ticketId, state: QuoteState.SENT });
  await recordDueExpiries(ctx, sent, today);
}
