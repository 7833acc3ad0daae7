import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { projectRoot } from '../core/project-root';

/**
 * Applies migrations/sql/*.sql in name order, each in its own transaction, and
 * records what ran with its checksum. A second run applies nothing; an edited
 * migration that already ran is refused instead of silently diverging.
 */
export const MIGRATIONS_DIR = join(projectRoot(), 'migrations', 'sql');
const LOCK_KEY = 727_001; // serialises concurrent runs against one database

export interface MigrateOptions {
  adminUrl: string;
  appRole: string;
  appPassword?: string;
  log?: (line: string) => void;
}

export interface MigrateResult {
  applied: string[];
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const client = new Client({ connectionString: options.adminUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await ensureRuntimeRole(client, options.appRole, options.appPassword);
    await client.query(`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const done = new Map<string, string>(
      (await client.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations')).rows.map((row) => [row.name, row.checksum]),
    );
    const applied: string[] = [];
    for (const migration of readMigrations()) {
      const previous = done.get(migration.name);
      if (previous !== undefined) {
        if (previous !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query('insert into schema_migrations (name, checksum) values ($1, $2)', [migration.name, migration.checksum]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
      log(`applied ${migration.name}`);
    }
    await grantRuntimeRole(client, options.appRole);
    await settleRuntimeSettings(client, options.appRole);
    return { applied };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/**
 * The api and the worker connect as this role: it owns nothing, is not a
 * superuser and cannot bypass RLS, so forgetting a tenant filter in code can
 * never leak rows. Re-asserting the attributes on every run keeps it that way.
 */
async function ensureRuntimeRole(client: Client, role: string, password?: string): Promise<void> {
  const ident = escapeIdentifier(role);
  await client.query(`do $$ begin
      create role ${ident} login;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  // Roles belong to the whole server: databases migrated side by side would alter the same
  // row at once ("tuple concurrently updated"), so it is altered only when something is off.
  const { rows } = await client.query(
    `select 1 from pg_roles where rolname = $1 and rolcanlogin and not rolsuper and not rolbypassrls
       and not rolcreatedb and not rolcreaterole and not rolinherit`,
    [role],
  );
  if (rows.length > 0 && !password) return;
  const passwordClause = password ? ` password ${escapeLiteral(password)}` : '';
  await client.query(`alter role ${ident} login nosuperuser nobypassrls nocreatedb nocreaterole noinherit${passwordClause}`);
}

/**
 * The runtime role's session settings in this database, as every connection
 * of the api and the worker starts. JIT compilation is off: the api's
 * statements are meant to take milliseconds, and compiling a statement the
 * planner thinks big (HQ's month of figures) cost 29 ms and saved nothing.
 * A sort may use 16 MB before it spills to disk: the network month's medians
 * sort about 150,000 values per metric, which spilled at PostgreSQL's 4 MB.
 */
export const RUNTIME_SETTINGS: Readonly<Record<string, string>> = { jit: 'off', work_mem: '16MB' };

async function settleRuntimeSettings(client: Client, role: string): Promise<void> {
  // Per database (`in database`), so that databases migrated side by side never alter the same row.
  const database = (await client.query<{ db: string }>('select current_database() as db')).rows[0].db;
  const { rows } = await client.query<{ setting: string }>(
    `select unnest(s.setconfig) as setting from pg_db_role_setting s
      where s.setdatabase = (select oid from pg_database where datname = $1)
        and s.setrole = (select oid from pg_roles where rolname = $2)`,
    [database, role],
  );
  const current = new Set(rows.map((row) => row.setting));
  for (const [name, value] of Object.entries(RUNTIME_SETTINGS)) {
    if (current.has(`${name}=${value}`)) continue;
    await client.query(`alter role ${escapeIdentifier(role)} in database ${escapeIdentifier(database)} set ${name} = ${escapeLiteral(value)}`);
  }
}

async function grantRuntimeRole(client: Client, role: string): Promise<void> {
  const ident = escapeIdentifier(role);
  const database = (await client.query<{ db: string }>('select current_database() as db')).rows[0].db;
  await client.query(`grant connect on database ${escapeIdentifier(database)} to ${ident}`);
  await client.query(`grant usage on schema public to ${ident}`);
  await client.query(`grant select, insert, update, delete on all tables in schema public to ${ident}`);
  await client.query(`revoke all on schema_migrations from ${ident}`);
  // The audit trail is append-only for the runtime role (its trigger refuses even a later grant).
  await client.query(`revoke update, delete, truncate on audit_events from ${ident}`);
  await client.query(`grant usage, select on all sequences in schema public to ${ident}`);
  await client.query(`grant execute on all functions in schema public to ${ident}`);
}
