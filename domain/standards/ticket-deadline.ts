import { TicketStatus } from '../../schema/desk-enums';
import type { Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import type { Clock } from './sla-clock';
import { mostUrgentDeadline } from './urgency';

const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

/**
 * Keeps `ticket_deadlines` in step with a ticket's clocks, in the caller's
 * transaction: called wherever the ticket's next watch is scheduled, that is
 * after every change of the ticket and at each of its turning points. A
 * finished ticket has nothing left to be late for and loses its row.
 */
export async function storeTicketDeadline(ctx: TenantContext, ticket: Ticket, clocks: Clock[]): Promise<void> {
  if (FINISHED.includes(ticket.status)) {
    await ctx.em.execute('delete from ticket_deadlines where tenant_id = ? and ticket_id = ?', [ticket.tenantId, ticket.id]);
    return;
  }
  await ctx.em.execute(
    `insert into ticket_deadlines (tenant_id, ticket_id, due_at, computed_at) values (?, ?, ?, ?)
     on conflict (tenant_id, ticket_id) do update set due_at = excluded.due_at, computed_at = excluded.computed_at`,
    [ticket.tenantId, ticket.id, mostUrgentDeadline(clocks), ctx.clock.now()],
  );
}
