import { CareFigure } from '../../core/care-enums';
import { FigureInterval } from '../../core/sla-enums';

/**
 * What each customer-care figure counts, as SQL on its facts (`f`), shared by
 * the figures and their drill-down so that the two always agree.
 */

/** The rows a figure is counted from: tickets by registration day, tickets by resolution day, callbacks by resolution day. */
export type CareSource = 'registrations' | 'resolutions' | 'callbacks';

interface SourceSql {
  /** The facts, as `f` (and a complaint's first resolution run as `r`). */
  from: string;
  /** The day a row counts on. */
  dateColumn: string;
  /** The instant a drill-down orders by, newest first, and the key that breaks ties. */
  instant: string;
  key: string;
}

export const SOURCES: Record<CareSource, SourceSql> = {
  registrations: {
    // A complaint's standard: the due instant of its first resolution run, from the service figures' facts.
    from: `ticket_care_facts f
           left join lateral (
             select m.started_at, m.due_at, m.breached_at from ticket_metric_facts m
              where f.ticket_type = 'COMPLAINT' and m.tenant_id = f.tenant_id and m.ticket_id = f.ticket_id and m.metric = 'RESOLUTION'
              order by m.started_at limit 1
           ) r on true`,
    dateColumn: 'local_date',
    instant: 'f.registered_at',
    key: 'f.ticket_id',
  },
  resolutions: { from: 'ticket_care_facts f', dateColumn: 'resolved_local_date', instant: 'f.resolved_at', key: 'f.ticket_id' },
  callbacks: { from: 'callback_care_facts f', dateColumn: 'local_date', instant: 'f.resolved_at', key: 'f.callback_id' },
};

const COMPLAINT = `f.ticket_type = 'COMPLAINT'`;
const ANSWERED = 'f.result_reported_at is not null';
const MEASURED = 'r.started_at is not null';
/** Reported by the due instant; while the run was paused (no due instant), before it ever breached. */
const WITHIN_STANDARD = `(${COMPLAINT} and ${ANSWERED} and ${MEASURED}
  and coalesce(f.result_reported_at <= r.due_at, r.breached_at is null or f.result_reported_at < r.breached_at))`;
/** Takes `now`: answered, or past the due instant unanswered. */
const DECIDED_ON_STANDARD = `(${COMPLAINT} and ${MEASURED} and (${ANSWERED} or r.due_at <= ?::timestamptz))`;
const LOW = 'f.score <= 2';
const ON_A_DEVICE = 'f.device_id is not null';

export interface CareCondition {
  source: CareSource;
  sql: string;
  /** Whether the condition takes `now` as its one parameter. */
  takesNow?: boolean;
}

export const CARE_CONDITIONS: Record<CareFigure, CareCondition> = {
  [CareFigure.TICKETS]: { source: 'registrations', sql: 'true' },
  [CareFigure.COMPLAINTS]: { source: 'registrations', sql: COMPLAINT },
  [CareFigure.COMPLAINTS_ANSWERED]: { source: 'registrations', sql: `(${COMPLAINT} and ${ANSWERED})` },
  [CareFigure.COMPLAINTS_ANSWERED_WITHIN_STANDARD]: { source: 'registrations', sql: WITHIN_STANDARD },
  [CareFigure.COMPLAINTS_DECIDED_ON_STANDARD]: { source: 'registrations', sql: DECIDED_ON_STANDARD, takesNow: true },
  [CareFigure.COMPLAINTS_CALLED_BACK]: { source: 'registrations', sql: `(${COMPLAINT} and f.called_back)` },
  [CareFigure.SURVEYS]: { source: 'callbacks', sql: 'true' },
  [CareFigure.SURVEYS_SENT]: { source: 'callbacks', sql: 'f.sent_at is not null' },
  [CareFigure.SURVEYS_ANSWERED]: { source: 'callbacks', sql: 'f.score is not null' },
  [CareFigure.SURVEYS_NO_RESPONSE]: { source: 'callbacks', sql: `f.state = 'NO_RESPONSE'` },
  [CareFigure.SURVEYS_SATISFIED]: { source: 'callbacks', sql: 'f.score >= 4' },
  [CareFigure.LOW_SCORES]: { source: 'callbacks', sql: LOW },
  [CareFigure.LOW_SCORES_REOPENED]: { source: 'callbacks', sql: `(${LOW} and f.reopened)` },
  [CareFigure.LOW_SCORES_NOT_REOPENED]: { source: 'callbacks', sql: `(${LOW} and not f.reopened)` },
  [CareFigure.RESOLUTIONS]: { source: 'resolutions', sql: ON_A_DEVICE },
  [CareFigure.BACK_WITHIN_30_DAYS]: { source: 'resolutions', sql: `(${ON_A_DEVICE} and f.returned_at <= f.resolved_at + interval '30 days')` },
  [CareFigure.BACK_WITHIN_90_DAYS]: { source: 'resolutions', sql: `(${ON_A_DEVICE} and f.returned_at <= f.resolved_at + interval '90 days')` },
};

/** The figures counted from one source, in a fixed order. */
export function figuresOf(source: CareSource): CareFigure[] {
  return Object.values(CareFigure).filter((figure) => CARE_CONDITIONS[figure].source === source);
}

/** The first day of the interval a row's day falls in, as text. */
export function bucketSql(interval: FigureInterval, dateColumn: string): string {
  const column = `f.${dateColumn}`;
  switch (interval) {
    case FigureInterval.DAY:
      return `to_char(${column}, 'YYYY-MM-DD')`;
    case FigureInterval.WEEK:
      return `to_char(date_trunc('week', ${column}), 'YYYY-MM-DD')`;
    case FigureInterval.MONTH:
      return `to_char(date_trunc('month', ${column}), 'YYYY-MM-DD')`;
  }
}
