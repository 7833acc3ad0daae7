import { CareFigure } from '../../core/care-enums';
import type { FigureInterval } from '../../core/sla-enums';
import type { TenantContext } from '../context';
import { bucketSql, CARE_CONDITIONS, CareSource, figuresOf, SOURCES } from './care-conditions';
import { factConditions, FigureFilter } from './figure-filter';
import { bucketStarts, DayRange, dayRangeOf } from './figure-period';
import { readInScope } from './figure-scope';

/** Complaints registered in the period. */
export interface ComplaintFigures {
  complaints: number;
  /** Complaints per 1,000 tickets registered in the period (the same filter), two decimals; null without tickets. */
  per1000Tickets: number | null;
  answered: number;
  answeredWithinStandard: number;
  /** Answered, or unanswered past their due instant: what the share within the standard is a share of. */
  decidedOnStandard: number;
  withinStandardPercent: number | null;
  calledBack: number;
  /** calledBack / complaints, in percent. */
  calledBackPercent: number | null;
}

/** How many answers gave one score. */
export interface ScoreCount {
  score: number;
  count: number;
}

/** Satisfaction callbacks planned after resolutions in the period. */
export interface SurveyFigures {
  surveys: number;
  sent: number;
  answered: number;
  noResponse: number;
  /** Scores 1 to 5, each with its count, zeros included. */
  scores: ScoreCount[];
  satisfied: number;
  /** satisfied (4-5) / answered, in percent. */
  csatPercent: number | null;
  lowScores: number;
  lowScoresReopened: number;
  lowScoresNotReopened: number;
}

/** Tickets on a known device resolved in the period, and those whose device came back. */
export interface RepeatRepairFigures {
  resolutions: number;
  backWithin30Days: number;
  backWithin30DaysPercent: number | null;
  backWithin90Days: number;
  backWithin90DaysPercent: number | null;
}

export interface CareFigureSet {
  tickets: number;
  complaints: ComplaintFigures;
  surveys: SurveyFigures;
  /** The same, for tickets that are a paid service or carry a paid service order. */
  paidServiceSurveys: SurveyFigures;
  repeatRepairs: RepeatRepairFigures;
}

export interface CareFigureBucket extends CareFigureSet {
  start: string;
}

export interface CareFigures extends CareFigureSet {
  from: string;
  to: string;
  storeIds: string[];
  /** Every interval of the period in order, empty ones included; none unless asked for. */
  series: CareFigureBucket[];
}

type Counts = Partial<Record<CareFigure | `SCORE_${number}`, number>>;
type Row = Record<string, string | boolean | null> & { bucket: string | null };

const SCORES = [1, 2, 3, 4, 5];

/**
 * The customer-care figures of a store, some stores or an HQ's network over a
 * period of local days, as a series when `groupBy` is given. Counted in SQL
 * from the care facts: three statements for the period (registrations,
 * resolutions, callbacks) and three more for the series, whatever the number
 * of tickets and stores behind them.
 */
export async function careFigures(ctx: TenantContext, filter: FigureFilter, groupBy: FigureInterval | null = null): Promise<CareFigures> {
  const range = dayRangeOf(filter.period);
  return readInScope(ctx, filter.storeIds, 'customer-care figures across the network', async (storeIds) => {
    // One after another: the statements share the request's one transaction.
    const read = async (interval: FigureInterval | null) => [
      await readSource(ctx, filter, storeIds, range, 'registrations', interval),
      await readSource(ctx, filter, storeIds, range, 'resolutions', interval),
      await readSource(ctx, filter, storeIds, range, 'callbacks', interval),
    ];
    const [registrations, resolutions, callbacks] = await read(null);
    const totals = figureSet(registrations, resolutions, callbacks, null);
    let series: CareFigureBucket[] = [];
    if (groupBy) {
      const [r, s, c] = await read(groupBy);
      series = bucketStarts(range, groupBy).map((start) => ({ start, ...figureSet(r, s, c, start) }));
    }
    return { ...range, storeIds, ...totals, series };
  });
}

async function readSource(
  ctx: TenantContext,
  filter: FigureFilter,
  storeIds: string[],
  range: DayRange,
  source: CareSource,
  interval: FigureInterval | null,
): Promise<Row[]> {
  const now = ctx.clock.now();
  const sql = SOURCES[source];
  const where = factConditions(filter, storeIds, range, sql.dateColumn);
  const figures = figuresOf(source);
  const counts = figures.map((figure) => `count(*) filter (where ${CARE_CONDITIONS[figure].sql}) as "${figure}"`);
  if (source === 'callbacks') counts.push(...SCORES.map((score) => `count(*) filter (where f.score = ${score}) as "SCORE_${score}"`));
  const paid = source === 'callbacks' ? ', f.paid_service' : ', false';
  return ctx.em.execute<Row[]>(
    `select ${interval ? bucketSql(interval, sql.dateColumn) : 'null'} as bucket${paid} as paid_service, ${counts.join(', ')}
       from ${sql.from}
      where ${where.sql}
      group by 1, 2`,
    [...figures.filter((figure) => CARE_CONDITIONS[figure].takesNow).map(() => now), ...where.params],
  );
}

/** The counts of the rows of one bucket (null: the period), paid services only or all. */
function countsOf(rows: Row[], bucket: string | null, paidOnly = false): Counts {
  const counts: Counts = {};
  for (const row of rows) {
    if (row.bucket !== bucket || (paidOnly && row.paid_service !== true)) continue;
    for (const [name, value] of Object.entries(row)) {
      if (name === 'bucket' || name === 'paid_service') continue;
      counts[name as keyof Counts] = (counts[name as keyof Counts] ?? 0) + Number(value);
    }
  }
  return counts;
}

function figureSet(registrations: Row[], resolutions: Row[], callbacks: Row[], bucket: string | null): CareFigureSet {
  const r = countsOf(registrations, bucket);
  const s = countsOf(resolutions, bucket);
  const n = (counts: Counts, figure: CareFigure | `SCORE_${number}`) => counts[figure] ?? 0;
  const tickets = n(r, CareFigure.TICKETS);
  const complaints = n(r, CareFigure.COMPLAINTS);
  const resolved = n(s, CareFigure.RESOLUTIONS);
  return {
    tickets,
    complaints: {
      complaints,
      per1000Tickets: tickets === 0 ? null : Math.round((complaints / tickets) * 1000 * 100) / 100,
      answered: n(r, CareFigure.COMPLAINTS_ANSWERED),
      answeredWithinStandard: n(r, CareFigure.COMPLAINTS_ANSWERED_WITHIN_STANDARD),
      decidedOnStandard: n(r, CareFigure.COMPLAINTS_DECIDED_ON_STANDARD),
      withinStandardPercent: percent(n(r, CareFigure.COMPLAINTS_ANSWERED_WITHIN_STANDARD), n(r, CareFigure.COMPLAINTS_DECIDED_ON_STANDARD)),
      calledBack: n(r, CareFigure.COMPLAINTS_CALLED_BACK),
      calledBackPercent: percent(n(r, CareFigure.COMPLAINTS_CALLED_BACK), complaints),
    },
    surveys: surveyFigures(countsOf(callbacks, bucket)),
    paidServiceSurveys: surveyFigures(countsOf(callbacks, bucket, true)),
    repeatRepairs: {
      resolutions: resolved,
      backWithin30Days: n(s, CareFigure.BACK_WITHIN_30_DAYS),
      backWithin30DaysPercent: percent(n(s, CareFigure.BACK_WITHIN_30_DAYS), resolved),
      backWithin90Days: n(s, CareFigure.BACK_WITHIN_90_DAYS),
      backWithin90DaysPercent: percent(n(s, CareFigure.BACK_WITHIN_90_DAYS), resolved),
    },
  };
}

function surveyFigures(c: Counts): SurveyFigures {
  const n = (figure: CareFigure | `SCORE_${number}`) => c[figure] ?? 0;
  return {
    surveys: n(CareFigure.SURVEYS),
    sent: n(CareFigure.SURVEYS_SENT),
    answered: n(CareFigure.SURVEYS_ANSWERED),
    noResponse: n(CareFigure.SURVEYS_NO_RESPONSE),
    scores: SCORES.map((score) => ({ score, count: n(`SCORE_${score}`) })),
    satisfied: n(CareFigure.SURVEYS_SATISFIED),
    csatPercent: percent(n(CareFigure.SURVEYS_SATISFIED), n(CareFigure.SURVEYS_ANSWERED)),
    lowScores: n(CareFigure.LOW_SCORES),
    lowScoresReopened: n(CareFigure.LOW_SCORES_REOPENED),
    lowScoresNotReopened: n(CareFigure.LOW_SCORES_NOT_REOPENED),
  };
}

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10000) / 100);
