import type { FastifyInstance } from 'fastify';
import { BacklogAge, FigureInterval, TicketFigure } from '../../core/sla-enums';
import { Permission } from '../../domain/permissions';
import type { VolumeFilter } from '../../domain/reports/volume-filter';
import { ticketFigures, TicketFigures } from '../../domain/reports/ticket-figures';
import { readVolumeTickets, VolumeRows, VolumeTicket } from '../../domain/reports/volume-tickets';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { withTicketGlobalId } from '../graphql/global-ids';
import { registerExport } from './export-route';
import { FIGURE_TICKET_COLUMNS } from './figure-ticket-columns';
import { EXPORT_PAGE_SIZE } from './export-stream';
import { Grouped, groupedBy, oneOf, requiredOneOf, volumeFilterOf, wholeNumberOf } from './figure-query';

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
  ...FIGURE_TICKET_COLUMNS,
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
  registerExport<Grouped<VolumeFilter>, VolumeLine>(app, deps, limits, {
    filename: 'ticket-figures',
    permission: Permission.FIGURES_READ,
    columns: VOLUME_COLUMNS,
    parse: groupedBy(volumeFilterOf),
    async produce(tenant, { filter, groupBy }, writer) {
      // A period's figures are a few dozen lines per interval (at most 366 days): read at once, written line by line.
      const figures = await ticketFigures(tenant, filter, groupBy);
      for (const line of periodLines(figures)) await writer.write(line);
      for (const bucket of figures.series) {
        const line = (figure: string, value: number): VolumeLine => ({
          interval: groupBy!,
          start: bucket.start,
          end: bucket.end,
          figure,
          breakdown: '',
          value,
        });
        await writer.write(line(TicketFigure.REGISTERED, bucket.registered));
        await writer.write(line(TicketFigure.BACKLOG, bucket.backlog));
        await writer.write(line(TicketFigure.ESCALATED, bucket.escalated));
        await writer.write(line(TicketFigure.PARTS_ORDERED, bucket.partsOrdered));
        await writer.write(line(TicketFigure.SLIPS, bucket.slipNotices));
      }
    },
  });
  registerExport<VolumeRows, RowLine>(app, deps, limits, {
    filename: 'ticket-figure-tickets',
    permission: Permission.FIGURES_READ,
    columns: ROW_COLUMNS,
    parse: (query) => ({
      figure: requiredOneOf(query.figure, TicketFigure, 'figure'),
      level: wholeNumberOf(query.level, '`level` must be a whole number'),
      filter: volumeFilterOf(query),
      backlogAge: oneOf(query.backlogAge, BacklogAge, 'backlogAge'),
    }),
    async produce(tenant, rows, writer) {
      await readVolumeTickets(tenant, rows, { pageSize: EXPORT_PAGE_SIZE }, async (page) => {
        for (const row of page) await writer.write(withTicketGlobalId(row));
      });
    },
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
