import { TimelineVisibility } from '../../core/desk-enums';
import type { RepairQuote } from '../../schema/entities';
import { QuoteState } from '../../core/paid-service-enums';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { optionalText, requiredText } from '../input/text';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { findTicket } from '../ticket-records/ticket-access';
import { appendTimeline, TimelineEntry } from '../ticket-records/timeline';
import { formatMoney, money } from '../../core/money';
import { notifyCustomer } from '../notifications/ticket-notices';
import { TemplateKey } from '../../core/template-keys';
import { quoteForChange, storeToday } from './quote-access';
import { refuseIfExpired } from './quote-expiry';
import { describeTotal } from './quote-lines';
import { requireMove } from './quote-state';
import type { DeclineQuoteInput, QuoteStepInput, WithdrawQuoteInput } from '../../schema/graphql/quote.types';

export async function sendQuote(ctx: TenantContext, input: QuoteStepInput): Promise<RepairQuote> {
  return step(ctx, input, QuoteState.SENT, async (quote, today) => {
    if (quote.totalMinor <= 0) {
      throw new UserInputError('QUOTE_EMPTY', 'A quote needs at least one line with a price before it is sent', ['lines']);
    }
    if (quote.validUntil < today) {
      throw new UserInputError('VALID_UNTIL_PAST', `The quote was valid until ${quote.validUntil}; set a new last valid day first`, ['validUntil']);
    }
    quote.sentAt = ctx.clock.now();
    // The customer gets the quote itself, with the change that sends it.
    const m = (amountMinor: number) => formatMoney(money(amountMinor, quote.currency));
    await notifyCustomer(ctx, await findTicket(ctx, quote.ticketId), {
      template: TemplateKey.QUOTE_SENT,
      key: `quote-sent:${quote.id}:${quote.version}`,
      params: {
        quoteTotal: m(quote.totalMinor),
        partsTotal: m(quote.partsTotalMinor),
        labourTotal: m(quote.labourTotalMinor),
        validUntil: quote.validUntil,
        note: quote.note ?? '',
      },
    });
    return {
      kind: 'QUOTE_SENT',
      visibility: TimelineVisibility.CUSTOMER,
      summary: `Repair quote: ${describeTotal(quote)}, valid until ${quote.validUntil}${quote.note ? `. ${quote.note}` : ''}`,
    };
  });
}

export async function acceptQuote(ctx: TenantContext, input: QuoteStepInput): Promise<RepairQuote> {
  return step(ctx, input, QuoteState.ACCEPTED, async (quote) => ({
    kind: 'QUOTE_ACCEPTED',
    visibility: TimelineVisibility.CUSTOMER,
    summary: `Repair quote of ${describeTotal(quote)} accepted`,
  }));
}

export async function declineQuote(ctx: TenantContext, input: DeclineQuoteInput): Promise<RepairQuote> {
  const reason = optionalText(input.reason, 'reason', 1000);
  return step(ctx, input, QuoteState.DECLINED, async (quote) => {
    quote.reason = reason;
    return {
      kind: 'QUOTE_DECLINED',
      visibility: TimelineVisibility.CUSTOMER,
      summary: `Repair quote of ${describeTotal(quote)} declined${reason ? `: ${reason}` : ''}`,
    };
  });
}

export async function withdrawQuote(ctx: TenantContext, input: WithdrawQuoteInput): Promise<RepairQuote> {
  const reason = requiredText(input.reason, 'reason', 1000);
  return step(ctx, input, QuoteState.WITHDRAWN, async (quote) => {
    const wasSent = quote.state === QuoteState.SENT;
    quote.reason = reason;
    return {
      kind: 'QUOTE_WITHDRAWN',
      // A draft the customer never saw is withdrawn quietly; a sent one is taken back in front of them.
      visibility: wasSent ? TimelineVisibility.CUSTOMER : TimelineVisibility.INTERNAL,
      summary: `Repair quote of ${describeTotal(quote)} withdrawn: ${reason}`,
    };
  });
}

/**
 * One move of a quote: checks the version, the ticket, the calendar and the
 * move, lets `apply` change the quote and say what the timeline records, and
 * saves both together.
 */
async function step(
  ctx: TenantContext,
  input: QuoteStepInput,
  to: QuoteState,
  apply: (quote: RepairQuote, today: string) => Promise<Omit<TimelineEntry, 'data'>>,
): Promise<RepairQuote> {
  const quote = await quoteForChange(ctx, input.quoteId, input.expectedVersion);
  const today = await storeToday(ctx);
  await refuseIfExpired(ctx, quote, today);
  requireMove(quote, to);
  requireOpenTicket(await findTicket(ctx, quote.ticketId));
  await atomically(ctx, async () => {
    const entry = await apply(quote, today);
    const now = ctx.clock.now();
    if (to !== QuoteState.SENT) quote.decidedAt = now;
    quote.state = to;
    quote.updatedAt = now;
    appendTimeline(ctx, quote.ticketId, {
      ...entry,
      data: {
        quoteId: quote.id,
        state: to,
        totalMinor: quote.totalMinor,
        currency: quote.currency,
        validUntil: quote.validUntil,
        reason: quote.reason ?? null,
      },
    });
  });
  return quote;
}
