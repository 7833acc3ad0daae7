import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromGlobalId, toGlobalId } from '../../core/global-id';
import { BacklogAge, FigureInterval, TicketFigure } from '../../core/sla-enums';
import { notFound } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import { ticketFigures, TicketFigures } from '../../domain/reports/ticket-figures';
import type { VolumeFilter } from '../../domain/reports/volume-filter';
import { readVolumeTickets, VolumeRows, VolumeTicket } from '../../domain/reports/volume-tickets';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { BadParameter, EXPORT_PAGE_SIZE, exportContext, ExportFormat, listParameter, refuseFor, streamExport } from './export-stream';
import { figureFilterOf, oneOf, Query } from './figures-export';

/** One figure of the ticket volumes over the period (`interval` PERIOD) or over one interval of its series. */
interface VolumeLine {
  interval: 'PERIOD' | FigureInterval;
  start: string;
  end: string;
  /** REGISTERED, BACKLOG, ESCALATED, ESCALATED_TICKETS, PARTS_*, SLIPS*. */
  figure: string;
  /** What the figure is cut by (`type=REPAIR`, `age=DAYS_1_TO_3`, `level=2`, `model=…`); empty for the figure's total. */
  breakdown: string;
  value: number | null;
}

const VOLUME_COLUMNS: readonly (keyof VolumeLine & string)[] = ['interval', 'start', 'end', 'figure', 'breakdown', 'value'];

type RowLine = Omit<VolumeTicket, 'ticketId'> & { ticketId: string };

const ROW_COLUMNS: readonly (keyof RowLine & string)[] = [
  'ticketId',
  'itemId',
  'figure',
  'number',
  'storeSlug',
  'storeName',
  'type',
  'status',
  'priority',
  'channel',
  'modelName',
  'occurredAt',
  'localDate',
  'backlogAge',
  'level',
  'levelName',
  'partNumber',
  'expectedOn',
  'arrivedOn',
  'slips',
  'toldAt',
];

/**
 * GET /exports/ticket-figures.csv|json: the ticket-volume figures, one line
 * per figure and breakdown (then per interval of the series with `groupBy`),
 * and GET /exports/ticket-figure-tickets.csv|json: the rows behind one figure
 * (`figure`, with `backlogAge` or `level`), streamed in keyset pages. Both
 * take the filter of `ticketFigures` as query parameters (that of the service
 * figures, and `productModels`, ProductModel global ids), and are
 * authenticated, allowed and scoped exactly like the queries.
 */
export function registerTicketFiguresExport(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits): void {
  for (const format of ['csv', 'json'] as const) {
    app.get(`/exports/ticket-figures.${format}`, (request, reply) => exportTicketFigures(deps, limits, format, request, reply));
    app.get(`/exports/ticket-figure-tickets.${format}`, (request, reply) => exportTicketFigureRows(deps, limits, format, request, reply));
  }
}

async function exportTicketFigures(deps: ApiDeps, limits: EdgeLimits, format: ExportFormat, request: FastifyRequest, reply: FastifyReply) {
  const context = await exportContext(deps, limits, Permission.FIGURES_READ, request, reply);
  if (!context?.tenant) return reply;
  const tenant = context.tenant;
  let filter: VolumeFilter;
  let groupBy: FigureInterval | null;
  try {
    const query = request.query as Query;
    filter = volumeFilterOf(query);
    groupBy = oneOf(query.groupBy, FigureInterval, 'groupBy');
  } catch (error) {
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
  return streamExport<VolumeLine>(context, request, reply, { format, filename: 'ticket-figures', columns: VOLUME_COLUMNS }, async (writer) => {
    // A period's figures are a few dozen lines per interval (at most 366 days): read at once, written line by line.
    const figures = await ticketFigures(tenant, filter, groupBy);
    for (const line of periodLines(figures)) await writer.write(line);
    for (const bucket of figures.series) {
      const line = (figure: string, value: number): VolumeLine => ({ interval: groupBy!, start: bucket.start, end: bucket.end, figure, breakdown: '', value });
      await writer.write(line(TicketFigure.REGISTERED, bucket.registered));
      await writer.write(line(TicketFigure.BACKLOG, bucket.backlog));
      await writer.write(line(TicketFigure.ESCALATED, bucket.escalated));
      await writer.write(line(TicketFigure.PARTS_ORDERED, bucket.partsOrdered));
      await writer.write(line(TicketFigure.SLIPS, bucket.slipNotices));
    }
  });
}

function periodLines(figures: TicketFigures): VolumeLine[] {
  const line = (figure: string, value: number | null, breakdown = ''): VolumeLine => ({
    interval: 'PERIOD',
    start: figures.from,
    end: figures.to,
    figure,
    breakdown,
    value,
  });
  const { parts } = figures;
  return [
    line(TicketFigure.REGISTERED, figures.registered),
    ...figures.byType.map(({ key, count }) => line(TicketFigure.REGISTERED, count, `type=${key}`)),
    ...figures.byChannel.map(({ key, count }) => line(TicketFigure.REGISTERED, count, `channel=${key}`)),
    ...figures.byPriority.map(({ key, count }) => line(TicketFigure.REGISTERED, count, `priority=${key}`)),
    ...figures.byModel.map(({ name, count }) => line(TicketFigure.REGISTERED, count, `model=${name ?? ''}`)),
    line(TicketFigure.BACKLOG, figures.backlog.total),
    ...figures.backlog.ages.map(({ age, count }) => line(TicketFigure.BACKLOG, count, `age=${age}`)),
    ...figures.escalations.flatMap(({ level, count, tickets }) => [
      line(TicketFigure.ESCALATED, count, `level=${level}`),
      line('ESCALATED_TICKETS', tickets, `level=${level}`),
    ]),
    line(TicketFigure.PARTS_ORDERED, parts.ordered),
    line(TicketFigure.PARTS_LATE, parts.late),
    line(TicketFigure.PARTS_ARRIVED_LATE, parts.arrivedLate),
    line(TicketFigure.PARTS_SLIPPED, parts.slipped),
    line('SLIPS_OF_ORDERS', parts.slips),
    line('SLIPS_PER_ORDER', parts.slipsPerOrder),
    line(TicketFigure.SLIPS, parts.slipNotices),
    line(TicketFigure.SLIPS_TOLD, parts.told),
    line('SLIPS_TOLD_PERCENT', parts.toldPercent),
  ];
}

async function exportTicketFigureRows(deps: ApiDeps, limits: EdgeLimits, format: ExportFormat, request: FastifyRequest, reply: FastifyReply) {
  const context = await exportContext(deps, limits, Permission.FIGURES_READ, request, reply);
  if (!context?.tenant) return reply;
  const tenant = context.tenant;
  let rows: VolumeRows;
  try {
    const query = request.query as Query;
    const figure = oneOf(query.figure, TicketFigure, 'figure');
    if (!figure) throw new BadParameter('`figure` is required');
    const level = query.level ? Number(query.level) : null;
    if (level !== null && !Number.isInteger(level)) throw new BadParameter('`level` must be a whole number');
    rows = { filter: volumeFilterOf(query), figure, backlogAge: oneOf(query.backlogAge, BacklogAge, 'backlogAge'), level };
  } catch (error) {
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
  return streamExport<RowLine>(context, request, reply, { format, filename: 'ticket-figure-tickets', columns: ROW_COLUMNS }, async (writer) => {
    await readVolumeTickets(tenant, rows, { pageSize: EXPORT_PAGE_SIZE }, async (page) => {
      for (const row of page) await writer.write({ ...row, ticketId: toGlobalId('Ticket', row.ticketId) });
    });
  });
}

/** The service figures' filter and the product models (ProductModel global ids; a malformed one is NOT_FOUND). */
function volumeFilterOf(query: Query): VolumeFilter {
  return {
    ...figureFilterOf(query),
    modelIds:
      listParameter(query.productModels)?.map((id) => {
        const decoded = fromGlobalId(id, 'ProductModel');
        if (!decoded) throw notFound('ProductModel');
        return decoded.id;
      }) ?? null,
  };
}
