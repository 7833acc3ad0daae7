import { DateTime } from 'luxon';
import { TicketStatus } from '../../core/desk-enums';
import { ClockState, MeasuredOutcome, SlaMetric } from '../../core/sla-enums';
import type { MeasuredRun } from '../events/domain-events';
import { Clock, computeClock, TicketHistory } from './sla-clock';
import { clockBasis, ClockInputs } from './ticket-clocks';
import type { WorkingCalendar } from './working-calendar';

/**
 * Every run of a ticket's clocks as its whole history measures it now: the
 * current run of each metric (the clocks the ticket shows), and the runs a
 * later start took over from. A reopen starts a new resolution run, and the
 * run before it keeps the outcome it had at the resolution; every update the
 * customer is given starts a new progress run, and the run before it stopped
 * then (met when the customer heard in time). A run that would start while
 * the ticket is resolved or closed (a message after the resolution) measures
 * nothing, as on the timeline. Pure: the same history and instant give the
 * same runs, so the facts written as the ticket changes and the facts rebuilt
 * from it later agree.
 */
export function clockRuns(inputs: ClockInputs): MeasuredRun[] {
  const basis = clockBasis(inputs);
  if (!basis) return [];
  const { history, policy } = basis;
  const { calendar, now } = inputs;
  const runs: Clock[] = [];
  for (const { metric, rule } of basis.metrics) {
    const measure = (past: TicketHistory) => computeClock(metric, rule, past, policy, calendar, now);
    if (metric === SlaMetric.RESOLUTION) runs.push(...earlierResolutionRuns(history).map(measure));
    if (metric === SlaMetric.PROGRESS_UPDATE) runs.push(...earlierProgressRuns(history).map(measure));
    runs.push(measure(history));
  }
  return runs.filter((clock) => clock.startedAt && !emptyRun(clock)).map((clock) => measuredRun(clock, calendar));
}

/** Metrics that run again and again: a new run starts the instant the one before it ends. */
const REPEATED = [SlaMetric.RESOLUTION, SlaMetric.PROGRESS_UPDATE];

/**
 * A run that measures nothing: one stopped before it started, or a repeated
 * metric's run stopped the instant it started (an update given as the ticket
 * is resolved). A first contact or a dispatch made the instant the ticket is
 * registered (a contact made while registering a call) is no such run: it
 * counts, met in no time.
 */
function emptyRun(clock: Clock): boolean {
  if (!clock.stoppedAt || !clock.startedAt) return false;
  return clock.startedAt > clock.stoppedAt || (clock.startedAt.getTime() === clock.stoppedAt.getTime() && REPEATED.includes(clock.metric));
}

const NOT_OPEN = [TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.CANCELLED];

/** The histories of the resolution runs before the last reopen, each cut at the resolution that ended it. */
function earlierResolutionRuns(history: TicketHistory): TicketHistory[] {
  const starts = [history.openedAt, ...history.statuses.filter((span) => span.status === TicketStatus.REOPENED).map((span) => span.from)];
  const resolutions = history.statuses.filter((span) => span.status === TicketStatus.RESOLVED).map((span) => span.from);
  return starts.slice(0, -1).flatMap((start, index) => {
    const resolved = resolutions.find((at) => at >= start && at <= starts[index + 1]);
    return resolved ? [{ ...history, reopenedAt: index === 0 ? null : start, resolvedAt: resolved }] : [];
  });
}

/** The histories of the progress runs before the last update, each stopped by the next update or an earlier resolution. */
function earlierProgressRuns(history: TicketHistory): TicketHistory[] {
  const starts = [...new Set([history.openedAt, ...history.customerUpdates].map((at) => at.getTime()))].sort((a, b) => a - b).map((ms) => new Date(ms));
  const resolutions = history.statuses.filter((span) => span.status === TicketStatus.RESOLVED).map((span) => span.from);
  return starts.slice(0, -1).flatMap((start, index) => {
    if (NOT_OPEN.includes(statusAt(history, start))) return [];
    const next = starts[index + 1];
    const resolved = resolutions.find((at) => at > start && at < next);
    return [{ ...history, customerUpdates: starts.filter((at) => at > history.openedAt && at <= start), resolvedAt: resolved ?? next }];
  });
}

function statusAt(history: TicketHistory, at: Date): TicketStatus {
  const span = history.statuses.find((candidate) => candidate.from <= at && (candidate.to === null || at < candidate.to));
  return span?.status ?? TicketStatus.NEW;
}

function measuredRun(clock: Clock, calendar: WorkingCalendar): MeasuredRun {
  const startedAt = clock.startedAt!;
  const outcome =
    clock.state === ClockState.MET ? MeasuredOutcome.MET : clock.state === ClockState.BREACHED ? MeasuredOutcome.BREACHED : MeasuredOutcome.RUNNING;
  const working = clock.activeSpans.reduce((sum, [a, b]) => sum + calendar.workingMinutesBetween(a, b), 0);
  return {
    metric: clock.metric,
    startedAt,
    localDate: DateTime.fromJSDate(startedAt, { zone: calendar.timeZone }).toISODate()!,
    outcome,
    dueAt: clock.dueAt,
    stoppedAt: clock.stoppedAt,
    breachedAt: clock.breachedAt,
    workingMinutes: Math.round(working * 100) / 100,
    usedMinutes: clock.usedMinutes,
  };
}
