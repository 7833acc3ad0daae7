-- The trace an action belongs to: the W3C traceparent of the request (or the
-- earlier run) that scheduled it, so the worker's run of the action continues
-- that trace. Null when tracing was off at the time. The relay hands it to the
-- queue with the action's id, so a run's span starts before its first query.
-- No check constraint: a malformed value must never fail the change that
-- schedules the action; the code writes only well-formed ones and the worker
-- ignores anything else.
alter table scheduled_actions add column trace_parent text;

drop function worker_claim_due_actions(timestamptz, timestamptz, integer);
create function worker_claim_due_actions(due_before timestamptz, handed_before timestamptz, max_rows integer)
  returns table (tenant_id uuid, id uuid, kind text, due_at timestamptz, trace_parent text)
  language sql volatile security definer
  set search_path = pg_catalog, public
  as $$
    update scheduled_actions a
       set enqueued_at = due_before
      from (
        select s.tenant_id, s.id
          from scheduled_actions s
         where s.state = 'PENDING'
           and s.due_at <= due_before
           and (s.enqueued_at is null or s.enqueued_at < handed_before)
         order by s.due_at
         limit max_rows
         for update skip locked
      ) due
     where a.tenant_id = due.tenant_id and a.id = due.id
    returning a.tenant_id, a.id, a.kind, a.due_at, a.trace_parent
  $$;

drop function worker_stale_actions(timestamptz, timestamptz, integer);
create function worker_stale_actions(due_before timestamptz, handed_before timestamptz, max_rows integer)
  returns table (tenant_id uuid, id uuid, kind text, due_at timestamptz, trace_parent text)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select s.tenant_id, s.id, s.kind, s.due_at, s.trace_parent
      from scheduled_actions s
     where s.state = 'PENDING'
       and s.due_at <= due_before
       and s.enqueued_at < handed_before
     order by s.due_at, s.id
     limit max_rows
  $$;
