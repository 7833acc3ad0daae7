-- Platform operators: the people who run the deployment itself (the queue
-- dashboard, which shows every brand's jobs). They stand outside the tenant
-- tree: no tenant_id, no tenant role, and no tenant can see them or make one.
-- Only the `tenants` CLI writes them, over the admin connection.
create table platform_operators (
  id              uuid primary key default gen_random_uuid(),
  email           text not null unique check (email = lower(email) and position('@' in email) > 1 and length(email) <= 254),
  name            text not null check (length(name) between 1 and 200),
  -- argon2id, like staff passwords; the password itself is shown once by the CLI
  password_hash   text not null,
  status          text not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  last_sign_in_at timestamptz
);

-- The runtime role is granted every table; RLS forced without a single policy
-- leaves it nothing here: no row read, none written. The api reaches
-- operators only through the narrow functions below.
alter table platform_operators enable row level security;
alter table platform_operators force row level security;

-- Sign-in: the password hash of an active operator with this e-mail, to verify
-- in the api (argon2id is not in the database). Nothing for anyone else.
create function operator_sign_in_candidate(p_email text)
  returns table (id uuid, password_hash text)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select o.id, o.password_hash from platform_operators o where o.email = lower(p_email) and o.status = 'ACTIVE' $$;

-- Every dashboard request: is this operator still active, and who is it.
create function operator_active(p_id uuid)
  returns table (id uuid, email text, name text)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select o.id, o.email, o.name from platform_operators o where o.id = p_id and o.status = 'ACTIVE' $$;

-- Notes a successful sign-in; the only write the runtime role can make here.
create function operator_record_sign_in(p_id uuid, p_at timestamptz)
  returns void
  language sql volatile security definer
  set search_path = pg_catalog, public
  as $$ update platform_operators set last_sign_in_at = p_at where id = p_id and status = 'ACTIVE' $$;
