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
  national_code: string | null;
  weekly: StoreHours['weekly'] | null;
  closures: string[] | null;
  special_hours: Record<string, string[]> | null;
  published: PublishedYearRow[];
}

/**
 * The tenant's own hours and closures, and the national calendar years its HQ
 * published, read together on every use: a year published a moment ago
 * counts at once, in every process.
 */
export async function calendarOf(ctx: TenantContext, tenantId: string = ctx.tenantId): Promise<WorkingCalendar> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: tenantId });
  const hqId = tenant.parentId ?? tenant.id;
  const rows = await ctx.em.execute<CalendarRow[]>(
    `select c.national_code, c.weekly, c.closures, c.special_hours,
            ${publishedYearsSql(`coalesce(c.national_code, '${DEFAULT_NATIONAL}')`)} as published
       from (select 1) as one left join tenant_calendars c on c.tenant_id = ?`,
    [hqId, tenantId],
  );
  const row = rows[0];
  const code = row.national_code ?? DEFAULT_NATIONAL;
  return new WorkingCalendar(
    storeCalendar(
      nationalCalendarOf(
        code,
        row.published.map((published) => publishedYear(code, published)),
      ),
      {
        timeZone: tenant.timeZone,
        weekly: row.weekly ?? DEFAULT_HOURS,
        closures: row.closures ?? [],
        specialHours: row.special_hours ?? {},
      },
    ),
  );
}
