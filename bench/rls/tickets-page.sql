-- A store's newest tickets, first page, in the store's transaction (pgbench -M prepared; :tenant is the store's id).
begin;
select set_config('app.tenant_id', :tenant, true);
select id, number, status, priority, created_at from tickets where tenant_id = :tenant order by created_at desc, id desc limit 20;
commit;
