-- The row level security checks, rewritten so that each row read costs a
-- comparison with a value computed once per statement, whatever the size of
-- the network. Nothing changes in who may read or write what.
--
-- * `tenant_id = app_current_tenant()`: the function is inlined and its
--   `current_setting()` and uuid cast run for every row checked. As
--   `(select app_current_tenant())` it is computed once (an InitPlan) and is
--   still an index condition.
-- * `tenant_id = any ((select app_readable_tenants())::uuid[])`: PostgreSQL
--   hashes only constant arrays, so an HQ's read compared each row with its
--   stores one by one: on a network of 1,000 stores, about 10 µs per row, a
--   second for 100,000 figure facts (against 15-30 ms without the check).
--   As `in (select unnest(app_readable_tenants()))` it is a hashed SubPlan:
--   one probe per row (22-56 ms for the same rows). Every read of an HQ
--   already names the stores it wants (`tenant_id = any(...)`, `in (...)`),
--   which is what its index scans use.
--
-- The policies are altered where they are (their names, commands and roles
-- stay), by rewriting exactly these two expressions in their text; the
-- policies of the inspections and of the network's catalogues use other
-- functions and are left as they are.
do $$
declare
  p record;
  current_now constant text := 'app_current_tenant()';
  current_once constant text := '( SELECT app_current_tenant() AS app_current_tenant)';
  readable_array constant text := '= ANY (( SELECT app_readable_tenants() AS app_readable_tenants)::uuid[])';
  readable_set constant text := 'IN ( SELECT unnest(app_readable_tenants()) AS unnest)';
  using_clause text;
  check_clause text;
begin
  for p in
    select c.relname as tbl, pol.polname as name,
           pg_get_expr(pol.polqual, pol.polrelid) as qual, pg_get_expr(pol.polwithcheck, pol.polrelid) as with_check
      from pg_policy pol join pg_class c on c.oid = pol.polrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public'
  loop
    using_clause := replace(replace(p.qual, current_now, current_once), readable_array, readable_set);
    check_clause := replace(p.with_check, current_now, current_once);
    if using_clause is distinct from p.qual then
      execute format('alter policy %I on %I using (%s)', p.name, p.tbl, using_clause);
    end if;
    if check_clause is distinct from p.with_check then
      execute format('alter policy %I on %I with check (%s)', p.name, p.tbl, check_clause);
    end if;
  end loop;
end
$$;

-- Tables protected by later migrations get the same checks.
create or replace function app_protect_tenant_table(tbl regclass, hq_readable boolean) returns void
  language plpgsql
  as $$
  begin
    execute format('alter table %s enable row level security', tbl);
    execute format('alter table %s force row level security', tbl);
    execute format(
      'create policy tenant_isolation on %s for all using (tenant_id = (select app_current_tenant())) with check (tenant_id = (select app_current_tenant()))',
      tbl);
    if hq_readable then
      execute format(
        'create policy hq_scope_read on %s for select using (tenant_id in (select unnest(app_readable_tenants())))',
        tbl);
    end if;
    if app_citus_present() then
      perform create_distributed_table(tbl, 'tenant_id', colocate_with => 'default');
    end if;
  end
  $$;
