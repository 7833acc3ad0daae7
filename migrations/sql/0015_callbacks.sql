-- Satisfaction callbacks: after a ticket is resolved the customer is asked how
-- it went, by a single-use survey link or by a colleague's phone call. One row
-- per resolution of a ticket: a ticket reopened and resolved again is called
-- back again.
create table callbacks (
  tenant_id         uuid not null references tenants (id),
  id                uuid not null default gen_random_uuid(),
  ticket_id         uuid not null,
  -- the resolution this callback follows up (the ticket's resolved_at when it was planned)
  resolved_at       timestamptz not null,
  state             text not null default 'PENDING'
                    check (state in ('PENDING', 'SENT', 'REMINDED', 'ANSWERED', 'NO_RESPONSE', 'CALLED_BY_PHONE', 'CANCELLED')),
  -- sha256 (hex) of the survey token; the raw token exists only in the customer's link.
  -- Null whenever no link may answer: not sent yet, answered, expired, cancelled.
  token_hash        text check (token_hash ~ '^[0-9a-f]{64}$'),
  -- after this instant the link no longer answers, even before the expiry action has run
  token_expires_at  timestamptz,
  score             integer check (score between 1 and 5),
  comment           text check (length(comment) <= 2000),
  answered_at       timestamptz,
  channel           text check (channel in ('SURVEY_LINK', 'PHONE')),
  -- the colleague who called (null for a survey answer, or a phone callback recorded by an API key)
  called_by_id      uuid,
  sent_at           timestamptz,
  reminded_at       timestamptz,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, ticket_id, resolved_at),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id),
  foreign key (tenant_id, called_by_id) references staff_users (tenant_id, id),
  -- a completed callback has its score, when and how; no other state has them
  check ((state in ('ANSWERED', 'CALLED_BY_PHONE')) = (score is not null and answered_at is not null and channel is not null)),
  check (token_hash is null or state in ('SENT', 'REMINDED'))
);
create index callbacks_ticket_idx on callbacks (tenant_id, ticket_id, created_at desc);
-- The public answer looks a token up before its tenant is known. Not unique:
-- a unique index across tenants could not be kept once the table is
-- distributed by tenant_id; 256 random bits make a collision impossible in practice.
create index callbacks_token_idx on callbacks (token_hash) where token_hash is not null;
select app_protect_tenant_table('callbacks', true);

-- Which callback a survey token belongs to, asked before any tenant is known
-- (the customer is not a login). It answers only for links that may still be
-- used, and only the ids: everything else is then read under the tenant's RLS.
create function callback_by_token_hash(p_token_hash text)
  returns table (tenant_id uuid, id uuid)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select c.tenant_id, c.id from callbacks c
     where c.token_hash = p_token_hash and c.state in ('SENT', 'REMINDED')
  $$;
