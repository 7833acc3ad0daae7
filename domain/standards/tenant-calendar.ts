import { Tenant } from '../../schema/entities';
import type { TenantContext } from '../context';
import { loadNationalCalendar, NationalCalendar, StoreHours, storeCalendar } from './national-calendar';
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

const nationals = new Map<string, NationalCalendar>();

function national(code: string): NationalCalendar {
  let calendar = nationals.get(code);
  if (!calendar) {
    calendar = loadNationalCalendar(code);
    nationals.set(code, calendar);
  }
  return calendar;
}

interface CalendarRow {
  national_code: string;
  weekly: StoreHours['weekly'];
  closures: string[];
  special_hours: Record<string, string[]>;
}

export async function calendarOf(ctx: TenantContext, tenantId: string = ctx.tenantId): Promise<WorkingCalendar> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: tenantId });
  const rows = await ctx.em.execute<CalendarRow[]>(
    'select national_code, weekly, closures, special_hours from tenant_calendars where tenant_id = ?',
    [tenantId],
  );
  const row = rows[0];
  return new WorkingCalendar(
    storeCalendar(national(row?.national_code ?? 'CN'), {
      timeZone: tenant.timeZone,
      weekly: row?.weekly ?? DEFAULT_HOURS,
      closures: row?.closures ?? [],
      specialHours: row?.special_hours ?? {},
    }),
  );
}
