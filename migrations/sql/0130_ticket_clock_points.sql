-- The turning points of each open ticket's clocks, as of the ticket's last
-- change: one row per clock that still runs, is at risk or is breached, with
-- the instant it is (or was) at risk and the instant it is (or was) due.
-- Clocks are computed in the application (working calendars, pauses), so the
-- rows are written in the transaction of every change that can move them, and
-- again by the ticket's watch at each turning point; a paused, met or finished
-- clock has none. Reads that rank tickets by their clocks use these rows
-- instead of recomputing every open ticket's clocks:
--   * a store's work queue (`tickets(sort: URGENCY)`): the earliest due instant;
--   * the tickets at risk, a store's or across an HQ's network
--     (`ticketsAtRisk`): rows whose at-risk instant has passed, by due instant.
-- `npm run tenants -- deadlines rebuild` writes them all again from the tickets.
create table ticket_clock_points (
  tenant_id    uuid not null references tenants (id),
  ticket_id    uuid not null,
  metric       text not null check (metric in ('DISPATCH', 'FIRST_CONTACT', 'RESOLUTION', 'PROGRESS_UPDATE', 'CALLBACK')),
  at_risk_at   timestamptz not null,
  due_at       timestamptz not null,
  computed_at  timestamptz not null,
  primary key (tenant_id, ticket_id, metric),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
create index ticket_clock_points_at_risk_idx on ticket_clock_points (tenant_id, at_risk_at);
select app_protect_tenant_table('ticket_clock_points', true);
