import type { FastifyInstance } from 'fastify';
import { CareFigure } from '../../core/care-enums';
import { FigureInterval } from '../../core/sla-enums';
import { Permission } from '../../domain/permissions';
import type { FigureFilter } from '../../domain/reports/figure-filter';
import { CareFigureLine, CareFigureRows, lineOf as ticketLineOf, readCareFigureTickets } from '../../domain/reports/care-figure-tickets';
import { CareFigureSet, careFigures, SurveyFigures } from '../../domain/reports/care-figures';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { withTicketGlobalId } from '../graphql/global-ids';
import { registerExport } from './export-route';
import { FIGURE_TICKET_COLUMNS } from './figure-ticket-columns';
import { EXPORT_PAGE_SIZE } from './export-stream';
import { figureFilterOf, Grouped, groupedBy, requiredOneOf, wholeNumberOf, withEnds } from './figure-query';

/** One line of the care figures: the period (`interval` PERIOD) or one interval of its series, every figure a column. */
type CareLine = { interval: 'PERIOD' | FigureInterval; start: string; end: string } & Record<string, string | number | null>;

const SURVEY_COLUMNS = [
  'surveys',
  'sent',
  'answered',
  'noResponse',
  'score1',
  'score2',
  'score3',
  'score4',
  'score5',
  'satisfied',
  'csatPercent',
  'lowScores',
  'lowScoresReopened',
  'lowScoresNotReopened',
];

const CARE_COLUMNS: readonly (keyof CareLine & string)[] = [
  'interval',
  'start',
  'end',
  'tickets',
  'complaints',
  'complaintsPer1000Tickets',
  'complaintsAnswered',
  'complaintsAnsweredWithinStandard',
  'complaintsDecidedOnStandard',
  'complaintsWithinStandardPercent',
  'complaintsCalledBack',
  'complaintsCalledBackPercent',
  ...SURVEY_COLUMNS.map((column) => `survey${column[0].toUpperCase()}${column.slice(1)}`),
  ...SURVEY_COLUMNS.map((column) => `paidSurvey${column[0].toUpperCase()}${column.slice(1)}`),
  'resolutions',
  'backWithin30Days',
  'backWithin30DaysPercent',
  'backWithin90Days',
  'backWithin90DaysPercent',
];

type TicketLine = CareFigureLine;

const TICKET_COLUMNS: readonly (keyof TicketLine & string)[] = [
  'ticketId',
  ...FIGURE_TICKET_COLUMNS,
  'localDate',
  'countedAt',
  'resultReportedAt',
  'complaintDueAt',
  'returnedAt',
  'callbackState',
  'score',
  'reopened',
];

/**
 * GET /exports/care-figures.csv|json: the customer-care figures (the period,
 * then each interval of its series with `groupBy`), and GET
 * /exports/care-figure-tickets.csv|json: the tickets behind one figure
 * (`figure`, and for the surveys `score` and `paidServicesOnly=true`),
 * streamed in keyset pages. Both take the filter of `careFigures` as query
 * parameters, like the service figures' exports, and are authenticated,
 * allowed and scoped exactly like the queries.
 */
export function registerCareFiguresExport(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits): void {
  registerExport<Grouped<FigureFilter>, CareLine>(app, deps, limits, {
    filename: 'care-figures',
    permission: Permission.FIGURES_READ,
    columns: CARE_COLUMNS,
    parse: groupedBy(figureFilterOf),
    async produce(tenant, { filter, groupBy }, writer) {
      const figures = await careFigures(tenant, filter, groupBy);
      await writer.write(lineOf('PERIOD', figures.from, figures.to, figures));
      for (const bucket of withEnds(figures.series, figures.to)) await writer.write(lineOf(groupBy!, bucket.start, bucket.end, bucket));
    },
  });
  registerExport<CareFigureRows, TicketLine>(app, deps, limits, {
    filename: 'care-figure-tickets',
    permission: Permission.FIGURES_READ,
    columns: TICKET_COLUMNS,
    parse: (query) => ({
      figure: requiredOneOf(query.figure, CareFigure, 'figure'),
      score: wholeNumberOf(query.score, '`score` is a whole number from 1 to 5'),
      filter: figureFilterOf(query),
      paidServicesOnly: query.paidServicesOnly === 'true',
    }),
    async produce(tenant, rows, writer) {
      await readCareFigureTickets(tenant, rows, { pageSize: EXPORT_PAGE_SIZE }, async (page) => {
        for (const row of page) await writer.write(withTicketGlobalId(ticketLineOf(row)));
      });
    },
  });
}

function lineOf(interval: CareLine['interval'], start: string, end: string, set: CareFigureSet): CareLine {
  const { complaints: c, repeatRepairs: r } = set;
  return {
    interval,
    start,
    end,
    tickets: set.tickets,
    complaints: c.complaints,
    complaintsPer1000Tickets: c.per1000Tickets,
    complaintsAnswered: c.answered,
    complaintsAnsweredWithinStandard: c.answeredWithinStandard,
    complaintsDecidedOnStandard: c.decidedOnStandard,
    complaintsWithinStandardPercent: c.withinStandardPercent,
    complaintsCalledBack: c.calledBack,
    complaintsCalledBackPercent: c.calledBackPercent,
    ...surveyColumns('survey', set.surveys),
    ...surveyColumns('paidSurvey', set.paidServiceSurveys),
    resolutions: r.resolutions,
    backWithin30Days: r.backWithin30Days,
    backWithin30DaysPercent: r.backWithin30DaysPercent,
    backWithin90Days: r.backWithin90Days,
    backWithin90DaysPercent: r.backWithin90DaysPercent,
  };
}

function surveyColumns(prefix: string, figures: SurveyFigures): Record<string, number | null> {
  const values: Record<string, number | null> = {
    surveys: figures.surveys,
    sent: figures.sent,
    answered: figures.answered,
    noResponse: figures.noResponse,
    ...Object.fromEntries(figures.scores.map(({ score, count }) => [`score${score}`, count])),
    satisfied: figures.satisfied,
    csatPercent: figures.csatPercent,
    lowScores: figures.lowScores,
    lowScoresReopened: figures.lowScoresReopened,
    lowScoresNotReopened: figures.lowScoresNotReopened,
  };
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`${prefix}${name[0].toUpperCase()}${name.slice(1)}`, value]));
}
