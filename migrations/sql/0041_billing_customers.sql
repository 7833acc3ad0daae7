-- The Stripe customer of each store, as the worker created it for the store's
-- first subscription checkout (and reuses for every later one). Stripe's
-- subscription events (a subscription checkout completed, a subscription
-- changed, an invoice paid or failed) are matched to a store by this customer
-- alone, never by the metadata an event carries, and only after the object
-- has been read back from Stripe and found to be this customer's. A customer
-- is one store's: the database refuses to record it for a second one.
create table billing_customers (
  tenant_id           uuid not null references tenants (id),
  id                  uuid not null default gen_random_uuid(),
  stripe_customer_id  text not null check (length(stripe_customer_id) between 1 and 255),
  created_at          timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id),
  unique (stripe_customer_id)
);
select app_protect_tenant_table('billing_customers', false);

-- Stores that subscribed before: the customer the worker created for their
-- earliest checkout (the worker always reused it afterwards). A customer that
-- turns up on two stores' checkouts (a store whose subscription row had been
-- overwritten with another store's, then reused its customer) is recorded
-- for the store that had it first, the one it was created for.
insert into billing_customers (tenant_id, stripe_customer_id, created_at)
select earliest.tenant_id, earliest.stripe_customer_id, earliest.created_at
  from (select distinct on (c.tenant_id) c.tenant_id, c.stripe_customer_id, c.created_at
          from subscription_checkouts c
         where c.stripe_customer_id is not null
         order by c.tenant_id, c.created_at, c.id) earliest
 order by earliest.created_at
on conflict do nothing;

-- Routing by our checkout id in an object's metadata let an event about one
-- store's subscription be applied to another: gone.
drop function if exists billing_subscription_tenant(uuid, text);

-- The store whose Stripe customer this is; null when it is nobody's here (an
-- event of another environment sharing the Stripe account): the event is then
-- acknowledged and ignored.
create function billing_customer_tenant(p_customer_id text) returns uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select b.tenant_id from billing_customers b where b.stripe_customer_id = p_customer_id $$;
