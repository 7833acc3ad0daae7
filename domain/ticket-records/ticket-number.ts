import { DateTime } from 'luxon';
import type { TenantContext } from '../context';

/**
 * Human-readable ticket numbers, per store and per year: `ZGC-2026-000123`.
 * The prefix is the last part of the store's slug (bj-zgc → ZGC). The number
 * comes from the store's sequence for the year (migration 0134): concurrent
 * registrations never share a number and never wait for each other; one that
 * rolls back leaves a gap.
 */
export function ticketPrefix(slug: string): string {
  const last = slug.split('-').pop() ?? slug;
  return (
    last
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 8)
      .toUpperCase() || 'T'
  );
}

export async function nextTicketNumber(ctx: TenantContext, slug: string, timeZone: string): Promise<string> {
  const year = DateTime.fromJSDate(ctx.clock.now(), { zone: timeZone }).year;
  const rows = await ctx.em.execute<{ value: string }[]>(`select next_ticket_number(?, ?) as value`, [ctx.tenantId, year]);
  return `${ticketPrefix(slug)}-${year}-${String(rows[0].value).padStart(6, '0')}`;
}
