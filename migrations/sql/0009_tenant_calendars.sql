-- A tenant's working calendar: the national calendar it follows (holidays and
-- adjusted working days, from tenants/calendars) plus its own weekly hours,
-- closures and special days.
create table tenant_calendars (
  tenant_id      uuid not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  national_code  text not null default 'CN',
  -- ISO weekday ("1" = Monday) → intervals like "09:00-12:00"
  weekly         jsonb not null,
  closures       jsonb not null default '[]'::jsonb,
  special_hours  jsonb not null default '{}'::jsonb,
  updated_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id)
);
select app_protect_tenant_table('tenant_calendars', true);
