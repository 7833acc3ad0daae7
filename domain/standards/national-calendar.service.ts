import { TenantKind } from '../../core/enums';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { parentTenant } from '../parent-tenant';
import { forbidden, UserInputError } from '../errors';
import { ACTION_RULES } from '../scheduling/action-kinds';
import { ActionKind } from '../../core/action-enums';
import { InvalidCalendarError, NationalCalendar, nationalCalendarOf, NationalYear, parseNationalYear } from './national-calendar';
import { parseInterval } from './working-calendar';

/**
 * National calendars an HQ publishes for its network. They live in the
 * database, so a year published by the CLI or the API counts at once in every
 * api and worker process: each working calendar is built from the rows read
 * with it, never from a per-process copy.
 */
export interface PublishedYearRow {
  year: number;
  timeZone: string;
  holidays: { date: string; name: string }[];
  adjustedWorkdays: { date: string; name: string; hours?: string[] | null }[];
  revision: number;
  publishedAt: string | Date;
}

/** A published row as a year of the calendar. */
export function publishedYear(code: string, row: PublishedYearRow): NationalYear {
  return {
    code,
    year: row.year,
    timeZone: row.timeZone,
    holidays: new Map(row.holidays.map((day) => [day.date, day.name])),
    adjustedWorkdays: new Map(row.adjustedWorkdays.map((day) => [day.date, { name: day.name, hours: day.hours ? day.hours.map(parseInterval) : null }])),
    source: 'PUBLISHED',
    publishedAt: new Date(row.publishedAt),
    revision: row.revision,
  };
}

/**
 * SQL for the published years of one HQ (`owner`, a parameter by default) and
 * calendar (`code`, a parameter by default) as a jsonb array of PublishedYearRow.
 */
export function publishedYearsSql(code = '?', owner = '?'): string {
  return `coalesce((select jsonb_agg(jsonb_build_object('year', n.year, 'timeZone', n.time_zone, 'holidays', n.holidays,
    'adjustedWorkdays', n.adjusted_workdays, 'revision', n.revision, 'publishedAt', n.published_at) order by n.year)
    from national_calendars n where n.tenant_id = ${owner} and n.code = ${code}), '[]'::jsonb)`;
}

/** The HQ whose national calendars a tenant follows: itself for an HQ, else its parent. */
export async function calendarOwner(ctx: TenantContext): Promise<string> {
  return (await parentTenant(ctx)) ?? ctx.tenantId;
}

/** A national calendar as the caller's HQ publishes it (shipped and provisional years filling the gaps). */
export async function nationalCalendarFor(ctx: TenantContext, code: string): Promise<NationalCalendar> {
  const rows = await ctx.em.execute<{ published: PublishedYearRow[] }[]>(`select ${publishedYearsSql()} as published`, [await calendarOwner(ctx), code]);
  return knownCalendar(
    code,
    rows[0].published.map((row) => publishedYear(code, row)),
  );
}

function knownCalendar(code: string, published: NationalYear[]): NationalCalendar {
  try {
    return nationalCalendarOf(code, published);
  } catch {
    throw new UserInputError('UNKNOWN_CALENDAR', `No national calendar ${code} is published or known`, ['code']);
  }
}

export interface PublishOutcome {
  year: NationalYear;
  /** False when the same year was already published with the same days: nothing changed. */
  changed: boolean;
  /** How many tenants of the network recompute their open tickets' due times. */
  tenantsRecomputing: number;
}

/**
 * HQ publishes one year of a national calendar for its network (the YAML of
 * tenants/calendars/*.yaml). Publishing a year again with other days (a
 * corrected notice) replaces it. Either way, in the same transaction, every
 * tenant of the network gets an action that recomputes its open tickets' due
 * times; the same days again change nothing.
 */
export async function publishNationalCalendar(ctx: TenantContext, definition: string): Promise<PublishOutcome> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ publishes the national calendar of its network');
  let year: NationalYear;
  try {
    year = parseNationalYear(definition, 'definition');
  } catch (error) {
    throw new UserInputError(error instanceof InvalidCalendarError ? error.code : 'INVALID_CALENDAR', (error as Error).message, ['definition']);
  }
  const holidays = [...year.holidays].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
  const adjusted = [...year.adjustedWorkdays]
    .map(([date, day]) => ({ date, name: day.name, ...(day.hours ? { hours: day.hours.map(formatInterval) } : {}) }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return atomically(ctx, async () => {
    const existing = await ctx.em.execute<{ time_zone: string; holidays: unknown; adjusted_workdays: unknown }[]>(
      'select time_zone, holidays, adjusted_workdays from national_calendars where tenant_id = ? and code = ? and year = ? for update',
      [ctx.tenantId, year.code, year.year],
    );
    const same =
      existing[0] &&
      existing[0].time_zone === year.timeZone &&
      canonical(existing[0].holidays) === canonical(holidays) &&
      canonical(existing[0].adjusted_workdays) === canonical(adjusted);
    const now = ctx.clock.now();
    if (!same) {
      await ctx.em.execute(
        `insert into national_calendars (tenant_id, code, year, time_zone, holidays, adjusted_workdays, published_at, published_by)
         values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
         on conflict (tenant_id, code, year) do update set time_zone = excluded.time_zone, holidays = excluded.holidays,
           adjusted_workdays = excluded.adjusted_workdays, published_at = excluded.published_at, published_by = excluded.published_by,
           revision = national_calendars.revision + 1`,
        [
          ctx.tenantId,
          year.code,
          year.year,
          year.timeZone,
          JSON.stringify(holidays),
          JSON.stringify(adjusted),
          now,
          ctx.principal.kind === 'USER' ? ctx.principal.id : null,
        ],
      );
    }
    const rows = await ctx.em.execute<{ published: PublishedYearRow[] }[]>(`select ${publishedYearsSql()} as published`, [ctx.tenantId, year.code]);
    const stored = rows[0].published.find((row) => row.year === year.year)!;
    let tenantsRecomputing = 0;
    if (!same) {
      const kind = ActionKind.CALENDAR_RECOMPUTE;
      const scheduled = await ctx.em.execute<{ n: number }[]>('select national_calendar_recompute(?, ?, ?, ?, ?) as n', [
        year.code,
        year.year,
        stored.revision,
        now,
        ACTION_RULES[kind].retry.maxAttempts,
      ]);
      tenantsRecomputing = Number(scheduled[0].n);
      recordAudit(ctx, 'NATIONAL_CALENDAR_PUBLISHED', {
        code: year.code,
        year: year.year,
        revision: stored.revision,
        holidays: holidays.length,
        adjustedWorkdays: adjusted.length,
      });
    }
    return { year: publishedYear(year.code, stored), changed: !same, tenantsRecomputing };
  });
}

function formatInterval({ start, end }: { start: number; end: number }): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${hhmm(start)}-${hhmm(end)}`;
}

/** JSON with keys in one order: the database keeps its own key order in jsonb. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );
}
