-- Partner webhooks: endpoints a tenant subscribes to event types, the events
-- it publishes, and a log of every HTTP attempt to deliver one. A delivery
-- itself is a WEBHOOK_DELIVERY scheduled action (payload: eventId,
-- endpointId), so it is written with the change that caused it, retried with
-- backoff and dead-lettered like every other piece of time-driven work.

create table webhook_endpoints (
  tenant_id                     uuid not null references tenants (id),
  id                            uuid not null default gen_random_uuid(),
  url                           text not null check (length(url) <= 2000 and url ~ '^https?://'),
  description                   text check (length(description) <= 500),
  -- wire names (`ticket.created`); new types need no migration, the application checks them
  event_types                   text[] not null check (cardinality(event_types) between 1 and 100),
  -- the Standard Webhooks signing secret (`whsec_<base64>`): it signs every delivery, so it is kept, never shown again
  secret                        text not null check (secret like 'whsec\_%'),
  -- after a rotation the previous secret signs too until it expires, so a receiver can switch without rejecting anything
  previous_secret               text check (previous_secret like 'whsec\_%'),
  previous_secret_expires_at    timestamptz,
  status                        text not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
  disabled_cause                text check (disabled_cause in ('MANUAL', 'FAILING_DELIVERIES')),
  disabled_reason               text check (length(disabled_reason) <= 500),
  disabled_at                   timestamptz,
  -- dead-lettered deliveries since the last successful one; the endpoint is disabled when it reaches the threshold
  consecutive_failed_deliveries integer not null default 0 check (consecutive_failed_deliveries >= 0),
  created_at                    timestamptz not null default now(),
  updated_at                    timestamptz not null default now(),
  version                       integer not null default 1,
  primary key (tenant_id, id),
  check ((status = 'DISABLED') = (disabled_at is not null and disabled_cause is not null)),
  check ((previous_secret is null) = (previous_secret_expires_at is null))
);
create index webhook_endpoints_list_idx on webhook_endpoints (tenant_id, created_at desc, id desc);
select app_protect_tenant_table('webhook_endpoints', false);

create table webhook_events (
  tenant_id        uuid not null references tenants (id),
  id               uuid not null default gen_random_uuid(),
  -- sent as the `webhook-id` header on every attempt and replay: receivers de-duplicate on it
  webhook_id       text not null check (webhook_id ~ '^msg_[0-9a-f]{32}$'),
  -- publishing the same cause twice is a no-op
  idempotency_key  text not null check (length(idempotency_key) between 1 and 300),
  type             text not null check (length(type) between 1 and 100),
  data             jsonb not null,
  ticket_id        uuid,
  occurred_at      timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, idempotency_key),
  unique (tenant_id, webhook_id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id)
);
select app_protect_tenant_table('webhook_events', false);

create table webhook_attempts (
  tenant_id         uuid not null references tenants (id),
  id                uuid not null default gen_random_uuid(),
  delivery_id       uuid not null,
  endpoint_id       uuid not null,
  event_id          uuid not null,
  attempt_number    integer not null check (attempt_number >= 1),
  -- null when no HTTP answer came back (timeout, refused connection)
  status_code       integer check (status_code between 100 and 599),
  latency_ms        integer not null check (latency_ms >= 0),
  response_excerpt  text check (length(response_excerpt) <= 500),
  error             text check (length(error) <= 2000),
  attempted_at      timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, delivery_id, attempt_number),
  foreign key (tenant_id, delivery_id) references scheduled_actions (tenant_id, id) on delete cascade,
  foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade,
  foreign key (tenant_id, event_id) references webhook_events (tenant_id, id) on delete cascade
);
create index webhook_attempts_endpoint_idx on webhook_attempts (tenant_id, endpoint_id);
create index webhook_attempts_event_idx on webhook_attempts (tenant_id, event_id);
select app_protect_tenant_table('webhook_attempts', false);

-- An endpoint's deliveries, newest first: the scheduled actions carrying its id.
create index scheduled_actions_webhook_endpoint_idx
  on scheduled_actions (tenant_id, (payload ->> 'endpointId'), created_at desc, id desc)
  where kind = 'WEBHOOK_DELIVERY';
