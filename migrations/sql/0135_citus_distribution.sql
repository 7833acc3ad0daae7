-- Past one machine: on a Citus cluster every tenant-owned table is spread
-- over the workers by tenant_id (all of them co-located, so a tenant's rows of
-- every table sit on one worker and its joins, foreign keys and RLS checks
-- stay local to it), and the global tables are copied to every worker as
-- reference tables. On plain PostgreSQL this migration only defines the
-- functions: nothing is distributed unless the citus extension is installed.
--
-- Citus' rules, which the schema keeps (test/citus-distribution.test.ts):
-- the distribution column is in every primary key, unique constraint and
-- foreign key between distributed tables; a reference table points at no
-- distributed table. The one global uniqueness a distributed table cannot
-- enforce (a Stripe customer belongs to one store) becomes per store there;
-- Stripe's ids are unique anyway, and the code creates one customer per store.

-- Whether this database runs on Citus.
create function app_citus_present() returns boolean
  language sql stable
  as $$ select exists (select 1 from pg_extension where extname = 'citus') $$;

-- What distributing takes, in an order Citus accepts: the global tables (no
-- tenant_id) first as reference tables, then the tenant-owned ones, each after
-- every table its foreign keys point at.
create function app_citus_plan()
  returns table (step integer, relation regclass, method text)
  language plpgsql stable
  set search_path = pg_catalog, public
  as $$
declare
  global_tables regclass[];
  remaining regclass[];
  placed regclass[] := '{}';
  ready regclass[];
  next_relation regclass;
begin
  step := 0;
  select coalesce(array_agg(c.oid::regclass order by c.relname), '{}') into global_tables
    from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
   where ns.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations'
     and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped);
  foreach next_relation in array global_tables loop
    step := step + 1; relation := next_relation; method := 'reference';
    return next;
    placed := placed || next_relation;
  end loop;

  select coalesce(array_agg(c.oid::regclass order by c.relname), '{}') into remaining
    from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
   where ns.nspname = 'public' and c.relkind = 'r'
     and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped);
  while cardinality(remaining) > 0 loop
    select array_agg(candidate order by candidate::text) into ready
      from unnest(remaining) as candidate
     where not exists (select 1 from pg_constraint fk
                        where fk.contype = 'f' and fk.conrelid = candidate and fk.confrelid <> candidate
                          and not (fk.confrelid = any (placed)));
    if ready is null then
      raise exception 'the foreign keys of % form a loop: Citus cannot distribute them one by one', remaining;
    end if;
    foreach next_relation in array ready loop
      step := step + 1; relation := next_relation; method := 'distributed';
      return next;
      placed := placed || next_relation;
    end loop;
    remaining := array(select r from unnest(remaining) as r where not (r = any (ready)));
  end loop;
end
$$;

-- Distributes the whole schema (create_reference_table and
-- create_distributed_table are Citus' own functions).
create function app_distribute_for_citus() returns void
  language plpgsql
  set search_path = pg_catalog, public
  as $$
declare
  planned record;
begin
  alter table billing_customers drop constraint billing_customers_stripe_customer_id_key;
  alter table billing_customers add constraint billing_customers_stripe_customer_key unique (tenant_id, stripe_customer_id);
  for planned in select * from app_citus_plan() order by step loop
    if planned.method = 'reference' then
      perform create_reference_table(planned.relation);
    else
      perform create_distributed_table(planned.relation, 'tenant_id', colocate_with => 'default');
    end if;
  end loop;
end
$$;

-- A tenant-owned table created by a later migration is distributed as it is
-- protected (its referenced tables exist, so they are distributed already).
create or replace function app_protect_tenant_table(tbl regclass, hq_readable boolean) returns void
  language plpgsql
  as $$
  begin
    execute format('alter table %s enable row level security', tbl);
    execute format('alter table %s force row level security', tbl);
    execute format(
      'create policy tenant_isolation on %s for all using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())',
      tbl);
    if hq_readable then
      execute format(
        'create policy hq_scope_read on %s for select using (tenant_id = any ((select app_readable_tenants())::uuid[]))',
        tbl);
    end if;
    if app_citus_present() then
      perform create_distributed_table(tbl, 'tenant_id', colocate_with => 'default');
    end if;
  end
  $$;

do $$
begin
  if app_citus_present() then
    perform app_distribute_for_citus();
  end if;
end
$$;
