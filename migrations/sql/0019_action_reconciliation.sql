-- The reconciler's questions, across tenants like the relay's. Unlike the
-- relay's claim, reading the candidates changes nothing: most of them are
-- still waiting in Redis behind a backlog, and only those Redis lost are
-- handed over again (and marked so).
create function worker_stale_actions(due_before timestamptz, handed_before timestamptz, max_rows integer)
  returns table (tenant_id uuid, id uuid, kind text, due_at timestamptz)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select s.tenant_id, s.id, s.kind, s.due_at
      from scheduled_actions s
     where s.state = 'PENDING'
       and s.due_at <= due_before
       and s.enqueued_at < handed_before
     order by s.due_at, s.id
     limit max_rows
  $$;

create function worker_mark_handed(action_ids uuid[], handed_at timestamptz)
  returns void
  language sql volatile security definer
  set search_path = pg_catalog, public
  as $$
    update scheduled_actions set enqueued_at = handed_at
     where id = any (action_ids) and state = 'PENDING'
  $$;
