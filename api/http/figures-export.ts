import type { FastifyInstance } from 'fastify';
import { FigureInterval, FigureRunSubset, MeasuredOutcome, SlaMetric } from '../../core/sla-enums';
import { Permission } from '../../domain/permissions';
import type { FigureFilter } from '../../domain/reports/figure-filter';
import { FigureRuns, FigureTicket, readFigureTickets } from '../../domain/reports/figure-tickets';
import { FirstResponseFigures, MetricFigures, serviceFigures } from '../../domain/reports/service-figures';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { withTicketGlobalId } from '../graphql/global-ids';
import { registerExport } from './export-route';
import { FIGURE_TICKET_COLUMNS } from './figure-ticket-columns';
import { EXPORT_PAGE_SIZE } from './export-stream';
import { figureFilterOf, Grouped, groupedBy, oneOf, requiredOneOf, withEnds } from './figure-query';

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
  ...FIGURE_TICKET_COLUMNS,
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
  registerExport<Grouped<FigureFilter>, FigureLine>(app, deps, limits, {
    filename: 'figures',
    permission: Permission.FIGURES_READ,
    columns: FIGURE_COLUMNS,
    parse: groupedBy(figureFilterOf),
    async produce(tenant, { filter, groupBy }, writer) {
      // A period's figures are a few lines per interval (at most 366 days): read at once, written line by line.
      const figures = await serviceFigures(tenant, filter, { groupBy });
      const lines = (interval: FigureLine['interval'], start: string, end: string, metrics: MetricFigures[], first: FirstResponseFigures) =>
        metrics.map((figures) => ({ interval, start, end, ...figures, ...(figures.metric === SlaMetric.FIRST_CONTACT ? firstResponseOf(first) : {}) }));
      for (const line of lines('PERIOD', figures.from, figures.to, figures.metrics, figures.firstResponse)) await writer.write(line);
      for (const bucket of withEnds(figures.series, figures.to)) {
        for (const line of lines(groupBy!, bucket.start, bucket.end, bucket.metrics, bucket.firstResponse)) await writer.write(line);
      }
    },
  });
  registerExport<FigureRuns, TicketLine>(app, deps, limits, {
    filename: 'figure-tickets',
    permission: Permission.FIGURES_READ,
    columns: TICKET_COLUMNS,
    parse: (query) => ({
      metric: requiredOneOf(query.metric, SlaMetric, 'metric'),
      filter: figureFilterOf(query),
      outcome: oneOf(query.outcome, MeasuredOutcome, 'outcome'),
      subset: oneOf(query.only, FigureRunSubset, 'only'),
    }),
    async produce(tenant, runs, writer) {
      await readFigureTickets(tenant, runs, { pageSize: EXPORT_PAGE_SIZE }, async (rows) => {
        for (const row of rows) await writer.write(withTicketGlobalId(row));
      });
    },
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
