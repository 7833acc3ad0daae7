-- Recurring problems (problem management): tickets that share a cause are
-- linked to one problem record, which keeps the root cause, the workaround and
-- the fix. A store records its own problems; an HQ records the network's,
-- which its stores read (a known error's workaround is offered at their desks).

-- The kind of fault a ticket is about, for the monthly review of the most frequent problems.
alter table tickets add column fault_category text check (fault_category in (
  'POWER', 'BATTERY', 'DISPLAY', 'KEYBOARD_INPUT', 'STORAGE', 'OVERHEATING',
  'CONNECTIVITY', 'AUDIO', 'SOFTWARE', 'MECHANICAL', 'LIQUID_DAMAGE', 'OTHER'));
-- The monthly counts read a store's tickets of two months by registration time.
create index tickets_fault_month_idx on tickets (tenant_id, created_at) where fault_category is not null;

create table problems (
  tenant_id       uuid not null references tenants (id),
  id              uuid not null default gen_random_uuid(),
  title           text not null check (length(title) between 1 and 200),
  -- a model of the HQ's catalogue (another tenant's row, so no foreign key; checked on write)
  model_id        uuid,
  fault_category  text check (fault_category in (
    'POWER', 'BATTERY', 'DISPLAY', 'KEYBOARD_INPUT', 'STORAGE', 'OVERHEATING',
    'CONNECTIVITY', 'AUDIO', 'SOFTWARE', 'MECHANICAL', 'LIQUID_DAMAGE', 'OTHER')),
  root_cause      text check (length(root_cause) <= 5000),
  workaround      text check (length(workaround) <= 5000),
  fix             text check (length(fix) <= 5000),
  status          text not null default 'OPEN' check (status in ('OPEN', 'KNOWN_ERROR', 'RESOLVED')),
  -- who handles it, and by when: set when the problem is marked as being handled
  owner_id        uuid,
  due_date        date,
  handling_since  timestamptz,
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, owner_id) references staff_users (tenant_id, id),
  -- a known error is offered to the desk by its workaround
  check (status <> 'KNOWN_ERROR' or workaround is not null)
);
create index problems_created_idx on problems (tenant_id, created_at desc, id desc);
-- The desk's look-up of known errors for a device's model (its store's and its HQ's).
create index problems_known_error_idx on problems (tenant_id, model_id) where status = 'KNOWN_ERROR';
select app_protect_tenant_table('problems', true);
select app_share_with_children('problems');

-- A ticket linked to a problem. The row belongs to the problem's owner; an HQ's
-- problem links tickets of its stores (another tenant's rows: no foreign key,
-- checked on write). Not shared with the stores: a store sees its own links.
create table problem_tickets (
  tenant_id         uuid not null references tenants (id),
  id                uuid not null default gen_random_uuid(),
  problem_id        uuid not null,
  ticket_tenant_id  uuid not null references tenants (id),
  ticket_id         uuid not null,
  linked_at         timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, problem_id, ticket_id),
  foreign key (tenant_id, problem_id) references problems (tenant_id, id) on delete cascade
);
create index problem_tickets_ticket_idx on problem_tickets (tenant_id, ticket_id);
select app_protect_tenant_table('problem_tickets', true);
