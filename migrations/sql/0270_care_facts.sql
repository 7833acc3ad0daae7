-- The customer-care figures' facts: complaints, satisfaction callbacks and
-- repeat repairs, kept like the service figures' facts (0220) as rows written
-- in the transaction of every change that moves them and counted by date,
-- never recomputed from the tickets at read time.
--
-- `ticket_care_facts`: one row per ticket. `local_date` is the day it was
-- registered in the store's time zone (complaints and the tickets they are
-- counted per 1,000 of); `resolved_local_date` the day of its current
-- resolution (repeat repairs), and `returned_at` the first registration of
-- another ticket on the same device after that resolution.
--
-- `callback_care_facts`: one row per satisfaction callback (one per
-- resolution), dated by the resolution it follows.
--
-- domain/reports/care-facts.ts writes both; `npm run tenants -- figures
-- rebuild` writes them all again from the tickets and callbacks.
create table ticket_care_facts (
  tenant_id            uuid not null references tenants (id),
  ticket_id            uuid not null,
  registered_at        timestamptz not null,
  local_date           date not null,
  ticket_type          text not null check (ticket_type in ('INQUIRY', 'REPAIR', 'COMPLAINT', 'RETURN_EXCHANGE', 'ONSITE', 'PAID_SERVICE')),
  channel              text not null check (channel in ('WALK_IN', 'PHONE', 'ONLINE', 'PARTNER_API')),
  priority             text not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  device_id            uuid,
  -- A complaint's result reported to the customer.
  result_reported_at   timestamptz,
  -- A callback of the ticket was completed with a score (by the survey or by phone).
  called_back          boolean not null,
  resolved_at          timestamptz,
  resolved_local_date  date,
  returned_at          timestamptz,
  computed_at          timestamptz not null,
  primary key (tenant_id, ticket_id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id),
  check ((resolved_at is null) = (resolved_local_date is null)),
  check (returned_at is null or returned_at > resolved_at)
);
-- A period's registrations and complaints, and a period's resolutions: one range of each store's days.
create index ticket_care_facts_period_idx on ticket_care_facts (tenant_id, local_date) include (ticket_type);
create index ticket_care_facts_resolved_idx on ticket_care_facts (tenant_id, resolved_local_date) where resolved_local_date is not null;
select app_protect_tenant_table('ticket_care_facts', true);

create table callback_care_facts (
  tenant_id      uuid not null references tenants (id),
  callback_id    uuid not null,
  ticket_id      uuid not null,
  resolved_at    timestamptz not null,
  local_date     date not null,
  ticket_type    text not null check (ticket_type in ('INQUIRY', 'REPAIR', 'COMPLAINT', 'RETURN_EXCHANGE', 'ONSITE', 'PAID_SERVICE')),
  channel        text not null check (channel in ('WALK_IN', 'PHONE', 'ONLINE', 'PARTNER_API')),
  priority       text not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  -- The ticket is a paid service, or carries a service order that was paid.
  paid_service   boolean not null,
  state          text not null check (state in ('PENDING', 'SENT', 'REMINDED', 'ANSWERED', 'NO_RESPONSE', 'CALLED_BY_PHONE', 'CANCELLED')),
  sent_at        timestamptz,
  score          smallint check (score between 1 and 5),
  answered_at    timestamptz,
  -- The ticket was reopened at or after the answer (a low score's follow-up, or by hand).
  reopened       boolean not null,
  computed_at    timestamptz not null,
  primary key (tenant_id, callback_id),
  foreign key (tenant_id, callback_id) references callbacks (tenant_id, id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
create index callback_care_facts_period_idx on callback_care_facts (tenant_id, local_date) include (paid_service, score);
create index callback_care_facts_ticket_idx on callback_care_facts (tenant_id, ticket_id);
select app_protect_tenant_table('callback_care_facts', true);
