import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TicketChannel, TicketPriority, TicketType } from '../../core/desk-enums';
import { fromGlobalId, toGlobalId } from '../../core/global-id';
import { FigureInterval, FigureRunSubset, MeasuredOutcome, SlaMetric } from '../../core/sla-enums';
import { notFound } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import type { FigureFilter } from '../../domain/reports/figure-filter';
import { FigureTicket, readFigureTickets } from '../../domain/reports/figure-tickets';
import { FirstResponseFigures, MetricFigures, serviceFigures } from '../../domain/reports/service-figures';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { BadParameter, EXPORT_PAGE_SIZE, exportContext, ExportFormat, listParameter, refuseFor, streamExport } from './export-stream';

/** One line of the figures: one metric over the period (`interval` PERIOD) or over one interval of its series. */
interface FigureLine extends MetricFigures {
  interval: 'PERIOD' | FigureInterval;
  start: string;
  end: string;
  /** The first response's figures, on the FIRST_CONTACT lines (whose runs they are counted from). */
  firstResponded?: number | null;
  firstAverageMinutes?: number | null;
  firstMedianMinutes?: number | null;
  firstAverageWorkingMinutes?: number | null;
  firstMedianWorkingMinutes?: number | null;
  firstWithin24Hours?: number | null;
  firstWithin24HoursPercent?: number | null;
}

const FIGURE_COLUMNS: readonly (keyof FigureLine & string)[] = [
  'interval',
  'start',
  'end',
  'metric',
  'measured',
  'met',
  'breached',
  'running',
  'compliancePercent',
  'medianWorkingMinutes',
  'p90WorkingMinutes',
  'firstResponded',
  'firstAverageMinutes',
  'firstMedianMinutes',
  'firstAverageWorkingMinutes',
  'firstMedianWorkingMinutes',
  'firstWithin24Hours',
  'firstWithin24HoursPercent',
];

type TicketLine = Omit<FigureTicket, 'ticketId'> & { ticketId: string };

const TICKET_COLUMNS: readonly (keyof TicketLine & string)[] = [
  'ticketId',
  'number',
  'storeSlug',
  'storeName',
  'type',
  'status',
  'priority',
  'channel',
  'metric',
  'outcome',
  'localDate',
  'startedAt',
  'dueAt',
  'stoppedAt',
  'breachedAt',
  'workingMinutes',
];

/**
 * GET /exports/figures.csv|json: the service figures (per metric over the
 * period, then per interval of its series with `groupBy`), and GET
 * /exports/figure-tickets.csv|json: the runs behind one figure (`metric`,
 * `outcome`, `only`), streamed in keyset pages so an export of any size holds
 * one page. Both take the filter of `serviceFigures` as query parameters
 * (`day`, `week`, `month` or `from` and `to`; `stores`, `ticketTypes`,
 * `channels`, `priorities` comma-separated), and are authenticated, allowed
 * and scoped exactly like the queries: `FIGURES_READ`, a store its own, an HQ
 * its network, and a store that is not the caller's is 404.
 */
export function registerFiguresExport(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits): void {
  for (const format of ['csv', 'json'] as const) {
    app.get(`/exports/figures.${format}`, (request, reply) => exportFigures(deps, limits, format, request, reply));
    app.get(`/exports/figure-tickets.${format}`, (request, reply) => exportFigureTickets(deps, limits, format, request, reply));
  }
}

export type Query = Record<string, string | undefined>;

async function exportFigures(deps: ApiDeps, limits: EdgeLimits, format: ExportFormat, request: FastifyRequest, reply: FastifyReply) {
  const context = await exportContext(deps, limits, Permission.FIGURES_READ, request, reply);
  if (!context?.tenant) return reply;
  const tenant = context.tenant;
  let filter: FigureFilter;
  let groupBy: FigureInterval | null;
  try {
    const query = request.query as Query;
    filter = figureFilterOf(query);
    groupBy = oneOf(query.groupBy, FigureInterval, 'groupBy');
  } catch (error) {
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
  return streamExport<FigureLine>(context, request, reply, { format, filename: 'figures', columns: FIGURE_COLUMNS }, async (writer) => {
    // A period's figures are a few lines per interval (at most 366 days): read at once, written line by line.
    const figures = await serviceFigures(tenant, filter, { groupBy });
    const lines = (interval: FigureLine['interval'], start: string, end: string, metrics: MetricFigures[], first: FirstResponseFigures) =>
      metrics.map((figures) => ({ interval, start, end, ...figures, ...(figures.metric === SlaMetric.FIRST_CONTACT ? firstResponseOf(first) : {}) }));
    for (const line of lines('PERIOD', figures.from, figures.to, figures.metrics, figures.firstResponse)) await writer.write(line);
    for (const [index, bucket] of figures.series.entries()) {
      const next = figures.series[index + 1]?.start;
      const end = next ? dayBefore(next) : figures.to;
      for (const line of lines(groupBy!, bucket.start, end, bucket.metrics, bucket.firstResponse)) await writer.write(line);
    }
  });
}

async function exportFigureTickets(deps: ApiDeps, limits: EdgeLimits, format: ExportFormat, request: FastifyRequest, reply: FastifyReply) {
  const context = await exportContext(deps, limits, Permission.FIGURES_READ, request, reply);
  if (!context?.tenant) return reply;
  const tenant = context.tenant;
  let runs;
  try {
    const query = request.query as Query;
    const metric = oneOf(query.metric, SlaMetric, 'metric');
    if (!metric) throw new BadParameter('`metric` is required');
    runs = {
      filter: figureFilterOf(query),
      metric,
      outcome: oneOf(query.outcome, MeasuredOutcome, 'outcome'),
      subset: oneOf(query.only, FigureRunSubset, 'only'),
    };
  } catch (error) {
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
  return streamExport<TicketLine>(context, request, reply, { format, filename: 'figure-tickets', columns: TICKET_COLUMNS }, async (writer) => {
    await readFigureTickets(tenant, runs, { pageSize: EXPORT_PAGE_SIZE }, async (rows) => {
      for (const row of rows) await writer.write({ ...row, ticketId: toGlobalId('Ticket', row.ticketId) });
    });
  });
}

function firstResponseOf(first: FirstResponseFigures): Partial<FigureLine> {
  return {
    firstResponded: first.responded,
    firstAverageMinutes: first.averageMinutes,
    firstMedianMinutes: first.medianMinutes,
    firstAverageWorkingMinutes: first.averageWorkingMinutes,
    firstMedianWorkingMinutes: first.medianWorkingMinutes,
    firstWithin24Hours: first.within24Hours,
    firstWithin24HoursPercent: first.within24HoursPercent,
  };
}

/** The figures' filter from query parameters; stores are Tenant global ids, and a malformed one is NOT_FOUND like another network's. */
export function figureFilterOf(query: Query): FigureFilter {
  return {
    storeIds:
      listParameter(query.stores)?.map((id) => {
        const decoded = fromGlobalId(id, 'Tenant');
        if (!decoded) throw notFound('Store');
        return decoded.id;
      }) ?? null,
    period: { day: query.day || null, week: query.week || null, month: query.month || null, from: query.from || null, to: query.to || null },
    ticketTypes: listOf(query.ticketTypes, TicketType, 'ticketTypes'),
    channels: listOf(query.channels, TicketChannel, 'channels'),
    priorities: listOf(query.priorities, TicketPriority, 'priorities'),
  };
}

export function oneOf<E extends string>(value: string | undefined, values: Record<string, E>, name: string): E | null {
  if (!value) return null;
  if (!Object.values<string>(values).includes(value)) throw new BadParameter(`\`${name}\` must be one of ${Object.values(values).join(', ')}`);
  return value as E;
}

function listOf<E extends string>(value: string | undefined, values: Record<string, E>, name: string): E[] | null {
  return listParameter(value)?.map((item) => oneOf(item, values, name)!) ?? null;
}

export function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
