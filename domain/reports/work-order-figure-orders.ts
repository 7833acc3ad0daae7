import type { WorkOrderFigure } from '../../core/sla-enums';
import { WorkOrder } from '../../schema/entities';
import type { TenantContext } from '../context';
import { checkPageSize, decodeCursor, Page, PageRequest, toPage } from '../pagination';
import { storeTimeZone } from '../store-time';
import { dayRangeOf, PeriodSpec } from './figure-period';
import { BOUNDS, boundsParameters, FIGURE_CONDITIONS } from './work-order-conditions';

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
export async function workOrderFigureOrders(ctx: TenantContext, rows: WorkOrderRows, page: PageRequest): Promise<Page<WorkOrder>> {
  checkPageSize(page.first);
  const range = dayRangeOf(rows.period);
  const zone = await storeTimeZone(ctx);
  const after = page.after ? decodeCursor(page.after) : null;
  const found = await ctx.em.execute<Record<string, unknown>[]>(
    `select w.* from work_orders w, ${BOUNDS}
      where w.tenant_id = ? and ${FIGURE_CONDITIONS[rows.figure]}
        ${after ? 'and (w.created_at, w.id) < (?, ?)' : ''}
      order by w.created_at desc, w.id desc
      limit ?`,
    [...boundsParameters(range, zone, ctx.clock.now()), ctx.tenantId, ...(after ? [after.createdAt, after.id] : []), page.first + 1],
  );
  return toPage(
    found.map((row) => ctx.em.map(WorkOrder, row)),
    page.first,
  );
}
