import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CareFigure } from '../../core/care-enums';
import { toGlobalId } from '../../core/global-id';
import { FigureInterval } from '../../core/sla-enums';
import { Permission } from '../../domain/permissions';
import { CareFigureLine, CareFigureRows, lineOf as ticketLineOf, readCareFigureTickets } from '../../domain/reports/care-figure-tickets';
import { CareFigureSet, careFigures, SurveyFigures } from '../../domain/reports/care-figures';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { BadParameter, EXPORT_PAGE_SIZE, exportContext, ExportFormat, refuseFor, streamExport } from './export-stream';
import { dayBefore, figureFilterOf, oneOf, Query } from './figures-export';

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

const CARE_COLUMNS: readonly string[] = [
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
  'number',
  'storeSlug',
  'storeName',
  'type',
  'status',
  'priority',
  'channel',
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
  for (const format of ['csv', 'json'] as const) {
    app.get(`/exports/care-figures.${format}`, (request, reply) => exportCareFigures(deps, limits, format, request, reply));
    app.get(`/exports/care-figure-tickets.${format}`, (request, reply) => exportCareFigureTickets(deps, limits, format, request, reply));
  }
}

async function exportCareFigures(deps: ApiDeps, limits: EdgeLimits, format: ExportFormat, request: FastifyRequest, reply: FastifyReply) {
  const context = await exportContext(deps, limits, Permission.FIGURES_READ, request, reply);
  if (!context?.tenant) return reply;
  const tenant = context.tenant;
  let filter;
  let groupBy: FigureInterval | null;
  try {
    const query = request.query as Query;
    filter = figureFilterOf(query);
    groupBy = oneOf(query.groupBy, FigureInterval, 'groupBy');
  } catch (error) {
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
  return streamExport<CareLine>(context, request, reply, { format, filename: 'care-figures', columns: CARE_COLUMNS }, async (writer) => {
    const figures = await careFigures(tenant, filter, groupBy);
    await writer.write(lineOf('PERIOD', figures.from, figures.to, figures));
    for (const [index, bucket] of figures.series.entries()) {
      const next = figures.series[index + 1]?.start;
      await writer.write(lineOf(groupBy!, bucket.start, next ? dayBefore(next) : figures.to, bucket));
    }
  });
}

async function exportCareFigureTickets(deps: ApiDeps, limits: EdgeLimits, format: ExportFormat, request: FastifyRequest, reply: FastifyReply) {
  const context = await exportContext(deps, limits, Permission.FIGURES_READ, request, reply);
  if (!context?.tenant) return reply;
  const tenant = context.tenant;
  let rows: CareFigureRows;
  try {
    const query = request.query as Query;
    const figure = oneOf(query.figure, CareFigure, 'figure');
    if (!figure) throw new BadParameter('`figure` is required');
    const score = query.score ? Number(query.score) : null;
    if (score !== null && !Number.isInteger(score)) throw new BadParameter('`score` is a whole number from 1 to 5');
    rows = { filter: figureFilterOf(query), figure, score, paidServicesOnly: query.paidServicesOnly === 'true' };
  } catch (error) {
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
  return streamExport<TicketLine>(context, request, reply, { format, filename: 'care-figure-tickets', columns: TICKET_COLUMNS }, async (writer) => {
    await readCareFigureTickets(tenant, rows, { pageSize: EXPORT_PAGE_SIZE }, async (page) => {
      for (const row of page) await writer.write({ ...ticketLineOf(row), ticketId: toGlobalId('Ticket', row.ticketId) });
    });
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
