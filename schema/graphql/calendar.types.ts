import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../../core/describe-enum';
import { PayloadWith } from './payload';

export enum NationalCalendarSource {
  PUBLISHED = 'PUBLISHED',
  SHIPPED = 'SHIPPED',
  PROVISIONAL = 'PROVISIONAL',
}

describeEnum(NationalCalendarSource, 'NationalCalendarSource', 'Where a year of a national calendar comes from.', {
  PUBLISHED: 'Published by HQ for its network (publishNationalCalendar or the tenants CLI).',
  SHIPPED: 'The official notice as shipped with the platform (tenants/calendars).',
  PROVISIONAL: 'No official calendar yet: holidays computed from the statutory rules, without the adjusted working days.',
});

@ObjectType({ description: 'A dated day of a national calendar: a holiday, or an adjusted working day.' })
export class NationalCalendarDay {
  @Field({ description: 'The date, YYYY-MM-DD.' }) date!: string;
  @Field({ description: 'What it is, e.g. "Spring Festival (春节)".' }) name!: string;
  @Field(() => [String], { nullable: true, description: "An adjusted working day's hours, like 09:00-12:00; none: the store's Monday hours." }) hours!:
    string[] | null;
}

@ObjectType({ description: 'One year of a national calendar, as it is in force for the network.' })
export class NationalCalendarYear {
  @Field(() => Int, { description: 'The year.' }) year!: number;
  @Field(() => NationalCalendarSource, { description: 'Published by HQ, shipped official data, or provisional.' }) source!: NationalCalendarSource;

  @Field({ description: 'Whether its days are provisional: due times counted on them may move when the official calendar is published.' })
  provisional!: boolean;

  @Field(() => Date, { nullable: true, description: 'When HQ published it.' }) publishedAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'How many times HQ published it with other days (1 the first time).' }) revision!: number | null;
  @Field(() => [NationalCalendarDay], { description: 'Public holidays, in date order.' }) holidays!: NationalCalendarDay[];

  @Field(() => [NationalCalendarDay], { description: 'Weekend days worked to make up for a long holiday, in date order.' })
  adjustedWorkdays!: NationalCalendarDay[];
}

@ObjectType({ description: 'A year whose official calendar the network needs and nobody published: this year, and next year from 1 October.' })
export class MissingNationalCalendarYear {
  @Field(() => Int, { description: 'The year.' }) year!: number;
  @Field(() => Date, { description: 'Since when it is missing: 1 October of the year before.' }) since!: Date;
  @Field(() => Date, { nullable: true, description: "When HQ's admins were told by e-mail (the worker checks daily)." }) warnedAt!: Date | null;
  @Field({ description: 'What to do about it.' }) message!: string;
}

@ObjectType({ description: "A national calendar of public holidays and adjusted working days, as the caller's network follows it." })
export class NationalCalendar {
  @Field({ description: 'The calendar, e.g. CN (mainland China).' }) code!: string;
  @Field({ description: 'Its time zone.' }) timeZone!: string;
  @Field(() => [NationalCalendarYear], { description: 'The years asked for.' }) years!: NationalCalendarYear[];

  @Field(() => [MissingNationalCalendarYear], { description: 'Years whose official calendar is due and not published: due times in them are provisional.' })
  missingYears!: MissingNationalCalendarYear[];
}

@InputType({ description: 'One year of a national calendar, written as in tenants/calendars/*.yaml.' })
export class PublishNationalCalendarInput {
  @Field({ description: 'The YAML: calendar, year, timeZone, holidays and adjustedWorkdays (each a date and a name).' }) definition!: string;
}

@ObjectType({ description: 'Result of publishing a year of a national calendar.' })
export class PublishNationalCalendarPayload extends PayloadWith(
  'year',
  () => NationalCalendarYear,
  'The year as now in force.',
  'Why nothing was published (INVALID_CALENDAR, STATUTORY_HOLIDAY_MISSING).',
) {
  @Field({ description: 'False when the same days were already published: nothing changed and nothing is recomputed.' }) changed!: boolean;

  @Field(() => Int, { description: "How many tenants of the network recompute their open tickets' due times (in the background)." })
  tenantsRecomputing!: number;
}
