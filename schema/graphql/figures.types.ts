import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TicketChannel, TicketPriority, TicketType } from '../../core/desk-enums';
import { FigureInterval, FigureRunSubset, MeasuredOutcome, SlaMetric } from '../../core/sla-enums';
import { Connection } from './connection';
import { FigureRowsArgs, FiguresArgs, FigureTicketColumns, PeriodFigures } from './figure-bases';
import { GlobalIdOf } from './global-id-of';

registerEnumType(MeasuredOutcome, {
  name: 'MeasuredOutcome',
  description: 'How a run of a service clock came out: MET, BREACHED (a running clock past its due instant is breached), or RUNNING (not decided yet).',
});
registerEnumType(FigureRunSubset, {
  name: 'FigureRunSubset',
  description:
    'The runs behind a figure that is not an outcome: STOPPED (the time used, and the first response answered), WITHIN_24_HOURS (answered within 24 calendar hours), DECIDED_ON_24_HOURS (answered, or waiting 24 hours or more).',
});
registerEnumType(FigureInterval, { name: 'FigureInterval', description: 'How the series of a period is cut: DAY, WEEK (ISO, from Monday) or MONTH.' });

@InputType({ description: "A period of days, in each store's own time zone: exactly one of `day`, `week`, `month`, or `from` with `to` (at most 366 days)." })
export class FigurePeriodInput {
  @Field(() => String, { nullable: true, description: 'One day, YYYY-MM-DD.' }) day?: string | null;
  @Field(() => String, { nullable: true, description: 'One ISO week, YYYY-Www (2026-W47): Monday to Sunday.' }) week?: string | null;
  @Field(() => String, { nullable: true, description: 'One month, YYYY-MM.' }) month?: string | null;
  @Field(() => String, { nullable: true, description: 'First day of a range, YYYY-MM-DD (included).' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'Last day of a range, YYYY-MM-DD (included).' }) to?: string | null;
}

@InputType({ description: 'Which runs of the service clocks a figure counts; a figure and its drill-down with the same filter count the same runs.' })
export class ServiceFigureFilter {
  @Field(() => [ID], {
    nullable: true,
    description: 'Global ids of Tenants. HQ: some of its stores (none: all of them). A store reads only its own, and may name only itself.',
  })
  @GlobalIdOf('Tenant')
  stores?: string[] | null;

  @Field(() => FigurePeriodInput, { description: 'The days whose runs count: a run counts on the day its clock started, in its store’s time zone.' })
  period!: FigurePeriodInput;

  @Field(() => [TicketType], { nullable: true, description: 'Only tickets of these types.' }) ticketTypes?: TicketType[] | null;
  @Field(() => [TicketChannel], { nullable: true, description: 'Only tickets that came in through these channels.' }) channels?: TicketChannel[] | null;
  @Field(() => [TicketPriority], { nullable: true, description: 'Only tickets of these priorities (as they are now).' }) priorities?: TicketPriority[] | null;
}

/**
 * The fields of the service figures that only a sort of every stopped run
 * counted gives (medians, 90th percentiles), by the object that holds them:
 * what the resolver reads only when asked, and what the query's price counts.
 */
export const PERCENTILE_FIELDS = {
  metrics: ['medianWorkingMinutes', 'p90WorkingMinutes'],
  firstResponse: ['medianMinutes', 'medianWorkingMinutes'],
} as const satisfies Record<string, readonly (keyof MetricFigures | keyof FirstResponseFigures)[]>;

@ObjectType({ description: "One service metric's figures over the runs a filter picks." })
export class MetricFigures {
  @Field(() => SlaMetric, { description: 'The metric.' }) metric!: SlaMetric;
  @Field(() => Int, { description: 'Runs of its clock started in the period: met + breached + running.' }) measured!: number;
  @Field(() => Int, { description: 'Runs that stopped within their target.' }) met!: number;
  @Field(() => Int, { description: 'Runs that ran out of their target (stopped late, or still open past their due instant).' }) breached!: number;
  @Field(() => Int, { description: 'Runs neither stopped nor past due yet (paused ones included).' }) running!: number;
  @Field(() => Float, { nullable: true, description: 'met / (met + breached), in percent (two decimals); null when none is decided.' }) compliancePercent!:
    number | null;
  @Field(() => Float, { nullable: true, description: "Median of the working minutes the stopped runs used (store's working calendar, pauses taken out)." })
  medianWorkingMinutes!: number | null;

  @Field(() => Float, { nullable: true, description: 'The 90th percentile of the same (interpolated).' }) p90WorkingMinutes!: number | null;
}

@ObjectType({ description: 'How soon customers first heard from a person: the runs of the FIRST_CONTACT clock.' })
export class FirstResponseFigures {
  @Field(() => Int, { description: 'Tickets whose first-contact clock started in the period.' }) measured!: number;
  @Field(() => Int, { description: 'Of those, contacted.' }) responded!: number;

  @Field(() => Float, { nullable: true, description: 'Average calendar minutes from registration to the first contact, over those contacted.' })
  averageMinutes!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median of the same (interpolated).' }) medianMinutes!: number | null;
  @Field(() => Float, { nullable: true, description: 'Average working minutes to the first contact, over those contacted.' }) averageWorkingMinutes!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Median working minutes to the first contact.' }) medianWorkingMinutes!: number | null;
  @Field(() => Int, { description: 'Contacted within 24 calendar hours.' }) within24Hours!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'within24Hours over the tickets decided on it (contacted, or waiting 24 hours or more), in percent; null when none is.',
  })
  within24HoursPercent!: number | null;

  @Field(() => Float, { nullable: true, description: "Contacted within the standard's FIRST_CONTACT target: that metric's compliancePercent." })
  withinStandardPercent!: number | null;
}

/** What an interval and a store line both give; registered so they inherit its fields, never in the schema itself. */
@ObjectType()
abstract class MetricLines {
  @Field(() => [MetricFigures], { description: 'Per metric, every metric listed.' }) metrics!: MetricFigures[];
  @Field(() => FirstResponseFigures, { description: 'The first response.' }) firstResponse!: FirstResponseFigures;
}

@ObjectType({ description: 'The figures of one interval of the period.' })
export class FigureBucket extends MetricLines {
  @Field({ description: 'First day of the interval, YYYY-MM-DD (a Monday for a week); it may fall before the period, whose days alone count.' }) start!: string;
}

@ObjectType({ description: "One store's figures over the same runs: a line of a comparison of stores." })
export class StoreServiceFigures extends MetricLines {
  @Field(() => ID, { description: "The store's Tenant global id." }) storeId!: string;
  @Field({ description: "The store's slug." }) slug!: string;
  @Field({ description: "The store's name." }) name!: string;
}

@ObjectType({ description: 'Service figures of a store, some stores or a whole network over a period, counted from the facts kept as tickets change.' })
export class ServiceFigures extends PeriodFigures(FigureBucket) {
  @Field(() => [MetricFigures], { description: 'Per metric, every metric listed (zeros for one no ticket was measured on).' }) metrics!: MetricFigures[];
  @Field(() => FirstResponseFigures, { description: 'The first response.' }) firstResponse!: FirstResponseFigures;

  @Field(() => [StoreServiceFigures], {
    description: 'Every store counted, by slug, zeros included: the same figures store by store, read in one statement with the rest.',
  })
  stores!: StoreServiceFigures[];
}

@ArgsType()
export class ServiceFiguresArgs extends FiguresArgs(ServiceFigureFilter, 'Which stores, which days, which tickets.') {}

@ObjectType({ description: 'One run of a service clock behind a figure, with its ticket.' })
export class ServiceFigureTicket extends FigureTicketColumns {
  @Field(() => SlaMetric, { description: 'The metric of the run.' }) metric!: SlaMetric;
  @Field(() => MeasuredOutcome, { description: 'How it came out, as the figures count it now.' }) outcome!: MeasuredOutcome;
  @Field({ description: 'When the run started.' }) startedAt!: Date;
  @Field({ description: "The day it started, in the store's time zone (YYYY-MM-DD): the day it counts on." }) localDate!: string;
  @Field(() => Date, { nullable: true, description: 'When it is (or was) due; null while paused.' }) dueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it stopped (the ticket assigned, contacted, resolved, called back, or the customer updated).' })
  stoppedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it ran out, if it did.' }) breachedAt!: Date | null;
  @Field(() => Float, { description: 'Working minutes used (pauses taken out), up to its stop or its last measurement.' }) workingMinutes!: number;
}

export const ServiceFigureTicketConnection = Connection(ServiceFigureTicket, 'ServiceFigureTicket');

@ArgsType()
export class ServiceFigureTicketsArgs extends FigureRowsArgs(ServiceFigureFilter) {
  @Field(() => SlaMetric, { description: 'The metric of the figure.' }) metric!: SlaMetric;

  @Field(() => MeasuredOutcome, { nullable: true, description: 'The outcome of the figure (met, breached, running); none: every run measured.' })
  outcome?: MeasuredOutcome | null;
  @Field(() => FigureRunSubset, { nullable: true, description: 'Only the runs behind a time or first-response figure; with `outcome`, both hold.' })
  only?: FigureRunSubset | null;
}
