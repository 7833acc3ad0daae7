import { loadNationalCalendar, storeCalendar } from '../domain/standards/national-calendar';
import { WorkingCalendar } from '../domain/standards/working-calendar';

/**
 * Due dates for 100,000 tickets against a store calendar with a year of
 * national holidays, beside a plain loop doing the same number of date
 * additions without a calendar, measured in the same run.
 */
const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);

export function benchCalendar(): string[] {
  const hours = ['09:00-12:00', '13:30-18:00'];
  const calendar = new WorkingCalendar(
    storeCalendar(loadNationalCalendar('CN'), { weekly: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: ['10:00-16:00'] } }),
  );
  // Registration instants spread over 2026, every 5 minutes and 17 seconds.
  const start = new Date('2026-01-01T00:00:00+08:00').getTime();
  const instants = Array.from({ length: TICKETS }, (_, i) => new Date(start + ((i * 317_000) % (365 * 86_400_000))));
  const targets = [30, 225, 1350]; // dispatch, half a day, three days of working minutes

  const baselineStart = process.hrtime.bigint();
  let checksum = 0;
  for (const at of instants) for (const minutes of targets) checksum += new Date(at.getTime() + minutes * 60_000).getTime() % 7;
  const baselineMs = Number(process.hrtime.bigint() - baselineStart) / 1e6;

  const calendarStart = process.hrtime.bigint();
  for (const at of instants) for (const minutes of targets) checksum += calendar.addWorkingMinutes(at, minutes).getTime() % 7;
  const calendarMs = Number(process.hrtime.bigint() - calendarStart) / 1e6;

  const dueDates = TICKETS * targets.length;
  return [
    `${dueDates} due dates (${TICKETS} tickets x ${targets.length} targets), store calendar with the 2026 national holidays`,
    `baseline: plain date additions      ${baselineMs.toFixed(1).padStart(9)} ms   ${((dueDates / baselineMs) * 1000).toFixed(0)} per s`,
    `working calendar                    ${calendarMs.toFixed(1).padStart(9)} ms   ${((dueDates / calendarMs) * 1000).toFixed(0)} per s   (${(calendarMs / baselineMs).toFixed(1)}x the baseline; checksum ${checksum % 1000})`,
  ];
}
