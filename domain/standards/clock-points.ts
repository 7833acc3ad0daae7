import { TicketStatus } from '../../core/desk-enums';
import type { TenantContext } from '../context';
import { ClockState } from '../../core/sla-enums';
import type { WatchedTicket } from './watched-ticket';

const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];
/** The clocks a ticket can still be late on; a paused or met clock has no turning point ahead. */
const LIVE = [ClockState.RUNNING, ClockState.AT_RISK, ClockState.BREACHED];

export interface ClockPoint {
  metric: string;
  atRiskAt: Date;
  dueAt: Date;
}

/**
 * The turning points of a ticket's live clocks: when each is (or was) at risk,
 * and when it is (or was) due. Both follow from the clock as computed at the
 * ticket's last change: while nothing changes, a running clock turns at risk
 * and then breached at exactly these instants (sla-clock.ts).
 */
export function clockPoints(watched: Pick<WatchedTicket, 'ticket' | 'clocks'>): ClockPoint[] {
  if (FINISHED.includes(watched.ticket.status)) return [];
  return watched.clocks
    .filter((clock) => LIVE.includes(clock.state) && (clock.breachedAt ?? clock.dueAt))
    .map((clock) => {
      const dueAt = (clock.breachedAt ?? clock.dueAt)!;
      const atRiskAt = clock.atRiskAt && clock.atRiskAt < dueAt ? clock.atRiskAt : dueAt;
      return { metric: clock.metric, atRiskAt, dueAt };
    });
}

/**
 * Keeps `ticket_clock_points` in step with a ticket's clocks, in the caller's
 * transaction: called wherever the ticket's next watch is scheduled, that is
 * after every change of the ticket and at each of its turning points.
 */
export async function storeClockPoints(ctx: TenantContext, watched: Pick<WatchedTicket, 'ticket' | 'clocks'>): Promise<void> {
  const { tenantId, id } = watched.ticket;
  const now = ctx.clock.now();
  const points = clockPoints(watched);
  // Upserted, then the rest removed: a change and the ticket's watch may write the same ticket at once,
  // and a delete-then-insert would let the second trip over the rows the first just inserted.
  if (points.length > 0) {
    await ctx.em.execute(
      `insert into ticket_clock_points (tenant_id, ticket_id, metric, at_risk_at, due_at, computed_at) values ${points.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
       on conflict (tenant_id, ticket_id, metric) do update set at_risk_at = excluded.at_risk_at, due_at = excluded.due_at, computed_at = excluded.computed_at`,
      points.flatMap((point) => [tenantId, id, point.metric, point.atRiskAt, point.dueAt, now]),
    );
  }
  await ctx.em.execute(
    `delete from ticket_clock_points where tenant_id = ? and ticket_id = ?${points.length ? ' and metric not in (?)' : ''}`,
    points.length ? [tenantId, id, points.map((point) => point.metric)] : [tenantId, id],
  );
}
