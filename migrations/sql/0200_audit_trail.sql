-- The audit trail, read back: every change made through the API writes one
-- entry (the operation, the objects it touched, its outcome, the request), and
-- people filter the trail by actor, object, operation and time.
alter table audit_events
  add column object_ids text[] not null default '{}',
  add column outcome    text check (outcome in ('OK', 'USER_ERRORS')),
  add column request_id text,
  add column trace_id   text check (trace_id ~ '^[0-9a-f]{32}$');

-- Keyset pages, newest first, for each filter (RLS adds the tenant to every read).
drop index audit_events_time_idx;
create index audit_events_time_idx on audit_events (tenant_id, occurred_at desc, id desc);
create index audit_events_actor_idx on audit_events (tenant_id, actor_id, occurred_at desc, id desc);
create index audit_events_action_idx on audit_events (tenant_id, action, occurred_at desc, id desc);
create index audit_events_objects_idx on audit_events using gin (object_ids);

-- Entries are written once and never changed: whoever is not the table's owner
-- (the runtime role above all) cannot update, delete or truncate them, whatever
-- privileges a later grant hands out. The owner keeps the door for a retention
-- job run by an operator.
create function app_audit_events_append_only() returns trigger
  language plpgsql
  as $$
  begin
    if not pg_has_role(current_user, (select c.relowner from pg_class c where c.oid = tg_relid), 'USAGE') then
      raise exception 'audit entries cannot be changed or deleted (% refused)', tg_op
        using errcode = 'insufficient_privilege';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new; -- UPDATE goes on; a TRUNCATE statement trigger's result is ignored
  end
  $$;

-- Not on Citus, which distributes a table with triggers only under its unsafe-triggers setting: there the revoked
-- privileges alone keep the trail append-only (see docs/scaling-out.md).
do $$
begin
  if not app_citus_present() then
    create trigger audit_events_append_only_rows
      before update or delete on audit_events
      for each row execute function app_audit_events_append_only();
    create trigger audit_events_append_only_table
      before truncate on audit_events
      for each statement execute function app_audit_events_append_only();
  end if;
end
$$;
