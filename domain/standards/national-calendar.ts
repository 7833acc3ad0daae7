import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../core/project-root';
import { cachedProvisionalHolidaysCN, statutoryHolidaysCN } from './provisional-calendar';
import { CalendarDefinition, LocalInterval, parseInterval } from './working-calendar';

/**
 * National calendars are data: a year's public holidays and adjusted working
 * days, as the government publishes them. HQ publishes them for its network
 * (national_calendars, by the CLI or GraphQL); the official years shipped with
 * the product (tenants/calendars/*.yaml) stand in for a year HQ has not
 * published; a year known from neither is provisional, computed from the
 * statutory rules where the product knows them (mainland China). A store's
 * calendar is the national one plus its own hours, closures and special days.
 */
const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2027-01-01');
const dated = z
  .object({
    date: z.union([ISO_DATE, z.date().transform((d) => d.toISOString().slice(0, 10))]),
    name: z.string().trim().min(1).max(200),
    hours: z.array(z.string()).max(8).optional(),
  })
  .strict();

const yearFile = z
  .object({
    calendar: z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, 'a code like CN'),
    year: z.number().int().min(1900).max(2200),
    timeZone: z.string().refine((zone) => DateTime.local().setZone(zone).isValid, { message: 'not an IANA time zone' }),
    holidays: z.array(dated).min(1).max(366),
    adjustedWorkdays: z.array(dated).max(366).default([]),
  })
  .strict();

export type CalendarSource = 'PUBLISHED' | 'SHIPPED' | 'PROVISIONAL';

export interface NationalDay {
  name: string;
}

export interface AdjustedDay {
  name: string;
  /** Its working hours; null: the store's Monday hours. */
  hours: LocalInterval[] | null;
}

/** One year of a national calendar. */
export interface NationalYear {
  code: string;
  year: number;
  timeZone: string;
  holidays: Map<string, string>;
  adjustedWorkdays: Map<string, AdjustedDay>;
  source: CalendarSource;
  /** When HQ published it (published years only), and how many times it was changed. */
  publishedAt: Date | null;
  revision: number | null;
}

export interface NationalCalendar {
  code: string;
  timeZone: string;
  /** The official days of every year known (published or shipped), merged. */
  holidays: Map<string, string>;
  adjustedWorkdays: Map<string, AdjustedDay>;
  /** The official years, by year. */
  years: Map<number, NationalYear>;
}

/** Why a calendar year cannot be published; `code` names the kind of problem. */
export class InvalidCalendarError extends Error {
  constructor(
    readonly code: 'INVALID_CALENDAR' | 'STATUTORY_HOLIDAY_MISSING',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads one year (the YAML of tenants/calendars/*.yaml) and checks it: real
 * dates inside the year, none both a holiday and a working day, none twice,
 * working hours that parse; for a calendar whose statutory rules are known, every
 * statutory day off must be among the holidays (a notice always includes them,
 * so a missing one is a typo or another year's file).
 */
export function parseNationalYear(text: string, source = 'calendar'): NationalYear {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new InvalidCalendarError('INVALID_CALENDAR', `${source}: ${(error as Error).message}`);
  }
  const parsed = yearFile.safeParse(document);
  if (!parsed.success) {
    throw new InvalidCalendarError(
      'INVALID_CALENDAR',
      parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.') || '(document)'}: ${issue.message}`).join('\n'),
    );
  }
  const file = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  const check = (list: 'holidays' | 'adjustedWorkdays', day: z.infer<typeof dated>, i: number) => {
    const where = `${source}: ${list}.${i}`;
    if (!DateTime.fromISO(day.date).isValid) problems.push(`${where}: ${day.date} is not a date`);
    else if (!day.date.startsWith(`${file.year}-`)) problems.push(`${where}: ${day.date} is not in ${file.year}`);
    if (seen.has(day.date)) problems.push(`${where}: ${day.date} is listed twice`);
    seen.add(day.date);
    if (list === 'holidays' && day.hours) problems.push(`${where}: a holiday has no working hours`);
    for (const hours of day.hours ?? []) {
      try {
        const interval = parseInterval(hours);
        if (!(interval.start < interval.end && interval.end <= 1440)) problems.push(`${where}: ${hours} is not an interval of one day`);
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
  };
  file.holidays.forEach((day, i) => check('holidays', day, i));
  file.adjustedWorkdays.forEach((day, i) => check('adjustedWorkdays', day, i));
  if (problems.length) throw new InvalidCalendarError('INVALID_CALENDAR', problems.join('\n'));
  const holidays = new Map(file.holidays.map((day) => [day.date, day.name] as const));
  if (file.calendar === 'CN' && file.year >= 2025) {
    const missing = statutoryHolidaysCN(file.year).filter((day) => !holidays.has(day.date));
    if (missing.length) {
      throw new InvalidCalendarError(
        'STATUTORY_HOLIDAY_MISSING',
        `${source}: the statutory days off of ${file.year} must be holidays; missing: ${missing.map((day) => `${day.date} (${day.name})`).join(', ')}`,
      );
    }
  }
  return {
    code: file.calendar,
    year: file.year,
    timeZone: file.timeZone,
    holidays,
    adjustedWorkdays: new Map(
      file.adjustedWorkdays.map((day) => [day.date, { name: day.name, hours: day.hours ? day.hours.map(parseInterval) : null }] as const),
    ),
    source: 'SHIPPED',
    publishedAt: null,
    revision: null,
  };
}

export const CALENDARS_DIR = join(projectRoot(), 'tenants', 'calendars');

const shippedByDir = new Map<string, NationalYear[]>();

/** The official years shipped with the product, read once per process (they change only with a release). */
export function shippedYears(dir = CALENDARS_DIR): NationalYear[] {
  let years = shippedByDir.get(dir);
  if (!years) {
    years = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((file) => parseNationalYear(readFileSync(join(dir, file), 'utf8'), file));
    shippedByDir.set(dir, years);
  }
  return years;
}

/** The codes whose statutory rules are known, and their time zone: a year of them is never without a calendar. */
const RULES: Record<string, { timeZone: string; holidays: (year: number) => Map<string, string> | null }> = {
  CN: { timeZone: 'Asia/Shanghai', holidays: cachedProvisionalHolidaysCN },
};

/** A provisional year, or null when no rules are known for the code (or the year). */
export function provisionalYear(code: string, year: number): NationalYear | null {
  const rules = RULES[code];
  const holidays = rules?.holidays(year);
  if (!rules || !holidays) return null;
  return { code, year, timeZone: rules.timeZone, holidays, adjustedWorkdays: new Map(), source: 'PROVISIONAL', publishedAt: null, revision: null };
}

/**
 * A national calendar from what HQ published and what ships with the product:
 * a year HQ published replaces the shipped one. Fails for a code nobody knows.
 */
export function nationalCalendarOf(code: string, published: readonly NationalYear[] = [], dir = CALENDARS_DIR): NationalCalendar {
  const years = new Map<number, NationalYear>();
  for (const year of shippedYears(dir)) if (year.code === code) years.set(year.year, year);
  for (const year of published) if (year.code === code) years.set(year.year, year);
  const ordered = [...years.values()].sort((a, b) => a.year - b.year);
  const timeZone = ordered.at(-1)?.timeZone ?? RULES[code]?.timeZone;
  if (!timeZone) throw new Error(`No national calendar ${code} in ${dir} or published`);
  return {
    code,
    timeZone,
    holidays: new Map(ordered.flatMap((year) => [...year.holidays])),
    adjustedWorkdays: new Map(ordered.flatMap((year) => [...year.adjustedWorkdays])),
    years: new Map(ordered.map((year) => [year.year, year])),
  };
}

/** Every year shipped for a calendar code, merged (no year published by an HQ). */
export function loadNationalCalendar(code: string, dir = CALENDARS_DIR): NationalCalendar {
  return nationalCalendarOf(code, [], dir);
}

/** A year as it is in force: official when known, else provisional (null when neither can be had). */
export function yearInForce(national: NationalCalendar, year: number): NationalYear | null {
  return national.years.get(year) ?? provisionalYear(national.code, year);
}

export interface StoreHours {
  timeZone?: string;
  /** ISO weekday → intervals like "09:00-12:00". */
  weekly: Partial<Record<number, string[]>>;
  closures?: string[];
  specialHours?: Record<string, string[]>;
}

/**
 * A store's working calendar: the national holidays and adjusted days, with
 * the store's own hours and closures. A year without an official calendar
 * takes the provisional one, and the calendar marks its days provisional.
 */
export function storeCalendar(national: NationalCalendar, store: StoreHours): CalendarDefinition {
  return {
    timeZone: store.timeZone ?? national.timeZone,
    weekly: Object.fromEntries(Object.entries(store.weekly).map(([day, hours]) => [Number(day), (hours ?? []).map(parseInterval)])),
    holidays: [...national.holidays.keys(), ...(store.closures ?? [])],
    adjustedWorkdays: [...national.adjustedWorkdays.entries()].map(([date, day]) => [date, day.hours]),
    specialHours: Object.entries(store.specialHours ?? {}).map(([date, hours]) => [date, hours.map(parseInterval)]),
    officialYears: [...national.years.keys()],
    provisionalYear: (year) => {
      const provisional = provisionalYear(national.code, year);
      return provisional
        ? { holidays: provisional.holidays.keys(), adjustedWorkdays: [...provisional.adjustedWorkdays].map(([date, day]) => [date, day.hours]) }
        : null;
    },
  };
}
