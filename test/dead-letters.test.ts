import { Client } from 'pg';
import { toGlobalId } from '../core/global-id';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Dead letters through GraphQL: an action whose every attempt failed is listed
 * for the store's manager, with why, and can be retried by hand; other stores
 * never see it, and roles without the permission are refused.
 */
let api: TestApi;
let admin: Client;
let deadId: string;
let doneId: string;

const LIST = `query($state: ScheduledActionState) { scheduledActions(first: 10, state: $state) { edges { node { id kind state attempts maxAttempts lastError } } } }`;
const RETRY = `mutation($id: ID!) { retryScheduledAction(input: { id: $id }) { action { state attempts dueAt } userErrors { field code message } } }`;

beforeAll(async () => {
  api = await startTestApi();
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const insert = (state: string, key: string) =>
    admin.query<{ id: string }>(
      `insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, state, attempts, max_attempts, last_error, payload)
       select id, 'WEBHOOK_DELIVERY', $2, now() - interval '1 day', $1, 8, 8, 'endpoint answered 503', '{}'::jsonb from tenants where slug = 'store-a' returning id`,
      [state, key],
    );
  deadId = toGlobalId('ScheduledAction', (await insert('DEAD', 'dead-one')).rows[0].id);
  doneId = toGlobalId('ScheduledAction', (await insert('DONE', 'done-one')).rows[0].id);
});

afterAll(async () => {
  await admin.end();
  await api.stop();
});

test("a store manager sees the store's dead letters and retries one with a fresh set of attempts", async () => {
  const manager = await api.login('store-a', 'manager@store-a.test');
  const listed = await api.gql(LIST, { state: 'DEAD' }, manager);
  expect(listed.body.data.scheduledActions.edges.map((e: { node: unknown }) => e.node)).toEqual([
    { id: deadId, kind: 'WEBHOOK_DELIVERY', state: 'DEAD', attempts: 8, maxAttempts: 8, lastError: 'endpoint answered 503' },
  ]);
  const retried = await api.gql(RETRY, { id: deadId }, manager);
  expect(retried.body.data.retryScheduledAction.userErrors).toEqual([]);
  expect(retried.body.data.retryScheduledAction.action).toMatchObject({ state: 'PENDING', attempts: 0 });
  const row = await admin.query(`select state, attempts, enqueued_at from scheduled_actions where idempotency_key = 'dead-one'`);
  expect(row.rows[0]).toEqual({ state: 'PENDING', attempts: 0, enqueued_at: null });
  const again = await api.gql(RETRY, { id: doneId }, manager);
  expect(again.body.data.retryScheduledAction.userErrors[0].code).toBe('NOT_DEAD');
});

test('another store cannot see or retry them, and an agent may not', async () => {
  const otherManager = await api.login('store-b', 'manager@store-b.test');
  const listed = await api.gql(LIST, { state: null }, otherManager);
  expect(listed.body.data.scheduledActions.edges).toEqual([]);
  const retried = await api.gql(RETRY, { id: doneId }, otherManager);
  expect(retried.body.errors?.[0]?.extensions?.code ?? retried.body.data?.retryScheduledAction?.userErrors?.[0]?.code).toBe('NOT_FOUND');
  const agent = await api.login('store-a', 'agent@store-a.test');
  const refused = await api.gql(LIST, { state: 'DEAD' }, agent);
  expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
});

test("an HQ lists its own network's dead letters (audited), never another brand's, and retries only its own", async () => {
  const insertDead = (slug: string, key: string) =>
    admin.query<{ id: string }>(
      `insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, state, attempts, max_attempts, last_error, payload)
       select id, 'NOTIFICATION', $2, now() - interval '1 hour', 'DEAD', 8, 8, 'SMTP refused', '{}'::jsonb from tenants where slug = $1 returning id`,
      [slug, key],
    );
  const hqOwn = toGlobalId('ScheduledAction', (await insertDead('hq-one', 'hq-dead')).rows[0].id);
  const storeB = toGlobalId('ScheduledAction', (await insertDead('store-b', 'store-b-dead')).rows[0].id);
  const otherBrand = toGlobalId('ScheduledAction', (await insertDead('store-z', 'store-z-dead')).rows[0].id);
  const tenantIdOf = async (slug: string) =>
    toGlobalId('Tenant', (await admin.query<{ id: string }>(`select id from tenants where slug = $1`, [slug])).rows[0].id);
  const NETWORK = `query($network: Boolean!) { scheduledActions(first: 20, state: DEAD, network: $network) { edges { node { id tenantId lastError } } } }`;

  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const own = await api.gql(NETWORK, { network: false }, hqAdmin);
  expect(own.body.data.scheduledActions.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([hqOwn]);
  const network = await api.gql(NETWORK, { network: true }, hqAdmin);
  const listed = network.body.data.scheduledActions.edges.map((e: { node: { id: string; tenantId: string } }) => e.node);
  expect(listed.map((node: { id: string }) => node.id).sort()).toEqual([hqOwn, storeB].sort());
  expect(listed.find((node: { id: string }) => node.id === storeB).tenantId).toBe(await tenantIdOf('store-b'));
  expect(listed.map((node: { id: string }) => node.id)).not.toContain(otherBrand);
  const audit = await admin.query(
    `select detail from audit_events where action = 'NETWORK_READ' and detail->>'reason' = 'scheduled actions across the network'`,
  );
  expect(audit.rows.length).toBeGreaterThan(0);

  // Reading is not changing: a store's dead letter is retried by the store.
  const retried = await api.gql(RETRY, { id: storeB }, hqAdmin);
  expect(retried.body.errors?.[0]?.extensions?.code ?? retried.body.data?.retryScheduledAction?.userErrors?.[0]?.code).toBe('NOT_FOUND');
  const storeManager = await api.login('store-b', 'manager@store-b.test');
  const refused = await api.gql(NETWORK, { network: true }, storeManager);
  expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
});
