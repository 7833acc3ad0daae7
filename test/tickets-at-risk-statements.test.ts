import { loadConfig } from '../infra/config';
import { runTenantsCli } from '../tenants/tenants.commands';
import { countStatements, StatementCount } from './support/statement-counter';
import { startTestApi } from './support/test-api';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * HQ's tickets at risk costs the same statements whatever the size of its
 * network: the stores are never loaded one by one, and the calendars of the
 * page's stores are read together. Measured on two generated networks, of 2
 * and of 30 stores.
 */
const AS_OF = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())).toISOString();
const QUERY = `{ ticketsAtRisk(first: 20) { number storeSlug status mostUrgent { metric state dueAt } escalationLevel } }`;

interface Measured {
  statements: StatementCount;
  rows: { storeSlug: string }[];
}

const databases: TestDatabase[] = [];

async function measure(stores: number, tickets: number): Promise<Measured> {
  const db = await createTestDatabase();
  databases.push(db);
  const config = loadConfig({ ...process.env, DATABASE_URL: db.adminUrl, APP_DATABASE_URL: db.appUrl, LOG_LEVEL: 'silent' });
  const lines: string[] = [];
  const args = ['generate-network', '--seed', '11', '--stores', `${stores}`, '--tickets', `${tickets}`, '--as-of', AS_OF];
  if ((await runTenantsCli(args, { config, out: (line) => lines.push(line), err: (line) => lines.push(line) })) !== 0) throw new Error(lines.join('\n'));
  const api = await startTestApi({ database: db, provision: false });
  try {
    const hq = await api.login('demo-hq', 'supervisor@demo-hq.example.com', 'demo-password-1');
    const call = async () => {
      const result = await api.gql(QUERY, {}, hq);
      expect(result.body.errors).toBeUndefined();
      return result.body.data.ticketsAtRisk as { storeSlug: string }[];
    };
    await call(); // the first call warms the api's caches: the count is that of any later call
    const counter = countStatements();
    const rows = await call();
    return { statements: counter.stop(), rows };
  } finally {
    await api.stop();
  }
}

let small: Measured;
let large: Measured;

beforeAll(async () => {
  small = await measure(2, 400);
  large = await measure(30, 1500);
}, 300_000);

afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
});

test('both networks have tickets at risk, the larger one across many of its stores', () => {
  expect(small.rows.length).toBeGreaterThan(0);
  expect(large.rows).toHaveLength(20);
  expect(new Set(large.rows.map((row) => row.storeSlug)).size).toBeGreaterThan(5);
});

test('the same statements for 2 stores and for 30, fewer than 10 besides the transaction plumbing', () => {
  expect(large.statements).toEqual(small.statements);
  expect(large.statements.work).toBeLessThan(10);
});
