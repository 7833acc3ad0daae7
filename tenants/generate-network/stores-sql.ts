/**
 * The stores, their partners' extra siblings, calendars and staff: set-based
 * inserts from the `gen_stores` plan (one row per store). Store k's slug is
 * `net-s0001`-style, so its ticket numbers read `S0001-2026-000123`; store 1 is
 * the biggest.
 */
export const CREATE_STORE_PLAN = `
  create temp table gen_stores (
    k int primary key, tenant_id uuid not null, slug text not null, prefix text not null,
    tickets int not null, customers int not null, staff int not null, first_g bigint not null
  )`;

export const FILL_STORE_PLAN = `
  insert into gen_stores (k, tenant_id, slug, prefix, tickets, customers, staff, first_g)
  select k, pg_temp.gid('s', k, 0), 'net-s' || lpad(k::text, 4, '0'), 'S' || lpad(k::text, 4, '0'),
         tickets, customers, staff, 1 + coalesce(sum(tickets) over (order by k rows between unbounded preceding and 1 preceding), 0)
    from unnest($1::int[], $2::int[], $3::int[]) with ordinality as p(tickets, customers, staff, k)`;

const CITIES = `array['北京','上海','广州','深圳','成都','杭州','武汉','西安','南京','重庆','天津','苏州','长沙','郑州','青岛','沈阳','宁波','昆明','合肥','厦门']`;

/** $1 the HQ's id. */
export const INSERT_STORES = `
  insert into tenants (id, parent_id, slug, name, kind, time_zone, locale, contact_phone, contact_address, created_at, updated_at)
  select tenant_id, $1, slug, (${CITIES})[1 + floor(pg_temp.u(k, 30) * 20)::int] || '服务站 ' || lpad(k::text, 4, '0'), 'STORE',
         'Asia/Shanghai', 'zh-CN', '400 800 ' || lpad(k::text, 4, '0'), (${CITIES})[1 + floor(pg_temp.u(k, 30) * 20)::int] || '市服务路 ' || k || ' 号',
         $2::timestamptz - interval '2 years', $2::timestamptz - interval '2 years'
    from gen_stores`;

/** A few partners beside the demo's repair partner: $1 the HQ's id, $2 how many. */
export const INSERT_PARTNERS = `
  insert into tenants (id, parent_id, slug, name, kind, time_zone, locale, created_at, updated_at)
  select pg_temp.gid('p', n, 0), $1, 'net-p' || n, '合作维修中心 ' || n, 'PARTNER', 'Asia/Shanghai', 'zh-CN',
         $3::timestamptz - interval '2 years', $3::timestamptz - interval '2 years'
    from generate_series(1, $2::int) n`;

/** Every store keeps the demo stores' hours: weekdays with a lunch break, Saturday mornings. */
export const INSERT_CALENDARS = `
  insert into tenant_calendars (tenant_id, national_code, weekly, closures, special_hours)
  select tenant_id, 'CN',
         '{"1":["09:00-12:00","13:30-18:00"],"2":["09:00-12:00","13:30-18:00"],"3":["09:00-12:00","13:30-18:00"],"4":["09:00-12:00","13:30-18:00"],"5":["09:00-12:00","13:30-18:00"],"6":["10:00-16:00"]}'::jsonb,
         '[]'::jsonb, '{}'::jsonb
    from gen_stores`;

/**
 * Staff: number 1 is the manager, the next 40% agents, the rest technicians;
 * all sign in with one password ($1, its hash).
 */
export const INSERT_STAFF = `
  insert into staff_users (tenant_id, id, email, name, role, password_hash, status, created_at, updated_at)
  select s.tenant_id, pg_temp.gid('u', s.k, n),
         case when n = 1 then 'manager' when n <= 1 + ceil(s.staff * 0.4) then 'agent' || n else 'tech' || n end || '@' || s.slug || '.example.com',
         pg_temp.person(s.k::bigint * 1000 + n),
         case when n = 1 then 'STORE_MANAGER' when n <= 1 + ceil(s.staff * 0.4) then 'STORE_AGENT' else 'TECHNICIAN' end,
         $1, 'ACTIVE', $2::timestamptz - interval '2 years', $2::timestamptz - interval '2 years'
    from gen_stores s cross join lateral generate_series(1, s.staff) n`;
