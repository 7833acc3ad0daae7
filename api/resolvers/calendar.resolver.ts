import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import type { MissingYear } from '../../domain/standards/calendar-warning';
import type { NationalYear } from '../../domain/standards/national-calendar';
import { nationalCalendarView } from '../../domain/standards/national-calendar.query';
import { publishNationalCalendar } from '../../domain/standards/national-calendar.service';
import {
  MissingNationalCalendarYear,
  NationalCalendar,
  NationalCalendarSource,
  NationalCalendarYear,
  PublishNationalCalendarInput,
  PublishNationalCalendarPayload,
} from '../../schema/graphql/calendar.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { ReturnsUserErrors } from '../graphql/user-errors';

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function yearView(year: NationalYear): NationalCalendarYear {
  return {
    year: year.year,
    source: year.source as NationalCalendarSource,
    provisional: year.source === 'PROVISIONAL',
    publishedAt: year.publishedAt,
    revision: year.revision,
    holidays: [...year.holidays].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name, hours: null })),
    adjustedWorkdays: [...year.adjustedWorkdays]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, day]) => ({ date, name: day.name, hours: day.hours ? day.hours.map(({ start, end }) => `${hhmm(start)}-${hhmm(end)}`) : null })),
  };
}

function toMissing(missing: MissingYear): MissingNationalCalendarYear {
  return {
    year: missing.year,
    since: missing.since,
    warnedAt: missing.warnedAt,
    message: `The official ${missing.year} calendar (${missing.code}) is not published: due times in ${missing.year} are counted on a provisional calendar until HQ publishes it (publishNationalCalendar).`,
  };
}

@Resolver()
export class CalendarResolver {
  @Query(() => NationalCalendar, {
    description: "The national calendar the caller's network follows: holidays and adjusted working days by year, and the years still missing.",
  })
  @Requires(Permission.STANDARD_READ)
  async nationalCalendar(
    @Arg('code', () => String, { defaultValue: 'CN', description: 'The calendar, e.g. CN.' }) code: string,
    @Arg('fromYear', () => Int, { nullable: true, description: 'First year; default this year.' }) fromYear: number | null,
    @Arg('toYear', () => Int, { nullable: true, description: 'Last year; default the year after fromYear. At most 10 years.' }) toYear: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<NationalCalendar> {
    const view = await nationalCalendarView(tenantOf(ctx), code, fromYear, toYear);
    return { code: view.code, timeZone: view.timeZone, years: view.years.map(yearView), missingYears: view.missing.map(toMissing) };
  }

  @Mutation(() => PublishNationalCalendarPayload, {
    description: "HQ publishes a year of the national calendar for its network (the State Council's notice); open tickets' due times are recomputed.",
  })
  @Requires(Permission.STANDARD_MANAGE)
  @ReturnsUserErrors({ changed: false, tenantsRecomputing: 0 })
  async publishNationalCalendar(
    @Arg('input') input: PublishNationalCalendarInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<PublishNationalCalendarPayload, 'userErrors'>> {
    const outcome = await publishNationalCalendar(tenantOf(ctx), input.definition);
    return { year: yearView(outcome.year), changed: outcome.changed, tenantsRecomputing: outcome.tenantsRecomputing };
  }
}
