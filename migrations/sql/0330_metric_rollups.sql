-- The service figures' counts, rolled up: one row per store, local day, metric
-- and the ticket kind the figures filter on (type, channel, priority), counting
-- the runs of `ticket_metric_facts` that are settled: stopped with a MET or
-- BREACHED outcome. Such a run's place in every figure (met or breached,
-- within 24 hours, its working and calendar minutes) no longer depends on
-- when the figures are read, so it can be summed once, when it is written.
-- A period's counts are read from these rows (about half as many as the runs
-- on this kind of network, and a few integer sums each) instead of counting
-- every run with a dozen conditions; the runs that are not settled (still
-- running, or breached and still running: what a read classifies against its
-- `now`) are few and are counted from the facts through the partial index
-- below. The medians and the 90th percentile stay exact: they are taken from
-- the stopped runs' own values (see docs/service-figures.md).
--
-- The rows change in the statement that writes a ticket's facts
-- (domain/reports/metric-facts.ts): what its old runs added is taken out, what
-- its new runs add is put in. A row whose runs all moved away (a ticket whose
-- priority changed, a cancelled ticket) stays with zeros until the next
-- rebuild. `npm run tenants -- figures rebuild` counts a store's rows again
-- from its facts.
create table ticket_metric_rollups (
  tenant_id         uuid not null references tenants (id),
  local_date        date not null,
  metric            text not null check (metric in ('DISPATCH', 'FIRST_CONTACT', 'RESOLUTION', 'PROGRESS_UPDATE', 'CALLBACK')),
  ticket_type       text not null check (ticket_type in ('INQUIRY', 'REPAIR', 'COMPLAINT', 'RETURN_EXCHANGE', 'ONSITE', 'PAID_SERVICE')),
  channel           text not null check (channel in ('WALK_IN', 'PHONE', 'ONLINE', 'PARTNER_API')),
  priority          text not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  -- Settled runs, and of them: met, breached, stopped within 24 calendar hours of their start.
  runs              integer not null,
  met               integer not null,
  breached          integer not null,
  within_24h        integer not null,
  -- Their working minutes and their calendar seconds (stop - start), summed exactly, for the averages.
  working_minutes   numeric not null,
  calendar_seconds  numeric not null,
  primary key (tenant_id, local_date, metric, ticket_type, channel, priority),
  -- (Only what a change's difference keeps too: PostgreSQL checks the row an upsert proposes, negative counts included.)
  check (met + breached = runs)
);
select app_protect_tenant_table('ticket_metric_rollups', true);

-- The period's runs that are not settled: a read counts them against its `now`.
create index ticket_metric_facts_unsettled_idx on ticket_metric_facts (tenant_id, local_date, metric)
  include (outcome, due_at, started_at, stopped_at, working_minutes, ticket_type, channel, priority)
  where stopped_at is null or outcome = 'RUNNING';

-- The rows of the facts written so far.
insert into ticket_metric_rollups (tenant_id, local_date, metric, ticket_type, channel, priority, runs, met, breached, within_24h,
                                   working_minutes, calendar_seconds)
select tenant_id, local_date, metric, ticket_type, channel, priority,
       count(*), count(*) filter (where outcome = 'MET'), count(*) filter (where outcome = 'BREACHED'),
       count(*) filter (where stopped_at - started_at <= interval '24 hours'),
       sum(working_minutes), sum(extract(epoch from stopped_at - started_at))
  from ticket_metric_facts
 where stopped_at is not null and outcome <> 'RUNNING'
 group by 1, 2, 3, 4, 5, 6;
