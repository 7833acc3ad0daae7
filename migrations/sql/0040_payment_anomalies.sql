-- Stripe events that were checked and refused: a payment that is not the
-- order's own (another Checkout Session naming the order, a short amount, a
-- foreign currency, a payment Stripe does not report as made), or an event
-- about a subscription, invoice or session of another Stripe customer than
-- the store's. Nothing of the store changes for such an event; the store's
-- managers read what arrived and why it was refused.
--
-- One row per Stripe object and reason: the same refusal reported again by a
-- later event (Stripe resending it, a second event about the same session)
-- adds nothing.
create table payment_anomalies (
  tenant_id          uuid not null references tenants (id),
  id                 uuid not null default gen_random_uuid(),
  subject            text not null check (subject in ('ORDER_PAYMENT', 'SUBSCRIPTION')),
  reason             text not null check (reason in (
                       'NOT_THE_ORDERS_SESSION', 'NOT_PAID', 'CURRENCY_MISMATCH', 'AMOUNT_MISMATCH',
                       'NOT_THE_STORES_CUSTOMER', 'UNKNOWN_AT_STRIPE')),
  message            text not null check (length(message) between 1 and 2000),
  -- the first event that reported it, and the object (cs_..., sub_..., in_...) it was about
  stripe_event_id    text not null check (length(stripe_event_id) between 1 and 255),
  stripe_event_type  text not null check (length(stripe_event_type) between 1 and 100),
  stripe_object_id   text not null check (length(stripe_object_id) between 1 and 255),
  -- the order a payment named, when it is one of this store's
  order_id           uuid,
  -- what the order expected, and what Stripe says was paid (any currency Stripe has)
  expected_minor     integer check (expected_minor >= 0),
  expected_currency  text check (expected_currency ~ '^[A-Z]{3}$'),
  received_minor     integer check (received_minor >= 0),
  received_currency  text check (received_currency ~ '^[A-Z]{3}$'),
  created_at         timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, stripe_object_id, reason),
  foreign key (tenant_id, order_id) references service_orders (tenant_id, id),
  check ((expected_minor is null) = (expected_currency is null)),
  check (received_minor is null or received_currency is not null)
);
create index payment_anomalies_list_idx on payment_anomalies (tenant_id, created_at desc, id desc);
create index payment_anomalies_order_idx on payment_anomalies (tenant_id, order_id) where order_id is not null;
select app_protect_tenant_table('payment_anomalies', false);
