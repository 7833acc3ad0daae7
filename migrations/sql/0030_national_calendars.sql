-- National calendars as an HQ publishes them for its network: one year of
-- public holidays and adjusted working days (for mainland China, the State
-- Council's yearly notice). Stores and partners read their HQ's, as they read
-- its catalogue. A year the HQ has not published falls back to the official
-- year shipped with the product (tenants/calendars), then to a provisional
-- year computed from the statutory rules.
create table national_calendars (
  tenant_id          uuid not null references tenants (id),
  id                 uuid not null default gen_random_uuid(),
  code               text not null check (code ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  year               integer not null check (year between 1900 and 2200),
  time_zone          text not null check (length(time_zone) between 1 and 64),
  -- [{date, name}], and [{date, name, hours?}] for the adjusted working days
  holidays           jsonb not null check (jsonb_typeof(holidays) = 'array'),
  adjusted_workdays  jsonb not null default '[]'::jsonb check (jsonb_typeof(adjusted_workdays) = 'array'),
  -- raised by each publication that changes the year: open tickets are recomputed once per revision
  revision           integer not null default 1 check (revision > 0),
  published_at       timestamptz not null,
  published_by       uuid,
  primary key (tenant_id, id),
  unique (tenant_id, code, year),
  foreign key (tenant_id, published_by) references staff_users (tenant_id, id)
);
select app_protect_tenant_table('national_calendars', false);
select app_share_with_children('national_calendars');

-- An HQ's admins are told once per calendar and year that its official calendar is missing.
create table national_calendar_warnings (
  tenant_id  uuid not null references tenants (id),
  id         uuid not null default gen_random_uuid(),
  code       text not null check (code ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  year       integer not null check (year between 1900 and 2200),
  warned_at  timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, code, year)
);
select app_protect_tenant_table('national_calendar_warnings', false);
-- Stores see that their HQ was warned, as they see its calendars.
select app_share_with_children('national_calendar_warnings');

-- A published year moves due times in every tenant of the network, whose
-- tables the HQ cannot write. This schedules, in each of its tenants' name
-- (the HQ's own included), the one action that recomputes that tenant's open
-- tickets, and only for a revision the HQ has just published.
create function national_calendar_recompute(p_code text, p_year integer, p_revision integer, p_due timestamptz, p_max_attempts integer)
  returns integer
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $$
  declare
    scheduled integer;
  begin
    if not exists (
      select 1 from national_calendars c join tenants h on h.id = c.tenant_id
       where c.tenant_id = app_current_tenant() and h.kind = 'HQ'
         and c.code = p_code and c.year = p_year and c.revision = p_revision
    ) then
      raise exception 'no such national calendar' using errcode = 'P0002';
    end if;
    insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, max_attempts, payload, created_at, updated_at)
    select t.id, 'CALENDAR_RECOMPUTE', format('calendar-recompute:%s:%s:%s', p_code, p_year, p_revision), p_due, p_max_attempts,
           jsonb_build_object('code', p_code, 'year', p_year, 'revision', p_revision), p_due, p_due
      from tenants t
     where t.id = app_current_tenant() or t.parent_id = app_current_tenant()
    on conflict (tenant_id, idempotency_key) do nothing;
    get diagnostics scheduled = row_count;
    return scheduled;
  end
  $$;
