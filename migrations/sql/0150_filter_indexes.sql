-- Every filter and sort of a list reads its first page from an index that
-- starts with the tenant, then the filter's column, then the list's order
-- (created_at desc, id desc: newest first), so that the page is the first
-- rows of one index range, whatever the store's size: no scan of the store's
-- other rows, no sort of them. test/query-plans.test.ts checks each plan on a
-- generated large store.

-- Tickets. The (tenant, column) indexes these replace are prefixes of the new ones.
create index tickets_status_created_idx on tickets (tenant_id, status, created_at desc, id desc);
drop index tickets_status_idx;
create index tickets_assignee_created_idx on tickets (tenant_id, assignee_id, created_at desc, id desc);
drop index tickets_assignee_idx;
create index tickets_customer_created_idx on tickets (tenant_id, customer_id, created_at desc, id desc);
drop index tickets_customer_idx;
create index tickets_device_created_idx on tickets (tenant_id, device_id, created_at desc, id desc);
drop index tickets_device_idx;
-- tickets(customerPhone:) matches the phone given for the ticket or the customer's own phone
create index tickets_contact_phone_idx on tickets (tenant_id, contact_phone, created_at desc, id desc);
-- tickets(sort: URGENCY) walks the clock points by due instant
create index ticket_clock_points_due_idx on ticket_clock_points (tenant_id, due_at, ticket_id);
-- tickets(latePartsOnly:) starts from the parts still awaited
create index parts_orders_awaited_idx on parts_orders (tenant_id, expected_on) where status = 'ORDERED';

-- Other lists, newest first.
create index devices_created_idx on devices (tenant_id, created_at desc, id desc);
create index devices_customer_created_idx on devices (tenant_id, customer_id, created_at desc, id desc);
drop index devices_customer_idx;
create index customers_tier_created_idx on customers (tenant_id, tier, created_at desc, id desc);
create index staff_users_created_idx on staff_users (tenant_id, created_at desc, id desc);
create index work_orders_created_idx on work_orders (tenant_id, created_at desc, id desc);
create index work_orders_status_created_idx on work_orders (tenant_id, status, created_at desc, id desc);
create index tenants_parent_created_idx on tenants (parent_id, created_at desc, id desc);
create index scheduled_actions_created_idx on scheduled_actions (tenant_id, created_at desc, id desc);
create index scheduled_actions_state_created_idx on scheduled_actions (tenant_id, state, created_at desc, id desc);
create index scheduled_actions_kind_created_idx on scheduled_actions (tenant_id, kind, created_at desc, id desc);
-- an HQ's view of its network's actions, newest first across its tenants
create index scheduled_actions_network_created_idx on scheduled_actions (created_at desc, id desc);
create index scheduled_actions_ticket_created_idx on scheduled_actions (tenant_id, ticket_id, created_at desc, id desc)
  where ticket_id is not null;

-- Text search ("words in the problem, suspected cause or notes", a customer's
-- name): trigram indexes (pg_trgm). Trigrams are taken from any letters,
-- Chinese characters included (the database's ctype is UTF-8), and need no
-- word boundaries, which Chinese text does not have; a full-text parser would
-- need a Chinese dictionary to cut words. A pattern gives trigrams only from
-- 3 characters on: docs/architecture.md says how shorter ones are searched.
--
-- Under Row Level Security a condition may use an index only if its operator
-- is leakproof, and ILIKE's (texticlike) is not marked so, although its answer
-- depends on its two arguments only and it fails on the pattern alone, never
-- on a row. So the searches use ~~*&, the same built-in function declared
-- leakproof, indexed by an operator class made of pg_trgm's own GIN support
-- functions (strategy 4 is pg_trgm's ILIKE).
create extension if not exists pg_trgm;

create function app_ilike(text, text) returns boolean
  language internal immutable strict leakproof parallel safe
  as 'texticlike';

create operator ~~*& (leftarg = text, rightarg = text, function = app_ilike, restrict = iclikesel, join = iclikejoinsel);

create operator class app_trgm_ilike_ops for type text using gin as
  operator 4 ~~*& (text, text),
  function 1 btint4cmp(int4, int4),
  function 2 gin_extract_value_trgm(text, internal),
  function 3 gin_extract_query_trgm(text, internal, int2, internal, internal, internal, internal),
  function 4 gin_trgm_consistent(internal, int2, text, int4, internal, internal, internal, internal),
  function 6 gin_trgm_triconsistent(internal, int2, text, int4, internal, internal, internal),
  storage int4;

grant execute on function app_ilike(text, text) to public;

create index tickets_problem_trgm_idx on tickets using gin (problem app_trgm_ilike_ops);
create index tickets_suspected_cause_trgm_idx on tickets using gin (suspected_cause app_trgm_ilike_ops);
create index ticket_events_note_trgm_idx on ticket_events using gin (summary app_trgm_ilike_ops)
  where kind in ('NOTE', 'MESSAGE_TO_CUSTOMER');
create index customers_name_trgm_idx on customers using gin (name app_trgm_ilike_ops);
