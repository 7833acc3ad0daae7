import { createApiKey } from '../domain/auth/api-key.service';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { Role, TenantKind } from '../core/enums';
import { countStatements, StatementCount } from './support/statement-counter';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The cheapest authenticated request, `{ viewer { role } }`, costs BEGIN, one
 * statement that binds the tenant and verifies the caller, and COMMIT, with an
 * API key and with an access token alike. Counted at the driver, so the path
 * cannot silently grow; and the one statement still sees a revocation at once.
 */
let api: TestApi;
let key: string;
let token: string;

beforeAll(async () => {
  api = await startTestApi();
  const tenantId = (await api.orm.em.fork().execute<{ id: string }[]>(`select id from auth_tenant_by_slug('store-a')`))[0].id;
  key = (
    await inTenantTransaction(api.orm, tenantId, (em) =>
      createApiKey({ tenantId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }, { name: 'ping', role: Role.STORE_MANAGER }),
    )
  ).plaintext;
  token = await api.login('store-a', 'agent@store-a.test');
}, 60000);

afterAll(async () => {
  await api.stop();
});

async function ping(credential: string): Promise<{ role: string; statements: StatementCount }> {
  const counter = countStatements();
  const result = await api.gql('{ viewer { role } }', {}, credential);
  const statements = counter.stop();
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  return { role: result.body.data.viewer.role, statements };
}

const ONE_ROUND_TRIP_AFTER_BEGIN: StatementCount = { total: 3, begin: 1, setConfig: 1, commit: 1, work: 0 };

test('a ping with an API key costs BEGIN, one statement and COMMIT', async () => {
  await ping(key); // the key's first use records when it was last used (once a minute at most)
  const counted = await ping(key);
  expect(counted.role).toBe('STORE_MANAGER');
  expect(counted.statements).toEqual(ONE_ROUND_TRIP_AFTER_BEGIN);
});

test('a ping with an access token costs BEGIN, one statement and COMMIT', async () => {
  await ping(token);
  const counted = await ping(token);
  expect(counted.role).toBe('STORE_AGENT');
  expect(counted.statements).toEqual(ONE_ROUND_TRIP_AFTER_BEGIN);
});

test('a key revoked between two pings is refused on the next one', async () => {
  expect((await ping(key)).role).toBe('STORE_MANAGER');
  const admin = api.db.adminUrl;
  const { Client } = await import('pg');
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`update api_keys set revoked_at = now() where name = 'ping'`);
  } finally {
    await client.end();
  }
  const refused = await api.gql('{ viewer { role } }', {}, key);
  expect(refused.status).toBe(401);
  expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
});

test('a disabled user is refused on the next request', async () => {
  const user = await api.login('store-a', 'tech@store-a.test');
  expect((await ping(user)).role).toBe('TECHNICIAN');
  const { Client } = await import('pg');
  const client = new Client({ connectionString: api.db.adminUrl });
  await client.connect();
  try {
    await client.query(`update staff_users set status = 'DISABLED' where email = 'tech@store-a.test'`);
  } finally {
    await client.end();
  }
  const refused = await api.gql('{ viewer { role } }', {}, user);
  expect(refused.status).toBe(401);
  expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
});
