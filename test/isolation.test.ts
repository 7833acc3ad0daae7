import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { fromGlobalId, toGlobalId } from '../core/global-id';
import { GqlResponse, startTestApi, TestApi } from './support/test-api';

/**
 * The tenant isolation promise, end to end: another tenant's ids answer exactly
 * what an id that does not exist answers, lists never carry foreign rows, a
 * tenant id cannot be slipped into an input, an HQ reads only its own network,
 * and the database enforces all of it even when the application does not ask.
 */
let api: TestApi;
let admin: Client;

/** Access tokens, one login per user for the whole file. */
const token: Record<'managerA' | 'managerB' | 'managerP' | 'hqAdmin' | 'hq2Admin', string> = {
  managerA: '',
  managerB: '',
  managerP: '',
  hqAdmin: '',
  hq2Admin: '',
};

/** Raw tenant ids by slug, read from the database. */
const tenantId: Record<string, string> = {};

interface TenantData {
  tenantNodeId: string;
  customers: { id: string; phone: string; name: string }[];
  staffUser: { id: string; email: string };
  apiKey: { id: string };
}
const data: Record<'a' | 'b' | 'p', TenantData> = {} as Record<'a' | 'b' | 'p', TenantData>;

/** Phone numbers that exist only in one tenant. */
const PHONE_ONLY_IN_A = '13911110001';

const CUSTOMER_FIELDS = 'id name phone version updatedAt';

async function ok(query: string, variables: Record<string, unknown>, credential: string) {
  const res = await api.gql(query, variables, credential);
  if (res.body?.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.body.errors)}`);
  return res.body.data;
}

async function createCustomer(credential: string, name: string, phone: string) {
  const data = await ok(
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { ${CUSTOMER_FIELDS} } userErrors { code } } }`,
    { input: { name, phone } },
    credential,
  );
  expect(data.createCustomer.userErrors).toEqual([]);
  return data.createCustomer.customer;
}

async function createStaffUser(credential: string, email: string) {
  const data = await ok(
    `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id email name status role } userErrors { code } } }`,
    { input: { email, name: `Staff ${email}`, role: 'STORE_AGENT' } },
    credential,
  );
  expect(data.createStaffUser.userErrors).toEqual([]);
  return data.createStaffUser.staffUser;
}

async function createApiKey(credential: string, name: string, role: string) {
  const data = await ok(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id name revokedAt } secret userErrors { code } } }`,
    { input: { name, role } },
    credential,
  );
  expect(data.createApiKey.userErrors).toEqual([]);
  return data.createApiKey.apiKey;
}

async function tenantNodeId(credential: string): Promise<string> {
  return (await ok('{ tenant { id slug } }', {}, credential)).tenant.id;
}

/** The single top-level error of a response, which must carry no data for the failed field. */
function onlyError(res: GqlResponse): { message: string; code: string } {
  expect(res.body.errors).toHaveLength(1);
  return { message: res.body.errors[0].message, code: res.body.errors[0].extensions?.code };
}

function expectNotFound(res: GqlResponse) {
  expect(onlyError(res).code).toBe('NOT_FOUND');
}

beforeAll(async () => {
  api = await startTestApi({
    // This file sends many requests from few callers; the rate limits have tests of their own.
    env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' },
  });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  for (const row of (await admin.query<{ id: string; slug: string }>('select id, slug from tenants')).rows) tenantId[row.slug] = row.id;

  token.managerA = await api.login('store-a', 'manager@store-a.test');
  token.managerB = await api.login('store-b', 'manager@store-b.test');
  token.managerP = await api.login('partner-p', 'manager@partner-p.test');
  token.hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  token.hq2Admin = await api.login('hq-two', 'admin@hq-two.test');

  data.a = {
    tenantNodeId: await tenantNodeId(token.managerA),
    customers: [await createCustomer(token.managerA, 'Customer A1', PHONE_ONLY_IN_A), await createCustomer(token.managerA, 'Customer A2', '13911110002')],
    staffUser: await createStaffUser(token.managerA, 'extra@store-a.test'),
    apiKey: await createApiKey(token.managerA, 'ERP of A', 'STORE_AGENT'),
  };
  data.b = {
    tenantNodeId: await tenantNodeId(token.managerB),
    customers: [await createCustomer(token.managerB, 'Customer B1', '13922220001')],
    staffUser: await createStaffUser(token.managerB, 'extra@store-b.test'),
    apiKey: await createApiKey(token.managerB, 'ERP of B', 'STORE_AGENT'),
  };
  data.p = {
    tenantNodeId: await tenantNodeId(token.managerP),
    customers: [await createCustomer(token.managerP, 'Customer P1', '13933330001')],
    staffUser: await createStaffUser(token.managerP, 'extra@partner-p.test'),
    apiKey: await createApiKey(token.managerP, 'Partner system', 'PARTNER_SYSTEM'),
  };
  // A customer of the unrelated network, written directly (the admin connection is not subject to RLS).
  await admin.query(`insert into customers (tenant_id, name, phone) values ($1, 'Customer Z1', '13944440001')`, [tenantId['store-z']]);
});

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

describe("another tenant's ids answer NOT_FOUND, exactly like ids that do not exist", () => {
  /** Callers that try store-a's ids, each with the operations its role allows. */
  const intruders = [
    { who: 'store-b manager', key: 'managerB' as const, customers: true },
    { who: 'partner-p manager', key: 'managerP' as const, customers: true },
    { who: 'hq-two admin', key: 'hq2Admin' as const, customers: false },
    { who: "hq-one admin (store-a's own HQ)", key: 'hqAdmin' as const, customers: false },
  ];

  /** Runs `make(id)` with store-a's id and with an id that exists nowhere: both must answer the same NOT_FOUND. */
  async function expectSameAsMissing(credential: string, foreignId: string, missingId: string, make: (id: string) => [string, Record<string, unknown>]) {
    const foreign = await api.gql(...make(foreignId), credential);
    const missing = await api.gql(...make(missingId), credential);
    expectNotFound(foreign);
    expect(onlyError(foreign)).toEqual(onlyError(missing));
    expect(foreign.status).toBe(missing.status);
    expect(foreign.body.data).toEqual(missing.body.data);
  }

  const missing = {
    Customer: toGlobalId('Customer', randomUUID()),
    StaffUser: toGlobalId('StaffUser', randomUUID()),
    ApiKey: toGlobalId('ApiKey', randomUUID()),
    Tenant: toGlobalId('Tenant', randomUUID()),
  };

  test.each(intruders)('$who: customer, staffUser, node(id) of every type', async ({ key, customers }) => {
    const credential = token[key];
    const customerId = data.a.customers[0].id;
    if (customers) {
      await expectSameAsMissing(credential, customerId, missing.Customer, (id) => ['query($id: ID!) { customer(id: $id) { id name } }', { id }]);
      await expectSameAsMissing(credential, customerId, missing.Customer, (id) => [
        'query($id: ID!) { node(id: $id) { id ... on Customer { name phone } } }',
        { id },
      ]);
    } else {
      // Without CUSTOMER_READ the role is refused before any look-up: nothing about the id is revealed either.
      expect(onlyError(await api.gql('query($id: ID!) { customer(id: $id) { id } }', { id: customerId }, credential)).code).toBe('FORBIDDEN');
      expect(onlyError(await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: customerId }, credential)).code).toBe('FORBIDDEN');
    }
    await expectSameAsMissing(credential, data.a.staffUser.id, missing.StaffUser, (id) => ['query($id: ID!) { staffUser(id: $id) { id email } }', { id }]);
    await expectSameAsMissing(credential, data.a.staffUser.id, missing.StaffUser, (id) => [
      'query($id: ID!) { node(id: $id) { id ... on StaffUser { email } } }',
      { id },
    ]);
    await expectSameAsMissing(credential, data.a.apiKey.id, missing.ApiKey, (id) => [
      'query($id: ID!) { node(id: $id) { id ... on ApiKey { name } } }',
      { id },
    ]);
    if (key !== 'hqAdmin') {
      await expectSameAsMissing(credential, data.a.tenantNodeId, missing.Tenant, (id) => [
        'query($id: ID!) { node(id: $id) { id ... on Tenant { slug } } }',
        { id },
      ]);
    }
  });

  test.each(intruders)('$who: updateCustomer, updateStaffUser, revokeApiKey change nothing', async ({ key, customers }) => {
    const credential = token[key];
    if (customers) {
      await expectSameAsMissing(credential, data.a.customers[0].id, missing.Customer, (id) => [
        'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id name } userErrors { code } } }',
        { input: { id, name: 'Taken over', phone: '10000000000', notes: 'x' } },
      ]);
    } else {
      const res = await api.gql(
        'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } userErrors { code } } }',
        { input: { id: data.a.customers[0].id, name: 'Taken over' } },
        credential,
      );
      expect(onlyError(res).code).toBe('FORBIDDEN');
    }
    await expectSameAsMissing(credential, data.a.staffUser.id, missing.StaffUser, (id) => [
      'mutation($input: UpdateStaffUserInput!) { updateStaffUser(input: $input) { staffUser { id status } userErrors { code } } }',
      { input: { id, name: 'Taken over', status: 'DISABLED', password: 'new-password-123' } },
    ]);
    await expectSameAsMissing(credential, data.a.apiKey.id, missing.ApiKey, (id) => [
      'mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { code } } }',
      { input: { id } },
    ]);
  });

  test("store-a's rows are unchanged after every attempt", async () => {
    const read = await ok(
      `query($c: ID!, $s: ID!, $k: ID!) {
        customer(id: $c) { ${CUSTOMER_FIELDS} }
        staffUser(id: $s) { id email name status role }
        node(id: $k) { ... on ApiKey { id name revokedAt } }
      }`,
      { c: data.a.customers[0].id, s: data.a.staffUser.id, k: data.a.apiKey.id },
      token.managerA,
    );
    expect(read.customer).toEqual(data.a.customers[0]);
    expect(read.customer.version).toBe(1);
    expect(read.staffUser).toEqual(data.a.staffUser);
    expect(read.staffUser.status).toBe('ACTIVE');
    expect(read.node).toEqual(data.a.apiKey);
    expect(read.node.revokedAt).toBeNull();
    // The password was not changed either: the user still has none, as created.
    const { rows } = await admin.query('select password_hash from staff_users where id = $1', [fromGlobalId(data.a.staffUser.id)!.id]);
    expect(rows).toEqual([{ password_hash: null }]);
    // And nothing was written in store-a's name by anyone else.
    const audit = await admin.query(`select action from audit_events where tenant_id = $1 and action in ('STAFF_USER_UPDATED', 'API_KEY_REVOKED')`, [
      tenantId['store-a'],
    ]);
    expect(audit.rows).toEqual([]);
  });

  test('an id of one type is not accepted for another, and a malformed id is NOT_FOUND too', async () => {
    const staffIdAsCustomer = await api.gql('query($id: ID!) { customer(id: $id) { id } }', { id: data.b.staffUser.id }, token.managerB);
    expectNotFound(staffIdAsCustomer);
    expectNotFound(await api.gql('query($id: ID!) { customer(id: $id) { id } }', { id: 'not-an-id' }, token.managerB));
    expectNotFound(await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: 'not-an-id' }, token.managerB));
  });
});

describe('lists never contain foreign rows', () => {
  const cases = [
    { who: 'store-a', key: 'managerA' as const, own: 'a' as const, domain: '@store-a.test' },
    { who: 'store-b', key: 'managerB' as const, own: 'b' as const, domain: '@store-b.test' },
    { who: 'partner-p', key: 'managerP' as const, own: 'p' as const, domain: '@partner-p.test' },
  ];

  test.each(cases)('$who sees only its own customers, staff users and API keys', async ({ key, own, domain }) => {
    const lists = await ok(
      `{
        customers(first: 100) { edges { node { id } } pageInfo { hasNextPage } }
        staffUsers(first: 100) { edges { node { id email } } }
        apiKeys(first: 100) { edges { node { id } } }
      }`,
      {},
      token[key],
    );
    const customerIds = lists.customers.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    expect(customerIds).toEqual(data[own].customers.map((c) => c.id).sort());
    const emails: string[] = lists.staffUsers.edges.map((e: { node: { email: string } }) => e.node.email);
    expect(emails.length).toBeGreaterThan(1);
    expect(emails.filter((email) => !email.endsWith(domain))).toEqual([]);
    expect(emails).toContain(data[own].staffUser.email);
    expect(lists.apiKeys.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([data[own].apiKey.id]);
  });

  test.each(cases)("$who's audit trail holds only its own entries, even when the filter names another tenant's ids", async ({ key, own }) => {
    const query = 'query($filter: AuditEntryFilter) { auditEntries(first: 100, filter: $filter) { edges { node { tenantId objectIds } } } }';
    const entries = (await ok(query, {}, token[key])).auditEntries.edges.map((e: { node: { tenantId: string; objectIds: string[] } }) => e.node);
    // Its own changes are there: creating its customers, its staff user and its API key.
    expect(entries.filter((entry: { objectIds: string[] }) => entry.objectIds.includes(data[own].customers[0].id))).toHaveLength(1);
    expect(new Set(entries.map((entry: { tenantId: string }) => entry.tenantId))).toEqual(new Set([data[own].tenantNodeId]));
    for (const other of (['a', 'b', 'p'] as const).filter((slug) => slug !== own)) {
      const byObject = await ok(query, { filter: { objectId: data[other].customers[0].id } }, token[key]);
      expect(byObject.auditEntries.edges).toEqual([]);
      const byTenant = await ok(query, { filter: { tenantIds: [data[other].tenantNodeId] } }, token[key]);
      expect(byTenant.auditEntries.edges).toEqual([]);
    }
  });

  test('filtering by a phone that exists only in store-a finds nothing for store-b', async () => {
    const asA = await ok('query($phone: String) { customers(first: 10, phone: $phone) { edges { node { id } } } }', { phone: PHONE_ONLY_IN_A }, token.managerA);
    expect(asA.customers.edges).toHaveLength(1);
    for (const phone of [PHONE_ONLY_IN_A, '139 1111 0001', '+13911110001']) {
      const asB = await ok('query($phone: String) { customers(first: 10, phone: $phone) { edges { node { id } } } }', { phone }, token.managerB);
      expect(asB.customers.edges).toEqual([]);
    }
    const byName = await ok('{ customers(first: 10, nameContains: "Customer A") { edges { node { id } } } }', {}, token.managerB);
    expect(byName.customers.edges).toEqual([]);
  });
});

describe('a tenant id cannot be slipped into an input', () => {
  async function customerCount(): Promise<number> {
    return Number((await admin.query('select count(*) from customers')).rows[0].count);
  }

  test('as an inline argument: refused by validation, nothing created', async () => {
    const before = await customerCount();
    const res = await api.gql(
      `mutation { createCustomer(input: { tenantId: "${tenantId['store-a']}", name: "Slipped", phone: "13955550001" }) { customer { id } userErrors { code } } }`,
      {},
      token.managerB,
    );
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/tenantId/);
    expect(await customerCount()).toBe(before);
  });

  test('in variables, for every create mutation: refused, nothing created', async () => {
    const before = await customerCount();
    const staffBefore = Number(await admin.query('select count(*) from staff_users').then((r) => r.rows[0].count));
    const keysBefore = Number(await admin.query('select count(*) from api_keys').then((r) => r.rows[0].count));
    const attempts: [string, Record<string, unknown>][] = [
      [
        'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code } } }',
        { input: { tenantId: tenantId['store-a'], name: 'Slipped', phone: '13955550002' } },
      ],
      [
        'mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } userErrors { code } } }',
        { input: { tenantId: tenantId['store-a'], email: 'slipped@store-a.test', name: 'Slipped', role: 'STORE_AGENT' } },
      ],
      [
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret userErrors { code } } }',
        { input: { tenantId: tenantId['store-a'], name: 'Slipped', role: 'STORE_AGENT' } },
      ],
    ];
    for (const [query, variables] of attempts) {
      const res = await api.gql(query, variables, token.managerB);
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/tenantId/);
    }
    expect(await customerCount()).toBe(before);
    expect(Number((await admin.query('select count(*) from staff_users')).rows[0].count)).toBe(staffBefore);
    expect(Number((await admin.query('select count(*) from api_keys')).rows[0].count)).toBe(keysBefore);
  });
});

describe('an HQ sees its own network, and nothing else does', () => {
  test("hq-one's admin lists exactly its stores and partner", async () => {
    const res = await ok('{ tenants(first: 50) { edges { node { id slug kind } } pageInfo { hasNextPage } } }', {}, token.hqAdmin);
    const slugs = res.tenants.edges.map((e: { node: { slug: string } }) => e.node.slug).sort();
    expect(slugs).toEqual(['partner-p', 'store-a', 'store-b']);
    expect(res.tenants.pageInfo.hasNextPage).toBe(false);
    const stores = await ok('{ tenants(first: 50, kind: STORE) { edges { node { slug } } } }', {}, token.hqAdmin);
    expect(stores.tenants.edges.map((e: { node: { slug: string } }) => e.node.slug).sort()).toEqual(['store-a', 'store-b']);
  });

  test("an HQ's own staff and key lists stay its own, even beside a network read in the same request", async () => {
    const res = await ok(
      `{
        tenants(first: 50) { edges { node { slug } } }
        staffUsers(first: 100) { edges { node { email } } }
        apiKeys(first: 100) { edges { node { id } } }
        tenant { slug }
      }`,
      {},
      token.hqAdmin,
    );
    expect(res.tenants.edges).toHaveLength(3);
    expect(res.staffUsers.edges.map((e: { node: { email: string } }) => e.node.email).sort()).toEqual(['admin@hq-one.test', 'supervisor@hq-one.test']);
    expect(res.apiKeys.edges).toEqual([]);
    expect(res.tenant).toEqual({ slug: 'hq-one' });
    // Every widening of the scope is on the HQ's audit trail.
    const audit = await admin.query(`select count(*)::int as n from audit_events where tenant_id = $1 and action = 'NETWORK_READ'`, [tenantId['hq-one']]);
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  test("hq-one's audit trail covers its stores and partner; hq-two's holds nothing of hq-one's network", async () => {
    const query = 'query($filter: AuditEntryFilter) { auditEntries(first: 100, filter: $filter) { edges { node { tenantId } } } }';
    const tenantsOf = async (credential: string, filter: Record<string, unknown> = {}) =>
      new Set((await ok(query, { filter }, credential)).auditEntries.edges.map((e: { node: { tenantId: string } }) => e.node.tenantId));
    const hqOne = await tenantsOf(token.hqAdmin);
    for (const own of ['a', 'b', 'p'] as const) expect(hqOne).toContain(data[own].tenantNodeId);
    const hqTwo = await tenantsOf(token.hq2Admin);
    for (const own of ['a', 'b', 'p'] as const) expect(hqTwo).not.toContain(data[own].tenantNodeId);
    expect(await tenantsOf(token.hq2Admin, { tenantIds: [data.a.tenantNodeId] })).toEqual(new Set());
    expect(await tenantsOf(token.hq2Admin, { objectId: data.a.customers[0].id })).toEqual(new Set());
  });

  test("hq-two's admin lists only store-z", async () => {
    const res = await ok('{ tenants(first: 50) { edges { node { slug } } } }', {}, token.hq2Admin);
    expect(res.tenants.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(['store-z']);
  });

  test("node(id) of store-a's Tenant: its HQ reads it; the other HQ and a sibling store get NOT_FOUND", async () => {
    const query = 'query($id: ID!) { node(id: $id) { id ... on Tenant { slug kind } } }';
    const asHq = await ok(query, { id: data.a.tenantNodeId }, token.hqAdmin);
    expect(asHq.node).toEqual({ id: data.a.tenantNodeId, slug: 'store-a', kind: 'STORE' });
    expectNotFound(await api.gql(query, { id: data.a.tenantNodeId }, token.hq2Admin));
    expectNotFound(await api.gql(query, { id: data.a.tenantNodeId }, token.managerB));
    expectNotFound(await api.gql(query, { id: data.b.tenantNodeId }, token.managerA));
    expectNotFound(await api.gql(query, { id: data.a.tenantNodeId }, token.managerP));
    // Not upwards either: a store does not read its HQ, and an HQ does not read another HQ or its stores.
    expectNotFound(await api.gql(query, { id: toGlobalId('Tenant', tenantId['hq-one']) }, token.managerA));
    expectNotFound(await api.gql(query, { id: toGlobalId('Tenant', tenantId['hq-two']) }, token.hqAdmin));
    expectNotFound(await api.gql(query, { id: toGlobalId('Tenant', tenantId['store-z']) }, token.hqAdmin));
  });

  test('every tenant reads itself through node(id)', async () => {
    const asA = await ok('query($id: ID!) { node(id: $id) { ... on Tenant { slug } } }', { id: data.a.tenantNodeId }, token.managerA);
    expect(asA.node).toEqual({ slug: 'store-a' });
  });

  test('a store or partner listing tenants is FORBIDDEN', async () => {
    for (const credential of [token.managerA, token.managerB, token.managerP]) {
      const res = await api.gql('{ tenants(first: 50) { edges { node { slug } } } }', {}, credential);
      expect(onlyError(res).code).toBe('FORBIDDEN');
      expect(res.body.data).toBeNull();
    }
  });
});

describe('the database enforces isolation for the runtime role', () => {
  let app: Client;

  beforeAll(async () => {
    app = new Client({ connectionString: api.db.appUrl });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
  });

  /** Runs `work` in a transaction acting for `tenant`, optionally with the HQ scope asked for; always rolls back. */
  async function actingFor<T>(slug: string, hqScope: boolean, work: () => Promise<T>): Promise<T> {
    await app.query('begin');
    try {
      await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId[slug]]);
      if (hqScope) await app.query(`select set_config('app.hq_scope', 'on', true)`);
      return await work();
    } finally {
      await app.query('rollback');
    }
  }

  const tenantsOf = async (table: string) =>
    [...new Set((await app.query<{ tenant_id: string }>(`select tenant_id from ${table}`)).rows.map((r) => r.tenant_id))].sort();

  test("acting for store-b, customers holds only store-b's rows, with or without asking for the HQ scope", async () => {
    expect(await actingFor('store-b', false, () => tenantsOf('customers'))).toEqual([tenantId['store-b']]);
    expect(await actingFor('store-b', true, () => tenantsOf('customers'))).toEqual([tenantId['store-b']]);
    expect(await actingFor('store-b', true, () => tenantsOf('staff_users'))).toEqual([tenantId['store-b']]);
    expect(await actingFor('store-b', true, async () => (await app.query('select slug from tenants')).rows)).toEqual([{ slug: 'store-b' }]);
  });

  test("acting for hq-one with the HQ scope, its stores' customers are readable, store-z's are not", async () => {
    const network = [tenantId['store-a'], tenantId['store-b'], tenantId['partner-p']].sort();
    expect(await actingFor('hq-one', true, () => tenantsOf('customers'))).toEqual(network);
    const slugs = await actingFor('hq-one', true, async () => (await app.query('select slug from tenants order by slug')).rows.map((r) => r.slug));
    expect(slugs).toEqual(['hq-one', 'partner-p', 'store-a', 'store-b']);
    // Without asking for the scope, an HQ reads only itself (it has no customers of its own).
    expect(await actingFor('hq-one', false, () => tenantsOf('customers'))).toEqual([]);
    // The scope is for reading: tables that are not HQ-readable stay closed, and nothing becomes writable.
    expect(await actingFor('hq-one', true, () => tenantsOf('api_keys'))).toEqual([]);
    const updated = await actingFor('hq-one', true, async () => (await app.query(`update customers set notes = 'hq was here'`)).rowCount);
    expect(updated).toBe(0);
    // store-z's own HQ reads it; hq-one never does.
    expect(await actingFor('hq-two', true, () => tenantsOf('customers'))).toEqual([tenantId['store-z']]);
  });

  test("stored clock points: store-b neither reads, writes nor changes store-a's; hq-one reads its stores' with the HQ scope", async () => {
    const registered = await api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code } } }`,
      { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'Runs hot', newCustomer: { name: 'Deadline', phone: '13966660009' } } },
      token.managerA,
    );
    const number = registered.body.data.registerTicket.ticket.number;
    const { rows: tickets } = await admin.query<{ id: string }>(`select id from tickets where tenant_id = $1 and number = $2`, [tenantId['store-a'], number]);
    expect(tickets).toHaveLength(1);
    await admin.query(
      `insert into ticket_clock_points (tenant_id, ticket_id, metric, at_risk_at, due_at, computed_at) values ($1, $2, 'CALLBACK', now(), now(), now())`,
      [tenantId['store-a'], tickets[0].id],
    );
    expect(await actingFor('store-b', true, () => tenantsOf('ticket_clock_points'))).not.toContain(tenantId['store-a']);
    expect(await actingFor('hq-one', true, () => tenantsOf('ticket_clock_points'))).toContain(tenantId['store-a']);
    expect(await actingFor('hq-two', true, () => tenantsOf('ticket_clock_points'))).not.toContain(tenantId['store-a']);
    const changed = await actingFor('store-b', false, async () => {
      const update = await app.query(`update ticket_clock_points set due_at = now() where tenant_id = $1`, [tenantId['store-a']]);
      const remove = await app.query(`delete from ticket_clock_points where tenant_id = $1`, [tenantId['store-a']]);
      return [update.rowCount, remove.rowCount];
    });
    expect(changed).toEqual([0, 0]);
    await expect(
      actingFor('store-b', false, () =>
        app.query(
          `insert into ticket_clock_points (tenant_id, ticket_id, metric, at_risk_at, due_at, computed_at) values ($1, $2, 'DISPATCH', now(), now(), now())`,
          [tenantId['store-a'], tickets[0].id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  test("service-figure facts: store-b neither reads, writes nor changes store-a's; hq-one reads its stores' with the HQ scope", async () => {
    const registered = await api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code } } }`,
      { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'Runs hot', newCustomer: { name: 'Figures', phone: '13966660019' } } },
      token.managerA,
    );
    const number = registered.body.data.registerTicket.ticket.number;
    const { rows: tickets } = await admin.query<{ id: string }>(`select id from tickets where tenant_id = $1 and number = $2`, [tenantId['store-a'], number]);
    const fact = `insert into ticket_metric_facts (tenant_id, ticket_id, metric, started_at, local_date, ticket_type, channel, priority, outcome,
                                                   working_minutes, used_minutes, computed_at)
                  values ($1, $2, $3, now(), current_date, 'REPAIR', 'WALK_IN', 'NORMAL', 'RUNNING', 0, 0, now())`;
    await admin.query(fact, [tenantId['store-a'], tickets[0].id, 'CALLBACK']);
    expect(await actingFor('store-b', true, () => tenantsOf('ticket_metric_facts'))).not.toContain(tenantId['store-a']);
    expect(await actingFor('store-a', false, () => tenantsOf('ticket_metric_facts'))).toEqual([tenantId['store-a']]);
    expect(await actingFor('hq-one', true, () => tenantsOf('ticket_metric_facts'))).toContain(tenantId['store-a']);
    expect(await actingFor('hq-one', false, () => tenantsOf('ticket_metric_facts'))).toEqual([]);
    expect(await actingFor('hq-two', true, () => tenantsOf('ticket_metric_facts'))).not.toContain(tenantId['store-a']);
    const changed = await actingFor('store-b', false, async () => {
      const update = await app.query(`update ticket_metric_facts set outcome = 'MET' where tenant_id = $1`, [tenantId['store-a']]);
      const remove = await app.query(`delete from ticket_metric_facts where tenant_id = $1`, [tenantId['store-a']]);
      return [update.rowCount, remove.rowCount];
    });
    expect(changed).toEqual([0, 0]);
    await expect(actingFor('store-b', false, () => app.query(fact, [tenantId['store-a'], tickets[0].id, 'DISPATCH']))).rejects.toThrow(/row-level security/);
  });

  test.each([
    [
      'ticket_metric_rollups',
      `insert into ticket_metric_rollups (tenant_id, local_date, metric, ticket_type, channel, priority, runs, met, breached, within_24h,
                                          working_minutes, calendar_seconds)
       values ($1, date '2001-01-01', $2, 'INQUIRY', 'ONLINE', 'LOW', 1, 1, 0, 1, 12.5, 600)
       on conflict (tenant_id, local_date, metric, ticket_type, channel, priority) do update set runs = excluded.runs`,
    ],
    [
      'ticket_metric_day_rollups',
      `insert into ticket_metric_day_rollups (tenant_id, local_date, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
       values ($1, date '2001-01-01', $2, 1, 1, 0, 1, 12.5, 600)
       on conflict (tenant_id, local_date, metric) do update set runs = excluded.runs`,
    ],
    [
      'ticket_metric_month_rollups',
      `insert into ticket_metric_month_rollups (tenant_id, month, metric, runs, met, breached, within_24h, working_minutes, calendar_seconds)
       values ($1, date '2001-01-01', $2, 1, 1, 0, 1, 12.5, 600)
       on conflict (tenant_id, month, metric) do update set runs = excluded.runs`,
    ],
    [
      'ticket_metric_month_buckets',
      `insert into ticket_metric_month_buckets (tenant_id, month, metric, measure, bucket, runs)
       values ($1, date '2001-01-01', $2, 'WORKING', 14, 1)
       on conflict (tenant_id, month, metric, measure, bucket) do update set runs = excluded.runs`,
    ],
  ])("service-figure rollups (%s): store-b neither reads, writes nor changes store-a's; hq-one reads its stores' with the HQ scope", async (table, rollup) => {
    await admin.query(rollup, [tenantId['store-a'], 'CALLBACK']);
    expect(await actingFor('store-b', true, () => tenantsOf(table))).not.toContain(tenantId['store-a']);
    expect(await actingFor('store-a', false, () => tenantsOf(table))).toEqual([tenantId['store-a']]);
    expect(await actingFor('hq-one', true, () => tenantsOf(table))).toContain(tenantId['store-a']);
    expect(await actingFor('hq-one', false, () => tenantsOf(table))).toEqual([]);
    expect(await actingFor('hq-two', true, () => tenantsOf(table))).not.toContain(tenantId['store-a']);
    const changed = await actingFor('store-b', false, async () => {
      const update = await app.query(`update ${table} set ${table.endsWith('_buckets') ? 'runs = 5' : 'runs = 5, met = 5'} where tenant_id = $1`, [
        tenantId['store-a'],
      ]);
      const remove = await app.query(`delete from ${table} where tenant_id = $1`, [tenantId['store-a']]);
      return [update.rowCount, remove.rowCount];
    });
    expect(changed).toEqual([0, 0]);
    await expect(actingFor('store-b', false, () => app.query(rollup, [tenantId['store-a'], 'DISPATCH']))).rejects.toThrow(/row-level security/);
    await admin.query(`delete from ${table} where ${table.includes('_month_') ? 'month' : 'local_date'} = date '2001-01-01'`);
  });

  test("uploads and ticket attachments: store-b neither reads, writes nor changes store-a's; hq-one reads its stores' with the HQ scope", async () => {
    const registered = await api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code } } }`,
      { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'Cracked hinge', newCustomer: { name: 'Uploads', phone: '13966660029' } } },
      token.managerA,
    );
    const number = registered.body.data.registerTicket.ticket.number;
    const { rows: tickets } = await admin.query<{ id: string }>(`select id from tickets where tenant_id = $1 and number = $2`, [tenantId['store-a'], number]);
    const upload = `insert into uploads (tenant_id, id, purpose, filename, content_type, size_bytes) values ($1, $2, 'TICKET_ATTACHMENT', 'hinge.jpg', 'image/jpeg', 10)`;
    const attachment = `insert into ticket_attachments (tenant_id, ticket_id, upload_id) values ($1, $2, $3)`;
    const uploadId = randomUUID();
    await admin.query(upload, [tenantId['store-a'], uploadId]);
    await admin.query(attachment, [tenantId['store-a'], tickets[0].id, uploadId]);
    for (const table of ['uploads', 'ticket_attachments']) {
      expect(await actingFor('store-b', true, () => tenantsOf(table))).not.toContain(tenantId['store-a']);
      expect(await actingFor('store-a', false, () => tenantsOf(table))).toEqual([tenantId['store-a']]);
      expect(await actingFor('hq-one', true, () => tenantsOf(table))).toContain(tenantId['store-a']);
      expect(await actingFor('hq-one', false, () => tenantsOf(table))).not.toContain(tenantId['store-a']);
      expect(await actingFor('hq-two', true, () => tenantsOf(table))).not.toContain(tenantId['store-a']);
    }
    const changed = await actingFor('store-b', false, async () => {
      const update = await app.query(`update uploads set filename = 'taken.jpg' where tenant_id = $1`, [tenantId['store-a']]);
      const detach = await app.query(`delete from ticket_attachments where tenant_id = $1`, [tenantId['store-a']]);
      const remove = await app.query(`delete from uploads where tenant_id = $1`, [tenantId['store-a']]);
      return [update.rowCount, detach.rowCount, remove.rowCount];
    });
    expect(changed).toEqual([0, 0, 0]);
    // The HQ scope reads; it never writes.
    const hqChanged = await actingFor(
      'hq-one',
      true,
      async () => (await app.query(`update uploads set filename = 'hq.jpg' where tenant_id = $1`, [tenantId['store-a']])).rowCount,
    );
    expect(hqChanged).toBe(0);
    await expect(actingFor('store-b', false, () => app.query(upload, [tenantId['store-a'], randomUUID()]))).rejects.toThrow(/row-level security/);
    // store-b's own attachment cannot point at store-a's ticket or upload: the keys carry the tenant.
    const own = randomUUID();
    await expect(
      actingFor('store-b', false, async () => {
        await app.query(upload, [tenantId['store-b'], own]);
        await app.query(attachment, [tenantId['store-b'], tickets[0].id, own]);
      }),
    ).rejects.toThrow(/foreign key/);
  });

  test("inspections: hq-one's rows of store-a are read by store-a (an unannounced one only once submitted), never by store-b or hq-two; each side writes only its own", async () => {
    const seeded = await admin.query<{ checklist: string; item: string; shown: string; hidden: string; result: string; action: string }>(
      `with c as (
         insert into inspection_checklists (tenant_id, code, version, title_zh_cn, title_en) values ($1, 'ISOLATION', 1, '巡检', 'Inspection') returning id
       ), i as (
         insert into inspection_checklist_items (tenant_id, checklist_id, position, weight, text_zh_cn, text_en) select $1, c.id, 1, 10, '整洁', 'Tidy' from c returning id, checklist_id
       ), shown as (
         insert into inspections (tenant_id, store_id, checklist_id, announced, scheduled_on, status, score_percent, submitted_at)
         select $1, $2, i.checklist_id, false, '2026-12-01', 'SUBMITTED', 0, now() from i returning id
       ), hidden as (
         insert into inspections (tenant_id, store_id, checklist_id, announced, scheduled_on) select $1, $2, i.checklist_id, false, '2026-12-02' from i returning id
       ), r as (
         insert into inspection_results (tenant_id, inspection_id, item_id, store_id, passed) select $1, shown.id, i.id, $2, false from shown, i returning id, inspection_id
       ), a as (
         insert into corrective_actions (tenant_id, store_id, inspection_id, result_id, due_at) select $1, $2, r.inspection_id, r.id, now() from r returning id
       )
       select c.id as checklist, i.id as item, shown.id as shown, hidden.id as hidden, r.id as result, a.id as action from c, i, shown, hidden, r, a`,
      [tenantId['hq-one'], tenantId['store-a']],
    );
    const row = seeded.rows[0];
    await admin.query(`insert into inspection_contests (tenant_id, inspection_id, result_id, reason) values ($1, $2, $3, 'It was tidy')`, [
      tenantId['store-a'],
      row.shown,
      row.result,
    ]);
    await admin.query(`insert into corrective_action_resolutions (tenant_id, corrective_action_id, note) values ($1, $2, 'Tidied')`, [
      tenantId['store-a'],
      row.action,
    ]);
    const ids = async (slug: string, table: string, hqScope = false) =>
      actingFor(slug, hqScope, async () => (await app.query<{ id: string }>(`select id from ${table}`)).rows.map((r) => r.id));
    // store-a reads the submitted one and its findings, not the unannounced one still scheduled.
    expect(await ids('store-a', 'inspections')).toEqual([row.shown]);
    expect(await ids('store-a', 'inspection_results')).toEqual([row.result]);
    expect(await ids('store-a', 'corrective_actions')).toEqual([row.action]);
    for (const table of ['inspections', 'inspection_results', 'corrective_actions', 'inspection_contests', 'corrective_action_resolutions']) {
      expect({ table, rows: await ids('store-b', table, true) }).toEqual({ table, rows: [] });
      expect({ table, rows: await ids('hq-two', table, true) }).toEqual({ table, rows: [] });
      expect({ table, rows: await ids('store-z', table, true) }).toEqual({ table, rows: [] });
    }
    expect(await ids('hq-two', 'inspection_checklists', true)).toEqual([]);
    expect(await ids('store-b', 'inspection_checklists')).toEqual([row.checklist]); // its own HQ's checklist, shared with its stores
    // The store's own rows are read by its HQ only through the network scope.
    expect(await ids('hq-one', 'inspection_contests')).toEqual([]);
    expect((await ids('hq-one', 'inspection_contests', true)).length).toBe(1);
    // Nobody writes the other side's rows: a store cannot change HQ's findings, HQ cannot plant a store's contest.
    const changed = await actingFor('store-a', true, async () => {
      const update = await app.query(`update inspection_results set passed = true`);
      const remove = await app.query(`delete from corrective_actions`);
      return [update.rowCount, remove.rowCount];
    });
    expect(changed).toEqual([0, 0]);
    await expect(
      actingFor('hq-one', true, () =>
        app.query(`insert into inspection_contests (tenant_id, inspection_id, result_id, reason) values ($1, $2, $3, 'Planted')`, [
          tenantId['store-a'],
          row.shown,
          row.result,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      actingFor('store-b', false, () =>
        app.query(`insert into corrective_action_resolutions (tenant_id, corrective_action_id, note) values ($1, $2, 'Planted')`, [
          tenantId['store-a'],
          row.action,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    // Scheduling a reminder in a store's name is checked: hq-two cannot for hq-one's action.
    await expect(
      actingFor('hq-two', false, () =>
        app.query(`select inspection_corrective_action_notice($1, $2, 'CORRECTIVE_ACTION_REMINDER', 'planted', now(), now(), 3)`, [
          tenantId['store-a'],
          row.action,
        ]),
      ),
    ).rejects.toThrow(/no such corrective action/);
    // Through the API, another network's HQ and a sibling store get NOT_FOUND for the inspection and the action.
    const query = 'query($id: ID!) { node(id: $id) { id } }';
    for (const id of [toGlobalId('Inspection', row.shown), toGlobalId('CorrectiveAction', row.action), toGlobalId('InspectionChecklist', row.checklist)]) {
      expectNotFound(await api.gql(query, { id }, token.hq2Admin));
    }
    for (const id of [toGlobalId('Inspection', row.shown), toGlobalId('Inspection', row.hidden), toGlobalId('CorrectiveAction', row.action)]) {
      expectNotFound(await api.gql(query, { id }, token.managerB));
    }
    expectNotFound(await api.gql(query, { id: toGlobalId('Inspection', row.hidden) }, token.managerA));
    expect((await ok(query, { id: toGlobalId('Inspection', row.shown) }, token.managerA)).node.id).toBe(toGlobalId('Inspection', row.shown));
  });

  test("inspection evidence: store-a reads hq-one's photos of its submitted inspection and nothing else of hq-one's uploads; store-b, hq-two and store-z nothing", async () => {
    const seeded = await admin.query<{ shown: string; hidden: string; shownPhoto: string; hiddenPhoto: string; unlinked: string }>(
      `with c as (
         insert into inspection_checklists (tenant_id, code, version, title_zh_cn, title_en) values ($1, 'EVIDENCE-ISOLATION', 1, '巡检', 'Inspection') returning id
       ), i as (
         insert into inspection_checklist_items (tenant_id, checklist_id, position, weight, text_zh_cn, text_en) select $1, c.id, 1, 10, '整洁', 'Tidy' from c returning id, checklist_id
       ), n as (
         insert into inspections (tenant_id, store_id, checklist_id, announced, scheduled_on, status, score_percent, submitted_at)
         select $1::uuid, $2::uuid, i.checklist_id, true, '2026-12-01'::date, 'SUBMITTED', 0, now() from i
         union all
         select $1::uuid, $2::uuid, i.checklist_id, true, '2026-12-02'::date, 'DRAFT', null, null from i
         returning id, status
       ), r as (
         insert into inspection_results (tenant_id, inspection_id, item_id, store_id, passed) select $1, n.id, i.id, $2, false from n, i returning id, inspection_id
       ), u as (
         insert into uploads (tenant_id, purpose, filename, content_type, size_bytes)
         select $1, 'INSPECTION_EVIDENCE', g || '.jpg', 'image/jpeg', 10 from generate_series(1, 3) g returning id, filename
       ), e as (
         insert into inspection_evidence (tenant_id, inspection_id, result_id, store_id, upload_id, position)
         select $1, r.inspection_id, r.id, $2, u.id, 1 from r join n on n.id = r.inspection_id
           join u on u.filename = case n.status when 'SUBMITTED' then '1.jpg' else '2.jpg' end
         returning upload_id
       )
       select (select id from n where status = 'SUBMITTED') as shown, (select id from n where status = 'DRAFT') as hidden,
              (select id from u where filename = '1.jpg') as "shownPhoto", (select id from u where filename = '2.jpg') as "hiddenPhoto",
              (select id from u where filename = '3.jpg') as unlinked, (select count(*) from e) as links`,
      [tenantId['hq-one'], tenantId['store-a']],
    );
    const row = seeded.rows[0];
    const ids = async (slug: string, sql: string, hqScope = false) =>
      actingFor(slug, hqScope, async () => (await app.query<{ id: string }>(sql)).rows.map((r) => r.id).sort());
    // store-a: the link and the photo of its submitted inspection; not the draft's, not an unlinked upload of its HQ.
    expect(await ids('store-a', 'select upload_id as id from inspection_evidence')).toEqual([row.shownPhoto]);
    expect(await ids('store-a', `select id from uploads where tenant_id = '${tenantId['hq-one']}'`, true)).toEqual([row.shownPhoto]);
    // hq-one reads all of its own.
    expect(await ids('hq-one', 'select upload_id as id from inspection_evidence')).toEqual([row.shownPhoto, row.hiddenPhoto].sort());
    for (const slug of ['store-b', 'hq-two', 'store-z']) {
      expect({ slug, links: await ids(slug, 'select id from inspection_evidence', true) }).toEqual({ slug, links: [] });
      expect({ slug, photos: await ids(slug, `select id from uploads where tenant_id = '${tenantId['hq-one']}'`, true) }).toEqual({ slug, photos: [] });
    }
    // Reading is all the store does: it cannot change, remove or add HQ's links or photos.
    const changed = await actingFor('store-a', true, async () => {
      const moved = await app.query(`update inspection_evidence set position = 2`);
      const renamed = await app.query(`update uploads set filename = 'x.jpg' where tenant_id = $1`, [tenantId['hq-one']]);
      const removed = await app.query(`delete from inspection_evidence`);
      return [moved.rowCount, renamed.rowCount, removed.rowCount];
    });
    expect(changed).toEqual([0, 0, 0]);
    await expect(
      actingFor('store-a', false, () =>
        app.query(
          `insert into inspection_evidence (tenant_id, inspection_id, result_id, store_id, upload_id, position) select tenant_id, inspection_id, result_id, store_id, $1, 2 from inspection_evidence`,
          [row.unlinked],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    // Through the API (the look-up the download route makes too): store-a reads the shown photo; the rest are NOT_FOUND like an id that does not exist.
    const query = 'query($id: ID!) { upload(id: $id) { id filename } }';
    expect((await ok(query, { id: toGlobalId('Upload', row.shownPhoto) }, token.managerA)).upload.filename).toBe('1.jpg');
    for (const id of [row.hiddenPhoto, row.unlinked]) expectNotFound(await api.gql(query, { id: toGlobalId('Upload', id) }, token.managerA));
    for (const credential of [token.managerB, token.hq2Admin]) expectNotFound(await api.gql(query, { id: toGlobalId('Upload', row.shownPhoto) }, credential));
  });

  test("customer-care facts: store-b neither reads, writes nor changes store-a's; hq-one reads its stores' with the HQ scope", async () => {
    const registered = await api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code } } }`,
      { i: { type: 'COMPLAINT', channel: 'WALK_IN', problem: 'Nobody called', newCustomer: { name: 'Care', phone: '13966660029' } } },
      token.managerA,
    );
    const number = registered.body.data.registerTicket.ticket.number;
    const { rows: tickets } = await admin.query<{ id: string }>(`select id from tickets where tenant_id = $1 and number = $2`, [tenantId['store-a'], number]);
    // The registration wrote the ticket's care facts itself.
    expect((await admin.query(`select 1 from ticket_care_facts where ticket_id = $1`, [tickets[0].id])).rowCount).toBe(1);
    const { rows: callbacks } = await admin.query<{ id: string }>(
      `insert into callbacks (tenant_id, ticket_id, resolved_at) values ($1, $2, now()) returning id`,
      [tenantId['store-a'], tickets[0].id],
    );
    const fact = `insert into callback_care_facts (tenant_id, callback_id, ticket_id, resolved_at, local_date, ticket_type, channel, priority, paid_service,
                                                   state, reopened, computed_at)
                  values ($1, $2, $3, now(), current_date, 'COMPLAINT', 'WALK_IN', 'NORMAL', false, 'PENDING', false, now())`;
    await admin.query(fact, [tenantId['store-a'], callbacks[0].id, tickets[0].id]);
    for (const table of ['ticket_care_facts', 'callback_care_facts']) {
      expect(await actingFor('store-b', true, () => tenantsOf(table))).not.toContain(tenantId['store-a']);
      expect(await actingFor('store-a', false, () => tenantsOf(table))).toEqual([tenantId['store-a']]);
      expect(await actingFor('hq-one', true, () => tenantsOf(table))).toContain(tenantId['store-a']);
      expect(await actingFor('hq-one', false, () => tenantsOf(table))).toEqual([]);
      expect(await actingFor('hq-two', true, () => tenantsOf(table))).not.toContain(tenantId['store-a']);
      const changed = await actingFor('store-b', false, async () => {
        const update = await app.query(`update ${table} set computed_at = now() where tenant_id = $1`, [tenantId['store-a']]);
        const remove = await app.query(`delete from ${table} where tenant_id = $1`, [tenantId['store-a']]);
        return [update.rowCount, remove.rowCount];
      });
      expect(changed).toEqual([0, 0]);
    }
    await admin.query(`delete from callback_care_facts where callback_id = $1`, [callbacks[0].id]);
    await expect(actingFor('store-b', false, () => app.query(fact, [tenantId['store-a'], callbacks[0].id, tickets[0].id]))).rejects.toThrow(
      /row-level security/,
    );
  });

  test("ticket-volume facts: store-b neither reads, writes nor changes store-a's; hq-one reads its stores' with the HQ scope", async () => {
    const registered = await api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code } } }`,
      { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'Runs hot', newCustomer: { name: 'Volumes', phone: '13966660020' } } },
      token.managerA,
    );
    const number = registered.body.data.registerTicket.ticket.number;
    const { rows: tickets } = await admin.query<{ id: string }>(`select id from tickets where tenant_id = $1 and number = $2`, [tenantId['store-a'], number]);
    const fact = `insert into ticket_volume_facts (tenant_id, ticket_id, kind, item_id, occurred_at, local_date, ticket_type, channel, priority,
                                                   open_spans, computed_at)
                  values ($1, $2, 'REGISTERED', $3, now(), current_date, 'REPAIR', 'WALK_IN', 'NORMAL', '{[2026-01-01,)}', now())`;
    await admin.query(`delete from ticket_volume_facts where ticket_id = $1`, [tickets[0].id]);
    await admin.query(fact, [tenantId['store-a'], tickets[0].id, tickets[0].id]);
    expect(await actingFor('store-b', true, () => tenantsOf('ticket_volume_facts'))).not.toContain(tenantId['store-a']);
    expect(await actingFor('store-a', false, () => tenantsOf('ticket_volume_facts'))).toEqual([tenantId['store-a']]);
    expect(await actingFor('hq-one', true, () => tenantsOf('ticket_volume_facts'))).toContain(tenantId['store-a']);
    expect(await actingFor('hq-one', false, () => tenantsOf('ticket_volume_facts'))).toEqual([]);
    expect(await actingFor('hq-two', true, () => tenantsOf('ticket_volume_facts'))).not.toContain(tenantId['store-a']);
    const changed = await actingFor('store-b', false, async () => {
      const update = await app.query(`update ticket_volume_facts set priority = 'LOW' where tenant_id = $1`, [tenantId['store-a']]);
      const remove = await app.query(`delete from ticket_volume_facts where tenant_id = $1`, [tenantId['store-a']]);
      return [update.rowCount, remove.rowCount];
    });
    expect(changed).toEqual([0, 0]);
    const another = `insert into ticket_volume_facts (tenant_id, ticket_id, kind, item_id, occurred_at, local_date, ticket_type, channel, priority,
                                                      level, computed_at)
                     values ($1, $2, 'ESCALATED', gen_random_uuid(), now(), current_date, 'REPAIR', 'WALK_IN', 'NORMAL', 2, now())`;
    await expect(actingFor('store-b', false, () => app.query(another, [tenantId['store-a'], tickets[0].id]))).rejects.toThrow(/row-level security/);
  });

  test("acting for store-b, writing a row in store-a's name fails, and store-a's rows cannot be changed", async () => {
    await expect(
      actingFor('store-b', false, () =>
        app.query(`insert into customers (tenant_id, name, phone) values ($1, 'Planted', '13966660001')`, [tenantId['store-a']]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      actingFor('store-b', true, () =>
        app.query(`insert into customers (tenant_id, name, phone) values ($1, 'Planted', '13966660001')`, [tenantId['store-a']]),
      ),
    ).rejects.toThrow(/row-level security/);
    const changed = await actingFor('store-b', true, async () => {
      const update = await app.query(`update customers set name = 'Moved' where tenant_id = $1`, [tenantId['store-a']]);
      const remove = await app.query(`delete from customers where tenant_id = $1`, [tenantId['store-a']]);
      return [update.rowCount, remove.rowCount];
    });
    expect(changed).toEqual([0, 0]);
    // Moving one of store-b's own rows into store-a is refused as well.
    await expect(actingFor('store-b', false, () => app.query(`update customers set tenant_id = $1`, [tenantId['store-a']]))).rejects.toThrow(
      /row-level security/,
    );
    const { rows } = await admin.query(`select count(*)::int as n from customers where name in ('Planted', 'Moved')`);
    expect(rows[0].n).toBe(0);
  });
});
