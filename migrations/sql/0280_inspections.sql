-- Quality inspections of stores by their HQ (service-quality supervision).
-- HQ owns the checklists, the inspections, their item results and the
-- corrective actions (tenant_id = the HQ; store_id names the inspected store).
-- What the store writes is its own row: a contest of an item and the
-- resolution of a corrective action (tenant_id = the store), which HQ reads
-- through its audited network scope. Each side writes only its own rows.

-- The store whose rows these are, read by the store itself: rows of its HQ that name it.
create function app_hq_row_of_store(p_tenant uuid, p_store uuid) returns boolean
  language sql stable
  as $$ select p_store = app_current_tenant() and p_tenant = (select app_parent_tenant()) $$;

-- A checklist version. Publishing a new version adds a row (same code,
-- version + 1); an inspection points at the version it was scheduled with, so
-- a new version never changes an old inspection.
create table inspection_checklists (
  tenant_id     uuid not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  code          text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
  version       integer not null check (version > 0),
  title_zh_cn   text not null check (length(title_zh_cn) between 1 and 200),
  title_en      text not null check (length(title_en) between 1 and 200),
  published_at  timestamptz not null default now(),
  published_by  uuid,
  primary key (tenant_id, id),
  unique (tenant_id, code, version)
);
select app_protect_tenant_table('inspection_checklists', false);
select app_share_with_children('inspection_checklists');

-- An item of a checklist version, with its weight in the store's total.
create table inspection_checklist_items (
  tenant_id     uuid not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  checklist_id  uuid not null,
  position      integer not null check (position > 0),
  weight        integer not null check (weight between 1 and 100),
  text_zh_cn    text not null check (length(text_zh_cn) between 1 and 500),
  text_en       text not null check (length(text_en) between 1 and 500),
  primary key (tenant_id, id),
  unique (tenant_id, checklist_id, position),
  foreign key (tenant_id, checklist_id) references inspection_checklists (tenant_id, id)
);
select app_protect_tenant_table('inspection_checklist_items', false);
select app_share_with_children('inspection_checklist_items');

-- An inspection of one of the HQ's stores. An unannounced one (a mystery
-- customer) does not exist for the store until it is submitted: the store's
-- policy below, not only the API, hides it.
create table inspections (
  tenant_id      uuid not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  store_id       uuid not null references tenants (id),
  checklist_id   uuid not null,
  announced      boolean not null,
  scheduled_on   date not null,
  status         text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'DRAFT', 'SUBMITTED')),
  inspector_id   uuid,
  notes          text check (length(notes) <= 5000),
  -- the weighted share of the items passed, in percent; set on submit, and again when a contest is upheld
  score_percent  numeric(5, 2) check (score_percent between 0 and 100),
  submitted_at   timestamptz,
  submitted_by   uuid,
  version        integer not null default 1,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, checklist_id) references inspection_checklists (tenant_id, id),
  foreign key (tenant_id, inspector_id) references staff_users (tenant_id, id),
  check ((status = 'SUBMITTED') = (submitted_at is not null and score_percent is not null))
);
create index inspections_created_idx on inspections (tenant_id, created_at desc, id desc);
create index inspections_store_idx on inspections (tenant_id, store_id, created_at desc, id desc);
select app_protect_tenant_table('inspections', false);
create policy store_reads_its_inspections on inspections for select
  using (app_hq_row_of_store(tenant_id, store_id) and (announced or status = 'SUBMITTED'));

-- The inspector's finding on one item. The store reads them once the inspection is submitted.
create table inspection_results (
  tenant_id       uuid not null references tenants (id),
  id              uuid not null default gen_random_uuid(),
  inspection_id   uuid not null,
  item_id         uuid not null,
  store_id        uuid not null references tenants (id),
  passed          boolean not null,
  note            text check (length(note) <= 2000),
  -- what the inspector saw, in words, until photos can be attached to the result
  evidence_note   text check (length(evidence_note) <= 2000),
  -- HQ's ruling on the store's contest of this item: UPHELD turns a failed item into a passed one
  contest_ruling  text check (contest_ruling in ('UPHELD', 'REJECTED')),
  ruling_note     text check (length(ruling_note) <= 2000),
  ruled_at        timestamptz,
  ruled_by        uuid,
  updated_at      timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, inspection_id, item_id),
  foreign key (tenant_id, inspection_id) references inspections (tenant_id, id),
  foreign key (tenant_id, item_id) references inspection_checklist_items (tenant_id, id),
  check ((contest_ruling is null) = (ruled_at is null))
);
select app_protect_tenant_table('inspection_results', false);
create policy store_reads_its_results on inspection_results for select
  using (app_hq_row_of_store(tenant_id, store_id)
         and exists (select 1 from inspections i
                      where i.tenant_id = inspection_results.tenant_id and i.id = inspection_results.inspection_id and i.status = 'SUBMITTED'));

-- A store contests a failed item, once, with a reason. The store's own row
-- (its HQ's inspection is another tenant's: no foreign key, checked on write).
create table inspection_contests (
  tenant_id      uuid not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  inspection_id  uuid not null,
  result_id      uuid not null,
  reason         text not null check (length(reason) between 1 and 2000),
  created_by     uuid,
  created_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, result_id)
);
create index inspection_contests_inspection_idx on inspection_contests (tenant_id, inspection_id);
select app_protect_tenant_table('inspection_contests', true);

-- What the store must put right after a failed item, by a deadline on its working calendar.
create table corrective_actions (
  tenant_id      uuid not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  store_id       uuid not null references tenants (id),
  inspection_id  uuid not null,
  result_id      uuid not null,
  due_at         timestamptz not null,
  -- set when HQ upheld the store's contest of the item: nothing is left to correct
  withdrawn_at   timestamptz,
  created_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, result_id),
  foreign key (tenant_id, inspection_id) references inspections (tenant_id, id),
  foreign key (tenant_id, result_id) references inspection_results (tenant_id, id)
);
create index corrective_actions_created_idx on corrective_actions (tenant_id, created_at desc, id desc);
create index corrective_actions_store_idx on corrective_actions (tenant_id, store_id, created_at desc, id desc);
select app_protect_tenant_table('corrective_actions', false);
create policy store_reads_its_corrective_actions on corrective_actions for select
  using (app_hq_row_of_store(tenant_id, store_id));

-- The store's answer to a corrective action: what it did. Its own row.
create table corrective_action_resolutions (
  tenant_id             uuid not null references tenants (id),
  id                    uuid not null default gen_random_uuid(),
  corrective_action_id  uuid not null,
  note                  text not null check (length(note) between 1 and 2000),
  resolved_by           uuid,
  resolved_at           timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, corrective_action_id)
);
select app_protect_tenant_table('corrective_action_resolutions', true);

-- The reminder and the escalation of a corrective action run in the store's
-- name (its managers are reminded in the store's language; its working
-- calendar set the deadline). HQ schedules them when it submits, through this
-- narrow function, which checks that the action is the HQ's own for that store.
create function inspection_corrective_action_notice(p_store uuid, p_action uuid, p_kind text, p_key text, p_due timestamptz, p_now timestamptz, p_max_attempts integer)
  returns void
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $$
  begin
    if p_kind not in ('CORRECTIVE_ACTION_REMINDER', 'CORRECTIVE_ACTION_ESCALATION') or not exists (
      select 1 from corrective_actions
       where tenant_id = app_current_tenant() and id = p_action and store_id = p_store
    ) then
      raise exception 'no such corrective action' using errcode = 'P0002';
    end if;
    insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, max_attempts, payload, created_at, updated_at)
    values (p_store, p_kind, p_key, p_due, p_max_attempts, jsonb_build_object('correctiveActionId', p_action, 'hqId', app_current_tenant()), p_now, p_now)
    on conflict (tenant_id, idempotency_key) do nothing;
  end
  $$;

alter table scheduled_actions drop constraint scheduled_actions_kind_check;
alter table scheduled_actions add constraint scheduled_actions_kind_check check (kind in (
  'TICKET_WATCH', 'NOTIFICATION', 'APPOINTMENT_REMINDER', 'CALLBACK_SURVEY', 'CALLBACK_REMINDER', 'CALLBACK_EXPIRY',
  'WEBHOOK_DELIVERY', 'STRIPE_EVENT', 'SUBSCRIPTION_CHECKOUT', 'SUBSCRIPTION_PLAN_CHANGE', 'ORDER_CHECKOUT', 'ORDER_CHECKOUT_EXPIRE',
  'ORDER_REFUND', 'WORK_ORDER_NOTICE', 'CALENDAR_RECOMPUTE', 'CORRECTIVE_ACTION_REMINDER', 'CORRECTIVE_ACTION_ESCALATION'));
