/**
 * Customers and their devices for the stores k in [$1, $2]: customer j of
 * store k has one device, with a serial number of its own; $3 the as-of
 * instant, $4 the HQ's product model ids.
 */
export const INSERT_CUSTOMERS = `
  insert into customers (tenant_id, id, name, phone, email, tier, created_at, updated_at)
  select s.tenant_id, pg_temp.gid('c', s.k, j), pg_temp.person(s.k::bigint * 100000000 + j), pg_temp.phone(s.k, j),
         case when pg_temp.u(s.k::bigint * 100000000 + j, 24) < 0.3 then 'c' || s.k || '-' || j || '@example.com' end,
         case when pg_temp.u(s.k::bigint * 100000000 + j, 25) < 0.05 then 'VIP' else 'STANDARD' end,
         $3::timestamptz - interval '400 days', $3::timestamptz - interval '400 days'
    from gen_stores s cross join lateral generate_series(1, s.customers) j
   where s.k between $1 and $2`;

export const INSERT_DEVICES = `
  insert into devices (tenant_id, id, customer_id, model_id, serial_number, purchase_date, purchase_source, purchase_store_id, created_at, updated_at)
  select s.tenant_id, pg_temp.gid('d', s.k, j), pg_temp.gid('c', s.k, j),
         ($4::uuid[])[1 + floor(pg_temp.u(s.k::bigint * 100000000 + j, 26) * cardinality($4::uuid[]))::int],
         'SN' || upper(substr(md5('sn:' || s.k || ':' || j || ':' || pg_temp.u(s.k::bigint * 100000000 + j, 27)), 1, 12)),
         ($3::timestamptz - make_interval(days => 400 + floor(pg_temp.u(s.k::bigint * 100000000 + j, 28) * 700)::int))::date,
         case when pg_temp.u(s.k::bigint * 100000000 + j, 29) < 0.7 then 'THIS_STORE' else 'ELSEWHERE' end,
         case when pg_temp.u(s.k::bigint * 100000000 + j, 29) < 0.7 then s.tenant_id end,
         $3::timestamptz - interval '400 days', $3::timestamptz - interval '400 days'
    from gen_stores s cross join lateral generate_series(1, s.customers) j
   where s.k between $1 and $2`;
