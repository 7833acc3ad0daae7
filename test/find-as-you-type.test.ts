import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { systemClock } from '../core/clock';
import type { TenantContext } from '../domain/context';
import { listCustomers } from '../domain/customers/customer.service';
import { listDevices } from '../domain/devices/device.service';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { TenantKind } from '../core/enums';
import { ENTITIES } from '../schema/entities';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The desk finds a returning customer by the first digits of the phone and a
 * device by the first characters of its serial while the agent types: paged,
 * limited to the store's own, and served by an index on a store with many
 * customers and devices.
 */
let api: TestApi;
let admin: Client;
let agentA: string;
let agentB: string;
let storeA: string;

const CUSTOMERS = `query($p: String!, $first: Int!) { customers(first: $first, phoneStartsWith: $p) { edges { node { name phone } } pageInfo { hasNextPage endCursor } } }`;
const DEVICES = `query($s: String!) { devices(first: 10, serialStartsWith: $s) { edges { node { serialNumber customer { name } } } } }`;

async function data(query: string, variables: Record<string, unknown>, token: string) {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}
const names = (connection: { edges: { node: { name?: string; serialNumber?: string } }[] }) => connection.edges.map((e) => e.node.name ?? e.node.serialNumber);

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  [agentA, agentB] = await Promise.all([api.login('store-a', 'agent@store-a.test'), api.login('store-b', 'agent@store-b.test')]);
  storeA = (await admin.query(`select id from tenants where slug = 'store-a'`)).rows[0].id;
  const hqModels = await data(`{ productModels(first: 1) { edges { node { id } } } }`, {}, agentA);
  const modelId = hqModels.productModels.edges[0].node.id;
  const people: [string, string, string, string][] = [
    ['Li Hua', '13800138001', 'XB14-ABC-001', agentA],
    ['Li Lei', '138-0019-9999', 'xb14-abd-002', agentA],
    ['Han Meimei', '13900000000', 'XB15-000-003', agentA],
    ['Wang Fang', '13800138002', 'XB14-ABC-004', agentB],
  ];
  for (const [name, phone, serial, token] of people) {
    const created = await data(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } } }`, { i: { name, phone } }, token);
    await data(
      `mutation($i: RegisterDeviceInput!) { registerDevice(input: $i) { device { id } userErrors { code } } }`,
      { i: { customerId: created.createCustomer.customer.id, modelId, serialNumber: serial, purchaseSource: 'ELSEWHERE' } },
      token,
    );
  }
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

test("the first digits of a phone find the store's customers whose phone starts with them, newest first, paged", async () => {
  expect(names((await data(CUSTOMERS, { p: '138 001', first: 10 }, agentA)).customers)).toEqual(['Li Lei', 'Li Hua']);
  expect(names((await data(CUSTOMERS, { p: '1380013', first: 10 }, agentA)).customers)).toEqual(['Li Hua']);
  expect(names((await data(CUSTOMERS, { p: '139', first: 10 }, agentA)).customers)).toEqual(['Han Meimei']);
  // Another store's customer with the same digits is never found.
  expect(names((await data(CUSTOMERS, { p: '13800138', first: 10 }, agentB)).customers)).toEqual(['Wang Fang']);
  const page = (await data(CUSTOMERS, { p: '138', first: 1 }, agentA)).customers;
  expect(page).toMatchObject({ edges: [{ node: { name: 'Li Lei' } }], pageInfo: { hasNextPage: true } });
  const next = await data(
    `query($after: String) { customers(first: 1, after: $after, phoneStartsWith: "138") { edges { node { name } } pageInfo { hasNextPage } } }`,
    { after: page.pageInfo.endCursor },
    agentA,
  );
  expect(next.customers).toEqual({ edges: [{ node: { name: 'Li Hua' } }], pageInfo: { hasNextPage: false } });
  // Too few digits, or not digits, are refused; `first` is capped as everywhere.
  for (const bad of ['13', '13a45']) {
    const res = await api.gql(CUSTOMERS, { p: bad, first: 10 }, agentA);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_PHONE_PREFIX', field: ['phoneStartsWith'] });
  }
  expect((await api.gql(CUSTOMERS, { p: '138', first: 101 }, agentA)).body.errors[0].extensions.reason).toBe('INVALID_PAGE_SIZE');
});

test("the first characters of a serial find the store's devices in any case; LIKE wildcards are taken literally", async () => {
  expect(names((await data(DEVICES, { s: 'xb14-ab' }, agentA)).devices)).toEqual(['xb14-abd-002', 'XB14-ABC-001']);
  expect(names((await data(DEVICES, { s: ' XB14-ABC' }, agentA)).devices)).toEqual(['XB14-ABC-001']);
  expect(names((await data(DEVICES, { s: 'XB14-ABC' }, agentB)).devices)).toEqual(['XB14-ABC-004']);
  expect(names((await data(DEVICES, { s: 'XB1_' }, agentA)).devices)).toEqual([]);
  expect(names((await data(DEVICES, { s: 'XB%' }, agentA)).devices)).toEqual([]);
  const tooShort = await api.gql(DEVICES, { s: 'XB' }, agentA);
  expect(tooShort.body.errors[0].extensions).toMatchObject({ reason: 'INVALID_SERIAL_PREFIX', field: ['serialStartsWith'] });
  // The whole serial still finds one device exactly.
  expect((await data(`{ deviceBySerial(serialNumber: "XB15-000-003") { customer { name } } }`, {}, agentA)).deviceBySerial).toEqual({
    customer: { name: 'Han Meimei' },
  });
});

test('on a store with many customers and devices, the searches the desk runs are served by the prefix indexes', async () => {
  await admin.query(
    `insert into customers (tenant_id, name, phone, created_at)
     select $1, 'Bulk ' || n, '1' || lpad(((n * 7919) % 9999999999)::text, 10, '0'), now() - make_interval(secs => n)
     from generate_series(1, 30000) n`,
    [storeA],
  );
  await admin.query(
    `insert into devices (tenant_id, customer_id, model_id, serial_number, purchase_source, created_at)
     select c.tenant_id, c.id, gen_random_uuid(), 'SN' || lpad(row_number() over ()::text, 8, '0'), 'ELSEWHERE', c.created_at
     from customers c where c.tenant_id = $1 and c.name like 'Bulk %'`,
    [storeA],
  );
  await admin.query('analyze customers; analyze devices');

  // The very statements the services send, captured from the ORM's query log.
  const statements: string[] = [];
  const orm = await MikroORM.init({
    clientUrl: api.config.APP_DATABASE_URL,
    entities: ENTITIES,
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    debug: ['query', 'query-params'],
    logger: (message: string) => statements.push(message),
  });
  try {
    const plans = await inTenantTransaction(orm, storeA, async (em) => {
      const ctx: TenantContext = { tenantId: storeA, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock };
      statements.length = 0;
      const customers = await listCustomers(ctx, { phoneStartsWith: '13800138' }, { first: 20 });
      const customerSql = lastSelect(statements, 'customers');
      statements.length = 0;
      const devices = await listDevices(ctx, { serialStartsWith: 'sn0000012' }, { first: 20 });
      const deviceSql = lastSelect(statements, 'devices');
      expect(customers.items.map((c) => c.name)).toContain('Li Hua');
      expect(devices.items.map((d) => d.serialNumber)).toHaveLength(10);
      const explain = async (sql: string) => JSON.stringify(await em.execute(`explain (format json) ${sql}`));
      return { customers: await explain(customerSql), devices: await explain(deviceSql) };
    });
    expect(plans.customers).toMatch(/"Index Name":"customers_phone_prefix_idx"/);
    expect(plans.devices).toMatch(/"Index Name":"devices_serial_prefix_idx"/);
  } finally {
    await orm.close();
  }
});

/** The last select on a table in the ORM's log, as the database received it (parameters written in). */
function lastSelect(log: string[], table: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = log.map((line) => line.replace(/\u001b\[[0-9;]*m/g, ''));
  const select = plain.reverse().find((line) => line.includes(`from "${table}"`) && /\bselect\b/.test(line));
  if (!select) throw new Error(`no select on ${table} in ${JSON.stringify(log)}`);
  return select.replace(/^\[query\]\s*/, '').replace(/\s*\[took [^\]]*\]\s*$/, '');
}
