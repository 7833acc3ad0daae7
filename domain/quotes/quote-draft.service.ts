import type { CreateQuoteInput, UpdateQuoteInput } from '../../schema/graphql/quote.types';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import { RepairQuote, RepairQuoteLine } from '../../schema/entities';
import { QuoteState } from '../../core/paid-service-enums';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { Currency } from '../../core/money';
import { requireCurrency } from '../input/money';
import { calendarDate } from '../input/calendar-date';
import { optionalText } from '../input/text';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { findTicket } from '../ticket-records/ticket-access';
import { appendTimeline } from '../ticket-records/timeline';
import { quoteForChange, storeToday } from './quote-access';
import { expireDueQuotesOfTicket } from './quote-expiry';
import { describeTotal, priceLines, PricedLines } from './quote-lines';
import { requireDraft } from './quote-state';

/**
 * Drafting a repair quote: its lines, last valid day and note change freely
 * until it is sent. A ticket has one quote in the works at a time (drafted or
 * waiting for the customer): the customer decides on one price, and a revised
 * price is a new quote after the old one is withdrawn or answered.
 */
/** How far ahead a quote may run: prices of parts do not hold for longer. */
export const MAX_VALIDITY_DAYS = 90;

export async function createQuote(ctx: TenantContext, input: CreateQuoteInput): Promise<RepairQuote> {
  const currency = input.currency == null ? Currency.CNY : requireCurrency(input.currency, ['currency']);
  const priced = priceLines(input.lines, currency);
  const note = optionalText(input.note, 'note', 2000);
  const ticket = await findTicket(ctx, input.ticketId);
  requireOpenTicket(ticket);
  const today = await storeToday(ctx);
  const validUntil = checkedValidUntil(input.validUntil, today);
  // A quote sent earlier whose day is over no longer blocks a new one.
  await expireDueQuotesOfTicket(ctx, ticket.id, today);
  const now = ctx.clock.now();
  try {
    return await atomically(ctx, async () => {
      const quote = ctx.em.create(RepairQuote, {
        tenantId: ctx.tenantId,
        ticketId: ticket.id,
        state: QuoteState.DRAFT,
        currency,
        partsTotalMinor: priced.partsTotalMinor,
        labourTotalMinor: priced.labourTotalMinor,
        totalMinor: priced.totalMinor,
        validUntil,
        note,
        createdBy: ctx.principal.id,
        createdAt: now,
        updatedAt: now,
      });
      // No ORM relation ties the lines to their quote: the quote row must exist first.
      await ctx.em.flush();
      createLines(ctx, quote, priced);
      appendTimeline(ctx, ticket.id, {
        kind: 'QUOTE_DRAFTED',
        summary: `Repair quote drafted: ${describeTotal(quote)}, valid until ${validUntil}`,
        data: { quoteId: quote.id, totalMinor: quote.totalMinor, currency, validUntil },
      });
      return quote;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new UserInputError(
        'QUOTE_ALREADY_OPEN',
        `Ticket ${ticket.number} already has a quote being drafted or waiting for the customer; change or withdraw that one`,
        ['ticketId'],
      );
    }
    throw error;
  }
}

export async function updateQuote(ctx: TenantContext, input: UpdateQuoteInput): Promise<RepairQuote> {
  const quote = await quoteForChange(ctx, input.quoteId, input.expectedVersion);
  requireDraft(quote);
  const ticket = await findTicket(ctx, quote.ticketId);
  requireOpenTicket(ticket);
  const priced = input.lines ? priceLines(input.lines, quote.currency) : null;
  const validUntil = input.validUntil != null ? checkedValidUntil(input.validUntil, await storeToday(ctx)) : quote.validUntil;
  const note = input.note != null ? optionalText(input.note, 'note', 2000) : quote.note;
  await atomically(ctx, async () => {
    if (priced) {
      // The old lines go first: positions are unique within a quote.
      await ctx.em.nativeDelete(RepairQuoteLine, { tenantId: ctx.tenantId, quoteId: quote.id });
      setTotals(quote, priced);
      createLines(ctx, quote, priced);
    }
    Object.assign(quote, { validUntil, note, updatedAt: ctx.clock.now() });
    appendTimeline(ctx, ticket.id, {
      kind: 'QUOTE_REVISED',
      summary: `Repair quote draft changed: ${describeTotal(quote)}, valid until ${validUntil}`,
      data: { quoteId: quote.id, totalMinor: quote.totalMinor, currency: quote.currency, validUntil },
    });
  });
  return quote;
}

function setTotals(quote: RepairQuote, priced: PricedLines): void {
  quote.partsTotalMinor = priced.partsTotalMinor;
  quote.labourTotalMinor = priced.labourTotalMinor;
  quote.totalMinor = priced.totalMinor;
}

function createLines(ctx: TenantContext, quote: RepairQuote, priced: PricedLines): void {
  for (const line of priced.lines) {
    ctx.em.create(RepairQuoteLine, { tenantId: ctx.tenantId, quoteId: quote.id, currency: quote.currency, ...line });
  }
}

/** A last valid day from today up to MAX_VALIDITY_DAYS ahead, in the store's calendar. */
export function checkedValidUntil(value: string, today: string): string {
  const day = calendarDate(value, 'validUntil');
  if (day < today) throw new UserInputError('VALID_UNTIL_PAST', `validUntil cannot be before today (${today})`, ['validUntil']);
  const latest = DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: MAX_VALIDITY_DAYS }).toISODate()!;
  if (day > latest) throw new UserInputError('VALID_UNTIL_TOO_FAR', `A quote is valid for at most ${MAX_VALIDITY_DAYS} days (until ${latest})`, ['validUntil']);
  return day;
}
