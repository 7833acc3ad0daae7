-- The service figures' facts: one row per run of a ticket's clock, with its
-- outcome as of the ticket's last change. HQ's and a store's figures (tickets
-- measured, met, breached, still running, time used) are counted from these
-- rows by date, never by recomputing the tickets' clocks at read time.
--
-- A run is one start of a metric's clock: DISPATCH, FIRST_CONTACT and CALLBACK
-- run once, RESOLUTION once more at each reopen, PROGRESS_UPDATE once per
-- update the customer was given. The rows of a ticket are written again in the
-- transaction of every change that can move its clocks, and at each turning
-- point the worker wakes the ticket for (domain/reports/metric-facts.ts);
-- `npm run tenants -- figures rebuild` writes them all again from the tickets.
--
-- `local_date` is the day the run started in the store's time zone: a period
-- (day, week, month, range) is a range of these dates, whatever the zone.
-- `outcome` RUNNING with a `due_at` in the past is counted as breached by the
-- reads: a clock that nobody touches runs out exactly then.
create table ticket_metric_facts (
  tenant_id        uuid not null references tenants (id),
  ticket_id        uuid not null,
  metric           text not null check (metric in ('DISPATCH', 'FIRST_CONTACT', 'RESOLUTION', 'PROGRESS_UPDATE', 'CALLBACK')),
  started_at       timestamptz not null,
  local_date       date not null,
  ticket_type      text not null check (ticket_type in ('INQUIRY', 'REPAIR', 'COMPLAINT', 'RETURN_EXCHANGE', 'ONSITE', 'PAID_SERVICE')),
  channel          text not null check (channel in ('WALK_IN', 'PHONE', 'ONLINE', 'PARTNER_API')),
  priority         text not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  outcome          text not null check (outcome in ('MET', 'BREACHED', 'RUNNING')),
  -- When the run is (or was) due; null while it is paused.
  due_at           timestamptz,
  stopped_at       timestamptz,
  breached_at      timestamptz,
  -- Minutes of the run's active time (pauses taken out) on the store's working calendar, and in the target's own kind of time.
  working_minutes  numeric(12, 2) not null,
  used_minutes     numeric(12, 2) not null,
  computed_at      timestamptz not null,
  primary key (tenant_id, ticket_id, metric, started_at),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id),
  check (stopped_at is null or stopped_at >= started_at)
);
-- A period's figures and their drill-down: one range of each store's days.
create index ticket_metric_facts_period_idx on ticket_metric_facts (tenant_id, local_date, metric) include (outcome, due_at);
select app_protect_tenant_table('ticket_metric_facts', true);
