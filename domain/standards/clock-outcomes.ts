import { Customer, PartsOrder, Ticket, TicketEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { appendTimeline } from '../tickets/timeline';
import { ClockState } from './sla-clock';
import { calendarOf } from './tenant-calendar';
import { ticketClocks } from './ticket-clocks';
import { readWatchedTicket, scheduleTicketWatch } from './ticket-watch';
import type { Clock } from './sla-clock';

const OUTCOME_KINDS: Partial<Record<ClockState, string>> = {
  [ClockState.MET]: 'SLA_MET',
  [ClockState.BREACHED]: 'SLA_BREACHED',
};

/**
 * After a ticket changes, puts each target it met or breached on its timeline,
 * once per clock run (a rolling progress clock can be met many times), and
 * puts the ticket's next watch on the schedule: breaches that happen while
 * nobody touches the ticket are recorded by the worker when the watch runs.
 * Returns the clocks whose outcome was recorded now.
 */
export async function recordClockOutcomes(ctx: TenantContext, ticket: Ticket): Promise<Clock[]> {
  if (!ticket.slaStandard) return [];
  await ctx.em.flush();
  const [events, parts, customer, calendar] = await Promise.all([
    ctx.em.find(TicketEvent, { tenantId: ctx.tenantId, ticketId: ticket.id }),
    ctx.em.find(PartsOrder, { tenantId: ctx.tenantId, ticketId: ticket.id }),
    ctx.em.findOne(Customer, { tenantId: ctx.tenantId, id: ticket.customerId }),
    calendarOf(ctx),
  ]);
  const recorded = new Set(
    events.filter((event) => event.kind === 'SLA_MET' || event.kind === 'SLA_BREACHED').map((event) => `${event.kind}|${event.data.metric}|${event.data.startedAt}`),
  );
  const outcomes: Clock[] = [];
  for (const clock of ticketClocks({ ticket, customer, events, parts, calendar, now: ctx.clock.now() })) {
    const kind = OUTCOME_KINDS[clock.state];
    if (!kind || !clock.startedAt) continue;
    // A run that starts after its clock stopped (a message after resolution) measured nothing.
    if (clock.stoppedAt && clock.startedAt >= clock.stoppedAt) continue;
    const key = `${kind}|${clock.metric}|${clock.startedAt.toISOString()}`;
    if (recorded.has(key)) continue;
    outcomes.push(clock);
    appendTimeline(ctx, ticket.id, {
      kind,
      summary:
        clock.state === ClockState.MET
          ? `${clock.metric} met (${clock.target})`
          : `${clock.metric} breached at ${clock.breachedAt?.toISOString()} (${clock.target})`,
      data: { metric: clock.metric, startedAt: clock.startedAt.toISOString(), target: clock.target, breachedAt: clock.breachedAt?.toISOString() ?? null },
    });
  }
  await scheduleTicketWatch(ctx, await readWatchedTicket(ctx, ticket));
  return outcomes;
}
