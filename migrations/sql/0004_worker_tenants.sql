-- The worker fans platform-wide chores out into one job per tenant; each job
-- then runs under that tenant's RLS. This is the only question it may ask
-- across tenants: which tenants exist and are active.
create function worker_active_tenant_ids() returns setof uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select id from tenants where status = 'ACTIVE' order by id $$;
