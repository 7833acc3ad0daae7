import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CallbackState } from '../../core/callback-enums';
import { CareFigure } from '../../core/care-enums';
import { Connection } from './connection';
import { FigureRowsArgs, FiguresArgs, FigureTicketColumns, PeriodFigures } from './figure-bases';
import { ServiceFigureFilter } from './figures.types';

registerEnumType(CareFigure, {
  name: 'CareFigure',
  description:
    'Which tickets a customer-care figure counts, for its drill-down: TICKETS, COMPLAINTS (and _ANSWERED, _ANSWERED_WITHIN_STANDARD, _DECIDED_ON_STANDARD, _CALLED_BACK) by registration day; SURVEYS (and _SENT, _ANSWERED, _NO_RESPONSE, _SATISFIED), LOW_SCORES (and _REOPENED, _NOT_REOPENED) by resolution day; RESOLUTIONS and BACK_WITHIN_30_DAYS / BACK_WITHIN_90_DAYS by resolution day.',
});

@ObjectType({ description: 'Complaints registered in the period.' })
export class ComplaintFigures {
  @Field(() => Int, { description: 'Complaints registered.' }) complaints!: number;

  @Field(() => Float, { nullable: true, description: 'Complaints per 1,000 tickets registered under the same filter (two decimals); null without tickets.' })
  per1000Tickets!: number | null;

  @Field(() => Int, { description: 'Complaints whose result was reported to the customer.' }) answered!: number;

  @Field(() => Int, { description: "Answered within the standard: by the due instant of the complaint's first resolution run (3 working days by default)." })
  answeredWithinStandard!: number;

  @Field(() => Int, { description: 'Complaints decided on the standard: answered, or unanswered past their due instant.' }) decidedOnStandard!: number;

  @Field(() => Float, { nullable: true, description: 'answeredWithinStandard / decidedOnStandard, in percent; null when none is decided.' })
  withinStandardPercent!: number | null;

  @Field(() => Int, { description: 'Complaints whose satisfaction callback was completed (by the survey or by phone).' }) calledBack!: number;
  @Field(() => Float, { nullable: true, description: 'calledBack / complaints, in percent.' }) calledBackPercent!: number | null;
}

@ObjectType({ description: 'How many answers gave one score.' })
export class ScoreCount {
  @Field(() => Int, { description: 'The score, 1 (very unhappy) to 5 (very happy).' }) score!: number;
  @Field(() => Int, { description: 'Answers with that score.' }) count!: number;
}

@ObjectType({ description: 'Satisfaction callbacks planned after the resolutions of the period.' })
export class SurveyFigures {
  @Field(() => Int, { description: 'Callbacks planned (one per resolution the policy picked, or called by phone).' }) surveys!: number;
  @Field(() => Int, { description: 'Survey links sent.' }) sent!: number;
  @Field(() => Int, { description: 'Answered with a score, by the link or by phone.' }) answered!: number;
  @Field(() => Int, { description: 'Surveys that expired unanswered (and were not called by phone since).' }) noResponse!: number;
  @Field(() => [ScoreCount], { description: 'The answers by score, 1 to 5, zeros included.' }) scores!: ScoreCount[];
  @Field(() => Int, { description: 'Answers of 4 or 5.' }) satisfied!: number;
  @Field(() => Float, { nullable: true, description: 'CSAT: satisfied / answered, in percent; null without answers.' }) csatPercent!: number | null;
  @Field(() => Int, { description: 'Answers of 1 or 2.' }) lowScores!: number;
  @Field(() => Int, { description: 'Low scores whose ticket was reopened at or after the answer (the follow-up).' }) lowScoresReopened!: number;
  @Field(() => Int, { description: 'Low scores whose ticket was not reopened.' }) lowScoresNotReopened!: number;
}

@ObjectType({ description: 'Tickets on a known device resolved in the period, and how many of those devices came back.' })
export class RepeatRepairFigures {
  @Field(() => Int, { description: 'Tickets with a device whose current resolution fell in the period.' }) resolutions!: number;
  @Field(() => Int, { description: 'The same device registered again on a new ticket within 30 days of the resolution.' }) backWithin30Days!: number;
  @Field(() => Float, { nullable: true, description: 'backWithin30Days / resolutions, in percent.' }) backWithin30DaysPercent!: number | null;
  @Field(() => Int, { description: 'Within 90 days (the 30 included).' }) backWithin90Days!: number;
  @Field(() => Float, { nullable: true, description: 'backWithin90Days / resolutions, in percent.' }) backWithin90DaysPercent!: number | null;
}

@ObjectType({ description: 'The customer-care figures of one interval of the series.' })
export class CareFigureBucket {
  @Field({ description: 'First day of the interval (a Monday for a week).' }) start!: string;
  @Field(() => Int, { description: 'Tickets registered.' }) tickets!: number;
  @Field(() => ComplaintFigures, { description: 'Complaints.' }) complaints!: ComplaintFigures;
  @Field(() => SurveyFigures, { description: 'Satisfaction callbacks.' }) surveys!: SurveyFigures;
  @Field(() => SurveyFigures, { description: 'Satisfaction callbacks of paid services.' }) paidServiceSurveys!: SurveyFigures;
  @Field(() => RepeatRepairFigures, { description: 'Repeat repairs.' }) repeatRepairs!: RepeatRepairFigures;
}

@ObjectType({ description: 'Customer-care figures over a period: complaints, satisfaction callbacks, paid-service satisfaction, repeat repairs.' })
export class CareFigures extends PeriodFigures(CareFigureBucket) {
  @Field(() => Int, { description: 'Tickets registered in the period (what complaints are counted per 1,000 of).' }) tickets!: number;
  @Field(() => ComplaintFigures, { description: 'Complaints registered in the period.' }) complaints!: ComplaintFigures;
  @Field(() => SurveyFigures, { description: 'Satisfaction callbacks after the resolutions of the period.' }) surveys!: SurveyFigures;

  @Field(() => SurveyFigures, { description: 'The same, for tickets that are a paid service or carry a paid service order.' })
  paidServiceSurveys!: SurveyFigures;

  @Field(() => RepeatRepairFigures, { description: 'Devices back on a new ticket after the resolutions of the period.' }) repeatRepairs!: RepeatRepairFigures;
}

@ArgsType()
export class CareFiguresArgs extends FiguresArgs(ServiceFigureFilter, 'Which stores, which days, which tickets (the same filter as the service figures).') {}

@ObjectType({ description: 'One ticket behind a customer-care figure (for the survey figures, one callback of it).' })
export class CareFigureTicket extends FigureTicketColumns {
  @Field({ description: "The day it counts on, in the store's time zone: registered (complaints), resolved (surveys, repeat repairs)." }) localDate!: string;
  @Field({ description: 'The instant it counts from: the registration or the resolution.' }) countedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Complaints: when the result was reported to the customer.' }) resultReportedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Complaints: when the standard wanted it (its first resolution run's due instant)." })
  complaintDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Repeat repairs: when the same device was registered again.' }) returnedAt!: Date | null;
  @Field(() => CallbackState, { nullable: true, description: "Surveys: the callback's state." }) callbackState!: CallbackState | null;
  @Field(() => Int, { nullable: true, description: 'Surveys: the score, once answered.' }) score!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Surveys: whether the ticket was reopened at or after the answer.' }) reopened!: boolean | null;
}

export const CareFigureTicketConnection = Connection(CareFigureTicket, 'CareFigureTicket');

@ArgsType()
export class CareFigureTicketsArgs extends FigureRowsArgs(ServiceFigureFilter) {
  @Field(() => CareFigure, { description: 'The figure.' }) figure!: CareFigure;
  @Field(() => Int, { nullable: true, description: 'Survey figures only: answers with this score (1 to 5).' }) score?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Survey figures only: the paid-service figures (tickets that are a paid service or carry a paid order).',
  })
  paidServicesOnly?: boolean | null;
}
