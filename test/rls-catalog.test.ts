import { Client } from 'pg';
import { createTestDatabase, TestDatabase, APP_ROLE } from './support/test-database';

/**
 * Reads PostgreSQL's catalog, so a new table that forgets the tenancy rules
 * fails here before it can leak anything. `tenants` is the registry of tenants
 * itself (its id is the tenant id); `schema_migrations` belongs to the
 * migration runner and is not readable by the runtime role. Platform tables
 * belong to no tenant at all and are closed to the runtime role entirely
 * (checked below).
 */
const PLATFORM_TABLES = new Map([
  // The people who run the deployment (the queue dashboard shows every brand's jobs): outside
  // the tenant tree on purpose, written only by the CLI over the admin connection.
  ['platform_operators', 'platform operators, outside the tenant tree'],
]);
const NOT_TENANT_OWNED = new Set(['tenants', 'schema_migrations', ...PLATFORM_TABLES.keys()]);

let db: TestDatabase;
let admin: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
});

afterAll(async () => {
  await admin.end();
  await db.drop();
});

interface TableRow {
  table: string;
  rls: boolean;
  forced: boolean;
  has_tenant_id: boolean;
  policies: number;
}

async function tables(): Promise<TableRow[]> {
  const { rows } = await admin.query<TableRow>(`
    select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant_id,
           (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1`);
  return rows;
}

test('every table is either tenant-owned or one of the named exceptions', async () => {
  const strays = (await tables()).filter((t) => !t.has_tenant_id && !NOT_TENANT_OWNED.has(t.table)).map((t) => t.table);
  expect(strays).toEqual([]);
});

test('every tenant-owned table, and the tenant registry, has RLS enabled and forced with a policy', async () => {
  const problems = (await tables())
    .filter((t) => t.has_tenant_id || t.table === 'tenants')
    .filter((t) => !t.rls || !t.forced || t.policies === 0)
    .map((t) => `${t.table}: rls=${t.rls} forced=${t.forced} policies=${t.policies}`);
  expect(problems).toEqual([]);
  expect((await tables()).filter((t) => t.has_tenant_id).length).toBeGreaterThanOrEqual(5);
});

test('every tenant-owned table has tenant_id in its primary key', async () => {
  const { rows } = await admin.query<{ table: string; pk: string[] | null }>(`
    select c.relname as table,
           (select array_agg(a.attname::text order by k.ord) from pg_constraint con
              cross join unnest(con.conkey) with ordinality as k(attnum, ord)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
             where con.conrelid = c.oid and con.contype = 'p') as pk
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')`);
  const problems = rows.filter((r) => !r.pk || r.pk[0] !== 'tenant_id').map((r) => `${r.table}: pk=(${r.pk?.join(', ')})`);
  expect(problems).toEqual([]);
});

test('every foreign key to a tenant-owned table carries tenant_id on both sides', async () => {
  const { rows } = await admin.query<{ name: string; from_table: string; to_table: string; from_cols: string[]; to_cols: string[] }>(`
    select con.conname as name, src.relname as from_table, dst.relname as to_table,
           (select array_agg(a.attname::text order by k.ord) from unnest(con.conkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as from_cols,
           (select array_agg(a.attname::text order by k.ord) from unnest(con.confkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum) as to_cols
    from pg_constraint con
    join pg_class src on src.oid = con.conrelid
    join pg_class dst on dst.oid = con.confrelid
    join pg_namespace n on n.oid = src.relnamespace
    where con.contype = 'f' and n.nspname = 'public'
      and exists (select 1 from pg_attribute a where a.attrelid = dst.oid and a.attname = 'tenant_id')`);
  expect(rows.length).toBeGreaterThan(0);
  const problems = rows
    .filter((fk) => {
      const at = fk.to_cols.indexOf('tenant_id');
      return at < 0 || fk.from_cols[at] !== 'tenant_id';
    })
    .map((fk) => `${fk.name}: ${fk.from_table}(${fk.from_cols}) -> ${fk.to_table}(${fk.to_cols})`);
  expect(problems).toEqual([]);
});

test('a platform table has RLS forced with no policy at all: the runtime role reads and writes none of it', async () => {
  const platform = (await tables()).filter((t) => PLATFORM_TABLES.has(t.table));
  expect(platform.map((t) => t.table).sort()).toEqual([...PLATFORM_TABLES.keys()].sort());
  expect(platform.filter((t) => !t.rls || !t.forced || t.policies !== 0 || t.has_tenant_id)).toEqual([]);

  await admin.query(`insert into platform_operators (email, name, password_hash) values ('rls-ops@platform.test', 'Ops', 'x')`);
  const app = new Client({ connectionString: db.appUrl });
  await app.connect();
  try {
    await app.query('begin');
    // even acting for a tenant, as every request does
    await app.query(`select set_config('app.tenant_id', '00000000-0000-4000-8000-000000000001', true)`);
    for (const table of PLATFORM_TABLES.keys()) {
      expect((await app.query(`select * from ${table}`)).rows).toEqual([]);
      expect((await app.query(`update ${table} set name = 'x' returning 1`)).rowCount).toBe(0);
      expect((await app.query(`delete from ${table} returning 1`)).rowCount).toBe(0);
    }
    await expect(app.query(`insert into platform_operators (email, name, password_hash) values ('evil@platform.test', 'Evil', 'x')`)).rejects.toThrow(
      /row-level security/,
    );
    await app.query('rollback');
    // What the api may ask instead: one operator's hash to check a sign-in against, whether an id is active.
    expect((await app.query(`select id from operator_sign_in_candidate('rls-ops@platform.test')`)).rows).toHaveLength(1);
    expect((await app.query(`select id from operator_sign_in_candidate('nobody@platform.test')`)).rows).toEqual([]);
  } finally {
    await app.end();
  }
  expect((await admin.query(`select count(*)::int as n from platform_operators`)).rows[0].n).toBe(1);
});

test('the runtime role is not superuser, cannot bypass RLS, and owns nothing', async () => {
  const app = new Client({ connectionString: db.appUrl });
  await app.connect();
  try {
    const { rows } = await app.query(`
      select current_user as name, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
             (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'public' and pg_get_userbyid(c.relowner) = current_user) as owned
      from pg_roles r where r.rolname = current_user`);
    expect(rows[0]).toEqual({
      name: APP_ROLE,
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owned: 0,
    });
  } finally {
    await app.end();
  }
});

test('without a tenant set, the runtime role sees no rows and cannot write any', async () => {
  await admin.query(`insert into tenants (id, slug, name, kind) values ('00000000-0000-4000-8000-000000000001', 'rls-hq', 'RLS HQ', 'HQ')`);
  const app = new Client({ connectionString: db.appUrl });
  await app.connect();
  try {
    expect((await app.query('select * from tenants')).rows).toEqual([]);
    await expect(app.query(`insert into customers (tenant_id, name, phone) values ('00000000-0000-4000-8000-000000000001', 'x', '12345678')`)).rejects.toThrow(
      /row-level security/,
    );
    await app.query('begin');
    await app.query(`select set_config('app.tenant_id', '00000000-0000-4000-8000-000000000001', true)`);
    expect((await app.query('select slug from tenants')).rows).toEqual([{ slug: 'rls-hq' }]);
    await app.query('commit');
    // transaction-local: the next transaction on the same connection sees nothing again
    expect((await app.query('select * from tenants')).rows).toEqual([]);
  } finally {
    await app.end();
  }
});

test('every policy computes the tenant and the readable stores once per statement, and checks a row against them by a hash', async () => {
  // Inlined, app_current_tenant() reads the setting for every row; an array of readable stores is compared element by element
  // (1,000 comparisons per row on a network of 1,000 stores). See migration 0370.
  const { rows } = await admin.query<{ policy: string; expression: string }>(`
    select c.relname || '.' || p.polname as policy, pg_get_expr(e.expr, p.polrelid) as expression
      from pg_policy p join pg_class c on c.oid = p.polrelid
      cross join lateral (values (p.polqual), (p.polwithcheck)) as e(expr)
     where e.expr is not null`);
  expect(rows.length).toBeGreaterThan(90);
  const perRow = rows.filter(
    ({ expression }) => /(?<!SELECT )app_current_tenant\(\)/.test(expression) || /ANY \(\( SELECT app_readable_tenants\(\)/.test(expression),
  );
  expect(perRow).toEqual([]);
});

test('migrating twice changes nothing', async () => {
  const { migrate } = await import('../migrations/runner');
  const result = await migrate({ adminUrl: db.adminUrl, appRole: APP_ROLE });
  expect(result.applied).toEqual([]);
});
