import { Client, escapeIdentifier } from 'pg';
import { migrate } from '../../migrations/runner';

/**
 * One database migrated once per test run, which every test database is
 * copied from: copying it takes a tenth of a second where migrating a fresh
 * database takes half a second or more, for each of the run's hundred and
 * fifty databases. It is made by the very migrations a test database would
 * run (`migrate`), and a copy is migrated again when made, which applies
 * nothing but grants the runtime role its rights and settings in the copy.
 */
export const TEMPLATE_ENV = 'AFTERSALES_TEST_TEMPLATE';
const PREFIX = 'aftersales_test_template_';

export function maintenanceUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  return url.toString();
}

async function withMaintenance<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: maintenanceUrl(serverUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropTemplate(client: Client, name: string): Promise<void> {
  await client.query(`alter database ${escapeIdentifier(name)} with is_template false allow_connections true`);
  await client.query(`drop database if exists ${escapeIdentifier(name)} with (force)`);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Makes this run's template, after dropping those of runs that were killed before they could drop theirs. */
export async function createTemplateDatabase(serverUrl: string, appRole: string, appPassword?: string): Promise<string> {
  const name = `${PREFIX}${process.pid}`;
  await withMaintenance(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${PREFIX}%`]);
    for (const { datname } of rows) {
      const pid = Number(datname.slice(PREFIX.length));
      if (datname === name || !running(pid)) await dropTemplate(client, datname);
    }
    await client.query(`create database ${escapeIdentifier(name)}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate({ adminUrl: url.toString(), appRole, appPassword });
  // Nobody connects to it from now on (autovacuum included), so that a copy is never refused for a session in it.
  await withMaintenance(serverUrl, (client) => client.query(`alter database ${escapeIdentifier(name)} with is_template true allow_connections false`));
  return name;
}

export async function dropTemplateDatabase(serverUrl: string, name: string): Promise<void> {
  await withMaintenance(serverUrl, (client) => dropTemplate(client, name));
}
