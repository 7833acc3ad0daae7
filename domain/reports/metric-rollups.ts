import type { TenantContext } from '../context';
import { PercentileMeasure, SlaMetric } from '../../core/sla-enums';
import { SETTLED, STOPPED } from './figure-filter';

/**
 * Counts the store's rows of `ticket_metric_rollups` again from its facts, of
 * `ticket_metric_day_rollups` from those and of `ticket_metric_month_rollups`
 * from those, and its `ticket_metric_month_buckets` from its facts, in
 * the caller's transaction: the end of a rebuild, so that the rows equal
 * what the facts hold whatever happened to them before (facts removed or
 * restored outside the product), and without the rows left at zero.
 */
export async function rebuildMetricRollups(ctx: TenantContext): Promise<void> {
  // Locked in key order first, as a ticket's facts statement locks the rows it moves: a bare delete would lock them in the
  // table's order and could deadlock with a ticket changing meanwhile.
  await ctx.em.execute(`select 1 from ticket_metric_rollups where tenant_id = ? order by local_date, metric, ticket_type, channel, priority for update`, [
    ctx.tenantId,
  ]);
  await ctx.em.execute(`select 1 from ticket_metric_day_rollups where tenant_id = ? order by local_date, metric for update`, [ctx.tenantId]);
  await ctx.em.execute(`select 1 from ticket_metric_month_rollups where tenant_id = ? order by month, metric for update`, [ctx.tenantId]);
  await ctx.em.execute(`select 1 from ticket_metric_month_buckets where tenant_id = ? order by month, metric, measure, bucket for update`, [ctx.tenantId]);
  for (const table of ['ticket_metric_rollups', 'ticket_metric_day_rollups', 'ticket_metric_month_rollups', 'ticket_metric_month_buckets']) {
    await ctx.em.execute(`delete from ${table} where tenant_id = ?`, [ctx.tenantId]);
  }
  await ctx.em.execute(
    `insert into ticket_metric_rollups (tenant_id, local_date, metric, ticket_type, channel, priority, runs, met, breached, within_24h,
                                        working_minutes, calendar_seconds)
     select f.tenant_id, f.local_date, f.metric, f.ticket_type, f.channel, f.priority,
            count(*), count(*) filter (where f.outcome = 'MET'), count(*) filter (where f.outcome = 'BREACHED'),
            count(*) filter (where f.stopped_at - f.started_at <= interval '24 hours'),
            sum(f.working_minutes), sum(extract(epoch from f.stopped_at - f.started_at))
       from ticket_metric_facts f
      where f.tenant_id = ? and ${SETTLED}
      group by 1, 2, 3, 4, 5, 6`,
    [ctx.tenantId],
  );
  await ctx.em.execute(
    `insert into ticket_metric_day_rollups (tenant_id, local_date, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
     select f.tenant_id, f.local_date, f.metric, sum(f.runs), sum(f.met), sum(f.breached), sum(f.within_24h), sum(f.working_minutes), sum(f.calendar_seconds)
       from ticket_metric_rollups f
      where f.tenant_id = ?
      group by 1, 2, 3`,
    [ctx.tenantId],
  );
  await ctx.em.execute(
    `insert into ticket_metric_month_rollups (tenant_id, month, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
     select f.tenant_id, date_trunc('month', f.local_date)::date, f.metric, sum(f.runs), sum(f.met), sum(f.breached), sum(f.within_24h),
            sum(f.working_minutes), sum(f.calendar_seconds)
       from ticket_metric_day_rollups f
      where f.tenant_id = ?
      group by 1, 2, 3`,
    [ctx.tenantId],
  );
  await ctx.em.execute(
    `insert into ticket_metric_month_buckets (tenant_id, month, metric, measure, bucket, runs)
     select f.tenant_id, date_trunc('month', f.local_date)::date, f.metric, '${PercentileMeasure.WORKING}', app_figure_bucket(f.working_minutes_float), count(*)
       from ticket_metric_facts f
      where f.tenant_id = ? and ${STOPPED}
      group by 1, 2, 3, 5
      union all
     select f.tenant_id, date_trunc('month', f.local_date)::date, f.metric, '${PercentileMeasure.CALENDAR}', app_figure_bucket(f.calendar_minutes_float), count(*)
       from ticket_metric_facts f
      where f.tenant_id = ? and ${STOPPED} and f.metric = '${SlaMetric.FIRST_CONTACT}'
      group by 1, 2, 3, 5`,
    [ctx.tenantId, ctx.tenantId],
  );
}
