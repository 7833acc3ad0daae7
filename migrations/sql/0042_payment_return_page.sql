-- The page a customer lands on after paying (`/pay/complete?session_id=...`,
-- where Stripe Checkout sends them back) says where the order really stands.
-- It knows no tenant, so it asks this one narrow question: for the Checkout
-- Session recorded on an order (never one merely naming an order), the
-- order's state and whether its payment was recorded. Nothing else of the
-- order, its store or its customer is answered.
create index service_orders_session_idx on service_orders (stripe_session_id) where stripe_session_id is not null;

create function payment_return_state(p_session_id text) returns table (state text, paid boolean)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select o.state, o.paid_at is not null from service_orders o where o.stripe_session_id = p_session_id limit 1 $$;
