-- Tenancy foundation: the tenant registry, the helpers every policy uses, and
-- the few SECURITY DEFINER look-ups that must run before a tenant is known.

-- The tenant a transaction acts for; set with set_config('app.tenant_id', ..., true).
create function app_current_tenant() returns uuid
  language sql stable
  as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create table tenants (
  id          uuid primary key default gen_random_uuid(),
  parent_id   uuid references tenants (id),
  slug        text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name        text not null check (length(name) between 1 and 200),
  kind        text not null check (kind in ('HQ', 'STORE', 'PARTNER')),
  status      text not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED')),
  time_zone   text not null default 'Asia/Shanghai',
  locale      text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  -- an HQ is a root; every store and partner belongs to exactly one HQ
  check ((kind = 'HQ') = (parent_id is null))
);
create index tenants_parent_idx on tenants (parent_id);

-- Tenants a transaction may read. Normally only its own. An HQ may widen it to
-- its own stores and partners by setting app.hq_scope = 'on' for the
-- transaction: the database, not the application, decides which rows that is.
-- SECURITY DEFINER so the look-up at the tenant tree is not itself filtered.
create function app_readable_tenants() returns uuid[]
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select case
      when current_setting('app.hq_scope', true) = 'on'
           and exists (select 1 from tenants h where h.id = app_current_tenant() and h.kind = 'HQ')
        then array(select t.id from tenants t
                   where t.id = app_current_tenant() or t.parent_id = app_current_tenant())
      else array[app_current_tenant()]
    end
  $$;

alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenants_read on tenants for select
  using (id = any ((select app_readable_tenants())::uuid[]));
-- A tenant row is created and changed only by a transaction acting for it.
create policy tenants_write on tenants for all
  using (id = app_current_tenant())
  with check (id = app_current_tenant());

-- Applies the standard tenant policies to a tenant-owned table. hq_readable
-- says whether an HQ scope may read the table across its stores.
create function app_protect_tenant_table(tbl regclass, hq_readable boolean) returns void
  language plpgsql
  as $$
  begin
    execute format('alter table %s enable row level security', tbl);
    execute format('alter table %s force row level security', tbl);
    execute format(
      'create policy tenant_isolation on %s for all using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())',
      tbl);
    if hq_readable then
      execute format(
        'create policy hq_scope_read on %s for select using (tenant_id = any ((select app_readable_tenants())::uuid[]))',
        tbl);
    end if;
  end
  $$;

-- Before authentication the tenant is unknown: these definer functions answer
-- exactly one narrow question each and reveal nothing else.
create function auth_tenant_by_slug(p_slug text)
  returns table (id uuid, kind text, status text, parent_id uuid)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select t.id, t.kind, t.status, t.parent_id from tenants t where t.slug = p_slug $$;
