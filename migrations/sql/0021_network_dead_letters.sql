-- An HQ reads the scheduled actions of its own stores and partners (their dead
-- letters above all) when it asks for the network scope, like their timelines;
-- it still changes only its own. Which tenants that covers is decided by
-- app_readable_tenants(), and every such read is audited by the caller.
create policy network_read on scheduled_actions for select
  using (tenant_id = any ((select app_readable_tenants())::uuid[]));
