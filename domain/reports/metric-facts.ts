import type { Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import type { EventOf, MeasuredRun } from '../events/domain-events';
import { SETTLED } from './figure-filter';

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
 * the same order).
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
     )
     insert into ticket_metric_day_rollups as m (tenant_id, local_date, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
     select ?, d.local_date, d.metric, d.runs, d.met, d.breached, d.within_24h, d.working_minutes, d.calendar_seconds
       from by_day d
      where d.runs <> 0 or d.met <> 0 or d.within_24h <> 0 or d.working_minutes <> 0 or d.calendar_seconds <> 0
      order by d.local_date, d.metric
     on conflict (tenant_id, local_date, metric) do update
        set runs = m.runs + excluded.runs, met = m.met + excluded.met, breached = m.breached + excluded.breached,
            within_24h = m.within_24h + excluded.within_24h, working_minutes = m.working_minutes + excluded.working_minutes,
            calendar_seconds = m.calendar_seconds + excluded.calendar_seconds`,
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
    ],
  );
}

/** The clocks of a ticket were measured again: its facts follow, in the same transaction. */
export async function recordMetricFacts(ctx: TenantContext, { ticket, runs }: EventOf<'TicketClocksMeasured'>): Promise<void> {
  await storeMetricFacts(ctx, [{ ticket, runs }]);
}

/** A PostgreSQL array literal of plain values (enum names, ISO instants and dates, decimals): none holds a quote or comma. */
function pgArray(values: (string | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${value}"`)).join(',')}}`;
}
