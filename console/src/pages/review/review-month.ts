/** The month before the one the tenant is in now (YYYY-MM): a review reads a month that has ended. */
export function previousMonthIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((part) => part.type === 'year')!.value);
  const month = Number(parts.find((part) => part.type === 'month')!.value);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** Whether a figure is counted in minutes (lower is better) rather than a percentage. */
export const isMinutes = (figure: string) => figure === 'FIRST_RESPONSE_AVERAGE_MINUTES';
