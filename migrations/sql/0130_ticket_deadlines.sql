-- Each ticket's most urgent deadline, as of its last change: the earliest due
-- (or breach) instant of its clocks that still run, are at risk or breached;
-- null when none does. Clocks are computed in the application (working
-- calendars, pauses), so the row is written in the transaction of every change
-- that can move them, and again by the ticket's watch at each turning point.
-- A store's work queue (`tickets(sort: URGENCY)`) is an ordered read of these
-- rows instead of recomputing every open ticket's clocks on each page.
-- `npm run tenants -- deadlines rebuild` writes them all again from the tickets.
create table ticket_deadlines (
  tenant_id    uuid not null references tenants (id),
  ticket_id    uuid not null,
  due_at       timestamptz,
  computed_at  timestamptz not null,
  primary key (tenant_id, ticket_id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
create index ticket_deadlines_due_idx on ticket_deadlines (tenant_id, due_at, ticket_id);
select app_protect_tenant_table('ticket_deadlines', true);
