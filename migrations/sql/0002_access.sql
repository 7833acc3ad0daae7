-- Staff users, their sessions, API keys for systems, and the audit trail.

create table staff_users (
  tenant_id     uuid not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  email         text not null check (email = lower(email) and position('@' in email) > 1),
  name          text not null check (length(name) between 1 and 200),
  role          text not null check (role in ('HQ_ADMIN', 'HQ_SUPERVISOR', 'STORE_MANAGER', 'STORE_AGENT', 'TECHNICIAN', 'PARTNER_SYSTEM')),
  password_hash text,
  status        text not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, email)
);
select app_protect_tenant_table('staff_users', true);

-- Refresh sessions: one row per issued refresh token; a used token is rotated,
-- and re-use of a rotated token revokes its whole family.
create table staff_sessions (
  tenant_id    uuid not null references tenants (id),
  id           uuid not null,
  family_id    uuid not null,
  user_id      uuid not null,
  expires_at   timestamptz not null,
  created_at   timestamptz not null default now(),
  rotated_at   timestamptz,
  revoked_at   timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references staff_users (tenant_id, id) on delete cascade
);
create index staff_sessions_family_idx on staff_sessions (tenant_id, family_id);
select app_protect_tenant_table('staff_sessions', false);

create table api_keys (
  tenant_id     uuid not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  name          text not null check (length(name) between 1 and 200),
  role          text not null check (role in ('HQ_ADMIN', 'HQ_SUPERVISOR', 'STORE_MANAGER', 'STORE_AGENT', 'TECHNICIAN', 'PARTNER_SYSTEM')),
  -- SHA-256 of the 256-bit random secret: the secret itself is shown once and never stored
  secret_hash   text not null,
  created_by    uuid,
  created_at    timestamptz not null default now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, created_by) references staff_users (tenant_id, id)
);
select app_protect_tenant_table('api_keys', false);

-- Which tenant an API key belongs to, so the request can then run under RLS.
create function auth_api_key_tenant(p_key_id uuid) returns uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select k.tenant_id from api_keys k where k.id = p_key_id $$;

create table audit_events (
  tenant_id    uuid not null references tenants (id),
  id           uuid not null default gen_random_uuid(),
  actor_kind   text not null check (actor_kind in ('USER', 'API_KEY', 'SYSTEM')),
  actor_id     uuid,
  action       text not null,
  detail       jsonb not null default '{}'::jsonb,
  occurred_at  timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index audit_events_time_idx on audit_events (tenant_id, occurred_at desc);
select app_protect_tenant_table('audit_events', true);
