import { DateTime } from 'luxon';

/**
 * Working time of a tenant: weekly hours with several intervals a day, dated
 * holidays, and dated adjusted working days (China moves weekends to make long
 * holidays: a Saturday or Sunday that is worked, with its hours).
 *
 * All arithmetic walks real instants: a working interval is the span between
 * its local start and end on that date, so across a DST change a day's working
 * time is what the clock really gives, and adding then measuring agrees to the
 * minute.
 */
export interface LocalInterval {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

export interface CalendarDefinition {
  timeZone: string;
  /** ISO weekday (1 = Monday … 7 = Sunday) → its working intervals. */
  weekly: Partial<Record<number, LocalInterval[]>>;
  /** Closed dates (YYYY-MM-DD). */
  holidays?: Iterable<string>;
  /** Normally closed dates that are worked, with their hours (default: Monday's). */
  adjustedWorkdays?: Iterable<[string, LocalInterval[] | null]>;
  /** Dates with different hours (a store's late opening, an early close). */
  specialHours?: Iterable<[string, LocalInterval[]]>;
  /**
   * Years whose holidays and adjusted days above are official. When given,
   * every other year is provisional: its days come from `provisionalYear`
   * (asked once per year the arithmetic reaches) and are marked as such.
   */
  officialYears?: Iterable<number>;
  provisionalYear?: (year: number) => { holidays: Iterable<string>; adjustedWorkdays?: Iterable<[string, LocalInterval[] | null]> } | null;
}

interface ProvisionalDays {
  holidays: Set<string>;
  adjusted: Map<string, LocalInterval[]>;
}

const MINUTE = 60_000;
/** Far enough to cross any real holiday period; protects against a calendar with no working time at all. */
const MAX_DAYS_SEARCHED = 3700;

export class NoWorkingTimeError extends Error {}

export class WorkingCalendar {
  readonly timeZone: string;
  private readonly weekly: Map<number, LocalInterval[]>;
  private readonly holidays: Set<string>;
  private readonly adjusted: Map<string, LocalInterval[]>;
  private readonly special: Map<string, LocalInterval[]>;
  private readonly dayCache = new Map<string, [number, number][]>();
  private readonly dateCache = new Map<number, string>();
  private readonly officialYears: Set<number> | null;
  private readonly provisionalSource: CalendarDefinition['provisionalYear'];
  private readonly provisionalYears = new Map<number, ProvisionalDays | null>();
  /** sums[i]: working ms of the days from sumsFrom to sumsFrom + i (excluded), see extendSums. */
  private sumsFrom: number | null = null;
  private sums: number[] = [0];
  private readonly workingDaysCache = new Map<string, number>();

  constructor(definition: CalendarDefinition) {
    if (!DateTime.local().setZone(definition.timeZone).isValid) throw new Error(`Unknown time zone ${definition.timeZone}`);
    this.timeZone = definition.timeZone;
    this.weekly = new Map(Object.entries(definition.weekly).map(([day, intervals]) => [Number(day), normalized(intervals ?? [])]));
    this.holidays = new Set(definition.holidays ?? []);
    const mondayHours = this.weekly.get(1) ?? [];
    this.adjusted = new Map([...(definition.adjustedWorkdays ?? [])].map(([date, hours]) => [date, normalized(hours ?? mondayHours)]));
    this.special = new Map([...(definition.specialHours ?? [])].map(([date, hours]) => [date, normalized(hours)]));
    this.officialYears = definition.officialYears ? new Set(definition.officialYears) : null;
    this.provisionalSource = definition.provisionalYear;
  }

  /**
   * The local working intervals of a date: special hours, else closed on a
   * holiday (or a closure), else adjusted, else, in a provisional year, its
   * provisional holidays, else weekly.
   */
  intervalsOn(date: string): LocalInterval[] {
    if (this.special.has(date)) return this.special.get(date)!;
    if (this.holidays.has(date)) return [];
    if (this.adjusted.has(date)) return this.adjusted.get(date)!;
    const provisional = this.provisionalDays(date);
    if (provisional?.holidays.has(date)) return [];
    if (provisional?.adjusted.has(date)) return provisional.adjusted.get(date)!;
    return this.weekly.get(isoWeekday(date)) ?? [];
  }

  /** Whether a date's national days are provisional: its year's official calendar is not known. */
  isProvisional(date: string): boolean {
    return this.officialYears !== null && !this.officialYears.has(Number(date.slice(0, 4)));
  }

  /** Whether any day from one instant to the other (in either order) is provisional. */
  touchesProvisionalDays(from: Date, to: Date): boolean {
    if (this.officialYears === null) return false;
    const [a, b] = [this.localDate(from.getTime()), this.localDate(to.getTime())].map((date) => Number(date.slice(0, 4))).sort((x, y) => x - y);
    for (let year = a; year <= b; year += 1) if (!this.officialYears.has(year)) return true;
    return false;
  }

  private provisionalDays(date: string): ProvisionalDays | null {
    if (!this.isProvisional(date) || !this.provisionalSource) return null;
    const year = Number(date.slice(0, 4));
    if (!this.provisionalYears.has(year)) {
      const days = this.provisionalSource(year);
      const mondayHours = this.weekly.get(1) ?? [];
      this.provisionalYears.set(
        year,
        days
          ? {
              holidays: new Set(days.holidays),
              adjusted: new Map([...(days.adjustedWorkdays ?? [])].map(([d, hours]) => [d, normalized(hours ?? mondayHours)])),
            }
          : null,
      );
    }
    return this.provisionalYears.get(year)!;
  }

  isWorkingDay(date: string): boolean {
    return this.intervalsOn(date).length > 0;
  }

  /** Working minutes a date really has (shorter or longer on a DST change). */
  workingMinutesOn(date: string): number {
    return this.spansOn(date).reduce((sum, [start, end]) => sum + (end - start) / MINUTE, 0);
  }

  isWorkingTime(at: Date): boolean {
    const t = at.getTime();
    return this.spansOn(this.localDate(t)).some(([start, end]) => t >= start && t < end);
  }

  /** The first working instant at or after `at`. */
  nextWorkingInstant(at: Date): Date {
    let t = at.getTime();
    let date = this.localDate(t);
    for (let i = 0; i < MAX_DAYS_SEARCHED; i += 1, date = nextDate(date)) {
      for (const [start, end] of this.spansOn(date)) {
        if (t < end) return new Date(Math.max(t, start));
      }
      t = -Infinity;
    }
    throw new NoWorkingTimeError('The calendar has no working time ahead');
  }

  /** The instant `minutes` of working time after `at` (which need not be working time itself). */
  addWorkingMinutes(at: Date, minutes: number): Date {
    if (minutes < 0 || !Number.isFinite(minutes)) throw new Error('minutes must be a finite number >= 0');
    // Whole milliseconds: minutes measured by workingMinutesBetween come back as the same instant, so a
    // deadline at a close stays at the close instead of slipping, by a rounding error, to the next opening.
    let remaining = Math.round(minutes * MINUTE);
    let t = at.getTime();
    let date = this.localDate(t);
    for (let i = 0; i < MAX_DAYS_SEARCHED * 2; i += 1, date = nextDate(date)) {
      for (const [start, end] of this.spansOn(date)) {
        if (t >= end) continue;
        const from = Math.max(t, start);
        if (remaining === 0) return new Date(from);
        const available = end - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
        t = end;
      }
    }
    throw new NoWorkingTimeError('The calendar has no working time ahead');
  }

  /** Working time between two instants, in minutes (0 when `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (b <= a) return 0;
    let total = 0;
    let date = this.localDate(a);
    const last = this.localDate(b);
    const [firstDay, lastDay] = [dayNumber(date), dayNumber(last)];
    if (lastDay - firstDay > 1 && lastDay - firstDay < MAX_DAYS_SEARCHED * 2) {
      // A long span (a ticket open for months): its whole days in between are counted from sums kept by the
      // calendar, so that the work does not grow with the span; its first and last days are counted as below.
      return (this.overlapOn(date, a, b) + this.workingMsOfDays(firstDay + 1, lastDay) + this.overlapOn(last, a, b)) / MINUTE;
    }
    for (let i = 0; i < MAX_DAYS_SEARCHED * 2; i += 1) {
      for (const [start, end] of this.spansOn(date)) {
        const overlap = Math.min(end, b) - Math.max(start, a);
        if (overlap > 0) total += overlap;
      }
      if (date >= last) break;
      date = nextDate(date);
    }
    return total / MINUTE;
  }

  /** Working time of a local date within [a, b), in ms. */
  private overlapOn(date: string, a: number, b: number): number {
    let total = 0;
    for (const [start, end] of this.spansOn(date)) {
      const overlap = Math.min(end, b) - Math.max(start, a);
      if (overlap > 0) total += overlap;
    }
    return total;
  }

  /** Working ms of the whole days from `from` to `until` (excluded), day numbers (see dayNumber). */
  private workingMsOfDays(from: number, until: number): number {
    this.extendSums(from);
    this.extendSums(until);
    return this.sums[until - this.sumsFrom!] - this.sums[from - this.sumsFrom!];
  }

  /**
   * Keeps running sums of the working ms of each day, from the first day this
   * calendar was asked about, extended to cover `day` (earlier days shift them
   * all, so only differences read after extending mean anything).
   */
  private extendSums(day: number): void {
    if (this.sumsFrom === null) this.sumsFrom = day;
    if (day < this.sumsFrom) {
      const earlier = [0];
      for (let d = day; d < this.sumsFrom; d += 1) earlier.push(earlier[earlier.length - 1] + this.overlapOn(dateOfDay(d), -Infinity, Infinity));
      const shift = earlier[earlier.length - 1];
      this.sums = [...earlier.slice(0, -1), ...this.sums.map((sum) => sum + shift)];
      this.sumsFrom = day;
    }
    while (this.sumsFrom + this.sums.length - 1 < day) {
      const d = this.sumsFrom + this.sums.length - 1;
      this.sums.push(this.sums[this.sums.length - 1] + this.overlapOn(dateOfDay(d), -Infinity, Infinity));
    }
  }

  /**
   * "Half a working day": half of the working minutes of the day the clock
   * starts on (the day of the next working instant), added as working time.
   */
  addHalfWorkingDay(at: Date): Date {
    const start = this.nextWorkingInstant(at);
    return this.addWorkingMinutes(start, this.workingMinutesOn(this.localDate(start.getTime())) / 2);
  }

  /**
   * N working days later, as a customer reads it: a start outside working
   * time first moves to the next working instant s; the due instant is s's
   * time of day on the Nth working day after s's day, placed inside that
   * day's working time: before its opening → the opening, after its close
   * (a short Saturday) → the close, inside a break → the start of the break.
   * With weekdays 09:00-12:00 and 13:30-18:00 and Saturdays 10:00-16:00,
   * Wednesday 10:15 + 3 is Saturday 10:15, Wednesday 17:00 + 3 is Saturday
   * 16:00 and Wednesday 09:30 + 3 is Saturday 10:00.
   */
  addWorkingDays(at: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new Error('days must be a whole number >= 0');
    // Placing the time of day goes through time zone arithmetic: a ticket's clocks ask for the same
    // promise on every read, so each is worked out once per calendar.
    const key = `${at.getTime()}|${days}`;
    const known = this.workingDaysCache.get(key);
    if (known !== undefined) return new Date(known);
    const due = this.workingDaysLater(at, days);
    if (this.workingDaysCache.size > 20_000) this.workingDaysCache.clear();
    this.workingDaysCache.set(key, due.getTime());
    return due;
  }

  private workingDaysLater(at: Date, days: number): Date {
    const start = this.nextWorkingInstant(at);
    if (days === 0) return start;
    const local = DateTime.fromMillis(start.getTime(), { zone: this.timeZone });
    const date = this.workingDayAfter(local.toISODate()!, days);
    const sameTime = DateTime.fromISO(date, { zone: this.timeZone })
      .set({ hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond })
      .toMillis();
    return new Date(placedInside(this.spansOn(date), sameTime));
  }

  /** The `count`th working day after `date` (the date itself for 0). */
  private workingDayAfter(date: string, count: number): string {
    let current = date;
    for (let found = 0, i = 0; found < count; i += 1) {
      if (i > MAX_DAYS_SEARCHED) throw new NoWorkingTimeError('The calendar has no working time ahead');
      current = nextDate(current);
      if (this.isWorkingDay(current)) found += 1;
    }
    return current;
  }

  /** Working intervals of a local date as instants (epoch ms), in order. */
  private spansOn(date: string): [number, number][] {
    const cached = this.dayCache.get(date);
    if (cached) return cached;
    const midnight = DateTime.fromISO(date, { zone: this.timeZone });
    const spans = this.intervalsOn(date)
      .map(({ start, end }): [number, number] => [
        midnight.set({ hour: Math.floor(start / 60), minute: start % 60 }).toMillis(),
        end === 1440 ? midnight.plus({ days: 1 }).toMillis() : midnight.set({ hour: Math.floor(end / 60), minute: end % 60 }).toMillis(),
      ])
      .filter(([start, end]) => end > start);
    if (this.dayCache.size > 20_000) this.dayCache.clear();
    this.dayCache.set(date, spans);
    return spans;
  }

  /**
   * The local date of an instant. Every real UTC offset is a multiple of 15
   * minutes, so all instants of one quarter hour share a local date: caching
   * by quarter hour keeps luxon out of the hot path of due-date computations.
   */
  private localDate(epochMs: number): string {
    const quarter = Math.floor(epochMs / QUARTER_HOUR);
    let date = this.dateCache.get(quarter);
    if (date === undefined) {
      date = DateTime.fromMillis(quarter * QUARTER_HOUR, { zone: this.timeZone }).toISODate()!;
      if (this.dateCache.size > 200_000) this.dateCache.clear();
      this.dateCache.set(quarter, date);
    }
    return date;
  }
}

const QUARTER_HOUR = 15 * MINUTE;

/** An instant of a working day moved into its working time: to the opening, the close, or the start of a break. */
function placedInside(spans: [number, number][], t: number): number {
  if (t < spans[0][0]) return spans[0][0];
  for (let i = 0; i < spans.length; i += 1) {
    const [start, end] = spans[i];
    if (t >= start && t < end) return t;
    const next = spans[i + 1];
    if (!next || t < next[0]) return end; // after the close, or inside the break that follows this interval
  }
  return spans[spans.length - 1][1];
}
/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date: a date's weekday is the same in every zone, so no zone lookup is needed (this runs for every day a deadline walks over). */
function isoWeekday(date: string): number {
  const day = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
  return day === 0 ? 7 : day;
}

const nextDates = new Map<string, string>();

const DAY = 86_400_000;

/** A local date (yyyy-mm-dd) as a whole number of days, in order. */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  let next = nextDates.get(date);
  if (next === undefined) {
    next = DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
    if (nextDates.size > 100_000) nextDates.clear();
    nextDates.set(date, next);
  }
  return next;
}

/** Sorted, non-overlapping intervals inside the day; rejects nonsense early. */
function normalized(intervals: LocalInterval[]): LocalInterval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  sorted.forEach((interval, i) => {
    if (!(interval.start >= 0 && interval.end <= 1440 && interval.start < interval.end)) {
      throw new Error(`Invalid working interval ${interval.start}-${interval.end}`);
    }
    if (i > 0 && interval.start < sorted[i - 1].end) throw new Error('Working intervals overlap');
  });
  return sorted;
}

/** "09:00-12:00" → { start: 540, end: 720 }. */
export function parseInterval(text: string): LocalInterval {
  const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not an interval like 09:00-12:00`);
  const [, h1, m1, h2, m2] = match.map(Number);
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}
