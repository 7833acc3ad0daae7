import type { WorkOrderFigure } from '../../core/sla-enums';
import { WorkOrder } from '../../schema/entities';
import type { TenantContext } from '../context';
import { encodeCursor, firstPageOf, KeysetReading, Page, PageRequest, readKeysetPages } from '../pagination';
import { storeTimeZone } from '../store-time';
import { dayRangeOf, PeriodSpec } from './figure-period';
import { BOUNDS, boundsParameters, FIGURE_CONDITIONS } from './work-order-conditions';
import { readOnlyEntity } from '../read-only-entities';

/** Which orders: the period of the figure drilled into, and the figure. */
export interface WorkOrderRows {
  period: PeriodSpec;
  figure: WorkOrderFigure;
}

/**
 * The work orders behind one figure of `workOrderFigures`, newest received
 * first, a page at a time: over all pages, exactly the orders the figure
 * counts (the same condition selects them).
 */
export function workOrderFigureOrders(ctx: TenantContext, rows: WorkOrderRows, page: PageRequest): Promise<Page<WorkOrder>> {
  return firstPageOf<WorkOrder>(
    page,
    (reading, onPage) => readWorkOrderFigureOrders(ctx, rows, reading, onPage),
    (order) => encodeCursor(order),
  );
}

/** The same orders handed over a page at a time, as the export streams them. */
export async function readWorkOrderFigureOrders(
  ctx: TenantContext,
  rows: WorkOrderRows,
  reading: KeysetReading,
  onPage: (orders: WorkOrder[]) => Promise<void>,
): Promise<void> {
  const range = dayRangeOf(rows.period);
  const bounds = boundsParameters(range, await storeTimeZone(ctx), ctx.clock.now());
  await readKeysetPages(
    reading,
    async (after, limit) => {
      const found = await ctx.em.execute<Record<string, unknown>[]>(
        `select w.* from work_orders w, ${BOUNDS}
          where w.tenant_id = ? and ${FIGURE_CONDITIONS[rows.figure]}
            ${after ? 'and (w.created_at, w.id) < (?, ?)' : ''}
          order by w.created_at desc, w.id desc
          limit ?`,
        [...bounds, ctx.tenantId, ...(after ? [after.createdAt, after.id] : []), limit],
      );
      return found.map((row) => readOnlyEntity(ctx.em, WorkOrder, row));
    },
    (order) => order,
    onPage,
  );
}
