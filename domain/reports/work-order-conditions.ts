import { WorkOrderFigure as F } from '../../core/sla-enums';
import type { DayRange } from './figure-period';

/**
 * Which of a partner's work orders each figure counts, as SQL over
 * `work_orders w` and the period's bounds `b` (s: its first instant, e: the
 * instant after its last day, cut: its end, or for a period not ended the
 * instant just after now, so that an order received this very instant is open).
 * The figures count with these and their drill-down lists select with them,
 * so a figure and its list cannot disagree.
 */
const REPAIRED = `(w.repaired_at >= b.s and w.repaired_at < b.e)`;
/** The first of the milestones that take the order off the partner's bench (least() skips nulls). */
const DONE_AT = `least(w.repaired_at, w.returned_at, w.cancelled_at)`;
const OPEN = `(w.created_at < b.cut and (${DONE_AT} is null or ${DONE_AT} >= b.cut))`;

export const FIGURE_CONDITIONS: Readonly<Record<F, string>> = {
  [F.RECEIVED]: `(w.created_at >= b.s and w.created_at < b.e)`,
  [F.REPAIRED]: REPAIRED,
  [F.REPAIRED_ON_TIME]: `(${REPAIRED} and w.store_due_at is not null and w.repaired_at <= w.store_due_at)`,
  [F.REPAIRED_LATE]: `(${REPAIRED} and w.repaired_at > w.store_due_at)`,
  [F.REPAIRED_WITHOUT_DEADLINE]: `(${REPAIRED} and w.store_due_at is null)`,
  [F.REWORKED]: `(${REPAIRED} and w.reworks > 0)`,
  [F.RETURNED_UNREPAIRED]: `(w.returned_at >= b.s and w.returned_at < b.e and w.repaired_at is null)`,
  [F.CANCELLED]: `(w.cancelled_at >= b.s and w.cancelled_at < b.e)`,
  [F.OPEN]: OPEN,
  [F.OVERDUE]: `(${OPEN} and w.store_due_at < b.cut)`,
};

/** Every order any figure of the period can count: the index narrows by tenant and creation; the rest is checked per row. */
export const ANY_FIGURE = `(w.created_at < b.e and (w.created_at >= b.s or ${DONE_AT} is null or ${DONE_AT} >= b.s or w.repaired_at >= b.s))`;

/** The period's bounds in the partner's time zone, as a one-row `b`; its parameters are `boundsParameters`. */
export const BOUNDS = `(select s, e, least(e, ?::timestamptz + interval '1 microsecond') as cut
                          from (select (?::date)::timestamp at time zone z as s, (?::date + 1)::timestamp at time zone z as e
                                  from (select ?::text as z) zone) days) b`;

/** BOUNDS' parameters, in the order they appear in it. */
export function boundsParameters(range: DayRange, timeZone: string, now: Date): unknown[] {
  return [now, range.from, range.to, timeZone];
}
