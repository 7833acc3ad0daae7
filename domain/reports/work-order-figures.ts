import { FigureInterval, WorkOrderFigure as F } from '../../core/sla-enums';
import type { TenantContext } from '../context';
import { storeTimeZone } from '../store-time';
import { bucketStarts, dayRangeOf, PeriodSpec } from './figure-period';
import { ANY_FIGURE, BOUNDS, boundsParameters, FIGURE_CONDITIONS } from './work-order-conditions';

/** A partner's work orders over a period, in its own time zone. */
export interface WorkOrderFigures {
  from: string;
  to: string;
  counts: Record<F, number>;
  /** REPAIRED_ON_TIME / (ON_TIME + LATE), in percent (two decimals); null when no repair had a deadline. */
  onTimePercent: number | null;
  /** Of the repairs done in the period: hours from receipt to the repair (calendar time, one decimal). */
  turnaround: { averageHours: number | null; medianHours: number | null; p90Hours: number | null };
  series: WorkOrderBucket[];
}

export interface WorkOrderBucket {
  start: string;
  received: number;
  repaired: number;
  repairedOnTime: number;
  repairedLate: number;
}

const FIGURES = Object.values(F);
const UNITS: Record<FigureInterval, string> = { [FigureInterval.DAY]: 'day', [FigureInterval.WEEK]: 'week', [FigureInterval.MONTH]: 'month' };
const HOURS = `extract(epoch from w.repaired_at - w.created_at) / 3600`;

/**
 * Read from the orders themselves: a partner's orders are one row each, with
 * the instants of their milestones written by its reports (the figures' facts),
 * found by the (tenant, created_at) index. Anyone but a partner receives no
 * orders, and reads zeros.
 */
export async function workOrderFigures(ctx: TenantContext, period: PeriodSpec, groupBy: FigureInterval | null): Promise<WorkOrderFigures> {
  const range = dayRangeOf(period);
  const zone = await storeTimeZone(ctx);
  const bounds = boundsParameters(range, zone, ctx.clock.now());
  const counts = FIGURES.map((figure) => `count(*) filter (where ${FIGURE_CONDITIONS[figure]})::int as "${figure}"`).join(',\n');
  const [row] = await ctx.em.execute<Record<string, number | null>[]>(
    `select ${counts},
            round(avg(${HOURS}) filter (where ${FIGURE_CONDITIONS[F.REPAIRED]})::numeric, 1)::float as average,
            round((percentile_cont(0.5) within group (order by ${HOURS}) filter (where ${FIGURE_CONDITIONS[F.REPAIRED]}))::numeric, 1)::float as median,
            round((percentile_cont(0.9) within group (order by ${HOURS}) filter (where ${FIGURE_CONDITIONS[F.REPAIRED]}))::numeric, 1)::float as p90
       from work_orders w, ${BOUNDS}
      where w.tenant_id = ? and ${ANY_FIGURE}`,
    [...bounds, ctx.tenantId],
  );
  const countOf = Object.fromEntries(FIGURES.map((figure) => [figure, Number(row[figure] ?? 0)])) as Record<F, number>;
  const decided = countOf[F.REPAIRED_ON_TIME] + countOf[F.REPAIRED_LATE];
  return {
    ...range,
    counts: countOf,
    onTimePercent: decided ? Math.round((countOf[F.REPAIRED_ON_TIME] / decided) * 10000) / 100 : null,
    turnaround: { averageHours: row.average, medianHours: row.median, p90Hours: row.p90 },
    series: groupBy ? await seriesOf(ctx, bounds, zone, groupBy, bucketStarts(range, groupBy)) : [],
  };
}

/** Received counts on the day of receipt, a repair on the day it was done: each interval's counts, empty ones included. */
async function seriesOf(ctx: TenantContext, bounds: unknown[], zone: string, groupBy: FigureInterval, starts: string[]): Promise<WorkOrderBucket[]> {
  const unit = UNITS[groupBy];
  const bucketOf = (column: string) => `date_trunc('${unit}', (${column} at time zone ?))::date::text`;
  const rows = await ctx.em.execute<{ start: string; received: number; repaired: number; on_time: number; late: number }[]>(
    `select start, sum(received)::int as received, sum(repaired)::int as repaired, sum(on_time)::int as on_time, sum(late)::int as late
       from (select ${bucketOf('w.created_at')} as start, 1 as received, 0 as repaired, 0 as on_time, 0 as late
               from work_orders w, ${BOUNDS} where w.tenant_id = ? and ${FIGURE_CONDITIONS[F.RECEIVED]}
             union all
             select ${bucketOf('w.repaired_at')}, 0, 1,
                    (${FIGURE_CONDITIONS[F.REPAIRED_ON_TIME]})::int, (${FIGURE_CONDITIONS[F.REPAIRED_LATE]})::int
               from work_orders w, ${BOUNDS} where w.tenant_id = ? and ${FIGURE_CONDITIONS[F.REPAIRED]}) counted
      group by start`,
    [zone, ...bounds, ctx.tenantId, zone, ...bounds, ctx.tenantId],
  );
  const byStart = new Map(rows.map((row) => [row.start, row]));
  return starts.map((start) => {
    const row = byStart.get(start);
    return { start, received: row?.received ?? 0, repaired: row?.repaired ?? 0, repairedOnTime: row?.on_time ?? 0, repairedLate: row?.late ?? 0 };
  });
}
