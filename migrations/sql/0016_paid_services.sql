-- Paid services: HQ's catalogue with a price range per service, each store's
-- price list inside those ranges, and out-of-warranty repair quotes on tickets.
-- Every amount is an integer in the minor unit of the currency stored beside it
-- (fen for CNY); the caps keep every sum far inside a 32-bit integer.

create table paid_services (
  tenant_id                  uuid not null references tenants (id),
  id                         uuid not null default gen_random_uuid(),
  code                       text not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{0,63}$'),
  name_zh_cn                 text not null check (length(name_zh_cn) between 1 and 200),
  name_en                    text not null check (length(name_en) between 1 and 200),
  description                text not null check (length(description) between 1 and 2000),
  -- what the customer gets, one line each, as shown to them
  includes                   text[] not null default '{}',
  currency                   text not null check (currency in ('CNY')),
  min_price_minor            integer not null check (min_price_minor between 1 and 100000000),
  max_price_minor            integer not null check (max_price_minor between 1 and 100000000),
  requires_device            boolean not null,
  extends_warranty           boolean not null default false,
  warranty_extension_months  integer check (warranty_extension_months between 1 and 60),
  active                     boolean not null default true,
  version                    integer not null default 1,
  created_at                 timestamptz not null default now(),
  updated_at                 timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, code),
  check (min_price_minor <= max_price_minor),
  -- the months are given exactly when the service extends a warranty, and a warranty belongs to a device
  check (extends_warranty = (warranty_extension_months is not null)),
  check (not extends_warranty or requires_device)
);
select app_protect_tenant_table('paid_services', false);
select app_share_with_children('paid_services');

-- A store's price for a service of its HQ's catalogue. No row means the store
-- has not priced the service and does not offer it. A row may keep a price
-- while the service is not offered, so a store can pause and resume it. The
-- range is checked on write; if HQ later narrows it, the row stays as the
-- store set it and reads as out of range (not sellable) until the store fixes it.
create table price_list_entries (
  tenant_id     uuid not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  -- a service of the HQ's catalogue (another tenant's row, so no foreign key; checked on write)
  service_id    uuid not null,
  price_minor   integer check (price_minor between 1 and 100000000),
  currency      text not null check (currency in ('CNY')),
  offered       boolean not null,
  updated_by    uuid,
  version       integer not null default 1,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, service_id),
  check (not offered or price_minor is not null)
);
select app_protect_tenant_table('price_list_entries', true);

-- A repair quote on a ticket. The totals are the sums of its lines, computed
-- by the server on every write; clients never send them.
create table repair_quotes (
  tenant_id            uuid not null references tenants (id),
  id                   uuid not null default gen_random_uuid(),
  ticket_id            uuid not null,
  state                text not null default 'DRAFT'
                       check (state in ('DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
  currency             text not null check (currency in ('CNY')),
  parts_total_minor    integer not null default 0 check (parts_total_minor between 0 and 100000000),
  labour_total_minor   integer not null default 0 check (labour_total_minor between 0 and 100000000),
  total_minor          integer not null default 0 check (total_minor between 0 and 100000000),
  -- the last day (inclusive) the customer may accept it, in the store's calendar
  valid_until          date not null,
  -- what the customer is told with the quote
  note                 text check (length(note) <= 2000),
  sent_at              timestamptz,
  decided_at           timestamptz,
  -- why it was declined or withdrawn
  reason               text check (length(reason) <= 1000),
  created_by           uuid,
  version              integer not null default 1,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (tenant_id, id),
  -- lets its lines refer to the quote together with its currency, so a line is never in another currency
  unique (tenant_id, id, currency),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id),
  check (total_minor = parts_total_minor + labour_total_minor),
  check ((state = 'DRAFT') = (sent_at is null) or state = 'WITHDRAWN'),
  check ((state in ('ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')) = (decided_at is not null))
);
create index repair_quotes_ticket_idx on repair_quotes (tenant_id, ticket_id, created_at);
-- One quote at a time is being drafted or waits for the customer's answer: the customer decides on one price.
create unique index repair_quotes_one_open_idx on repair_quotes (tenant_id, ticket_id) where state in ('DRAFT', 'SENT');
select app_protect_tenant_table('repair_quotes', true);

create table repair_quote_lines (
  tenant_id         uuid not null references tenants (id),
  id                uuid not null default gen_random_uuid(),
  quote_id          uuid not null,
  position          integer not null check (position between 1 and 50),
  kind              text not null check (kind in ('PARTS', 'LABOUR')),
  description       text not null check (length(description) between 1 and 500),
  quantity          integer not null check (quantity between 1 and 1000),
  unit_price_minor  integer not null check (unit_price_minor between 0 and 10000000),
  amount_minor      integer not null check (amount_minor between 0 and 100000000),
  currency          text not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, quote_id, currency) references repair_quotes (tenant_id, id, currency),
  unique (tenant_id, quote_id, position),
  check (amount_minor::bigint = quantity::bigint * unit_price_minor)
);
select app_protect_tenant_table('repair_quote_lines', true);
