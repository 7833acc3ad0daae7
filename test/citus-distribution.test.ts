import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The schema can be spread over a Citus cluster by tenant_id (migration 0135).
 * Citus itself is not installed here, so its two functions are stood in for by
 * ones that record their calls; what is tested is our side: the plan and the
 * order in which the migration distributes every table, and the rules Citus
 * enforces on the schema it is given (checked on the catalogs afterwards).
 */
let db: TestDatabase;
let admin: Client;

interface Call {
  fn: 'reference' | 'distributed';
  relation: string;
  column: string | null;
  colocate: string | null;
}

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await admin.query(sql, params)).rows as T[];
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  await admin.query(`
    create schema stand_in;
    create table stand_in.citus_calls (seq serial primary key, fn text not null, relation text not null, distribution_column text, colocate text);
    create function create_reference_table(table_name regclass) returns void language sql
      as $$ insert into stand_in.citus_calls (fn, relation) values ('reference', table_name::text) $$;
    create function create_distributed_table(table_name regclass, distribution_column text, colocate_with text default 'default') returns void language sql
      as $$ insert into stand_in.citus_calls (fn, relation, distribution_column, colocate) values ('distributed', table_name::text, distribution_column, colocate_with) $$;`);
}, 60000);

afterAll(async () => {
  await admin?.end();
  await db?.drop();
});

/** Tables of the product (the migration runner's own record stays on the coordinator). */
async function productTables(): Promise<{ name: string; tenantOwned: boolean }[]> {
  return rows(
    `select c.relname as name,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "tenantOwned"
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations'
      order by c.relname`,
  );
}

test('on plain PostgreSQL nothing is distributed', async () => {
  expect(await rows(`select app_citus_present() as present`)).toEqual([{ present: false }]);
  expect(await rows(`select * from stand_in.citus_calls`)).toEqual([]);
});

test('every tenant-owned table is distributed by tenant_id, co-located, after the tables it points at; global tables are reference tables', async () => {
  await admin.query(`select app_distribute_for_citus()`);
  const calls = (
    await rows<{ fn: Call['fn']; relation: string; distribution_column: string | null; colocate: string | null }>(
      `select fn, relation, distribution_column, colocate from stand_in.citus_calls order by seq`,
    )
  ).map((row) => ({ fn: row.fn, relation: row.relation, column: row.distribution_column, colocate: row.colocate }));
  const tables = await productTables();
  expect(calls.map((call) => call.relation).sort()).toEqual(tables.map((table) => table.name).sort());
  for (const table of tables) {
    const call = calls.find((c) => c.relation === table.name)!;
    if (table.tenantOwned) expect(call).toEqual({ fn: 'distributed', relation: table.name, column: 'tenant_id', colocate: 'default' });
    else expect(call).toEqual({ fn: 'reference', relation: table.name, column: null, colocate: null });
  }
  expect(calls.filter((call) => call.fn === 'reference').map((call) => call.relation)).toEqual(['platform_operators', 'tenants']);

  // Citus refuses a foreign key to a table it does not know yet: each table comes after every table it references.
  const position = new Map(calls.map((call, index) => [call.relation, index]));
  const keys = await rows<{ from: string; to: string }>(
    `select conrelid::regclass::text as from, confrelid::regclass::text as to from pg_constraint where contype = 'f' and conrelid <> confrelid`,
  );
  expect(keys.length).toBeGreaterThan(30);
  for (const key of keys) expect({ key, before: position.get(key.to)! < position.get(key.from)! }).toEqual({ key, before: true });
});

describe("the schema keeps Citus' rules", () => {
  test('every primary key and unique constraint of a distributed table includes tenant_id', async () => {
    const offending = await rows(
      `select t.relname as "table", i.relname as index
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and x.indisunique
          and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id')
          and not exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and a.attnum = any (x.indkey))`,
    );
    expect(offending).toEqual([]);
    const keyless = await rows(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and not exists (select 1 from pg_index x where x.indrelid = c.oid and x.indisprimary)`,
    );
    expect(keyless).toEqual([]);
  });

  test('a foreign key between distributed tables joins on tenant_id; a reference table points at no distributed table', async () => {
    const keys = await rows<{ name: string; from_owned: boolean; to_owned: boolean; from_cols: string[]; to_cols: string[] }>(
      `select c.conname as name,
              exists (select 1 from pg_attribute a where a.attrelid = c.conrelid and a.attname = 'tenant_id') as from_owned,
              exists (select 1 from pg_attribute a where a.attrelid = c.confrelid and a.attname = 'tenant_id') as to_owned,
              array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as from_cols,
              array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as to_cols
         from pg_constraint c where c.contype = 'f'`,
    );
    for (const key of keys) {
      if (!key.from_owned) expect({ name: key.name, pointsAtDistributed: key.to_owned }).toEqual({ name: key.name, pointsAtDistributed: false });
      if (key.from_owned && key.to_owned) {
        const at = key.from_cols.indexOf('tenant_id');
        expect({ name: key.name, joinsOnTenant: at >= 0 && key.to_cols[at] === 'tenant_id' }).toEqual({ name: key.name, joinsOnTenant: true });
      }
    }
  });

  test('identity columns are bigint and nothing Citus cannot distribute is used (exclusion constraints, partitions, triggers)', async () => {
    expect(await rows(`select attrelid::regclass::text as col from pg_attribute where attidentity <> '' and atttypid <> 'bigint'::regtype`)).toEqual([]);
    expect(await rows(`select conname from pg_constraint where contype = 'x'`)).toEqual([]);
    expect(await rows(`select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and relkind = 'p'`)).toEqual([]);
    // The audit trail's append-only guard is created only without Citus (migration 0200); the revoked privileges hold on Citus.
    const CREATED_ONLY_WITHOUT_CITUS = ['audit_events_append_only_rows', 'audit_events_append_only_table'];
    const triggers = await rows(`select tgname from pg_trigger where not tgisinternal order by tgname`);
    expect(triggers).toEqual(CREATED_ONLY_WITHOUT_CITUS.map((tgname) => ({ tgname })));
  });
});

test('a tenant-owned table a later migration creates is distributed as it is protected', async () => {
  await admin.query(`truncate stand_in.citus_calls`);
  await admin.query(`create or replace function app_citus_present() returns boolean language sql stable as $$ select true $$`);
  await admin.query(`create table later_things (tenant_id uuid not null references tenants (id), id uuid not null, primary key (tenant_id, id))`);
  await admin.query(`select app_protect_tenant_table('later_things', false)`);
  expect(await rows(`select fn, relation, distribution_column, colocate from stand_in.citus_calls`)).toEqual([
    { fn: 'distributed', relation: 'later_things', distribution_column: 'tenant_id', colocate: 'default' },
  ]);
});
