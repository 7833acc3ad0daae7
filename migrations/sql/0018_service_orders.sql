-- Orders of paid services on tickets, paid by the customer through a Stripe
-- Checkout link, and their refunds.
--
-- An order sells one or more services of HQ's catalogue (each at the store's
-- price when the order was drafted: the price is frozen on the line) or one
-- repair quote (its total). Amounts are integers of the minor unit of the
-- currency beside them. What the customer paid, what was refunded and what is
-- being refunded are kept on the order, and the database holds them to the
-- rule that nothing is ever refunded beyond what was paid.

create table service_orders (
  tenant_id               uuid not null references tenants (id),
  id                      uuid not null default gen_random_uuid(),
  ticket_id               uuid not null,
  kind                    text not null check (kind in ('SERVICES', 'QUOTE')),
  -- the quote an order of kind QUOTE pays for
  quote_id                uuid,
  -- the ticket's device when the order was drafted: what a warranty extension applies to
  device_id               uuid,
  state                   text not null default 'DRAFT'
                          check (state in ('DRAFT', 'AWAITING_PAYMENT', 'PAID', 'IN_SERVICE', 'DONE', 'CANCELLED', 'EXPIRED', 'REFUNDED')),
  currency                text not null check (currency in ('CNY')),
  total_minor             integer not null check (total_minor between 1 and 100000000),
  -- the Stripe Checkout Session (payment mode) and its link, recorded by the worker
  stripe_session_id       text check (length(stripe_session_id) between 1 and 255),
  payment_url             text check (length(payment_url) <= 5000),
  payment_expires_at      timestamptz,
  -- what Stripe says was paid, and by which payment intent (refunds are made against it)
  payment_intent_id       text check (length(payment_intent_id) between 1 and 255),
  paid_minor              integer check (paid_minor between 1 and 100000000),
  refunded_minor          integer not null default 0 check (refunded_minor >= 0),
  -- refunds asked of Stripe whose outcome is not known yet
  refund_pending_minor    integer not null default 0 check (refund_pending_minor >= 0),
  payment_requested_at    timestamptz,
  paid_at                 timestamptz,
  started_at              timestamptz,
  completed_at            timestamptz,
  cancelled_at            timestamptz,
  cancel_reason           text check (length(cancel_reason) <= 1000),
  expired_at              timestamptz,
  refunded_at             timestamptz,
  created_by              uuid,
  version                 integer not null default 1,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now(),
  primary key (tenant_id, id),
  -- lets lines and refunds refer to the order together with its currency
  unique (tenant_id, id, currency),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id),
  foreign key (tenant_id, quote_id) references repair_quotes (tenant_id, id),
  foreign key (tenant_id, device_id) references devices (tenant_id, id),
  check ((kind = 'QUOTE') = (quote_id is not null)),
  check ((paid_minor is null) = (paid_at is null)),
  check (paid_at is null or payment_intent_id is not null),
  check (refunded_minor + refund_pending_minor <= coalesce(paid_minor, 0)),
  -- REFUNDED means the whole payment went back
  check ((state = 'REFUNDED') = (paid_minor is not null and refunded_minor = paid_minor)),
  check (state not in ('PAID', 'IN_SERVICE', 'DONE', 'REFUNDED') or paid_at is not null),
  -- a cancelled order may still be paid (the customer paid as it was being cancelled): the cancellation stays on record
  check (state <> 'CANCELLED' or cancelled_at is not null),
  check (state <> 'EXPIRED' or expired_at is not null)
);
create index service_orders_ticket_idx on service_orders (tenant_id, ticket_id, created_at);
-- A quote is paid by one order at a time; a cancelled or expired one frees it.
create unique index service_orders_one_per_quote_idx on service_orders (tenant_id, quote_id)
  where quote_id is not null and state not in ('CANCELLED', 'EXPIRED');
-- for the definer look-up below: Stripe's events name our order or its payment intent, not our tenant
create index service_orders_id_idx on service_orders (id);
create index service_orders_payment_intent_idx on service_orders (payment_intent_id) where payment_intent_id is not null;
select app_protect_tenant_table('service_orders', true);

-- What an order sells, as it was sold: the service's code, names and the
-- store's price are copied when the order is drafted, so a later change of
-- the catalogue or the price list never changes what the customer pays.
create table service_order_lines (
  tenant_id                  uuid not null references tenants (id),
  id                         uuid not null default gen_random_uuid(),
  order_id                   uuid not null,
  position                   integer not null check (position between 1 and 20),
  kind                       text not null check (kind in ('SERVICE', 'QUOTE')),
  -- a service of the HQ's catalogue (another tenant's row, so no foreign key; checked on write)
  service_id                 uuid,
  code                       text check (length(code) between 1 and 64),
  name_zh_cn                 text not null check (length(name_zh_cn) between 1 and 200),
  name_en                    text not null check (length(name_en) between 1 and 200),
  quantity                   integer not null default 1 check (quantity = 1),
  unit_price_minor           integer not null check (unit_price_minor between 1 and 100000000),
  amount_minor               integer not null check (amount_minor between 1 and 100000000),
  currency                   text not null,
  -- a warranty extension bought, and what it did to the device's extended warranty end
  warranty_extension_months  integer check (warranty_extension_months between 1 and 60),
  warranty_previous_until    date,
  warranty_extended_until    date,
  primary key (tenant_id, id),
  foreign key (tenant_id, order_id, currency) references service_orders (tenant_id, id, currency),
  unique (tenant_id, order_id, position),
  check ((kind = 'SERVICE') = (service_id is not null)),
  check (amount_minor::bigint = quantity::bigint * unit_price_minor),
  check (warranty_extended_until is null or warranty_extension_months is not null)
);
select app_protect_tenant_table('service_order_lines', true);

-- A refund of an order, whole or partial, asked of Stripe by the worker with
-- the idempotency key `refund:<id>`. PENDING until Stripe says how it went.
create table refunds (
  tenant_id         uuid not null references tenants (id),
  id                uuid not null default gen_random_uuid(),
  order_id          uuid not null,
  amount_minor      integer not null check (amount_minor between 1 and 100000000),
  currency          text not null,
  reason            text not null check (length(reason) between 1 and 1000),
  state             text not null default 'PENDING' check (state in ('PENDING', 'SUCCEEDED', 'FAILED')),
  stripe_refund_id  text check (length(stripe_refund_id) between 1 and 255),
  -- Stripe's own word for it (`pending`, `requires_action`, `failed`...)
  stripe_status     text check (length(stripe_status) between 1 and 40),
  failure_reason    text check (length(failure_reason) <= 1000),
  requested_by      uuid,
  succeeded_at      timestamptz,
  failed_at         timestamptz,
  -- when Stripe's webhook confirmed the outcome the worker recorded
  confirmed_at      timestamptz,
  version           integer not null default 1,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, order_id, currency) references service_orders (tenant_id, id, currency),
  foreign key (tenant_id, requested_by) references staff_users (tenant_id, id),
  -- Stripe may report a refund failed after it first succeeded (the bank sent it back): it keeps both moments
  check (state <> 'SUCCEEDED' or succeeded_at is not null),
  check ((state = 'FAILED') = (failed_at is not null))
);
create index refunds_order_idx on refunds (tenant_id, order_id, created_at);
create index refunds_id_idx on refunds (id);
create index refunds_stripe_idx on refunds (stripe_refund_id) where stripe_refund_id is not null;
select app_protect_tenant_table('refunds', true);

-- The tenant a Stripe object of a paid-service order belongs to: from our
-- order id in its metadata or client_reference_id, or else from its payment
-- intent. Null when neither is ours (an event of another environment sharing
-- the Stripe account): the event is then acknowledged and ignored.
create function service_order_tenant(p_order_id uuid, p_payment_intent_id text) returns uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select coalesce(
      (select o.tenant_id from service_orders o where o.id = p_order_id),
      (select o.tenant_id from service_orders o where o.payment_intent_id = p_payment_intent_id limit 1))
  $$;
