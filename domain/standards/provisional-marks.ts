import { instantParam } from '../notifications/param-labels';
import type { Clock } from './sla-clock';
import type { WorkingCalendar } from './working-calendar';

/**
 * Where a due time was counted on days of a provisional national calendar
 * (a year whose official notice is not published yet), it says so: on the
 * clock in the API, on the timeline and in staff messages.
 */
export function clockIsProvisional(clock: Clock, calendar: WorkingCalendar, now: Date): boolean {
  if (!clock.workingTime || !clock.startedAt) return false;
  const end = clock.stoppedAt ?? now;
  const horizon = clock.dueAt && clock.dueAt > end ? clock.dueAt : end;
  return calendar.touchesProvisionalDays(clock.startedAt, horizon);
}

/** A clock's due instant for a message or the timeline, marked when provisional ('unknown' without one). */
export function dueParam(clock: Clock, calendar: WorkingCalendar, now: Date): string {
  return clock.dueAt ? instantParam(clock.dueAt, clockIsProvisional(clock, calendar, now)) : 'unknown';
}

export type MarkedClock = Clock & { provisional: boolean };

export function markProvisional(clocks: Clock[], calendar: WorkingCalendar, now: Date): MarkedClock[] {
  return clocks.map((clock) => ({ ...clock, provisional: clockIsProvisional(clock, calendar, now) }));
}
