import type { Ticket } from '../../schema/entities';
import { Clock, ClockState } from './sla-clock';

/**
 * How urgent a ticket is, from its clocks as of now: a breached clock first
 * (the longest overdue first), then the earliest due time of a clock still
 * running or at risk, then tickets with no running clock (oldest first). The
 * desk's work queue is in this order, and so is `tickets(sort: URGENCY)`.
 */
export interface UrgencyKey {
  /** 0: breached, 1: a deadline ahead, 2: none running. */
  rank: 0 | 1 | 2;
  /** When it breached, when it is due, or when the ticket was registered. */
  at: Date;
  id: string;
}

const LIVE = new Set([ClockState.RUNNING, ClockState.AT_RISK, ClockState.BREACHED]);

export function urgencyKey(ticket: Ticket, clocks: Clock[]): UrgencyKey {
  const live = clocks.filter((clock) => LIVE.has(clock.state) && (clock.dueAt || clock.breachedAt));
  const breached = live.filter((clock) => clock.state === ClockState.BREACHED);
  if (breached.length > 0) return { rank: 0, at: earliest(breached)!, id: ticket.id };
  if (live.length > 0) return { rank: 1, at: earliest(live)!, id: ticket.id };
  return { rank: 2, at: ticket.createdAt, id: ticket.id };
}

/**
 * The instant that orders a ticket in the queue: the earliest due (or breach)
 * instant of its live clocks, null when none runs. A breach happens at its due
 * instant, so every breached ticket's instant is before every running one's and
 * this one instant gives the order of `urgencyKey` without knowing the time:
 * it only moves when the ticket's clocks do, and can be stored.
 */
export function mostUrgentDeadline(clocks: Clock[]): Date | null {
  return earliest(clocks.filter((clock) => LIVE.has(clock.state) && (clock.dueAt || clock.breachedAt)));
}

function earliest(pool: Clock[]): Date | null {
  return pool.length ? new Date(Math.min(...pool.map((clock) => (clock.breachedAt ?? clock.dueAt)!.getTime()))) : null;
}

export function compareUrgency(a: UrgencyKey, b: UrgencyKey): number {
  return a.rank - b.rank || a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
