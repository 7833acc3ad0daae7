import { DateTime } from 'luxon';

/** What `generate-month` writes: which month, from which seed, how many tickets per store and working day. */
export interface MonthOptions {
  seed: number;
  month: string;
  perDay: number;
}

export const DEFAULT_PER_DAY = 15;

/** The options of the command line, checked; without `--month`, the previous calendar month in Asia/Shanghai. */
export function monthOptions(values: Record<string, string | undefined>, now: Date): MonthOptions {
  if (values.seed === undefined) throw new Error('--seed is required');
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error('--seed must be a whole number');
  const perDay = values['per-day'] === undefined ? DEFAULT_PER_DAY : Number(values['per-day']);
  if (!Number.isSafeInteger(perDay) || perDay < 1 || perDay > 500) throw new Error('--per-day must be a whole number from 1 to 500');
  const month = values.month ?? DateTime.fromJSDate(now, { zone: 'Asia/Shanghai' }).minus({ months: 1 }).toFormat('yyyy-MM');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error('--month must be YYYY-MM');
  return { seed, month, perDay };
}
