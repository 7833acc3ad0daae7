-- A period of whole months without a ticket-kind filter (HQ's month, quarter
-- or year of the network above all) is read from rows per store and local
-- month instead of per store and day: the counts from
-- `ticket_metric_month_rollups`, the medians and 90th percentiles from
-- `ticket_metric_month_buckets`. Both are kept by the statement that writes a
-- ticket's facts (domain/reports/metric-facts.ts), by the same difference as
-- the day rollups, and counted again by `npm run tenants -- figures rebuild`.
-- `month` is the first day of the local month of the runs' `local_date`.

-- The settled runs' counts of `ticket_metric_day_rollups`, per month: a store's
-- month is one row per metric where its days were about thirty.
create table ticket_metric_month_rollups (
  tenant_id         uuid not null references tenants (id),
  month             date not null check (month = date_trunc('month', month)::date),
  metric            text not null check (metric in ('DISPATCH', 'FIRST_CONTACT', 'RESOLUTION', 'PROGRESS_UPDATE', 'CALLBACK')),
  runs              integer not null,
  met               integer not null,
  breached          integer not null,
  within_24h        integer not null,
  working_minutes   numeric not null,
  calendar_seconds  numeric not null,
  -- The counts ride in the key, as in the day rollups (migration 0380): a period's counts are an index-only scan.
  primary key (tenant_id, month, metric) include (runs, met, breached, within_24h, working_minutes, calendar_seconds),
  check (met + breached = runs)
);
select app_protect_tenant_table('ticket_metric_month_rollups', true);

-- The bucket of a run's minutes for the percentiles: bucket 0 holds exactly
-- zero (a run stopped outside working hours used no working minute: most
-- dispatches and first contacts of the generated network), then four buckets
-- per doubling, from a fraction of a minute to years. A read never sorts the
-- zeros: their value is known. Immutable, so that the facts' indexes below and
-- the rows of `ticket_metric_month_buckets` place a value in the same bucket,
-- always.
--
-- Leakproof, so that under Row Level Security a read's condition on the bucket
-- is an index condition (as `app_ilike` in migration 0150): it depends on its
-- argument alone and never fails (NaN and infinity, which no run has, go to
-- the last bucket instead of overflowing the smallint). Strict with a `case`,
-- PostgreSQL does not inline it, so the flag stays on the call the indexes
-- and the reads share.
create function app_figure_bucket(minutes double precision) returns smallint
  language sql immutable strict leakproof parallel safe
  as $$ select (case when minutes <= 0 then 0
                     when minutes < 'Infinity'::float8 then 1 + floor(ln(1 + minutes) / ln(2) * 4)
                     else 32767 end)::smallint $$;
grant execute on function app_figure_bucket(double precision) to public;

-- The stopped runs (those the percentiles are taken over) counted per store,
-- local month, metric, measure and bucket: WORKING is the run's working
-- minutes, CALENDAR the calendar minutes from start to stop (first contacts
-- only: the first response's median). A read sums a period's rows per bucket,
-- finds the bucket that holds each percentile's rank, and reads and sorts the
-- runs of that bucket alone from the indexes below: exact, as a sort of every
-- run would be, without reading every run.
create table ticket_metric_month_buckets (
  tenant_id  uuid not null references tenants (id),
  month      date not null check (month = date_trunc('month', month)::date),
  metric     text not null check (metric in ('DISPATCH', 'FIRST_CONTACT', 'RESOLUTION', 'PROGRESS_UPDATE', 'CALLBACK')),
  measure    text not null check (measure in ('WORKING', 'CALENDAR')),
  bucket     smallint not null,
  runs       integer not null,
  primary key (tenant_id, month, metric, measure, bucket) include (runs)
);
select app_protect_tenant_table('ticket_metric_month_buckets', true);

-- The runs of one bucket, store by store over a range of days, in the order of
-- the key: what a percentile's refinement reads.
create index ticket_metric_facts_working_bucket_idx
  on ticket_metric_facts (tenant_id, metric, app_figure_bucket(working_minutes_float), local_date)
  include (working_minutes_float)
  where stopped_at is not null;
create index ticket_metric_facts_calendar_bucket_idx
  on ticket_metric_facts (tenant_id, app_figure_bucket(calendar_minutes_float), local_date)
  include (calendar_minutes_float)
  where stopped_at is not null and metric = 'FIRST_CONTACT';

-- The rows of the facts written so far.
insert into ticket_metric_month_rollups (tenant_id, month, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
select tenant_id, date_trunc('month', local_date)::date, metric, sum(runs), sum(met), sum(breached), sum(within_24h),
       sum(working_minutes), sum(calendar_seconds)
  from ticket_metric_day_rollups
 group by 1, 2, 3
having sum(runs) <> 0;

insert into ticket_metric_month_buckets (tenant_id, month, metric, measure, bucket, runs)
select tenant_id, date_trunc('month', local_date)::date, metric, 'WORKING', app_figure_bucket(working_minutes_float), count(*)
  from ticket_metric_facts
 where stopped_at is not null
 group by 1, 2, 3, 5
union all
select tenant_id, date_trunc('month', local_date)::date, metric, 'CALENDAR', app_figure_bucket(calendar_minutes_float), count(*)
  from ticket_metric_facts
 where stopped_at is not null and metric = 'FIRST_CONTACT'
 group by 1, 2, 3, 5;
