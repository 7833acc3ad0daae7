-- One ticket by id, in the store's transaction. The bench gives the store's tickets ids derived from their
-- position (md5 of 'rls-bench-<n>'), so a random one can be picked here.
\set n random(1, :count)
begin;
select set_config('app.tenant_id', :tenant, true);
select * from tickets where tenant_id = :tenant and id = md5('rls-bench-' || :n::text)::uuid;
commit;
