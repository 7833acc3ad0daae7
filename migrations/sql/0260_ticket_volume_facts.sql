-- The ticket-volume figures' facts: what HQ counts beside the service clocks.
-- One row per ticket (REGISTERED: its day, its kind, its product model and the
-- spans it was open, for the backlog at any instant), per ladder level reached
-- (ESCALATED, from the timeline's at-risk and escalation entries), per part
-- ordered (PART_ORDERED: its expected and arrival days, how often its date
-- slipped) and per slip of a part's date (PART_SLIPPED: whether the customer
-- was told within the standard). Each row carries its ticket's type, channel,
-- priority and model, so every filter is a condition on the row itself.
--
-- A ticket's rows are written again from its records in the transaction of
-- every change that reads its clocks (domain/reports/volume-facts.ts), and by
-- `npm run tenants -- figures rebuild` with the same statement.
--
-- `local_date` is the day of `occurred_at` in the store's time zone.
create table ticket_volume_facts (
  tenant_id        uuid not null references tenants (id),
  ticket_id        uuid not null,
  kind             text not null check (kind in ('REGISTERED', 'ESCALATED', 'PART_ORDERED', 'PART_SLIPPED')),
  -- The ticket (REGISTERED), the timeline entry (ESCALATED), the parts order or the date change.
  item_id          uuid not null,
  occurred_at      timestamptz not null,
  local_date       date not null,
  ticket_type      text not null check (ticket_type in ('INQUIRY', 'REPAIR', 'COMPLAINT', 'RETURN_EXCHANGE', 'ONSITE', 'PAID_SERVICE')),
  channel          text not null check (channel in ('WALK_IN', 'PHONE', 'ONLINE', 'PARTNER_API')),
  priority         text not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  -- The HQ catalogue's model of the ticket's device (another tenant's row: no foreign key); null without a device.
  model_id         uuid,
  -- REGISTERED: when the ticket was open (from registration or a reopening to a resolution, closing or cancelling),
  -- and when it last left the backlog (null while it is open).
  open_spans       tstzmultirange,
  settled_at       timestamptz,
  -- ESCALATED: the ladder's level and its name.
  level            integer,
  level_name       text,
  -- PART_ORDERED and PART_SLIPPED: the order, its expected day now (PART_SLIPPED: the day it moved to), its arrival day.
  parts_order_id   uuid,
  expected_on      date,
  arrived_on       date,
  part_status      text check (part_status in ('ORDERED', 'ARRIVED', 'CANCELLED')),
  -- PART_ORDERED: how many times its date moved later.
  slips            integer,
  -- PART_SLIPPED: when the customer's message about it went out, if within the standard.
  told_at          timestamptz,
  computed_at      timestamptz not null,
  primary key (tenant_id, ticket_id, kind, item_id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id),
  check ((kind = 'REGISTERED') = (open_spans is not null)),
  check ((kind = 'ESCALATED') = (level is not null)),
  check ((kind in ('PART_ORDERED', 'PART_SLIPPED')) = (parts_order_id is not null))
);
-- A period's counts and their drill-down: one range of each store's days per kind.
create index ticket_volume_facts_period_idx on ticket_volume_facts (tenant_id, kind, local_date);
-- The backlog at an instant: the tickets not settled before it.
create index ticket_volume_facts_backlog_idx on ticket_volume_facts (tenant_id, settled_at) where kind = 'REGISTERED';
select app_protect_tenant_table('ticket_volume_facts', true);
