import { TicketStatus } from '../../core/desk-enums';
import { Tenant, Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import { clocksInBulk } from './clocks-in-bulk';
import { storeClockPoints } from './clock-points';

const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

/**
 * Writes one batch of a store's clock points again from its tickets, as the
 * incremental writes would have left them: the open tickets under a standard
 * (in id order, after `after`) get theirs, and on the first batch the points
 * of finished tickets, or of tickets without a standard, go. Returns the last
 * ticket id of the batch, or null once the store is done; each batch is meant
 * for a transaction of its own, so a big store never holds one long.
 */
export async function rebuildClockPoints(ctx: TenantContext, after: string | null, batch = 200): Promise<{ rebuilt: number; last: string | null }> {
  if (!after) {
    await ctx.em.execute(
      `delete from ticket_clock_points p using tickets t
        where p.tenant_id = ? and t.tenant_id = p.tenant_id and t.id = p.ticket_id and (t.status in (?) or t.sla_standard is null)`,
      [ctx.tenantId, FINISHED],
    );
  }
  const tickets = await ctx.em.find(
    Ticket,
    { tenantId: ctx.tenantId, status: { $nin: FINISHED }, slaStandard: { $ne: null }, ...(after ? { id: { $gt: after } } : {}) },
    { orderBy: { id: 'asc' }, limit: batch },
  );
  const store = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const clocks = await clocksInBulk(ctx, tickets, [store]);
  for (const ticket of tickets) {
    await storeClockPoints(ctx, { ticket, clocks: clocks.get(ticket.id)!.clocks });
  }
  return { rebuilt: tickets.length, last: tickets.length === batch ? tickets[tickets.length - 1].id : null };
}
