import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../infra/paths';
import { CalendarDefinition, LocalInterval, parseInterval } from './working-calendar';

/**
 * National calendars are data (tenants/calendars/*.yaml), published by HQ for
 * its network; a store's calendar is the national one plus its own hours,
 * closures and special days.
 */
const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dated = z.object({ date: z.union([ISO_DATE, z.date().transform((d) => d.toISOString().slice(0, 10))]), name: z.string(), hours: z.array(z.string()).optional() });

const nationalFile = z.object({
  calendar: z.string().min(2),
  year: z.number().int(),
  timeZone: z.string(),
  holidays: z.array(dated),
  adjustedWorkdays: z.array(dated).default([]),
});

export interface NationalCalendar {
  code: string;
  timeZone: string;
  holidays: Map<string, string>;
  adjustedWorkdays: Map<string, { name: string; hours: LocalInterval[] | null }>;
}

export const CALENDARS_DIR = join(projectRoot(), 'tenants', 'calendars');

/** Every year published for a calendar code, merged. */
export function loadNationalCalendar(code: string, dir = CALENDARS_DIR): NationalCalendar {
  const calendar: NationalCalendar = { code, timeZone: '', holidays: new Map(), adjustedWorkdays: new Map() };
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const parsed = nationalFile.parse(parse(readFileSync(join(dir, file), 'utf8')));
    if (parsed.calendar !== code) continue;
    calendar.timeZone = parsed.timeZone;
    for (const day of parsed.holidays) calendar.holidays.set(day.date, day.name);
    for (const day of parsed.adjustedWorkdays) {
      calendar.adjustedWorkdays.set(day.date, { name: day.name, hours: day.hours ? day.hours.map(parseInterval) : null });
    }
  }
  if (!calendar.timeZone) throw new Error(`No national calendar ${code} in ${dir}`);
  return calendar;
}

export interface StoreHours {
  timeZone?: string;
  /** ISO weekday → intervals like "09:00-12:00". */
  weekly: Partial<Record<number, string[]>>;
  closures?: string[];
  specialHours?: Record<string, string[]>;
}

/** A store's working calendar: the national holidays and adjusted days, with the store's own hours and closures. */
export function storeCalendar(national: NationalCalendar, store: StoreHours): CalendarDefinition {
  return {
    timeZone: store.timeZone ?? national.timeZone,
    weekly: Object.fromEntries(Object.entries(store.weekly).map(([day, hours]) => [Number(day), (hours ?? []).map(parseInterval)])),
    holidays: [...national.holidays.keys(), ...(store.closures ?? [])],
    adjustedWorkdays: [...national.adjustedWorkdays.entries()].map(([date, day]) => [date, day.hours]),
    specialHours: Object.entries(store.specialHours ?? {}).map(([date, hours]) => [date, hours.map(parseInterval)]),
  };
}
