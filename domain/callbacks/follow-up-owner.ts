import { StaffUser, Ticket } from '../../schema/entities';
import { Role, StaffStatus } from '../../core/enums';
import { TicketStatus } from '../../core/desk-enums';
import type { TenantContext } from '../context';

const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

/**
 * Who takes a dissatisfied customer's follow-up: the colleague in the role the
 * standard names. The ticket's own assignee when they hold that role already;
 * else the active colleague in it with the fewest open tickets (then by name),
 * so follow-ups spread over a store with several managers. Null when nobody
 * in the store holds the role.
 */
export async function followUpOwner(ctx: TenantContext, ticket: Ticket, role: Role): Promise<StaffUser | null> {
  const candidates = await ctx.em.find(StaffUser, { tenantId: ctx.tenantId, role, status: StaffStatus.ACTIVE }, { orderBy: { name: 'asc', id: 'asc' } });
  if (candidates.length === 0) return null;
  const current = candidates.find((candidate) => candidate.id === ticket.assigneeId);
  if (current) return current;
  const ids = candidates.map((candidate) => candidate.id);
  const load = await ctx.em.execute<{ assignee_id: string; open: string }[]>(
    `select assignee_id, count(*) as open from tickets
      where tenant_id = ? and assignee_id in (${ids.map(() => '?').join(', ')}) and status not in (${FINISHED.map(() => '?').join(', ')})
      group by assignee_id`,
    [ctx.tenantId, ...ids, ...FINISHED],
  );
  const openOf = new Map(load.map((row) => [row.assignee_id, Number(row.open)]));
  return candidates.reduce((best, candidate) => ((openOf.get(candidate.id) ?? 0) < (openOf.get(best.id) ?? 0) ? candidate : best));
}
