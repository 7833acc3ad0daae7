import { Tenant, Ticket, TicketEvent } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { TicketStatus } from '../../core/desk-enums';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';
import { withNetworkScope } from '../tenants/network-scope';
import { clocksInBulk } from './clocks-in-bulk';
import type { MarkedClock } from './provisional-marks';
import { Clock } from './sla-clock';
import { ClockState, SlaMetric } from '../../core/sla-enums';
import { escalationSchedule, ladderFor } from './escalation-ladder';
import type { WorkingCalendar } from './working-calendar';
import { ladderClocks, levelKey, reachedLevels } from './ticket-watch';

export interface TicketAtRisk {
  ticket: Ticket;
  store: Tenant;
  /**
   * Each says whether it was counted on a provisional national calendar. The
   * breached and at-risk ones come first, most urgent first (so the first is
   * `worst`), then the others in the standard's order.
   */
  clocks: MarkedClock[];
  /** The clock that needs attention first: breached before at risk, then by due time. */
  worst: MarkedClock;
  /** The highest level of the escalation ladder the ticket reached (by its clocks, or acted on), if any. */
  escalation: { level: number; name: string } | null;
}

const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];
const MAX_RESULTS = 100;
/** A page only shows what it reads: kept out of the request's unit of work, nothing is compared for changes at its flush. */
const READ_ONLY = { disableIdentityMap: true } as const;

/**
 * Tickets with a clock at risk or breached, most urgent first: breached ones
 * by how long ago, then at-risk ones by how soon they breach. A store sees its
 * own; an HQ sees its stores', through the audited network scope. Which
 * tickets, and in which order, is read from the clocks' stored turning points
 * (domain/standards/clock-points.ts), so the work is that of the page asked
 * for whatever the size of the network; the clocks shown are then computed
 * exactly, for those tickets only.
 */
export async function ticketsAtRisk(ctx: TenantContext, first: number): Promise<TicketAtRisk[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RESULTS) {
    throw new UserInputError('INVALID_PAGE_SIZE', `\`first\` must be between 1 and ${MAX_RESULTS}`, ['first']);
  }
  if (ctx.tenantKind === TenantKind.HQ) {
    return withNetworkScope(ctx, 'tickets at risk across the network', () =>
      collect(ctx, { sql: `select s.id from tenants s where s.parent_id = ? and s.kind = '${TenantKind.STORE}'`, params: [ctx.tenantId] }, first),
    );
  }
  return collect(ctx, { sql: 'select ?::uuid', params: [ctx.tenantId] }, first);
}

/** Every ticket has at most one turning point per metric. */
const POINTS_PER_TICKET = Object.values(SlaMetric).length;

/**
 * `stores`: SQL for the ids of the stores to look at, so that a network's
 * stores are never loaded, only those of the tickets returned.
 */
async function collect(ctx: TenantContext, stores: { sql: string; params: unknown[] }, first: number): Promise<TicketAtRisk[]> {
  const now = ctx.clock.now();
  // The first points in due order, as many as the `first` most urgent tickets can have at most: the page is
  // ranked from those alone (each ticket by its first point among them), read from the start of an index in
  // due order (migrations/sql/0210), never from all the points of the network.
  const flagged = await ctx.em.execute<{ tenant_id: string; ticket_id: string }[]>(
    `select p.tenant_id, p.ticket_id from (
       select q.tenant_id, q.ticket_id, q.due_at from ticket_clock_points q
        where q.tenant_id in (${stores.sql}) and q.at_risk_at <= ?
        order by q.due_at, q.ticket_id
        limit ?) as p
      group by p.tenant_id, p.ticket_id
      order by min(p.due_at), p.ticket_id
      limit ?`,
    [...stores.params, now, first * POINTS_PER_TICKET, first],
  );
  if (flagged.length === 0) return [];
  const storeIds = [...new Set(flagged.map((row) => row.tenant_id))];
  const [tickets, storesOfPage] = await Promise.all([
    ctx.em.find(
      Ticket,
      {
        tenantId: { $in: storeIds },
        id: { $in: flagged.map((row) => row.ticket_id) },
        status: { $nin: FINISHED },
      },
      READ_ONLY,
    ),
    ctx.em.find(Tenant, { id: { $in: storeIds } }, READ_ONLY),
  ]);
  const storeById = new Map(storesOfPage.map((store) => [store.id, store]));
  const results: TicketAtRisk[] = [];
  for (const { ticket, clocks, events, calendar } of (await clocksInBulk(ctx, tickets, storesOfPage)).values()) {
    const atRisk = clocks.filter(needsAttention).sort(byUrgency);
    if (atRisk.length === 0) continue; // its stored points are out of step: they are written again at its next change or turning point
    const escalation = highestReached(ticket, clocks, events, calendar, now);
    const urgentFirst = [...atRisk, ...clocks.filter((clock) => !needsAttention(clock))];
    results.push({ ticket, store: storeById.get(ticket.tenantId)!, clocks: urgentFirst, worst: atRisk[0], escalation });
  }
  return results.sort((a, b) => byUrgency(a.worst, b.worst));
}

/** The highest escalation level due on any clock a person is chased for, or already acted on, as the ticket's own schedule shows it. */
function highestReached(ticket: Ticket, clocks: Clock[], events: TicketEvent[], calendar: WorkingCalendar, now: Date): { level: number; name: string } | null {
  const ladder = ladderFor(ticket);
  const acted = reachedLevels(events);
  let highest: { level: number; name: string } | null = null;
  for (const clock of ladderClocks({ ticket, clocks })) {
    for (const step of escalationSchedule(clock, ladder, calendar, now)) {
      const reached = step.reached || acted.has(levelKey(clock, step.level.level));
      if (reached && (!highest || step.level.level > highest.level)) highest = { level: step.level.level, name: step.level.name };
    }
  }
  return highest;
}

const needsAttention = (clock: Clock): boolean => clock.state === ClockState.BREACHED || clock.state === ClockState.AT_RISK;

function byUrgency(a: Clock, b: Clock): number {
  const rank = (clock: Clock) => (clock.state === ClockState.BREACHED ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const due = (clock: Clock) => (clock.breachedAt ?? clock.dueAt ?? new Date(8.64e15)).getTime();
  return due(a) - due(b);
}
