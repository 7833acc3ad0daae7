-- What /metrics says about scheduled actions, across tenants: counts by kind
-- and state and the oldest due action still pending. Only aggregates leave the
-- function (a kind, a state, a count, an instant), never a tenant or a row.
--
-- Its cost stays bounded as the history grows: pending and dead actions are
-- the open work and are read through their partial indexes; done and
-- cancelled ones pile up forever, so only those finished since
-- `finished_since` are counted, through the index below.
create index scheduled_actions_finished_idx on scheduled_actions (completed_at)
  where state in ('DONE', 'CANCELLED');

create function metrics_scheduled_action_stats(at timestamptz, finished_since timestamptz)
  returns table (kind text, state text, actions bigint, oldest_due_at timestamptz)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select s.kind, case when s.due_at <= at then 'PENDING_DUE' else 'PENDING_FUTURE' end, count(*),
           min(s.due_at) filter (where s.due_at <= at)
      from scheduled_actions s
     where s.state = 'PENDING'
     group by 1, 2
    union all
    select s.kind, s.state, count(*), null
      from scheduled_actions s
     where s.state = 'DEAD'
     group by 1, 2
    union all
    select s.kind, s.state, count(*), null
      from scheduled_actions s
     where s.state in ('DONE', 'CANCELLED') and s.completed_at >= finished_since
     group by 1, 2
  $$;
