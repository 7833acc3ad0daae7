import { DateTime } from 'luxon';
import { UserInputError } from '../errors';

/** A month of the ranking: `YYYY-MM` as callers name it, its first day, and the month before it. */
export interface RankingMonth {
  month: string;
  firstDay: string;
  previous: { month: string; firstDay: string };
}

/** Reads `YYYY-MM`; anything else is the caller's to fix. */
export function rankingMonthOf(month: string): RankingMonth {
  const first = /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' }) : null;
  if (!first?.isValid) throw new UserInputError('INVALID_MONTH', '`month` must be a month, YYYY-MM (2026-11)', ['month']);
  const before = first.minus({ months: 1 });
  return {
    month,
    firstDay: first.toISODate()!,
    previous: { month: before.toFormat('yyyy-MM'), firstDay: before.toISODate()! },
  };
}
