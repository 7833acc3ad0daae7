/**
 * How urgent a ticket is, from its service clocks: a breached clock first,
 * then the earliest due time of a clock still running or at risk. A ticket
 * with no running clock comes last.
 */
export interface ClockLike {
  state: string;
  dueAt?: string | null;
  breachedAt?: string | null;
  metric: string;
}

export interface Urgency {
  /** The clock that decides: the breached one, else the one due first. */
  clock: ClockLike | null;
  breached: boolean;
  atRisk: boolean;
  /** Milliseconds since the epoch of the next deadline (or of the breach). */
  dueMs: number | null;
}

const LIVE = new Set(['RUNNING', 'AT_RISK', 'BREACHED']);

export function urgencyOf(clocks: readonly ClockLike[]): Urgency {
  const live = clocks.filter((clock) => LIVE.has(clock.state) && (clock.dueAt || clock.breachedAt));
  const breached = live.filter((clock) => clock.state === 'BREACHED');
  const pool = breached.length ? breached : live;
  let best: ClockLike | null = null;
  let bestMs = Infinity;
  for (const clock of pool) {
    const ms = Date.parse((clock.dueAt ?? clock.breachedAt)!);
    if (ms < bestMs) {
      best = clock;
      bestMs = ms;
    }
  }
  return {
    clock: best,
    breached: breached.length > 0,
    atRisk: !breached.length && live.some((clock) => clock.state === 'AT_RISK'),
    dueMs: best ? bestMs : null,
  };
}

/** Breached first (longest overdue first), then by next deadline, then those without one. */
export function compareUrgency(a: Urgency, b: Urgency): number {
  if (a.breached !== b.breached) return a.breached ? -1 : 1;
  if (a.dueMs === null || b.dueMs === null) return a.dueMs === null ? (b.dueMs === null ? 0 : 1) : -1;
  return a.dueMs - b.dueMs;
}
