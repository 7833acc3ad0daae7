-- Service standards: HQ's versioned templates (readable by its stores and
-- partners) and each store's overrides, which may only tighten them.

create table sla_templates (
  tenant_id     uuid not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  code          text not null check (length(code) between 1 and 100),
  version       integer not null check (version > 0),
  definition    jsonb not null,
  published_at  timestamptz not null default now(),
  published_by  uuid,
  primary key (tenant_id, id),
  unique (tenant_id, code, version),
  foreign key (tenant_id, published_by) references staff_users (tenant_id, id)
);
select app_protect_tenant_table('sla_templates', true);
select app_share_with_children('sla_templates');

-- One row per store: its tightened targets.
create table sla_overrides (
  tenant_id   uuid not null references tenants (id),
  id          uuid not null default gen_random_uuid(),
  rules       jsonb not null default '[]'::jsonb,
  version     integer not null default 1,
  updated_at  timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id)
);
select app_protect_tenant_table('sla_overrides', true);

-- The standard a ticket was opened under, kept with it: publishing a new
-- version never rewrites the promise made to a customer already waiting.
alter table tickets add column sla_standard jsonb;
