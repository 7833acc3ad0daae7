-- The settled runs' counts of `ticket_metric_rollups` again, per store, local
-- day and metric only: what a read without a ticket type, channel or priority
-- filter (HQ's month of the network above all) sums. A store's day has a
-- handful of tickets of mixed kinds, so the rows per kind are about half as
-- many as the runs; these are one per store, day and metric. Kept by the same
-- statement as the facts and the rollups per kind (domain/reports/metric-facts.ts),
-- counted again by `npm run tenants -- figures rebuild`; a row whose runs all
-- went stays with zeros until then.
create table ticket_metric_day_rollups (
  tenant_id         uuid not null references tenants (id),
  local_date        date not null,
  metric            text not null check (metric in ('DISPATCH', 'FIRST_CONTACT', 'RESOLUTION', 'PROGRESS_UPDATE', 'CALLBACK')),
  runs              integer not null,
  met               integer not null,
  breached          integer not null,
  within_24h        integer not null,
  working_minutes   numeric not null,
  calendar_seconds  numeric not null,
  primary key (tenant_id, local_date, metric),
  check (met + breached = runs)
);
select app_protect_tenant_table('ticket_metric_day_rollups', true);

insert into ticket_metric_day_rollups (tenant_id, local_date, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
select tenant_id, local_date, metric, sum(runs), sum(met), sum(breached), sum(within_24h), sum(working_minutes), sum(calendar_seconds)
  from ticket_metric_rollups
 group by 1, 2, 3
having sum(runs) <> 0;

-- The medians and 90th percentiles sort each metric's stopped runs of the
-- period. PostgreSQL's `percentile_cont` takes double precision: these columns
-- are the very values it was given (the working minutes, and the calendar
-- minutes from start to stop), converted once when the run is written instead
-- of at every read (converting a numeric costs more than sorting it).
alter table ticket_metric_facts
  add column working_minutes_float  double precision generated always as (working_minutes::double precision) stored,
  add column calendar_minutes_float double precision generated always as ((extract(epoch from stopped_at - started_at) / 60)::double precision) stored;

-- Read metric by metric from this index, in the order of its key, the stopped
-- runs need no sort of the whole period by metric first.
create index ticket_metric_facts_stopped_idx on ticket_metric_facts (tenant_id, metric, local_date)
  include (working_minutes_float, calendar_minutes_float, ticket_type, channel, priority)
  where stopped_at is not null;
