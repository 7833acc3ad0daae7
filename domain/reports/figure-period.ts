import { DateTime } from 'luxon';
import { FigureInterval } from '../../core/sla-enums';
import { UserInputError } from '../errors';

/** A period as the caller names it: exactly one of a day, an ISO week, a month, or a range of days (both ends included). */
export interface PeriodSpec {
  /** YYYY-MM-DD */
  day?: string | null;
  /** ISO week, YYYY-Www (2026-W47). */
  week?: string | null;
  /** YYYY-MM */
  month?: string | null;
  from?: string | null;
  to?: string | null;
}

/** A range of local days, both ends included: each store's own days, in its own time zone. */
export interface DayRange {
  from: string;
  to: string;
}

/** A year and a day: figures over longer ranges are read as several. */
const MAX_DAYS = 366;

export function dayRangeOf(spec: PeriodSpec): DayRange {
  const given = (['day', 'week', 'month'] as const).filter((key) => spec[key]);
  const ranged = spec.from || spec.to;
  if (given.length + (ranged ? 1 : 0) !== 1) {
    throw new UserInputError('INVALID_PERIOD', 'Give exactly one of `day`, `week`, `month`, or `from` with `to`', ['period']);
  }
  let from: DateTime;
  let to: DateTime;
  if (spec.day) {
    from = to = parsed(DateTime.fromFormat(spec.day, 'yyyy-MM-dd', { zone: 'UTC' }), 'day');
  } else if (spec.week) {
    from = parsed(DateTime.fromFormat(spec.week, "kkkk-'W'WW", { zone: 'UTC' }), 'week');
    to = from.plus({ days: 6 });
  } else if (spec.month) {
    from = parsed(DateTime.fromFormat(spec.month, 'yyyy-MM', { zone: 'UTC' }), 'month');
    to = from.endOf('month').startOf('day');
  } else {
    if (!spec.from || !spec.to) throw new UserInputError('INVALID_PERIOD', 'A range needs both `from` and `to`', ['period']);
    from = parsed(DateTime.fromFormat(spec.from, 'yyyy-MM-dd', { zone: 'UTC' }), 'from');
    to = parsed(DateTime.fromFormat(spec.to, 'yyyy-MM-dd', { zone: 'UTC' }), 'to');
    if (to < from) throw new UserInputError('INVALID_PERIOD', '`to` is before `from`', ['period', 'to']);
  }
  if (to.diff(from, 'days').days + 1 > MAX_DAYS) {
    throw new UserInputError('INVALID_PERIOD', `A period is at most ${MAX_DAYS} days`, ['period']);
  }
  return { from: from.toISODate()!, to: to.toISODate()! };
}

/** Whether the range is whole months, first day to last: what the rows per month count exactly. */
export function isWholeMonths(range: DayRange): boolean {
  const from = DateTime.fromISO(range.from, { zone: 'UTC' });
  const to = DateTime.fromISO(range.to, { zone: 'UTC' });
  return from.day === 1 && to.hasSame(to.endOf('month'), 'day');
}

/** The first day of every interval that overlaps the range, in order (a week starts on Monday). */
export function bucketStarts(range: DayRange, interval: FigureInterval): string[] {
  const unit = interval === FigureInterval.DAY ? 'day' : interval === FigureInterval.WEEK ? 'week' : 'month';
  const last = DateTime.fromISO(range.to, { zone: 'UTC' });
  const starts: string[] = [];
  for (let at = DateTime.fromISO(range.from, { zone: 'UTC' }).startOf(unit); at <= last; at = at.plus({ [`${unit}s`]: 1 })) {
    starts.push(at.toISODate()!);
  }
  return starts;
}

function parsed(date: DateTime, field: string): DateTime {
  if (!date.isValid)
    throw new UserInputError('INVALID_PERIOD', `\`${field}\` is not a valid ${field === 'week' ? 'ISO week (2026-W47)' : 'date'}`, ['period', field]);
  return date;
}
