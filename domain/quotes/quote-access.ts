import { RepairQuote, RepairQuoteLine } from '../../schema/entities';
import type { TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { storeTimeZone } from '../store-time';
import { todayIn } from '../../core/local-time';

/** Reading quotes: each store its own (RLS), looked up by id, by ticket, or their lines. */
export async function findQuote(ctx: TenantContext, id: string): Promise<RepairQuote> {
  const quote = await ctx.em.findOne(RepairQuote, { tenantId: ctx.tenantId, id });
  if (!quote) throw notFound('Repair quote');
  return quote;
}

/**
 * Quotes by id, in the order of `ids` (one query for every order of a page);
 * an id the store cannot read answers the same NOT_FOUND as `findQuote`.
 */
export async function quotesByIds(ctx: TenantContext, ids: readonly string[]): Promise<(RepairQuote | Error)[]> {
  const rows = await ctx.em.find(RepairQuote, { tenantId: ctx.tenantId, id: { $in: [...ids] } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? notFound('Repair quote'));
}

/** Loads a quote to change it; with `expectedVersion`, a quote changed since the caller read it answers STALE. */
export async function quoteForChange(ctx: TenantContext, id: string, expectedVersion?: number | null): Promise<RepairQuote> {
  const quote = await findQuote(ctx, id);
  if (expectedVersion != null && expectedVersion !== quote.version) {
    throw new UserInputError('STALE', `The quote was changed by someone else (version ${quote.version}, you had ${expectedVersion}); reload and retry`, [
      'expectedVersion',
    ]);
  }
  return quote;
}

/** Each ticket's quotes, oldest first, in the order of `ticketIds` (one query for a page of tickets). */
export async function quotesOfTickets(ctx: TenantContext, ticketIds: readonly string[]): Promise<RepairQuote[][]> {
  const rows = await ctx.em.find(RepairQuote, { tenantId: ctx.tenantId, ticketId: { $in: [...ticketIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return ticketIds.map((ticketId) => rows.filter((row) => row.ticketId === ticketId));
}

/** Each quote's lines in their order, in the order of `quoteIds`. */
export async function linesOfQuotes(ctx: TenantContext, quoteIds: readonly string[]): Promise<RepairQuoteLine[][]> {
  const rows = await ctx.em.find(RepairQuoteLine, { tenantId: ctx.tenantId, quoteId: { $in: [...quoteIds] } }, { orderBy: { position: 'asc' } });
  return quoteIds.map((quoteId) => rows.filter((row) => row.quoteId === quoteId));
}

/** Today's date where the store is: the calendar a quote's last valid day is read in. */
export async function storeToday(ctx: TenantContext): Promise<string> {
  return todayIn(await storeTimeZone(ctx), ctx.clock.now());
}
