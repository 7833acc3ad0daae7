import type { TicketChannel, TicketPriority, TicketType } from '../../core/desk-enums';
import { FigureRunSubset, MeasuredOutcome } from '../../core/sla-enums';
import type { DayRange, PeriodSpec } from './figure-period';

/** What a figure and its drill-down count: the same filter gives the same runs. */
export interface FigureFilter {
  /** Store ids (HQ: some of its stores; none means all of them). A store may name itself only. */
  storeIds?: readonly string[] | null;
  period: PeriodSpec;
  ticketTypes?: readonly TicketType[] | null;
  channels?: readonly TicketChannel[] | null;
  priorities?: readonly TicketPriority[] | null;
}

/**
 * The condition on `ticket_metric_facts f` (or another table of facts dated
 * by `dateColumn`, with the same ticket columns) for the stores, days and ticket
 * kinds asked for. Every condition is leakproof (equalities, ranges), so the
 * period index is used under row level security.
 */
export function factConditions(filter: FigureFilter, storeIds: string[], range: DayRange, dateColumn = 'local_date'): { sql: string; params: unknown[] } {
  // An HQ without stores reads nothing (and `in ()` is no SQL).
  const parts = [storeIds.length ? 'f.tenant_id in (?)' : 'false', `f.${dateColumn} between ? and ?`];
  const params: unknown[] = [...(storeIds.length ? [storeIds] : []), range.from, range.to];
  const narrow = (column: string, values: readonly string[] | null | undefined) => {
    if (!values?.length) return;
    parts.push(`f.${column} in (?)`);
    params.push([...values]);
  };
  narrow('ticket_type', filter.ticketTypes);
  narrow('channel', filter.channels);
  narrow('priority', filter.priorities);
  return { sql: parts.join(' and '), params };
}

/** Whether the filter names a ticket type, channel or priority: only the facts and the rollups per kind carry them. */
export const narrowsByKind = (filter: FigureFilter): boolean => [filter.ticketTypes, filter.channels, filter.priorities].some((values) => values?.length);

/**
 * A run's outcome as of `now`: a run stored as running whose due instant has
 * passed is breached (nobody touched the ticket since; its clock ran out then),
 * so the figures never wait for the worker's watch to have written it.
 */
export function outcomeCondition(outcome: MeasuredOutcome): string {
  switch (outcome) {
    case MeasuredOutcome.MET:
      return `f.outcome = 'MET'`;
    case MeasuredOutcome.BREACHED:
      return `(f.outcome = 'BREACHED' or (f.outcome = 'RUNNING' and f.due_at <= ?::timestamptz))`;
    case MeasuredOutcome.RUNNING:
      return `(f.outcome = 'RUNNING' and (f.due_at is null or f.due_at > ?::timestamptz))`;
  }
}

/** How many `now` parameters the outcome's condition takes. */
export const nowParams = (outcome: MeasuredOutcome, now: Date): Date[] => (outcome === MeasuredOutcome.MET ? [] : [now]);

/** The condition for a subset of runs, with its parameters; the same expressions the figures count with. */
export function subsetCondition(subset: FigureRunSubset, now: Date): { sql: string; params: unknown[] } {
  switch (subset) {
    case FigureRunSubset.STOPPED:
      return { sql: STOPPED, params: [] };
    case FigureRunSubset.WITHIN_24_HOURS:
      return { sql: WITHIN_24_HOURS, params: [] };
    case FigureRunSubset.DECIDED_ON_24_HOURS:
      return { sql: DECIDED_ON_24_HOURS, params: [now] };
  }
}

export const STOPPED = 'f.stopped_at is not null';
/**
 * A run whose place in every figure no longer depends on when they are read
 * (stopped, met or breached): counted once in `ticket_metric_rollups`. The
 * others are counted from the facts at each read.
 */
export const SETTLED = `(f.stopped_at is not null and f.outcome <> 'RUNNING')`;
export const UNSETTLED = `(f.stopped_at is null or f.outcome = 'RUNNING')`;
export const WITHIN_24_HOURS = `f.stopped_at - f.started_at <= interval '24 hours'`;
/** Takes `now` as its one parameter. */
export const DECIDED_ON_24_HOURS = `(f.stopped_at is not null or f.started_at + interval '24 hours' <= ?::timestamptz)`;
