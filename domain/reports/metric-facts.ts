import type { Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import type { EventOf, MeasuredRun } from '../events/domain-events';

/**
 * Keeps a ticket's rows of `ticket_metric_facts` equal to the runs its clocks
 * measured, in the caller's transaction: the runs are upserted and the rows
 * of runs it no longer has (a cancelled ticket, a resolution undone by a
 * reopen before its callback) removed, in one statement.
 */
export async function storeMetricFacts(ctx: TenantContext, ticket: Ticket, runs: readonly MeasuredRun[]): Promise<void> {
  const now = ctx.clock.now();
  const metrics = runs.map((run) => run.metric);
  const starts = runs.map((run) => run.startedAt.toISOString());
  await ctx.em.execute(
    `with run as (
       select * from unnest(?::text[], ?::timestamptz[], ?::date[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::numeric[], ?::numeric[])
         as r(metric, started_at, local_date, outcome, due_at, stopped_at, breached_at, working_minutes, used_minutes)
     ),
     gone as (
       delete from ticket_metric_facts f
        where f.tenant_id = ? and f.ticket_id = ?
          and not exists (select 1 from run r where r.metric = f.metric and r.started_at = f.started_at)
     )
     insert into ticket_metric_facts (tenant_id, ticket_id, metric, started_at, local_date, ticket_type, channel, priority, outcome,
                                      due_at, stopped_at, breached_at, working_minutes, used_minutes, computed_at)
     select ?, ?, r.metric, r.started_at, r.local_date, ?, ?, ?, r.outcome, r.due_at, r.stopped_at, r.breached_at, r.working_minutes, r.used_minutes, ?
       from run r
     on conflict (tenant_id, ticket_id, metric, started_at) do update
        set local_date = excluded.local_date, ticket_type = excluded.ticket_type, channel = excluded.channel, priority = excluded.priority,
            outcome = excluded.outcome, due_at = excluded.due_at, stopped_at = excluded.stopped_at, breached_at = excluded.breached_at,
            working_minutes = excluded.working_minutes, used_minutes = excluded.used_minutes, computed_at = excluded.computed_at`,
    [
      pgArray(metrics),
      pgArray(starts),
      pgArray(runs.map((run) => run.localDate)),
      pgArray(runs.map((run) => run.outcome)),
      pgArray(runs.map((run) => run.dueAt?.toISOString() ?? null)),
      pgArray(runs.map((run) => run.stoppedAt?.toISOString() ?? null)),
      pgArray(runs.map((run) => run.breachedAt?.toISOString() ?? null)),
      pgArray(runs.map((run) => String(run.workingMinutes))),
      pgArray(runs.map((run) => String(run.usedMinutes))),
      ticket.tenantId,
      ticket.id,
      ticket.tenantId,
      ticket.id,
      ticket.type,
      ticket.channel,
      ticket.priority,
      now,
    ],
  );
}

/** The clocks of a ticket were measured again: its facts follow, in the same transaction. */
export async function recordMetricFacts(ctx: TenantContext, { ticket, runs }: EventOf<'TicketClocksMeasured'>): Promise<void> {
  await storeMetricFacts(ctx, ticket, runs);
}

/** A PostgreSQL array literal of plain values (enum names, ISO instants and dates, decimals): none holds a quote or comma. */
function pgArray(values: (string | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${value}"`)).join(',')}}`;
}
