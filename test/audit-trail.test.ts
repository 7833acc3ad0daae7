import { Client } from 'pg';
import { toGlobalId } from '../core/global-id';
import { startTestApi, TestApi } from './support/test-api';
import { parseCsv } from './support/csv';
import { csvFieldOf } from '../api/http/export-stream';

/**
 * The audit trail: every change made through the API writes one entry with the
 * request's work, the runtime role can neither change nor delete an entry, and
 * people read it (a store its own, an HQ its network's) and export it.
 */
let api: TestApi;
let admin: Client;
let exportUrl: string;

const token: Record<'managerA' | 'managerB' | 'agentA' | 'hqAdmin' | 'supervisor' | 'hq2Admin' | 'managerZ', string> = {
  managerA: '',
  managerB: '',
  agentA: '',
  hqAdmin: '',
  supervisor: '',
  hq2Admin: '',
  managerZ: '',
};
const tenantId: Record<string, string> = {};
const tenantNode = (slug: string) => toGlobalId('Tenant', tenantId[slug]);

const ENTRY_FIELDS = 'id tenantId occurredAt actorKind actorId operation outcome objectIds detail requestId traceId';

interface Entry {
  id: string;
  tenantId: string;
  occurredAt: string;
  actorKind: string;
  actorId: string | null;
  operation: string;
  outcome: string | null;
  objectIds: string[];
  detail: Record<string, unknown>;
  requestId: string | null;
  traceId: string | null;
}

async function ok(query: string, variables: Record<string, unknown>, credential: string) {
  const res = await api.gql(query, variables, credential);
  if (res.body?.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.body.errors)}`);
  return res;
}

async function entries(credential: string, filter: Record<string, unknown> = {}, first = 100, after?: string) {
  const res = await api.gql(
    `query($filter: AuditEntryFilter, $first: Int!, $after: String) {
       auditEntries(filter: $filter, first: $first, after: $after) { edges { cursor node { ${ENTRY_FIELDS} } } pageInfo { hasNextPage endCursor } }
     }`,
    { filter, first, after },
    credential,
  );
  return res;
}

async function entryNodes(credential: string, filter: Record<string, unknown> = {}): Promise<Entry[]> {
  const res = await entries(credential, filter);
  if (res.body?.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.auditEntries.edges.map((edge: { node: Entry }) => edge.node);
}

async function createCustomer(credential: string, name: string, phone: string) {
  const res = await ok(
    'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code } } }',
    { input: { name, phone } },
    credential,
  );
  return { id: res.body.data.createCustomer.customer.id as string, requestId: res.headers.get('x-request-id') as string };
}

async function viewerUserId(credential: string): Promise<string> {
  return (await ok('{ viewer { user { id } } }', {}, credential)).body.data.viewer.user.id;
}

async function download(path: string, credential?: string) {
  return fetch(`${exportUrl}${path}`, { headers: credential ? { authorization: `Bearer ${credential}` } : {} });
}

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  exportUrl = api.url.replace(/\/graphql$/, '');
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  for (const row of (await admin.query('select id, slug from tenants')).rows) tenantId[row.slug] = row.id;
  [token.managerA, token.managerB, token.agentA, token.hqAdmin, token.supervisor, token.hq2Admin, token.managerZ] = await Promise.all([
    api.login('store-a', 'manager@store-a.test'),
    api.login('store-b', 'manager@store-b.test'),
    api.login('store-a', 'agent@store-a.test'),
    api.login('hq-one', 'admin@hq-one.test'),
    api.login('hq-one', 'supervisor@hq-one.test'),
    api.login('hq-two', 'admin@hq-two.test'),
    api.login('store-z', 'manager@store-z.test'),
  ]);
}, 120000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

describe('every change made through the API is audited', () => {
  test('a mutation writes exactly one entry: actor, operation, objects, outcome and request', async () => {
    const managerA = await viewerUserId(token.managerA);
    const customer = await createCustomer(token.managerA, 'Audit One', '13955550001');
    const { rows } = await admin.query('select * from audit_events where request_id = $1', [customer.requestId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenant_id: tenantId['store-a'],
      actor_kind: 'USER',
      action: 'createCustomer',
      outcome: 'OK',
      object_ids: [customer.id],
      detail: {},
    });
    const [entry] = await entryNodes(token.managerA, { objectId: customer.id });
    expect(entry).toMatchObject({
      operation: 'createCustomer',
      outcome: 'OK',
      actorKind: 'USER',
      actorId: managerA,
      objectIds: [customer.id],
      tenantId: tenantNode('store-a'),
      requestId: customer.requestId,
    });
  });

  test('the ids sent in the input and answered in the payload are both kept, each once', async () => {
    const customer = await createCustomer(token.managerA, 'Audit Two', '13955550002');
    const res = await ok(
      'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id name } userErrors { code } } }',
      { input: { id: customer.id, name: 'Audit Two Renamed' } },
      token.managerA,
    );
    const { rows } = await admin.query('select action, object_ids, outcome from audit_events where request_id = $1', [res.headers.get('x-request-id')]);
    expect(rows).toEqual([{ action: 'updateCustomer', object_ids: [customer.id], outcome: 'OK' }]);
  });

  test('a mutation refused with userErrors changed nothing and is kept as USER_ERRORS with its codes; an earlier change of the same request keeps its entry', async () => {
    const res = await ok(
      `mutation($good: CreateCustomerInput!, $bad: CreateCustomerInput!) {
         good: createCustomer(input: $good) { customer { id } userErrors { code } }
         bad: createCustomer(input: $bad) { customer { id } userErrors { code } }
       }`,
      { good: { name: 'Audit Three', phone: '13955550003' }, bad: { name: 'Audit Three Again', phone: 'not a phone' } },
      token.managerA,
    );
    const badCodes = res.body.data.bad.userErrors.map((error: { code: string }) => error.code);
    expect(badCodes.length).toBeGreaterThan(0);
    expect(res.body.data.bad.customer).toBeNull();
    const { rows } = await admin.query('select action, outcome, object_ids, detail from audit_events where request_id = $1 order by outcome', [
      res.headers.get('x-request-id'),
    ]);
    expect(rows).toEqual([
      { action: 'createCustomer', outcome: 'OK', object_ids: [res.body.data.good.customer.id], detail: {} },
      { action: 'createCustomer', outcome: 'USER_ERRORS', object_ids: [], detail: { userErrors: badCodes } },
    ]);
    expect((await admin.query(`select count(*)::int as n from customers where name = 'Audit Three Again'`)).rows[0].n).toBe(0);
  });

  test("a mutation that sets a password: its entry holds no password, and the domain's own entry stays", async () => {
    const password = 'Sekret-Passw0rd-Audit';
    const created = await ok(
      'mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } userErrors { code } } }',
      { input: { email: 'audited@store-a.test', name: 'Audited', role: 'STORE_AGENT', password } },
      token.managerA,
    );
    const userId = created.body.data.createStaffUser.staffUser.id;
    const updated = await ok(
      'mutation($input: UpdateStaffUserInput!) { updateStaffUser(input: $input) { staffUser { id } userErrors { code } } }',
      { input: { id: userId, password: `${password}-2` } },
      token.managerA,
    );
    expect(updated.body.data.updateStaffUser.userErrors).toEqual([]);
    const { rows } = await admin.query(
      'select action, object_ids, row_to_json(a)::text as whole from audit_events a where request_id = any($1) order by action',
      [[created.headers.get('x-request-id'), updated.headers.get('x-request-id')]],
    );
    expect(rows.map((row) => row.action)).toEqual(expect.arrayContaining(['createStaffUser', 'updateStaffUser']));
    expect(rows.find((row) => row.action === 'updateStaffUser').object_ids).toEqual([userId]);
    for (const row of rows) expect(row.whole).not.toContain('Sekret');
    const everything = await admin.query('select row_to_json(a)::text as whole from audit_events a');
    expect(everything.rows.filter((row) => row.whole.includes('Sekret'))).toEqual([]);
    // The domain's specific entry of the same change is still written beside the generic one.
    const specific = await admin.query(`select count(*)::int as n from audit_events where tenant_id = $1 and action = 'STAFF_USER_UPDATED'`, [
      tenantId['store-a'],
    ]);
    expect(specific.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  test('an operation refused with an error (not allowed) leaves no entry', async () => {
    const res = await api.gql(
      'mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } userErrors { code } } }',
      { input: { email: 'nope@store-a.test', name: 'Nope', role: 'STORE_AGENT' } },
      token.agentA,
    );
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const { rows } = await admin.query('select count(*)::int as n from audit_events where request_id = $1', [res.headers.get('x-request-id')]);
    expect(rows[0].n).toBe(0);
  });
});

describe('the runtime role cannot change or delete entries', () => {
  async function asRuntimeRole<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: api.db.appUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId['store-a']]);
      return await work(client);
    } finally {
      await client.query('rollback').catch(() => undefined);
      await client.end();
    }
  }
  const attempts = [
    { what: 'UPDATE', sql: `update audit_events set action = 'forged' where tenant_id = '$TENANT'` },
    { what: 'DELETE', sql: `delete from audit_events where tenant_id = '$TENANT'` },
    { what: 'TRUNCATE', sql: 'truncate audit_events' },
  ];

  test.each(attempts)('$what is refused, and every entry stays', async ({ sql }) => {
    const before = (await admin.query('select count(*)::int as n from audit_events where tenant_id = $1', [tenantId['store-a']])).rows[0].n;
    expect(before).toBeGreaterThan(0);
    // The runtime role still reads and writes its tenant's entries.
    expect((await asRuntimeRole((client) => client.query('select count(*)::int as n from audit_events'))).rows[0].n).toBe(before);
    await expect(asRuntimeRole((client) => client.query(sql.replace('$TENANT', tenantId['store-a'])))).rejects.toThrow(/permission denied/);
    const after = await admin.query(
      `select count(*)::int as n, count(*) filter (where action = 'forged')::int as forged from audit_events where tenant_id = $1`,
      [tenantId['store-a']],
    );
    expect(after.rows[0]).toEqual({ n: before, forged: 0 });
  });

  test('even granted UPDATE and DELETE again, the runtime role is refused by the table itself', async () => {
    const role = new URL(api.db.appUrl).username;
    await admin.query(`grant update, delete, truncate on audit_events to ${role}`);
    try {
      for (const { sql } of attempts) {
        await expect(asRuntimeRole((client) => client.query(sql.replace('$TENANT', tenantId['store-a'])))).rejects.toThrow(
          /audit entries cannot be changed or deleted/,
        );
      }
    } finally {
      await admin.query(`revoke update, delete, truncate on audit_events from ${role}`);
    }
  });
});

describe('auditEntries', () => {
  test('newest first, filtered by operation, actor, object and time, and paginated without gaps or repeats', async () => {
    const managerB = await viewerUserId(token.managerB);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createCustomer(token.managerB, `B Customer ${i}`, `1396666000${i}`));
    const all = await entryNodes(token.managerB, { operation: 'createCustomer' });
    expect(all.map((entry) => entry.objectIds[0])).toEqual(made.map((customer) => customer.id).reverse());
    expect(all.every((entry) => entry.actorId === managerB && entry.tenantId === tenantNode('store-b'))).toBe(true);

    expect((await entryNodes(token.managerB, { actor: managerB })).length).toBeGreaterThanOrEqual(5);
    expect(await entryNodes(token.managerB, { actor: await viewerUserId(token.managerA) })).toEqual([]);
    expect((await entryNodes(token.managerB, { objectId: made[2].id })).map((entry) => entry.objectIds)).toEqual([[made[2].id]]);

    const middle = all[2].occurredAt;
    const from = await entryNodes(token.managerB, { operation: 'createCustomer', from: middle });
    const to = await entryNodes(token.managerB, { operation: 'createCustomer', to: middle });
    expect(from.length + to.length).toBe(5);
    expect(from.every((entry) => entry.occurredAt >= middle)).toBe(true);
    expect(to.every((entry) => entry.occurredAt < middle)).toBe(true);

    const pages: Entry[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await entries(token.managerB, { operation: 'createCustomer' }, 2, after);
      const connection = res.body.data.auditEntries;
      pages.push(...connection.edges.map((edge: { node: Entry }) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages.map((entry) => entry.id)).toEqual(all.map((entry) => entry.id));
  });

  test('managers, HQ admins and supervisors may read it; an agent may not', async () => {
    for (const credential of [token.managerA, token.hqAdmin, token.supervisor]) expect((await entries(credential)).body.errors).toBeUndefined();
    const refused = await entries(token.agentA);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredPermission: 'AUDIT_READ' });
  });
});

describe('a store reads its own entries, an HQ its network', () => {
  let customerA: string;

  beforeAll(async () => {
    customerA = (await createCustomer(token.managerA, 'Only In A', '13977770001')).id;
    await ok(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } userErrors { code } } }',
      { input: { name: 'HQ sync', role: 'HQ_SUPERVISOR' } },
      token.hqAdmin,
    );
    await createCustomer(token.managerZ, 'Only In Z', '13977770009');
  });

  test("a store never reads another store's or its HQ's entries, even naming them in the filter", async () => {
    const own = await entryNodes(token.managerB);
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((entry) => entry.tenantId))).toEqual(new Set([tenantNode('store-b')]));
    expect(await entryNodes(token.managerB, { objectId: customerA })).toEqual([]);
    expect(await entryNodes(token.managerB, { tenantIds: [tenantNode('store-a')] })).toEqual([]);
    expect(await entryNodes(token.managerB, { tenantIds: [tenantNode('hq-one'), tenantNode('store-a')] })).toEqual([]);
  });

  test("an HQ reads its stores' and partner's entries and its own, and nothing of another network", async () => {
    const network = await entryNodes(token.hqAdmin);
    const tenants = new Set(network.map((entry) => entry.tenantId));
    expect(tenants).toContain(tenantNode('store-a'));
    expect(tenants).toContain(tenantNode('store-b'));
    expect(tenants).toContain(tenantNode('hq-one'));
    expect(tenants).not.toContain(tenantNode('store-z'));
    expect((await entryNodes(token.hqAdmin, { objectId: customerA })).map((entry) => entry.operation)).toEqual(['createCustomer']);
    const onlyB = await entryNodes(token.hqAdmin, { tenantIds: [tenantNode('store-b')] });
    expect(onlyB.length).toBeGreaterThan(0);
    expect(new Set(onlyB.map((entry) => entry.tenantId))).toEqual(new Set([tenantNode('store-b')]));

    const other = await entryNodes(token.hq2Admin);
    expect(other.map((entry) => entry.tenantId)).toContain(tenantNode('store-z'));
    expect(other.filter((entry) => entry.tenantId !== tenantNode('store-z') && entry.tenantId !== tenantNode('hq-two'))).toEqual([]);
    expect(await entryNodes(token.hq2Admin, { objectId: customerA })).toEqual([]);
    expect(await entryNodes(token.hq2Admin, { tenantIds: [tenantNode('store-a')] })).toEqual([]);
  });

  test('reading the network is itself audited', async () => {
    await entryNodes(token.supervisor);
    const { rows } = await admin.query(
      `select count(*)::int as n from audit_events where tenant_id = $1 and action = 'NETWORK_READ' and detail->>'reason' = 'audit trail across the network'`,
      [tenantId['hq-one']],
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});

describe('the export', () => {
  const TRICKY = '门店, "快修"\n第二行';

  beforeAll(async () => {
    // An entry whose text needs every kind of CSV quoting (the domain's own entries carry free text in their detail).
    await admin.query(`insert into audit_events (tenant_id, actor_kind, action, detail, occurred_at) values ($1, 'SYSTEM', $2, $3, now())`, [
      tenantId['store-a'],
      TRICKY,
      { note: TRICKY },
    ]);
  });

  test('CSV: UTF-8 with a BOM, one row per entry in the order and with the content of auditEntries', async () => {
    const response = await download('/exports/audit-entries.csv', token.managerA);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    expect(header).toEqual(['occurredAt', 'tenantId', 'actorKind', 'actorId', 'operation', 'outcome', 'objectIds', 'detail', 'requestId', 'traceId', 'id']);
    const listed = await entryNodes(token.managerA);
    expect(rows).toHaveLength(listed.length);
    expect(listed.length).toBeLessThan(100); // the whole trail fits the one page compared with
    expect(rows).toEqual(
      listed.map((entry) => [
        entry.occurredAt,
        entry.tenantId,
        entry.actorKind,
        entry.actorId ?? '',
        entry.operation,
        entry.outcome ?? '',
        entry.objectIds.join(' '),
        JSON.stringify(entry.detail),
        entry.requestId ?? '',
        entry.traceId ?? '',
        entry.id,
      ]),
    );
    const tricky = rows.find((row) => row[4] === TRICKY);
    expect(JSON.parse(tricky![7])).toEqual({ note: TRICKY });
  });

  test('CSV quoting: commas, quotes, line breaks and Chinese survive as one field', async () => {
    const text = await (await download(`/exports/audit-entries.csv?operation=${encodeURIComponent(TRICKY)}`, token.managerA)).text();
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(3); // the header, the one entry, and the empty rest after the last line break
    // The operation quoted, its quotes doubled, its line break kept inside the quotes; the detail's JSON quoted likewise.
    expect(lines[1]).toContain(',SYSTEM,,"门店, ""快修""\n第二行",,,"{""note"":""门店, \\""快修\\""\\n第二行""}",');
    expect(parseCsv(lines.slice(1).join('\r\n'))[0][4]).toBe(TRICKY);
  });

  test('CSV: a text a spreadsheet would run as a formula is exported as text', async () => {
    const formula = '=HYPERLINK("http://attacker.test","open")';
    await admin.query(`insert into audit_events (tenant_id, actor_kind, action, occurred_at) values ($1, 'SYSTEM', $2, now())`, [tenantId['store-a'], formula]);
    const text = await (await download(`/exports/audit-entries.csv?operation=${encodeURIComponent(formula)}`, token.managerA)).text();
    const row = parseCsv(text.slice(1).split('\r\n').slice(1).join('\r\n'))[0];
    expect(row[4]).toBe(`'${formula}`);
    for (const lead of ['+', '-', '@']) expect(csvFieldOf(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvFieldOf('plain text')).toBe('plain text');
  });

  test('JSON: the same entries as auditEntries, with the same filters', async () => {
    const response = await download(`/exports/audit-entries.json?operation=createCustomer`, token.managerB);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const exported = await response.json();
    const listed = await entryNodes(token.managerB, { operation: 'createCustomer' });
    expect(listed.length).toBeGreaterThanOrEqual(5);
    expect(exported).toEqual(listed);
  });

  test("an export holds only what the caller may read: a store its own, an HQ its network's, filtered by tenant", async () => {
    const b = await (await download(`/exports/audit-entries.json?tenantIds=${tenantNode('store-a')}`, token.managerB)).json();
    expect(b).toEqual([]);
    const bAll = (await (await download('/exports/audit-entries.json', token.managerB)).json()) as Entry[];
    expect(new Set(bAll.map((entry) => entry.tenantId))).toEqual(new Set([tenantNode('store-b')]));
    const hq = (await (
      await download(`/exports/audit-entries.json?tenantIds=${tenantNode('store-a')},${tenantNode('store-z')}`, token.hqAdmin)
    ).json()) as Entry[];
    expect(hq.length).toBeGreaterThan(0);
    expect(new Set(hq.map((entry) => entry.tenantId))).toEqual(new Set([tenantNode('store-a')]));
    const other = (await (await download('/exports/audit-entries.json', token.hq2Admin)).json()) as Entry[];
    expect(other.filter((entry) => entry.tenantId === tenantNode('store-a') || entry.tenantId === tenantNode('store-b'))).toEqual([]);
  });

  test('refused without credentials, to a role that may not read the trail, and for a malformed filter', async () => {
    expect((await download('/exports/audit-entries.csv')).status).toBe(401);
    expect((await download('/exports/audit-entries.csv', 'not-a-token')).status).toBe(401);
    const agent = await download('/exports/audit-entries.csv', token.agentA);
    expect(agent.status).toBe(403);
    expect(((await agent.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await download('/exports/audit-entries.csv?from=yesterday', token.managerA)).status).toBe(400);
    expect((await download('/exports/audit-entries.csv?tenantIds=nonsense', token.managerA)).status).toBe(404);
  });
});
