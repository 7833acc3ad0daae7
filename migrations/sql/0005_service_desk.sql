-- The service desk: HQ's product catalogue, customers' devices, tickets with
-- their timeline, parts orders, on-site appointments and the handoff of a
-- repair from a store to a partner.

-- The HQ a store or partner belongs to; catalogues owned by that HQ are readable by it.
create function app_parent_tenant() returns uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select parent_id from tenants where id = app_current_tenant() $$;

-- A catalogue table: written by its HQ, read by the HQ's own stores and partners.
create function app_share_with_children(tbl regclass) returns void
  language plpgsql
  as $$
  begin
    execute format(
      'create policy network_catalogue_read on %s for select using (tenant_id = (select app_parent_tenant()))', tbl);
  end
  $$;

create table product_models (
  tenant_id             uuid not null references tenants (id),
  id                    uuid not null default gen_random_uuid(),
  model_code            text not null check (length(model_code) between 1 and 64),
  name                  text not null check (length(name) between 1 and 200),
  category              text not null check (length(category) between 1 and 64),
  whole_machine_months  integer not null check (whole_machine_months between 0 and 120),
  main_parts_months     integer not null check (main_parts_months between 0 and 120),
  main_part_categories  text[] not null default '{}',
  return_days           integer not null default 7 check (return_days between 0 and 365),
  exchange_days         integer not null default 15 check (exchange_days between 0 and 365),
  -- whether a return or exchange is also offered for products sold by another store of the network
  network_returns       boolean not null default false,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, model_code),
  check (main_parts_months >= whole_machine_months),
  check (exchange_days >= return_days)
);
select app_protect_tenant_table('product_models', true);
select app_share_with_children('product_models');

create table devices (
  tenant_id               uuid not null references tenants (id),
  id                      uuid not null default gen_random_uuid(),
  customer_id             uuid not null,
  -- a model of the HQ's catalogue (another tenant's row, so no foreign key; checked on write)
  model_id                uuid not null,
  serial_number           text not null check (length(serial_number) between 1 and 64),
  purchase_date           date,
  purchase_source         text not null check (purchase_source in ('THIS_STORE', 'NETWORK_STORE', 'ELSEWHERE')),
  purchase_store_id       uuid references tenants (id),
  invoice_number          text,
  extended_warranty_until date,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, serial_number),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
create index devices_customer_idx on devices (tenant_id, customer_id);
select app_protect_tenant_table('devices', true);

-- Ticket numbers are per store and per year: ZGC-2026-000123.
create table ticket_counters (
  tenant_id   uuid not null references tenants (id),
  year        integer not null,
  last_value  integer not null,
  primary key (tenant_id, year)
);
select app_protect_tenant_table('ticket_counters', false);

create table tickets (
  tenant_id             uuid not null references tenants (id),
  id                    uuid not null default gen_random_uuid(),
  number                text not null,
  type                  text not null check (type in ('INQUIRY', 'REPAIR', 'COMPLAINT', 'RETURN_EXCHANGE', 'ONSITE', 'PAID_SERVICE')),
  channel               text not null check (channel in ('WALK_IN', 'PHONE', 'ONLINE', 'PARTNER_API')),
  priority              text not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  status                text not null check (status in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_PARTS', 'WAITING_CUSTOMER', 'RESOLVED', 'CLOSED', 'REOPENED', 'CANCELLED')),
  customer_id           uuid not null,
  device_id             uuid,
  problem               text not null check (length(problem) between 1 and 5000),
  suspected_cause       text,
  contact_name          text not null,
  contact_phone         text not null,
  contact_address       text,
  assignee_id           uuid,
  -- the warranty decision at registration, kept as it was told to the customer
  warranty              jsonb,
  return_override_reason text,
  complaint_subject     text check (complaint_subject in ('STAFF', 'STORE', 'PRODUCT', 'SERVICE')),
  complaint_subject_staff_id uuid,
  complaint_subject_detail text,
  investigation_findings text,
  complaint_substantiated boolean,
  complaint_action_taken text,
  result_reported_at    timestamptz,
  result_reported_via   text check (result_reported_via in ('PHONE', 'SMS', 'EMAIL', 'IN_PERSON', 'LETTER')),
  resolution            text,
  version               integer not null default 1,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  resolved_at           timestamptz,
  closed_at             timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, number),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id),
  foreign key (tenant_id, device_id) references devices (tenant_id, id),
  foreign key (tenant_id, assignee_id) references staff_users (tenant_id, id),
  foreign key (tenant_id, complaint_subject_staff_id) references staff_users (tenant_id, id)
);
create index tickets_created_idx on tickets (tenant_id, created_at desc, id desc);
create index tickets_status_idx on tickets (tenant_id, status);
create index tickets_customer_idx on tickets (tenant_id, customer_id);
create index tickets_device_idx on tickets (tenant_id, device_id);
create index tickets_assignee_idx on tickets (tenant_id, assignee_id);
select app_protect_tenant_table('tickets', true);

-- The timeline is append-only: rows can be read and added, never changed or removed.
create table ticket_events (
  tenant_id    uuid not null references tenants (id),
  id           uuid not null default gen_random_uuid(),
  ticket_id    uuid not null,
  kind         text not null,
  visibility   text not null check (visibility in ('INTERNAL', 'CUSTOMER')),
  summary      text not null,
  data         jsonb not null default '{}'::jsonb,
  actor_kind   text not null check (actor_kind in ('USER', 'API_KEY', 'SYSTEM', 'PARTNER')),
  actor_id     uuid,
  occurred_at  timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
create index ticket_events_ticket_idx on ticket_events (tenant_id, ticket_id, occurred_at desc, id desc);
alter table ticket_events enable row level security;
alter table ticket_events force row level security;
create policy timeline_read on ticket_events for select
  using (tenant_id = any ((select app_readable_tenants())::uuid[]));
create policy timeline_append on ticket_events for insert
  with check (tenant_id = app_current_tenant());

create table parts_orders (
  tenant_id     uuid not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  ticket_id     uuid not null,
  part_number   text not null check (length(part_number) between 1 and 64),
  description   text not null,
  quantity      integer not null check (quantity between 1 and 1000),
  supplier      text not null,
  ordered_at    timestamptz not null,
  expected_on   date not null,
  arrived_at    timestamptz,
  status        text not null check (status in ('ORDERED', 'ARRIVED', 'CANCELLED')),
  version       integer not null default 1,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
create index parts_orders_ticket_idx on parts_orders (tenant_id, ticket_id);
select app_protect_tenant_table('parts_orders', true);

create table parts_order_date_changes (
  tenant_id       uuid not null references tenants (id),
  id              uuid not null default gen_random_uuid(),
  parts_order_id  uuid not null,
  previous_on     date not null,
  expected_on     date not null,
  reason          text,
  changed_at      timestamptz not null,
  changed_by      uuid,
  primary key (tenant_id, id),
  foreign key (tenant_id, parts_order_id) references parts_orders (tenant_id, id)
);
create index parts_order_date_changes_idx on parts_order_date_changes (tenant_id, parts_order_id, changed_at);
select app_protect_tenant_table('parts_order_date_changes', true);

create table appointments (
  tenant_id      uuid not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  ticket_id      uuid not null,
  window_start   timestamptz not null,
  window_end     timestamptz not null,
  technician_id  uuid not null,
  address        text not null,
  status         text not null check (status in ('SCHEDULED', 'COMPLETED', 'CANCELLED', 'MISSED')),
  notes          text,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id),
  foreign key (tenant_id, technician_id) references staff_users (tenant_id, id),
  check (window_end > window_start)
);
create index appointments_ticket_idx on appointments (tenant_id, ticket_id);
select app_protect_tenant_table('appointments', true);

-- A store's record of a repair handed to a partner.
create table dispatches (
  tenant_id          uuid not null references tenants (id),
  id                 uuid not null default gen_random_uuid(),
  ticket_id          uuid not null,
  partner_tenant_id  uuid not null references tenants (id),
  work_order_id      uuid not null,
  partner_status     text not null,
  partner_note       text,
  partner_updated_at timestamptz,
  created_at         timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
create index dispatches_ticket_idx on dispatches (tenant_id, ticket_id);
select app_protect_tenant_table('dispatches', true);

-- The partner's own record of the same repair: only what it needs to do the work.
create table work_orders (
  tenant_id           uuid not null references tenants (id),
  id                  uuid not null,
  source_tenant_id    uuid not null references tenants (id),
  source_dispatch_id  uuid not null,
  reference           text not null,
  device_model        text,
  device_serial       text,
  problem             text not null,
  parts               jsonb not null default '[]'::jsonb,
  status              text not null check (status in ('RECEIVED', 'IN_REPAIR', 'WAITING_PARTS', 'REPAIRED', 'RETURNED', 'CANCELLED')),
  note                text,
  version             integer not null default 1,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (tenant_id, id)
);
select app_protect_tenant_table('work_orders', false);

-- Handoff, store side: creates the partner's work order. The only way to write
-- into another tenant, and only into a partner of the same HQ.
create function handoff_dispatch(p_partner uuid, p_work_order uuid, p_dispatch uuid, p_reference text,
                                 p_device_model text, p_device_serial text, p_problem text, p_parts jsonb)
  returns void
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $$
  declare
    v_store uuid := app_current_tenant();
  begin
    if not exists (
      select 1 from tenants s join tenants p on p.parent_id = s.parent_id
      where s.id = v_store and s.kind = 'STORE' and p.id = p_partner and p.kind = 'PARTNER' and p.status = 'ACTIVE'
    ) then
      raise exception 'not a partner of this network' using errcode = 'P0002';
    end if;
    insert into work_orders (tenant_id, id, source_tenant_id, source_dispatch_id, reference, device_model, device_serial, problem, parts, status)
    values (p_partner, p_work_order, v_store, p_dispatch, p_reference, p_device_model, p_device_serial, p_problem, coalesce(p_parts, '[]'::jsonb), 'RECEIVED');
  end
  $$;

-- Handoff, partner side: reports the work order's progress back onto the
-- store's dispatch record and the store's ticket timeline.
create function handoff_report(p_work_order uuid, p_status text, p_note text, p_at timestamptz)
  returns void
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $$
  declare
    v_partner uuid := app_current_tenant();
    v_order work_orders%rowtype;
    v_ticket uuid;
  begin
    select * into v_order from work_orders where tenant_id = v_partner and id = p_work_order;
    if not found then
      raise exception 'no such work order' using errcode = 'P0002';
    end if;
    update dispatches set partner_status = p_status, partner_note = p_note, partner_updated_at = p_at
      where tenant_id = v_order.source_tenant_id and id = v_order.source_dispatch_id
      returning ticket_id into v_ticket;
    if v_ticket is not null then
      insert into ticket_events (tenant_id, ticket_id, kind, visibility, summary, data, actor_kind, actor_id, occurred_at)
      values (v_order.source_tenant_id, v_ticket, 'PARTNER_PROGRESS', 'INTERNAL',
              'Partner reports ' || p_status || coalesce(': ' || p_note, ''),
              jsonb_build_object('status', p_status, 'note', p_note, 'partnerTenantId', v_partner, 'workOrderId', p_work_order),
              'PARTNER', v_partner, p_at);
    end if;
  end
  $$;
