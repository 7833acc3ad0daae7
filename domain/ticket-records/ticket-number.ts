import { DateTime } from 'luxon';
import type { TenantContext } from '../context';

/**
 * Human-readable ticket numbers, per store and per year: `ZGC-2026-000123`.
 * The prefix is the last part of the store's slug (bj-zgc → ZGC); the counter
 * row is locked by the upsert, so concurrent registrations never share a number.
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
  const rows = await ctx.em.execute<{ last_value: number }[]>(
    `insert into ticket_counters (tenant_id, year, last_value) values (?, ?, 1)
     on conflict (tenant_id, year) do update set last_value = ticket_counters.last_value + 1
     returning last_value`,
    [ctx.tenantId, year],
  );
  return `${ticketPrefix(slug)}-${year}-${String(rows[0].last_value).padStart(6, '0')}`;
}
