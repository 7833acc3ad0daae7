-- End customers of a store (not logins): who a service request is for.

create table customers (
  tenant_id   uuid not null references tenants (id),
  id          uuid not null default gen_random_uuid(),
  name        text not null check (length(name) between 1 and 200),
  -- digits with an optional leading +, so look-ups by phone match however it was typed
  phone       text not null check (phone ~ '^\+?[0-9]{5,20}$'),
  email       text check (email is null or position('@' in email) > 1),
  tier        text not null default 'STANDARD' check (tier in ('STANDARD', 'VIP')),
  address     text,
  locale      text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
  notes       text,
  version     integer not null default 1,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index customers_phone_idx on customers (tenant_id, phone);
create index customers_created_idx on customers (tenant_id, created_at desc, id desc);
select app_protect_tenant_table('customers', true);
