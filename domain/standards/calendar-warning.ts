import { DateTime } from 'luxon';
import { TenantKind } from '../../core/enums';
import { recordAudit } from '../audit';
import type { TenantContext } from '../context';
import { scheduleNotification } from '../notifications/notify';
import { TemplateKey } from '../../core/template-keys';
import type { NationalCalendar } from './national-calendar';
import { calendarOwner, nationalCalendarFor } from './national-calendar.service';

/**
 * The State Council publishes next year's holidays around November. From 1
 * October (in the calendar's own time zone) until it is published, next year's due
 * times can only be provisional: the HQ's admins are told once per calendar
 * and year by e-mail, and the API shows the missing year until it is published.
 */
export interface MissingYear {
  code: string;
  year: number;
  /** From when it is missing: 1 October of the year before. */
  since: Date;
  /** When the HQ's admins were told; null until the worker's daily check has done it. */
  warnedAt: Date | null;
}

/** The default every tenant follows unless its calendar names another. */
const DEFAULT_CODE = 'CN';

/** The years a calendar should have by now and does not: this year, and from 1 October next year. */
export function missingYears(national: NationalCalendar, now: Date, timeZone: string): Omit<MissingYear, 'warnedAt'>[] {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const since = (year: number) => DateTime.fromObject({ year: year - 1, month: 10, day: 1 }, { zone: timeZone }).toJSDate();
  const wanted = local.month >= 10 ? [local.year, local.year + 1] : [local.year];
  return wanted.filter((year) => !national.years.has(year)).map((year) => ({ code: national.code, year, since: since(year) }));
}

/** The missing years of one calendar for the caller's network, with when the HQ was told. */
export async function missingYearsFor(ctx: TenantContext, national: NationalCalendar): Promise<MissingYear[]> {
  const hqId = await calendarOwner(ctx);
  const missing = missingYears(national, ctx.clock.now(), national.timeZone);
  if (missing.length === 0) return [];
  const warned = await ctx.em.execute<{ year: number; warned_at: Date | string }[]>(
    'select year, warned_at from national_calendar_warnings where tenant_id = ? and code = ?',
    [hqId, national.code],
  );
  return missing.map((year) => {
    const row = warned.find((candidate) => candidate.year === year.year);
    return { ...year, warnedAt: row ? new Date(row.warned_at) : null };
  });
}

/**
 * The worker's daily check, for an HQ: every calendar it follows or has
 * published that misses a year gets one warning row and one e-mail to the
 * HQ's admins per year, in the same transaction. Other tenants have nothing to do.
 */
export async function warnOfMissingCalendars(ctx: TenantContext): Promise<number> {
  if (ctx.tenantKind !== TenantKind.HQ) return 0;
  const rows = await ctx.em.execute<{ code: string }[]>(
    `select national_code as code from tenant_calendars where tenant_id = ?
     union select code from national_calendars where tenant_id = ?`,
    [ctx.tenantId, ctx.tenantId],
  );
  const codes = [...new Set([DEFAULT_CODE, ...rows.map((row) => row.code)])];
  let warned = 0;
  for (const code of codes) {
    let national: NationalCalendar;
    try {
      national = await nationalCalendarFor(ctx, code);
    } catch {
      continue; // a code nobody knows has no year to miss
    }
    for (const missing of await missingYearsFor(ctx, national)) {
      if (missing.warnedAt) continue;
      const inserted = await ctx.em.execute<{ id: string }[]>(
        `insert into national_calendar_warnings (tenant_id, code, year, warned_at) values (?, ?, ?, ?)
         on conflict (tenant_id, code, year) do nothing returning id`,
        [ctx.tenantId, code, missing.year, ctx.clock.now()],
      );
      if (inserted.length === 0) continue; // another run told them a moment ago
      await scheduleNotification(ctx, {
        key: `national-calendar-missing:${code}:${missing.year}`,
        template: TemplateKey.NATIONAL_CALENDAR_MISSING,
        recipient: { kind: 'TENANT_ADMINS' },
        params: { calendar: code, year: String(missing.year) },
      });
      recordAudit(ctx, 'NATIONAL_CALENDAR_MISSING', { code, year: missing.year });
      warned++;
    }
  }
  return warned;
}
