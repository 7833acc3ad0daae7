import type { FastifyInstance } from 'fastify';
import { toGlobalId } from '../../core/global-id';
import { FigureInterval, WorkOrderFigure } from '../../core/sla-enums';
import type { PeriodSpec } from '../../domain/reports/figure-period';
import { readWorkOrderFigureOrders, WorkOrderRows } from '../../domain/reports/work-order-figure-orders';
import { workOrderFigures, WorkOrderFigures } from '../../domain/reports/work-order-figures';
import { Permission } from '../../domain/permissions';
import type { WorkOrder } from '../../schema/entities';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { registerExport } from './export-route';
import { EXPORT_PAGE_SIZE } from './export-stream';
import { oneOf, periodOf, requiredOneOf, withEnds } from './figure-query';

/** One line of the work-order figures: the period, or one interval of its series (whose turnaround and open counts are the period's only). */
type FiguresLine = { interval: 'PERIOD' | FigureInterval; start: string; end: string } & Record<string, string | number | null>;

const COUNTS = Object.values(WorkOrderFigure);
const FIGURE_COLUMNS = ['interval', 'start', 'end', ...COUNTS, 'onTimePercent', 'turnaroundAverageHours', 'turnaroundMedianHours', 'turnaroundP90Hours'];

type OrderLine = Record<'workOrderId' | 'reference' | 'deviceModel' | 'deviceSerial' | 'status', string | null> &
  Record<'createdAt' | 'storeDueAt' | 'repairedAt' | 'returnedAt', string | null> & { reworks: number };

const ORDER_COLUMNS: readonly (keyof OrderLine & string)[] = [
  'workOrderId',
  'reference',
  'deviceModel',
  'deviceSerial',
  'status',
  'createdAt',
  'storeDueAt',
  'repairedAt',
  'returnedAt',
  'reworks',
];

/**
 * GET /exports/work-order-figures.csv|json: a partner's work-order figures
 * (the period, then each interval of its series with `groupBy`), and GET
 * /exports/work-order-figure-orders.csv|json: the orders behind one figure
 * (`figure` required), streamed in keyset pages. Both take the period as
 * `workOrderFigures` does (`day`, `week`, `month` or `from` and `to`) and are
 * authenticated, allowed and scoped exactly like the queries.
 */
export function registerWorkOrderFiguresExport(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits): void {
  registerExport<{ period: PeriodSpec; groupBy: FigureInterval | null }, FiguresLine>(app, deps, limits, {
    filename: 'work-order-figures',
    permission: Permission.FIGURES_READ,
    columns: FIGURE_COLUMNS,
    parse: (query) => ({ period: periodOf(query), groupBy: oneOf(query.groupBy, FigureInterval, 'groupBy') }),
    async produce(tenant, { period, groupBy }, writer) {
      const figures = await workOrderFigures(tenant, period, groupBy);
      await writer.write(periodLine(figures));
      for (const bucket of withEnds(figures.series, figures.to)) {
        await writer.write({
          interval: groupBy!,
          start: bucket.start,
          end: bucket.end,
          ...Object.fromEntries(COUNTS.map((figure) => [figure, null])),
          [WorkOrderFigure.RECEIVED]: bucket.received,
          [WorkOrderFigure.REPAIRED]: bucket.repaired,
          [WorkOrderFigure.REPAIRED_ON_TIME]: bucket.repairedOnTime,
          [WorkOrderFigure.REPAIRED_LATE]: bucket.repairedLate,
          onTimePercent: null,
          turnaroundAverageHours: null,
          turnaroundMedianHours: null,
          turnaroundP90Hours: null,
        });
      }
    },
  });
  registerExport<WorkOrderRows, OrderLine>(app, deps, limits, {
    filename: 'work-order-figure-orders',
    permission: Permission.FIGURES_READ,
    columns: ORDER_COLUMNS,
    parse: (query) => ({ figure: requiredOneOf(query.figure, WorkOrderFigure, 'figure'), period: periodOf(query) }),
    async produce(tenant, rows, writer) {
      await readWorkOrderFigureOrders(tenant, rows, { pageSize: EXPORT_PAGE_SIZE }, async (orders) => {
        for (const order of orders) await writer.write(orderLine(order));
      });
    },
  });
}

function periodLine(figures: WorkOrderFigures): FiguresLine {
  return {
    interval: 'PERIOD',
    start: figures.from,
    end: figures.to,
    ...figures.counts,
    onTimePercent: figures.onTimePercent,
    turnaroundAverageHours: figures.turnaround.averageHours,
    turnaroundMedianHours: figures.turnaround.medianHours,
    turnaroundP90Hours: figures.turnaround.p90Hours,
  };
}

function orderLine(order: WorkOrder): OrderLine {
  const at = (date: Date | null | undefined) => date?.toISOString() ?? null;
  return {
    workOrderId: toGlobalId('WorkOrder', order.id),
    reference: order.reference,
    deviceModel: order.deviceModel ?? null,
    deviceSerial: order.deviceSerial ?? null,
    status: order.status,
    createdAt: at(order.createdAt),
    storeDueAt: at(order.storeDueAt),
    repairedAt: at(order.repairedAt),
    returnedAt: at(order.returnedAt),
    reworks: order.reworks,
  };
}
