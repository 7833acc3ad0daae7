import { DateTime } from 'luxon';

// Instants as people read them where they are: a time zone turns the clock's Date into a local day or moment.

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

/** A moment as the store's staff and customers read it, e.g. `2026-03-05 09:00`. */
export function localMoment(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');
}
