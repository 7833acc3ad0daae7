-- The customer's status page (`{PUBLIC_BASE_URL}/console/status/<token>`).
-- Every message to a customer about a ticket carries a link to it, with a
-- token of its own (32 random bytes): only the token's sha256 is kept here,
-- and every link a ticket's customer was sent keeps working, so an old e-mail
-- still opens the page. The raw token exists in the customer's message, and in
-- the message's scheduled action until it has been sent.
create table ticket_status_links (
  tenant_id   uuid not null references tenants (id),
  id          uuid not null default gen_random_uuid(),
  ticket_id   uuid not null,
  token_hash  text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
create index ticket_status_links_ticket_idx on ticket_status_links (tenant_id, ticket_id);
-- Looked up before the tenant is known. Not unique, as for survey tokens: a
-- unique index across tenants could not be kept once the table is distributed
-- by tenant_id, and 256 random bits make a collision impossible in practice.
create index ticket_status_links_token_idx on ticket_status_links (token_hash);
select app_protect_tenant_table('ticket_status_links', false);

-- Which ticket a status link opens, asked before any tenant is known (the
-- customer is not a login): only the ids, and only for an active tenant.
-- Everything the page shows is then read under that tenant's RLS.
create function ticket_by_status_token_hash(p_token_hash text)
  returns table (tenant_id uuid, ticket_id uuid)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select l.tenant_id, l.ticket_id
      from ticket_status_links l join tenants t on t.id = l.tenant_id
     where l.token_hash = p_token_hash and t.status = 'ACTIVE'
  $$;

-- The other way in: the ticket number the customer quotes and the last four
-- digits of the phone given for the ticket. Both are compared here, so the
-- answer is the same (no row) whichever of the two is wrong, and no phone
-- number ever leaves the database. Numbers are per store, so two stores may
-- share one; the caller refuses an answer that is not exactly one ticket.
create index tickets_number_idx on tickets (number);
create function ticket_by_number_and_phone_suffix(p_number text, p_phone_last4 text)
  returns table (tenant_id uuid, ticket_id uuid)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select k.tenant_id, k.id
      from tickets k join tenants t on t.id = k.tenant_id
     where k.number = p_number
       and p_phone_last4 ~ '^[0-9]{4}$'
       and right(regexp_replace(k.contact_phone, '[^0-9]', '', 'g'), 4) = p_phone_last4
       and t.status = 'ACTIVE'
  $$;

-- How a customer reaches the store: shown on the status page beside its hours.
alter table tenants
  add column contact_phone text check (contact_phone is null or length(contact_phone) between 1 and 40),
  add column contact_address text check (contact_address is null or length(contact_address) between 1 and 500);
