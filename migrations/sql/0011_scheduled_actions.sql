-- Time-driven work: every reminder, escalation, message and webhook delivery is
-- a row written in the same transaction as the change that caused it. The
-- relay moves due rows into BullMQ; losing Redis loses nothing, because the
-- rows stay PENDING until a processor records their effect and completes them.
create table scheduled_actions (
  tenant_id        uuid not null references tenants (id),
  id               uuid not null default gen_random_uuid(),
  kind             text not null check (length(kind) between 1 and 64),
  -- the same key is never scheduled twice for a tenant: repeating the cause is a no-op
  idempotency_key  text not null check (length(idempotency_key) between 1 and 300),
  ticket_id        uuid,
  due_at           timestamptz not null,
  state            text not null default 'PENDING' check (state in ('PENDING', 'DONE', 'CANCELLED', 'DEAD')),
  attempts         integer not null default 0 check (attempts >= 0),
  max_attempts     integer not null check (max_attempts between 1 and 100),
  payload          jsonb not null default '{}'::jsonb,
  result           jsonb,
  last_error       text,
  -- when the relay last handed the row to a queue; the reconciler re-enqueues rows left behind
  enqueued_at      timestamptz,
  completed_at     timestamptz,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, idempotency_key),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
create index scheduled_actions_due_idx on scheduled_actions (due_at) where state = 'PENDING';
create index scheduled_actions_ticket_idx on scheduled_actions (tenant_id, ticket_id, kind) where state = 'PENDING';
create index scheduled_actions_dead_idx on scheduled_actions (tenant_id, updated_at desc, id desc) where state = 'DEAD';
alter table scheduled_actions enable row level security;
alter table scheduled_actions force row level security;
create policy tenant_rows on scheduled_actions
  using (tenant_id = app_current_tenant())
  with check (tenant_id = app_current_tenant());

-- The relay's only cross-tenant question: which rows are due and not yet (or
-- too long ago) handed to a queue. It marks what it returns, so two relays
-- never hand over the same row in the same round.
create function worker_claim_due_actions(due_before timestamptz, handed_before timestamptz, max_rows integer)
  returns table (tenant_id uuid, id uuid, kind text, due_at timestamptz)
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
    returning a.tenant_id, a.id, a.kind, a.due_at
  $$;

