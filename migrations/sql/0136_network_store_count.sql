-- How many stores the acting HQ has: the one fact about its network the
-- api needs to price a request whose work grows with the network (query
-- cost), without opening the network scope (and auditing a network read)
-- for every such request. Anyone else gets 0.
create function network_store_count() returns integer
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select count(*)::integer from tenants t
     where t.parent_id = app_current_tenant() and t.kind = 'STORE'
       and exists (select 1 from tenants h where h.id = app_current_tenant() and h.kind = 'HQ')
  $$;
