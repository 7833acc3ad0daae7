import { Callback } from '../../schema/entities';
import type { TenantContext } from '../context';

/**
 * The latest callback of each ticket, in the order of the ids asked for (null
 * where a ticket has none): one query for a whole page of tickets.
 */
export async function latestCallbacksOf(ctx: TenantContext, ticketIds: readonly string[]): Promise<(Callback | null)[]> {
  const rows = await ctx.em.find(Callback, { tenantId: ctx.tenantId, ticketId: { $in: [...ticketIds] } }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  const latest = new Map<string, Callback>();
  for (const row of rows) if (!latest.has(row.ticketId)) latest.set(row.ticketId, row);
  return ticketIds.map((id) => latest.get(id) ?? null);
}
