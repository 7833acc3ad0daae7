import { TicketStatus } from '../../core/desk-enums';
import { ClockState, SlaMetric, TargetUnit } from '../../core/sla-enums';
import { countsWorkingTime, describeTarget, TargetRule } from './sla-targets';
import type { WorkingCalendar } from './working-calendar';

/**
 * The clocks of a ticket: for each metric of its standard, the target, when it
 * is due, how much of it is used, and its state. Pure: the caller gives the
 * ticket's history and the time, so recomputing after any change (status,
 * priority, tier, a slipped part) is just calling this again.
 */

export interface StatusSpan {
  status: TicketStatus;
  from: Date;
  /** null while the ticket is still in this status. */
  to: Date | null;
}

export interface TicketHistory {
  openedAt: Date;
  /** The last reopen, if any: a reopened ticket's resolution clock starts a new run there. */
  reopenedAt: Date | null;
  statuses: StatusSpan[];
  firstAssignedAt: Date | null;
  firstContactAt: Date | null;
  /** Every time the customer was told of progress (customer-visible timeline entries). */
  customerUpdates: Date[];
  resolvedAt: Date | null;
  callbackDoneAt: Date | null;
  /** For WAITING_PARTS pauses when the standard allows them: the latest expected arrival (end of that day). */
  partsExpectedUntil: Date | null;
}

export interface ClockPolicy {
  atRiskShare: number;
  pausedBy: Partial<Record<TicketStatus, SlaMetric[]>>;
  waitingPartsPausesUntilExpectedDate: boolean;
}

export interface Clock {
  metric: SlaMetric;
  target: string;
  /** The target as numbers, for a reader to word in its own language: 3 and WORKING_DAYS. */
  targetAmount: number;
  targetUnit: TargetUnit;
  workingTime: boolean;
  startedAt: Date | null;
  dueAt: Date | null;
  state: ClockState;
  /** Minutes of the target used and left (working or calendar minutes, as the target counts). */
  usedMinutes: number;
  remainingMinutes: number;
  breachedAt: Date | null;
  stoppedAt: Date | null;
  /**
   * When the standard's at-risk share of the target is (or was) used: counted
   * from the clock's own unrounded figures, so the same history gives the
   * same instant whenever it is computed. None while paused, or once stopped
   * short of it.
   */
  atRiskAt: Date | null;
  /** The spans during which the clock ran (start to stop or now, pauses taken out): when a share of it was used. */
  activeSpans: [Date, Date][];
}

const MINUTE = 60_000;
const OPEN_END = new Date(8.64e15);

interface Measure {
  between(a: Date, b: Date): number;
  advance(from: Date, minutes: number): Date;
}

export function computeClock(metric: SlaMetric, rule: TargetRule, history: TicketHistory, policy: ClockPolicy, calendar: WorkingCalendar, now: Date): Clock {
  const working = countsWorkingTime(rule.unit);
  const measure = measureOf(working, calendar);
  const { start, stop } = window(metric, history);
  const base = {
    metric,
    target: describeTarget(rule),
    targetAmount: rule.amount,
    targetUnit: rule.unit,
    workingTime: working,
    startedAt: start,
    stoppedAt: stop,
  };
  if (!start) {
    return { ...base, dueAt: null, state: ClockState.RUNNING, usedMinutes: 0, remainingMinutes: 0, breachedAt: null, atRiskAt: null, activeSpans: [] };
  }
  const budget = budgetMinutes(rule, start, calendar);
  const end = stop ?? now;
  const pauses = pausesOf(metric, history, policy);
  const active = subtract([start, end], pauses);
  const used = active.reduce((sum, [a, b]) => sum + measure.between(a, b), 0);
  const placed = promisedPlacement(rule, start, calendar);
  // When the whole target was used up (due at an instant means done by then: used up at it is breached at it);
  // a deadline at a close of business is that close.
  const ranOutAt = used >= budget ? placed(instantWhenUsed(active, budget, measure)) : null;
  const breachedAt = ranOutAt && ranOutAt <= end ? ranOutAt : null;
  const pausedNow = !stop && pauses.some(([a, b]) => a <= now && now < b);
  let state: ClockState;
  if (stop) state = used <= budget ? ClockState.MET : ClockState.BREACHED;
  else if (breachedAt) state = ClockState.BREACHED;
  else if (pausedNow) state = ClockState.PAUSED;
  else if (used >= budget * policy.atRiskShare) state = ClockState.AT_RISK;
  else state = ClockState.RUNNING;
  // Due: when the clock runs (or ran) out, counting from where it stands; none while paused.
  const dueAt = ranOutAt ?? (stop ? placed(measure.advance(stop, budget - used)) : pausedNow ? null : placed(measure.advance(now, budget - used)));
  const atRiskShare = budget * policy.atRiskShare;
  const atRiskAt = used >= atRiskShare ? instantWhenUsed(active, atRiskShare, measure) : stop || pausedNow ? null : measure.advance(now, atRiskShare - used);
  return {
    ...base,
    dueAt,
    atRiskAt,
    state,
    usedMinutes: round(used),
    remainingMinutes: round(Math.max(0, budget - used)),
    breachedAt: state === ClockState.BREACHED ? breachedAt : null,
    activeSpans: active,
  };
}

/**
 * The instant at which a clock had used `minutes` of its target (null when it
 * has not used that much yet): a level of the ladder reached in the past fell
 * due then, not when someone happens to look.
 */
export function instantClockUsed(clock: Clock, minutes: number, calendar: WorkingCalendar): Date | null {
  return instantWhenUsed(clock.activeSpans, minutes, measureOf(clock.workingTime, calendar));
}

function measureOf(working: boolean, calendar: WorkingCalendar): Measure {
  return working
    ? { between: (a, b) => calendar.workingMinutesBetween(a, b), advance: (a, m) => calendar.addWorkingMinutes(a, m) }
    : { between: (a, b) => Math.max(0, (b.getTime() - a.getTime()) / MINUTE), advance: (a, m) => new Date(a.getTime() + m * MINUTE) };
}

/** When each metric's clock starts and stops. */
function window(metric: SlaMetric, history: TicketHistory): { start: Date | null; stop: Date | null } {
  switch (metric) {
    case SlaMetric.DISPATCH:
      return { start: history.openedAt, stop: history.firstAssignedAt };
    case SlaMetric.FIRST_CONTACT:
      return { start: history.openedAt, stop: history.firstContactAt };
    case SlaMetric.RESOLUTION:
      // A reopen starts a new run with the whole target: the days spent resolved never count against the store,
      // and the first run's outcome stays on the record.
      return { start: history.reopenedAt ?? history.openedAt, stop: history.resolvedAt };
    case SlaMetric.PROGRESS_UPDATE: {
      // A rolling clock: from the last time the customer was told (or the opening) until the next update or resolution.
      const last = [history.openedAt, ...history.customerUpdates].reduce((a, b) => (b > a ? b : a));
      return { start: last, stop: history.resolvedAt };
    }
    case SlaMetric.CALLBACK:
      return { start: history.resolvedAt, stop: history.callbackDoneAt };
  }
}

/**
 * Whole working days fall due where the calendar places them, which may be a
 * day's opening after a night without working time (Wednesday 09:30 + 3 is
 * Saturday's 10:00 opening, not Friday's close): an instant the clock reaches
 * that differs from that promise only by time without work is shown as the promise.
 */
function promisedPlacement(rule: TargetRule, start: Date, calendar: WorkingCalendar): (instant: Date | null) => Date | null {
  if (rule.unit !== TargetUnit.WORKING_DAYS) return (instant) => instant;
  const promised = calendar.addWorkingDays(start, rule.amount);
  return (instant) => (instant && instant < promised && calendar.workingMinutesBetween(instant, promised) === 0 ? promised : instant);
}

/** The target as minutes of the clock's own kind of time, from its start. */
function budgetMinutes(rule: TargetRule, start: Date, calendar: WorkingCalendar): number {
  switch (rule.unit) {
    case TargetUnit.WORKING_MINUTES:
      return rule.amount;
    case TargetUnit.WORKING_HOURS:
      return rule.amount * 60;
    case TargetUnit.CALENDAR_HOURS:
      return rule.amount * 60;
    case TargetUnit.HALF_WORKING_DAY:
      return calendar.workingMinutesBetween(start, calendar.addHalfWorkingDay(start)) * rule.amount;
    case TargetUnit.WORKING_DAYS:
      return calendar.workingMinutesBetween(start, calendar.addWorkingDays(start, rule.amount));
  }
}

/**
 * Spans during which a metric's clock stands still: the statuses the policy
 * names, and WAITING_PARTS only when allowed and only until the part's
 * expected date (a slipped date does not buy more time by itself).
 */
function pausesOf(metric: SlaMetric, history: TicketHistory, policy: ClockPolicy): [Date, Date][] {
  const spans: [Date, Date][] = [];
  for (const span of history.statuses) {
    // a status the ticket is still in pauses open-endedly
    const to = span.to ?? OPEN_END;
    if (policy.pausedBy[span.status]?.includes(metric)) spans.push([span.from, to]);
    if (
      span.status === TicketStatus.WAITING_PARTS &&
      metric === SlaMetric.RESOLUTION &&
      policy.waitingPartsPausesUntilExpectedDate &&
      history.partsExpectedUntil
    ) {
      const until = to < history.partsExpectedUntil ? to : history.partsExpectedUntil;
      if (until > span.from) spans.push([span.from, until]);
    }
  }
  return spans;
}

function subtract([start, end]: [Date, Date], pauses: [Date, Date][]): [Date, Date][] {
  let segments: [Date, Date][] = end > start ? [[start, end]] : [];
  for (const [ps, pe] of pauses) {
    segments = segments.flatMap(([a, b]): [Date, Date][] => {
      if (pe <= a || ps >= b) return [[a, b]];
      const parts: [Date, Date][] = [];
      if (ps > a) parts.push([a, ps]);
      if (pe < b) parts.push([pe, b]);
      return parts;
    });
  }
  return segments;
}

/** The instant at which `minutes` of active time had been used. */
function instantWhenUsed(active: [Date, Date][], minutes: number, measure: Measure): Date | null {
  let left = minutes;
  for (const [a, b] of active) {
    const here = measure.between(a, b);
    if (left <= here) return measure.advance(a, left);
    left -= here;
  }
  return null;
}

const round = (minutes: number) => Math.round(minutes * 100) / 100;
