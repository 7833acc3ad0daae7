-- A run's first statement: binds the transaction to the action's tenant and
-- locks and reads the action, in one round trip instead of three (set_config,
-- then the locked read). Row Level Security still applies: the function runs
-- as the caller (the runtime role), and the read comes after set_config, in
-- its own statement. A row another run holds, or one no longer pending,
-- returns nothing (SKIP LOCKED), exactly like the read it replaces.
create function worker_lock_action(action_tenant uuid, action_id uuid)
  returns setof scheduled_actions
  language plpgsql volatile
  set search_path = pg_catalog, public
  as $$
  begin
    perform set_config('app.tenant_id', action_tenant::text, true);
    return query
      select *
        from scheduled_actions
       where tenant_id = action_tenant and id = action_id and state = 'PENDING'
         for update skip locked;
  end
  $$;
