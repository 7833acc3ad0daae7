import type { Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import { appendTimeline } from '../ticket-records/timeline';
import { ClockState } from '../../core/sla-enums';
import { readWatchedTicket, scheduleTicketWatch, WatchedTicket } from './ticket-watch';
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
  const watched = await readWatchedTicket(ctx, ticket);
  const outcomes = recordOutcomesOf(ctx, watched);
  // Outcome entries change no clock and no ladder level: the same reading decides the next watch.
  await scheduleTicketWatch(ctx, watched);
  return outcomes;
}

/** Appends the outcomes not on the timeline yet, for a ticket already read. */
export function recordOutcomesOf(ctx: TenantContext, watched: WatchedTicket): Clock[] {
  const recorded = new Set(
    watched.events
      .filter((event) => event.kind === 'SLA_MET' || event.kind === 'SLA_BREACHED')
      .map((event) => `${event.kind}|${event.data.metric}|${event.data.startedAt}`),
  );
  const outcomes: Clock[] = [];
  for (const clock of watched.clocks) {
    const kind = OUTCOME_KINDS[clock.state];
    if (!kind || !clock.startedAt) continue;
    // A run that starts after its clock stopped (a message after resolution) measured nothing.
    if (clock.stoppedAt && clock.startedAt >= clock.stoppedAt) continue;
    const key = `${kind}|${clock.metric}|${clock.startedAt.toISOString()}`;
    if (recorded.has(key)) continue;
    outcomes.push(clock);
    appendTimeline(ctx, watched.ticket.id, {
      kind,
      summary:
        clock.state === ClockState.MET
          ? `${clock.metric} met (${clock.target})`
          : `${clock.metric} breached at ${clock.breachedAt?.toISOString()} (${clock.target})`,
      data: { metric: clock.metric, startedAt: clock.startedAt.toISOString(), target: clock.target, breachedAt: clock.breachedAt?.toISOString() ?? null },
    });
  }
  return outcomes;
}
