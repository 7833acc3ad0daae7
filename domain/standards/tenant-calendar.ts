import { Tenant } from '../../schema/entities';
import type { TenantContext } from '../context';
import { nationalCalendarOf, StoreHours, storeCalendar } from './national-calendar';
import { publishedYear, PublishedYearRow, publishedYearsSql } from './national-calendar.service';
import { WorkingCalendar } from './working-calendar';

/**
 * A tenant's working calendar. Without hours of its own a store keeps the
 * common retail week: weekdays 09:00-12:00 and 13:30-18:00, Saturdays
 * 10:00-16:00, closed on Sundays and national holidays.
 */
export const DEFAULT_HOURS: StoreHours['weekly'] = {
  1: ['09:00-12:00', '13:30-18:00'],
  2: ['09:00-12:00', '13:30-18:00'],
  3: ['09:00-12:00', '13:30-18:00'],
  4: ['09:00-12:00', '13:30-18:00'],
  5: ['09:00-12:00', '13:30-18:00'],
  6: ['10:00-16:00'],
};

const DEFAULT_NATIONAL = 'CN';

interface CalendarRow {
  tenant_id: string;
  national_code: string | null;
  weekly: StoreHours['weekly'] | null;
  closures: string[] | null;
  special_hours: Record<string, string[]> | null;
  published: PublishedYearRow[];
}

/**
 * A tenant's own hours and closures, and the national calendar years its HQ
 * published, read together on every use: a year published a moment ago
 * counts at once, in every process.
 */
export async function calendarOf(ctx: TenantContext, tenantId: string = ctx.tenantId): Promise<WorkingCalendar> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: tenantId });
  return (await calendarsOf(ctx, [tenant])).get(tenant.id)!;
}

/**
 * The working calendars of several tenants (the stores of a page of tickets)
 * in one statement, whatever their number. Each tenant's HQ is its parent
 * (itself for an HQ), as the tenants given say.
 */
export async function calendarsOf(ctx: TenantContext, tenants: Pick<Tenant, 'id' | 'parentId' | 'timeZone'>[]): Promise<Map<string, WorkingCalendar>> {
  const calendars = new Map<string, WorkingCalendar>();
  if (tenants.length === 0) return calendars;
  const rows = await ctx.em.execute<CalendarRow[]>(
    `select t.tenant_id, c.national_code, c.weekly, c.closures, c.special_hours,
            ${publishedYearsSql(`coalesce(c.national_code, '${DEFAULT_NATIONAL}')`, 't.hq_id')} as published
       from unnest(?::uuid[], ?::uuid[]) as t(tenant_id, hq_id) left join tenant_calendars c on c.tenant_id = t.tenant_id`,
    [toArray(tenants.map((tenant) => tenant.id)), toArray(tenants.map((tenant) => tenant.parentId ?? tenant.id))],
  );
  const timeZoneOf = new Map(tenants.map((tenant) => [tenant.id, tenant.timeZone]));
  for (const row of rows) calendars.set(row.tenant_id, builtCalendar(row, timeZoneOf.get(row.tenant_id)));
  return calendars;
}

/** A uuid[] literal: the driver binds it as one parameter however many tenants there are. */
function toArray(ids: string[]): string {
  return `{${ids.join(',')}}`;
}

/**
 * Built calendars by everything they are built from. A calendar is a pure
 * function of its rows (a published year carries its revision and publishing
 * instant), so a calendar built for the same rows is the same calendar: it is
 * reused, with the working days it already laid out, by every store that
 * keeps the same hours and by the next request. Kept to a bounded number.
 */
const built = new Map<string, WorkingCalendar>();
const MAX_BUILT = 256;

function builtCalendar(row: CalendarRow, timeZone: string | undefined): WorkingCalendar {
  const code = row.national_code ?? DEFAULT_NATIONAL;
  const hours: StoreHours = {
    timeZone,
    weekly: row.weekly ?? DEFAULT_HOURS,
    closures: row.closures ?? [],
    specialHours: row.special_hours ?? {},
  };
  const key = JSON.stringify([code, row.published, hours]);
  const known = built.get(key);
  if (known) {
    // Most recently used last: the oldest is the first to go.
    built.delete(key);
    built.set(key, known);
    return known;
  }
  const calendar = new WorkingCalendar(
    storeCalendar(
      nationalCalendarOf(
        code,
        row.published.map((published) => publishedYear(code, published)),
      ),
      hours,
    ),
  );
  if (built.size >= MAX_BUILT) built.delete(built.keys().next().value!);
  built.set(key, calendar);
  return calendar;
}
