import type { Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import type { EventOf, MeasuredRun } from '../events/domain-events';
import { PercentileMeasure, SlaMetric } from '../../core/sla-enums';
import { SETTLED, STOPPED } from './figure-filter';

/** A ticket and the runs its clocks measured. */
export interface MeasuredTicket {
  ticket: Ticket;
  runs: readonly MeasuredRun[];
}

/**
 * Keeps the tickets' rows of `ticket_metric_facts` equal to the runs their
 * clocks measured, in the caller's transaction: the runs are upserted and the
 * rows of runs a ticket no longer has (a cancelled ticket, a resolution undone
 * by a reopen before its callback) removed, in one statement for all of them
 * (a change writes one ticket, a rebuild a batch), which also moves
 * `ticket_metric_rollups` and `ticket_metric_day_rollups` by the difference:
 * what the tickets' settled runs added before is taken out and what they add
 * now put in (rows in key order, so that two statements lock shared rows in
 * the same order); and `ticket_metric_month_rollups` (the same counts per
 * month) and `ticket_metric_month_buckets` (the stopped runs per bucket of
 * their minutes) the same way.
 */
export async function storeMetricFacts(ctx: TenantContext, measured: readonly MeasuredTicket[]): Promise<void> {
  if (measured.length === 0) return;
  const rows = measured.flatMap(({ ticket, runs }) => runs.map((run) => ({ ticket, run })));
  const column = (value: (row: (typeof rows)[number]) => string | null) => pgArray(rows.map(value));
  await ctx.em.execute(
    `with run as (
       select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::date[], ?::text[], ?::timestamptz[],
                            ?::timestamptz[], ?::timestamptz[], ?::numeric[], ?::numeric[])
         as r(ticket_id, ticket_type, channel, priority, metric, started_at, local_date, outcome, due_at, stopped_at, breached_at,
              working_minutes, used_minutes)
     ),
     old as (
       select f.local_date, f.metric, f.ticket_type, f.channel, f.priority, f.outcome, f.started_at, f.stopped_at, f.working_minutes
         from ticket_metric_facts f
        where f.tenant_id = ? and f.ticket_id = any(?::uuid[])
     ),
     gone as (
       delete from ticket_metric_facts f
        where f.tenant_id = ? and f.ticket_id = any(?::uuid[])
          and not exists (select 1 from run r where r.ticket_id = f.ticket_id and r.metric = f.metric and r.started_at = f.started_at)
     ),
     written as (
     insert into ticket_metric_facts (tenant_id, ticket_id, metric, started_at, local_date, ticket_type, channel, priority, outcome,
                                      due_at, stopped_at, breached_at, working_minutes, used_minutes, computed_at)
     select ?, r.ticket_id, r.metric, r.started_at, r.local_date, r.ticket_type, r.channel, r.priority, r.outcome, r.due_at, r.stopped_at,
            r.breached_at, r.working_minutes, r.used_minutes, ?
       from run r
     on conflict (tenant_id, ticket_id, metric, started_at) do update
        set local_date = excluded.local_date, ticket_type = excluded.ticket_type, channel = excluded.channel, priority = excluded.priority,
            outcome = excluded.outcome, due_at = excluded.due_at, stopped_at = excluded.stopped_at, breached_at = excluded.breached_at,
            working_minutes = excluded.working_minutes, used_minutes = excluded.used_minutes, computed_at = excluded.computed_at
     ),
     change as (
       select f.local_date, f.metric, f.ticket_type, f.channel, f.priority, -1 as sign, f.outcome, f.started_at, f.stopped_at, f.working_minutes
         from old f
        where ${SETTLED}
       union all
       select f.local_date, f.metric, f.ticket_type, f.channel, f.priority, 1, f.outcome, f.started_at, f.stopped_at, f.working_minutes
         from run f
        where ${SETTLED}
     ),
     delta as (
       select local_date, metric, ticket_type, channel, priority,
              sum(sign)::int as runs,
              coalesce(sum(sign) filter (where outcome = 'MET'), 0)::int as met,
              coalesce(sum(sign) filter (where outcome = 'BREACHED'), 0)::int as breached,
              coalesce(sum(sign) filter (where stopped_at - started_at <= interval '24 hours'), 0)::int as within_24h,
              sum(sign * working_minutes) as working_minutes,
              sum(sign * extract(epoch from stopped_at - started_at)) as calendar_seconds
         from change
        group by 1, 2, 3, 4, 5
     ),
     by_kind as (
       insert into ticket_metric_rollups as m (tenant_id, local_date, metric, ticket_type, channel, priority, runs, met, breached, within_24h,
                                               working_minutes, calendar_seconds)
       select ?, d.local_date, d.metric, d.ticket_type, d.channel, d.priority, d.runs, d.met, d.breached, d.within_24h, d.working_minutes, d.calendar_seconds
         from delta d
        where d.runs <> 0 or d.met <> 0 or d.within_24h <> 0 or d.working_minutes <> 0 or d.calendar_seconds <> 0
        order by d.local_date, d.metric, d.ticket_type, d.channel, d.priority
       on conflict (tenant_id, local_date, metric, ticket_type, channel, priority) do update
          set runs = m.runs + excluded.runs, met = m.met + excluded.met, breached = m.breached + excluded.breached,
              within_24h = m.within_24h + excluded.within_24h, working_minutes = m.working_minutes + excluded.working_minutes,
              calendar_seconds = m.calendar_seconds + excluded.calendar_seconds
     ),
     by_day as (
       select local_date, metric, sum(runs)::int as runs, sum(met)::int as met, sum(breached)::int as breached, sum(within_24h)::int as within_24h,
              sum(working_minutes) as working_minutes, sum(calendar_seconds) as calendar_seconds
         from delta
        group by 1, 2
     ),
     by_day_rows as (
       insert into ticket_metric_day_rollups as m (tenant_id, local_date, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
       select ?, d.local_date, d.metric, d.runs, d.met, d.breached, d.within_24h, d.working_minutes, d.calendar_seconds
         from by_day d
        where d.runs <> 0 or d.met <> 0 or d.within_24h <> 0 or d.working_minutes <> 0 or d.calendar_seconds <> 0
        order by d.local_date, d.metric
       on conflict (tenant_id, local_date, metric) do update
          set runs = m.runs + excluded.runs, met = m.met + excluded.met, breached = m.breached + excluded.breached,
              within_24h = m.within_24h + excluded.within_24h, working_minutes = m.working_minutes + excluded.working_minutes,
              calendar_seconds = m.calendar_seconds + excluded.calendar_seconds
     ),
     by_month as (
       select date_trunc('month', local_date)::date as month, metric, sum(runs)::int as runs, sum(met)::int as met, sum(breached)::int as breached,
              sum(within_24h)::int as within_24h, sum(working_minutes) as working_minutes, sum(calendar_seconds) as calendar_seconds
         from delta
        group by 1, 2
     ),
     by_month_rows as (
       insert into ticket_metric_month_rollups as m (tenant_id, month, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
       select ?, d.month, d.metric, d.runs, d.met, d.breached, d.within_24h, d.working_minutes, d.calendar_seconds
         from by_month d
        where d.runs <> 0 or d.met <> 0 or d.within_24h <> 0 or d.working_minutes <> 0 or d.calendar_seconds <> 0
        order by d.month, d.metric
       on conflict (tenant_id, month, metric) do update
          set runs = m.runs + excluded.runs, met = m.met + excluded.met, breached = m.breached + excluded.breached,
              within_24h = m.within_24h + excluded.within_24h, working_minutes = m.working_minutes + excluded.working_minutes,
              calendar_seconds = m.calendar_seconds + excluded.calendar_seconds
     ),
     ${BUCKET_CHANGE}
     insert into ticket_metric_month_buckets as m (tenant_id, month, metric, measure, bucket, runs)
     select ?, month, metric, measure, bucket, sum(sign)::int
       from bucket_change
      group by 2, 3, 4, 5
     having sum(sign) <> 0
      order by 2, 3, 4, 5
     on conflict (tenant_id, month, metric, measure, bucket) do update set runs = m.runs + excluded.runs`,
    [
      column(({ ticket }) => ticket.id),
      column(({ ticket }) => ticket.type),
      column(({ ticket }) => ticket.channel),
      column(({ ticket }) => ticket.priority),
      column(({ run }) => run.metric),
      column(({ run }) => run.startedAt.toISOString()),
      column(({ run }) => run.localDate),
      column(({ run }) => run.outcome),
      column(({ run }) => run.dueAt?.toISOString() ?? null),
      column(({ run }) => run.stoppedAt?.toISOString() ?? null),
      column(({ run }) => run.breachedAt?.toISOString() ?? null),
      column(({ run }) => String(run.workingMinutes)),
      column(({ run }) => String(run.usedMinutes)),
      ctx.tenantId,
      pgArray(measured.map(({ ticket }) => ticket.id)),
      ctx.tenantId,
      pgArray(measured.map(({ ticket }) => ticket.id)),
      ctx.tenantId,
      ctx.clock.now(),
      ctx.tenantId,
      ctx.tenantId,
      ctx.tenantId,
      ctx.tenantId,
    ],
  );
}

/**
 * The stopped runs the tickets had (-1) and have now (+1), each in its bucket
 * of `ticket_metric_month_buckets`: the working minutes of every metric, the
 * calendar minutes of first contacts. The minutes are taken as the facts store
 * them (two decimals, then double precision, as their generated columns), so a
 * run falls in the bucket the facts' index puts it in.
 */
const BUCKET_CHANGE = `moved as (
       select local_date, metric, started_at, stopped_at, working_minutes, -1 as sign from old
       union all
       select local_date, metric, started_at, stopped_at, working_minutes, 1 from run
     ),
     bucket_change as (
       select date_trunc('month', f.local_date)::date as month, f.metric, '${PercentileMeasure.WORKING}' as measure, f.sign,
              app_figure_bucket(f.working_minutes::numeric(12, 2)::double precision) as bucket
         from moved f
        where ${STOPPED}
       union all
       select date_trunc('month', f.local_date)::date, f.metric, '${PercentileMeasure.CALENDAR}', f.sign,
              app_figure_bucket((extract(epoch from f.stopped_at - f.started_at) / 60)::double precision)
         from moved f
        where ${STOPPED} and f.metric = '${SlaMetric.FIRST_CONTACT}'
     )`;

/** The clocks of a ticket were measured again: its facts follow, in the same transaction. */
export async function recordMetricFacts(ctx: TenantContext, { ticket, runs }: EventOf<'TicketClocksMeasured'>): Promise<void> {
  await storeMetricFacts(ctx, [{ ticket, runs }]);
}

/** A PostgreSQL array literal of plain values (enum names, ISO instants and dates, decimals): none holds a quote or comma. */
function pgArray(values: (string | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${value}"`)).join(',')}}`;
}
