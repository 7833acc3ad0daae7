-- Stores' subscriptions to the platform, on Stripe, and the Stripe events
-- that keep them current.
--
-- A store subscribes through a checkout (a Stripe Checkout Session in
-- subscription mode) that the worker creates; Stripe's events then say what
-- the subscription became. Every object we create at Stripe carries the id of
-- our own record in its metadata, which is how an event (which arrives
-- without a tenant) finds its tenant: through the one narrow definer
-- function at the end.

create table subscription_checkouts (
  tenant_id           uuid not null references tenants (id),
  id                  uuid not null default gen_random_uuid(),
  plan                text not null check (plan ~ '^[A-Z][A-Z0-9_]{1,31}$'),
  state               text not null default 'PENDING' check (state in ('PENDING', 'OPEN', 'COMPLETED', 'EXPIRED')),
  requested_by        uuid,
  -- the store's Stripe customer, created (or reused) by the worker before the session
  stripe_customer_id  text check (length(stripe_customer_id) between 1 and 255),
  stripe_session_id   text check (length(stripe_session_id) between 1 and 255),
  -- the payment link; Stripe's Checkout URLs are long
  url                 text check (length(url) <= 5000),
  expires_at          timestamptz,
  -- the free trial days the store still had, carried over to Stripe's trial
  trial_end           timestamptz,
  completed_at        timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, requested_by) references staff_users (tenant_id, id),
  check ((state = 'PENDING') = (stripe_session_id is null)),
  check ((state = 'COMPLETED') = (completed_at is not null))
);
create index subscription_checkouts_list_idx on subscription_checkouts (tenant_id, created_at desc, id desc);
-- for the definer look-up below: an event names our record, not our tenant
create index subscription_checkouts_id_idx on subscription_checkouts (id);
create index subscription_checkouts_customer_idx on subscription_checkouts (stripe_customer_id) where stripe_customer_id is not null;
select app_protect_tenant_table('subscription_checkouts', false);

-- One row per store, written from what Stripe says (re-read from Stripe on
-- every event, so the order events arrive in does not matter). A store with
-- no row is on its free trial (tenants/plans.yaml) counted from its creation.
create table store_subscriptions (
  tenant_id               uuid not null references tenants (id),
  id                      uuid not null default gen_random_uuid(),
  plan                    text not null check (plan ~ '^[A-Z][A-Z0-9_]{1,31}$'),
  status                  text not null check (status in ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED')),
  -- Stripe's own word for it (`unpaid`, `paused`...), for people looking at a support case
  stripe_status           text not null check (length(stripe_status) between 1 and 40),
  stripe_customer_id      text not null check (length(stripe_customer_id) between 1 and 255),
  stripe_subscription_id  text not null check (length(stripe_subscription_id) between 1 and 255),
  trial_ends_at           timestamptz,
  current_period_end      timestamptz,
  cancel_at_period_end    boolean not null default false,
  -- when the store was first seen past due in this stretch: the grace period counts from here
  past_due_since          timestamptz,
  canceled_at             timestamptz,
  -- the last invoice that failed and its hosted page, where an overdue invoice is paid
  unpaid_invoice_id       text check (length(unpaid_invoice_id) between 1 and 255),
  unpaid_invoice_url      text check (length(unpaid_invoice_url) <= 5000),
  -- when the subscription was last read from Stripe
  synced_at               timestamptz not null,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now(),
  version                 integer not null default 1,
  primary key (tenant_id, id),
  unique (tenant_id),
  check ((status = 'PAST_DUE') = (past_due_since is not null))
);
create index store_subscriptions_customer_idx on store_subscriptions (stripe_customer_id);
-- HQ reads its stores' standing through the network scope
select app_protect_tenant_table('store_subscriptions', true);

-- Every Stripe event we accepted, once per event id (a repeated delivery is a
-- no-op), with when it was processed. Processing is a STRIPE_EVENT scheduled
-- action written in the same transaction as the row. Kept per tenant like
-- every other table: an event belongs to the tenant its object names, so the
-- event id is unique in practice across tenants as well.
create table stripe_events (
  tenant_id        uuid not null references tenants (id),
  id               uuid not null default gen_random_uuid(),
  stripe_event_id  text not null check (stripe_event_id ~ '^evt_[A-Za-z0-9_]+$' and length(stripe_event_id) <= 255),
  type             text not null check (length(type) between 1 and 100),
  livemode         boolean not null,
  -- the id of the object the event is about (sub_..., in_..., cs_...)
  object_id        text check (length(object_id) <= 255),
  -- the verified event as Stripe sent it
  payload          jsonb not null,
  received_at      timestamptz not null,
  processed_at     timestamptz,
  outcome          jsonb,
  primary key (tenant_id, id),
  unique (tenant_id, stripe_event_id)
);
create index stripe_events_received_idx on stripe_events (tenant_id, received_at desc);
select app_protect_tenant_table('stripe_events', false);

-- The tenant a Stripe object belongs to, from our own record id in its
-- metadata (a subscription checkout) or else from the store's Stripe
-- customer. Null when neither is ours (an event of another environment
-- sharing the Stripe account): the event is then acknowledged and ignored.
create function billing_subscription_tenant(p_checkout_id uuid, p_customer_id text) returns uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select coalesce(
      (select c.tenant_id from subscription_checkouts c where c.id = p_checkout_id),
      (select s.tenant_id from store_subscriptions s where s.stripe_customer_id = p_customer_id limit 1),
      (select c.tenant_id from subscription_checkouts c where c.stripe_customer_id = p_customer_id
        order by c.created_at desc limit 1))
  $$;
