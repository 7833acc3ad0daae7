import fc from 'fast-check';
import { DateTime } from 'luxon';
import { loadNationalCalendar, storeCalendar } from '../domain/standards/national-calendar';
import { WorkingCalendar } from '../domain/standards/working-calendar';

/**
 * Working-time arithmetic, with the examples written out as expected instants,
 * and properties that must hold for any instant and any amount.
 */
const WEEKDAY_HOURS = ['09:00-12:00', '13:30-18:00'];
const CN = loadNationalCalendar('CN');

/** A Beijing store: weekday hours with a lunch break, short Saturdays, closed on Sundays. */
const beijing = new WorkingCalendar(
  storeCalendar(CN, { weekly: { 1: WEEKDAY_HOURS, 2: WEEKDAY_HOURS, 3: WEEKDAY_HOURS, 4: WEEKDAY_HOURS, 5: WEEKDAY_HOURS, 6: ['10:00-16:00'] } }),
);
/** Closed on weekends: the national adjusted working days are then the only weekend days worked. */
const weekdaysOnly = new WorkingCalendar(
  storeCalendar(CN, { weekly: { 1: WEEKDAY_HOURS, 2: WEEKDAY_HOURS, 3: WEEKDAY_HOURS, 4: WEEKDAY_HOURS, 5: WEEKDAY_HOURS } }),
);
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('the national calendar', () => {
  test('2026 as published: the Spring Festival week is closed, its adjusted Saturday is worked', () => {
    expect(CN.holidays.get('2026-02-17')).toMatch(/Spring Festival/);
    expect(weekdaysOnly.isWorkingDay('2026-02-14')).toBe(true); // Saturday, adjusted
    expect(weekdaysOnly.isWorkingDay('2026-02-16')).toBe(false); // Monday in the holiday
    expect(weekdaysOnly.isWorkingDay('2026-02-21')).toBe(false);
    expect(weekdaysOnly.isWorkingDay('2026-02-24')).toBe(true);
    expect(weekdaysOnly.isWorkingDay('2026-09-20')).toBe(true); // Sunday, adjusted for National Day
    expect(weekdaysOnly.workingMinutesOn('2026-02-14')).toBe(450); // adjusted days work weekday hours
    expect(CN.holidays.size).toBe(33);
  });
});

describe('examples', () => {
  describe('N working days is the same time of day on the Nth working day, placed inside its working time', () => {
    // The default store hours (docs/service-standards.md): weekdays 09:00-12:00 and 13:30-18:00, Saturdays 10:00-16:00; 11 March 2026 is a Wednesday.
    test('Wednesday 10:15 + 3 working days = Saturday 10:15', () => {
      expect(beijing.addWorkingDays(shanghai('2026-03-11T10:15:00'), 3)).toEqual(shanghai('2026-03-14T10:15:00'));
    });
    test("Wednesday 17:00 + 3 = Saturday 16:00: after Saturday's early close, its close", () => {
      expect(beijing.addWorkingDays(shanghai('2026-03-11T17:00:00'), 3)).toEqual(shanghai('2026-03-14T16:00:00'));
    });
    test("Wednesday 09:30 + 3 = Saturday 10:00: before Saturday's opening, its opening", () => {
      expect(beijing.addWorkingDays(shanghai('2026-03-11T09:30:00'), 3)).toEqual(shanghai('2026-03-14T10:00:00'));
    });
    test('Friday 19:00 + 1 = Monday 10:00: moved to Saturday 10:00 first', () => {
      expect(beijing.addWorkingDays(shanghai('2026-03-13T19:00:00'), 1)).toEqual(shanghai('2026-03-16T10:00:00'));
    });
    test('a time that falls in the lunch break of the due day is due at the start of the break', () => {
      // Saturday 12:30 (Saturdays have no break) + 2 working days: Tuesday 12:30 is in the break, so 12:00
      expect(beijing.addWorkingDays(shanghai('2026-03-14T12:30:00'), 2)).toEqual(shanghai('2026-03-17T12:00:00'));
    });
  });

  test('a deadline at the close of business is that close, not the next opening', () => {
    const fridayClose = shanghai('2026-12-04T18:00:00');
    // working minutes measured up to Friday's close and added back land on Friday's close (they once slipped to Saturday 10:00)
    for (const start of ['2026-12-04T15:46:59.753', '2026-12-04T13:33:59.506', '2026-12-03T16:54:57.205']) {
      const from = shanghai(start);
      expect(beijing.addWorkingMinutes(from, beijing.workingMinutesBetween(from, fridayClose))).toEqual(fridayClose);
    }
  });

  test('a complaint on the Friday before the Spring Festival at 17:00, 3 working days: the adjusted Saturday counts, the holiday week does not', () => {
    const registered = shanghai('2026-02-13T17:00:00');
    // day 1: Sat 14 Feb (adjusted); 15-23 Feb closed; day 2: Tue 24; day 3: Wed 25, at the same point of the day
    expect(weekdaysOnly.addWorkingDays(registered, 3)).toEqual(shanghai('2026-02-25T17:00:00'));
    // the same target in minutes: 3 × 450 working minutes from 17:00 Friday
    expect(weekdaysOnly.addWorkingMinutes(registered, 3 * 450)).toEqual(shanghai('2026-02-25T17:00:00'));
  });

  test('an adjusted Sunday is worked: Friday 17:00 before National Day, one working day, is due that Sunday', () => {
    // Sun 20 September 2026 is worked to make the National Day week
    expect(weekdaysOnly.addWorkingDays(shanghai('2026-09-18T17:00:00'), 1)).toEqual(shanghai('2026-09-20T17:00:00'));
    // and a week later, the holiday: Wed 30 Sep 17:00 + 1 working day skips 1-7 October
    expect(weekdaysOnly.addWorkingDays(shanghai('2026-09-30T17:00:00'), 1)).toEqual(shanghai('2026-10-08T17:00:00'));
  });

  test('outside working hours the count starts at the next working instant, at its time of day', () => {
    // Monday 08:00 moves to Monday 09:00: one working day later is Tuesday 09:00
    expect(weekdaysOnly.addWorkingDays(shanghai('2026-03-09T08:00:00'), 1)).toEqual(shanghai('2026-03-10T09:00:00'));
    // Friday 20:00 moves to Monday 09:00: two working days later is Wednesday 09:00
    expect(weekdaysOnly.addWorkingDays(shanghai('2026-03-13T20:00:00'), 2)).toEqual(shanghai('2026-03-18T09:00:00'));
    expect(weekdaysOnly.addWorkingDays(shanghai('2026-03-10T10:00:00'), 0)).toEqual(shanghai('2026-03-10T10:00:00'));
  });

  test('a request at 11:50 with a 30-minute dispatch target crosses the 12:00-13:30 lunch break', () => {
    expect(beijing.addWorkingMinutes(shanghai('2026-03-10T11:50:00'), 30)).toEqual(shanghai('2026-03-10T13:50:00'));
    expect(beijing.workingMinutesBetween(shanghai('2026-03-10T11:50:00'), shanghai('2026-03-10T13:50:00'))).toBe(30);
  });

  test('half a working day on a Saturday with short hours is half of that Saturday', () => {
    // Saturday 10:00-16:00 = 360 minutes: half is 180
    expect(beijing.addHalfWorkingDay(shanghai('2026-03-14T10:00:00'))).toEqual(shanghai('2026-03-14T13:00:00'));
    // on a weekday, half of 450 minutes: 225, across lunch
    expect(beijing.addHalfWorkingDay(shanghai('2026-03-10T09:00:00'))).toEqual(shanghai('2026-03-10T14:15:00'));
    // from Saturday 15:00, the rest spills into Monday (Sunday is closed)
    expect(beijing.addHalfWorkingDay(shanghai('2026-03-14T15:00:00'))).toEqual(shanghai('2026-03-16T11:00:00'));
  });

  test('outside working time the clock starts at the next working instant', () => {
    expect(beijing.nextWorkingInstant(shanghai('2026-03-10T12:30:00'))).toEqual(shanghai('2026-03-10T13:30:00'));
    expect(beijing.nextWorkingInstant(shanghai('2026-03-15T08:00:00'))).toEqual(shanghai('2026-03-16T09:00:00'));
    expect(beijing.addWorkingMinutes(shanghai('2026-03-10T20:00:00'), 30)).toEqual(shanghai('2026-03-11T09:30:00'));
    expect(weekdaysOnly.nextWorkingInstant(shanghai('2026-10-01T09:00:00'))).toEqual(shanghai('2026-10-08T09:00:00'));
  });

  test('across a DST change the working day is what the clock gives (New York, spring forward)', () => {
    const ny = new WorkingCalendar({ timeZone: 'America/New_York', weekly: { 7: [{ start: 60, end: 240 }], 1: [{ start: 540, end: 1020 }] } });
    // Sunday 8 March 2026: 01:00-04:00 local holds only 2 real hours (02:00 does not exist)
    expect(ny.workingMinutesOn('2026-03-08')).toBe(120);
    const start = new Date('2026-03-08T06:00:00Z'); // 01:00 EST
    expect(ny.addWorkingMinutes(start, 90)).toEqual(new Date('2026-03-08T07:30:00Z')); // 03:30 EDT
    expect(ny.workingMinutesBetween(start, new Date('2026-03-09T14:00:00Z'))).toBe(120 + 60);
  });
});

/** Raise PROPERTY_RUNS to search harder (e.g. 20000) when changing the calendar code. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

describe('properties', () => {
  const instant = fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2026-12-01T00:00:00Z') }).filter((d) => !Number.isNaN(d.getTime()));
  const minutes = fc.integer({ min: 0, max: 20_000 });
  const calendars = fc.constantFrom(beijing, weekdaysOnly);

  test('adding N working minutes then measuring gives back N', () => {
    fc.assert(
      fc.property(calendars, instant, minutes, (calendar, at, n) => {
        const due = calendar.addWorkingMinutes(at, n);
        expect(calendar.workingMinutesBetween(at, due)).toBeCloseTo(n, 6);
      }),
      { numRuns: RUNS },
    );
  });

  test('a due instant always closes working time: the instant just before it is working time', () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 1, max: 20_000 }), (calendar, at, n) => {
        const due = calendar.addWorkingMinutes(at, n);
        expect(calendar.isWorkingTime(new Date(due.getTime() - 1))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test('monotonic in N, and the next working instant is working time', () => {
    fc.assert(
      fc.property(calendars, instant, minutes, minutes, (calendar, at, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(calendar.addWorkingMinutes(at, small).getTime()).toBeLessThanOrEqual(calendar.addWorkingMinutes(at, large).getTime());
        expect(calendar.isWorkingTime(calendar.nextWorkingInstant(at))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test('working days land in working time (or at the close of a working interval), later for more days', () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 1, max: 30 }), (calendar, at, days) => {
        const due = calendar.addWorkingDays(at, days);
        expect(calendar.isWorkingTime(due) || calendar.isWorkingTime(new Date(due.getTime() - 1))).toBe(true);
        expect(due.getTime()).toBeGreaterThan(calendar.nextWorkingInstant(at).getTime());
        expect(due.getTime()).toBeLessThan(calendar.addWorkingDays(at, days + 1).getTime());
      }),
      { numRuns: RUNS },
    );
  });

  test('working days keep the time of day of the start whenever that time is working time on the due day', () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 1, max: 30 }), (calendar, at, days) => {
        const start = DateTime.fromJSDate(calendar.nextWorkingInstant(at), { zone: calendar.timeZone });
        const due = DateTime.fromJSDate(calendar.addWorkingDays(at, days), { zone: calendar.timeZone });
        const wanted = due.set({ hour: start.hour, minute: start.minute, second: start.second, millisecond: start.millisecond });
        if (calendar.isWorkingTime(wanted.toJSDate())) expect(due.toMillis()).toBe(wanted.toMillis());
      }),
      { numRuns: RUNS },
    );
  });

  test('working minutes measured up to any instant and added back give that instant, when it closes working time', () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 1, max: 20_000 * 60_000 }), (calendar, at, later) => {
        const to = calendar.addWorkingMinutes(at, later / 60_000);
        expect(calendar.addWorkingMinutes(at, calendar.workingMinutesBetween(at, to))).toEqual(to);
      }),
      { numRuns: RUNS },
    );
  });
});
