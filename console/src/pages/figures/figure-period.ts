/** How the page names its period: a month, an ISO week, or a range of days (both included). */
export type PeriodKind = 'month' | 'week' | 'custom';

export interface PeriodChoice {
  kind: PeriodKind;
  /** YYYY-MM */
  month: string;
  /** YYYY-Www, as a week input gives it. */
  week: string;
  /** YYYY-MM-DD */
  from: string;
  to: string;
}

/** The period of `serviceFigures` (and of the export routes) as the choice names it; null while a range is incomplete. */
export type FigurePeriod = { month: string } | { week: string } | { from: string; to: string };

/** Today in the tenant's time zone, YYYY-MM-DD: the figures' days are the store's. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The ISO week (YYYY-Www) a day falls in. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** This month, this week and the month so far, in the tenant's days. */
export function defaultChoice(timeZone: string): PeriodChoice {
  const today = todayIn(timeZone);
  return { kind: 'month', month: today.slice(0, 7), week: isoWeekOf(today), from: `${today.slice(0, 7)}-01`, to: today };
}

export function periodOf(choice: PeriodChoice): FigurePeriod | null {
  if (choice.kind === 'month') return choice.month ? { month: choice.month } : null;
  if (choice.kind === 'week') return choice.week ? { week: choice.week } : null;
  return choice.from && choice.to && choice.from <= choice.to ? { from: choice.from, to: choice.to } : null;
}

/** The series' interval: days for a month or a week, weeks for a range longer than two months. */
export function intervalOf(period: FigurePeriod): 'DAY' | 'WEEK' {
  if (!('from' in period)) return 'DAY';
  const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000 + 1;
  return days > 62 ? 'WEEK' : 'DAY';
}

/** Query parameters of the export routes for the same figures. */
export function exportQuery(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  return `?${search.toString()}`;
}

/** The median of the values (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round(((sorted[middle - 1] + sorted[middle]) / 2) * 100) / 100;
}
