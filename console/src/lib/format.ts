/**
 * Instants as people at the store read them: in the store's time zone (not
 * the browser's), in the console's language. A deadline at 18:00 Beijing time
 * shows as 18:00 for an HQ supervisor travelling abroad too.
 */
export function formatDateTime(iso: string | null | undefined, timeZone: string, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export function formatDate(isoOrDate: string | null | undefined, timeZone: string, language: string): string {
  if (!isoOrDate) return '';
  // A calendar date (YYYY-MM-DD) is a day in the store's calendar already: no time zone to apply.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate) ? new Date(`${isoOrDate}T12:00:00Z`) : new Date(isoOrDate);
  const zone = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate) ? 'UTC' : timeZone;
  return new Intl.DateTimeFormat(language, { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Money in its currency's minor unit (fen), shown in the currency. */
export function formatMoney(amountMinor: number, currency: string, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amountMinor / 100);
}

/** "2 h 05 min" / "2 小时 05 分", negative when overdue; for countdowns to a deadline. */
export function splitDuration(ms: number): { negative: boolean; days: number; hours: number; minutes: number; seconds: number } {
  const negative = ms < 0;
  let rest = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return { negative, days, hours, minutes, seconds: rest - minutes * 60 };
}
