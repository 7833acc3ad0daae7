import { Client } from 'pg';
import { migrate, RUNTIME_SETTINGS } from '../migrations/runner';
import { createTestDatabase, TestDatabase, APP_ROLE } from './support/test-database';

/**
 * Every session of the runtime role (the api's and the worker's) starts with
 * the settings the migration runner gives the role in its database: no JIT
 * compilation, and room for a network month's sorts in memory. Another
 * database's sessions keep the server's own.
 */
let db: TestDatabase;
let other: TestDatabase;

beforeAll(async () => {
  [db, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});

afterAll(async () => {
  await Promise.all([db.drop(), other.drop()]);
});

async function settingsOf(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string; source: string }>(
      `select name, current_setting(name) as setting, source from pg_settings where name = any($1)`,
      [Object.keys(RUNTIME_SETTINGS)],
    );
    return Object.fromEntries(rows.map((row) => [row.name, `${row.setting} (${row.source})`]));
  } finally {
    await client.end();
  }
}

test('the runtime role starts with JIT off and 16 MB to sort in, in its database', async () => {
  expect(await settingsOf(db.appUrl)).toEqual({ jit: 'off (database user)', work_mem: '16MB (database user)' });
});

test('migrating two databases at once, again, leaves each with the same settings', async () => {
  await Promise.all([migrate({ adminUrl: db.adminUrl, appRole: APP_ROLE }), migrate({ adminUrl: other.adminUrl, appRole: APP_ROLE })]);
  expect(await settingsOf(db.appUrl)).toEqual({ jit: 'off (database user)', work_mem: '16MB (database user)' });
  expect(await settingsOf(other.appUrl)).toEqual({ jit: 'off (database user)', work_mem: '16MB (database user)' });
  // The superuser's sessions are not the runtime role's.
  const admin = await settingsOf(db.adminUrl);
  expect(admin.jit).not.toMatch(/database user/);
});
