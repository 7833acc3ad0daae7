import { DateTime } from 'luxon';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';
import { MissingYear, missingYearsFor } from './calendar-warning';
import { NationalYear, yearInForce } from './national-calendar';
import { nationalCalendarFor } from './national-calendar.service';

export interface NationalCalendarView {
  code: string;
  timeZone: string;
  /** Each year asked for as it is in force: published, shipped, or provisional (none when not even rules are known). */
  years: NationalYear[];
  missing: MissingYear[];
}

const MAX_YEARS = 10;

/** The caller's network's national calendar for some years (default: this year and next). */
export async function nationalCalendarView(ctx: TenantContext, code: string, fromYear?: number | null, toYear?: number | null): Promise<NationalCalendarView> {
  const national = await nationalCalendarFor(ctx, code);
  const thisYear = DateTime.fromJSDate(ctx.clock.now(), { zone: national.timeZone }).year;
  const from = fromYear ?? thisYear;
  const to = toYear ?? (fromYear ?? thisYear) + 1;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1900 || to > 2200 || to < from || to - from >= MAX_YEARS) {
    throw new UserInputError('INVALID_YEARS', `Ask for 1 to ${MAX_YEARS} years between 1900 and 2200, fromYear not after toYear`, ['fromYear']);
  }
  const years: NationalYear[] = [];
  for (let year = from; year <= to; year += 1) {
    const inForce = yearInForce(national, year);
    if (inForce) years.push(inForce);
  }
  return { code: national.code, timeZone: national.timeZone, years, missing: await missingYearsFor(ctx, national) };
}
