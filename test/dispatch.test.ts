import { DateTime } from 'luxon';
import { Client } from 'pg';
import { systemClock } from '../core/clock';
import { applyTenants } from '../tenants/provisioning/apply';
import { loadTenantFiles } from '../tenants/provisioning/load';
import { toGlobalId } from '../core/global-id';
import { PASSWORD, writeTempYaml } from './support/network';
import { insertTicket, tenantGlobalId, timelineOf, uuidOf } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';
import { drainDueActions } from './support/action-driver';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Handing a repair from a store to a partner: the partner sees exactly one
 * work order with only what it needs and nothing else of the store; its
 * progress shows on the store's dispatch and timeline; nobody outside the
 * network, and no other store or partner, takes part.
 */
let api: TestApi;
let admin: Client;
let managerA: string;
let agentB: string;
let managerP: string;
let managerQ: string;
let partnerKey: string;
let partnerP: string;

const EXTRA_TENANTS = `
tenants:
  - slug: partner-q
    name: Partner Q
    kind: PARTNER
    parent: hq-one
    staff:
      - { email: manager@partner-q.test, name: Manager Q, role: STORE_MANAGER, password: ${PASSWORD} }
  - slug: partner-s
    name: Partner S
    kind: PARTNER
    parent: hq-one
    status: SUSPENDED
  - slug: partner-y
    name: Partner Y
    kind: PARTNER
    parent: hq-two
`;

const DISPATCH = `mutation($input: DispatchToPartnerInput!) { dispatchToPartner(input: $input) {
  dispatch { id partnerId partnerStatus partnerNote partnerUpdatedAt createdAt }
  ticket { version dispatches { id partnerStatus } }
  userErrors { field code message } } }`;
const WORK_ORDERS = `query($status: WorkOrderStatus) { workOrders(first: 10, status: $status) { edges { node {
  id reference deviceModel deviceSerial problem parts status note version } } } }`;
const WORK_ORDER = `query($id: ID!) { workOrder(id: $id) { id reference status } }`;
const UPDATE = `mutation($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { workOrder { id status note version } userErrors { field code message } } }`;
const DISPATCH_NODE = `query($id: ID!) { node(id: $id) { ... on Dispatch { id partnerStatus partnerNote partnerUpdatedAt } } }`;

function storeDay(days: number): string {
  return DateTime.now().setZone('Asia/Shanghai').plus({ days }).toISODate()!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, variables: Record<string, unknown>, token: string): Promise<any> {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return Object.values(res.body.data)[0];
}

function errorCode(res: { body: { errors?: { extensions: { code: string } }[] } }): string | undefined {
  return res.body.errors?.[0]?.extensions.code;
}

async function dispatch(ticketId: string, partnerTenantId: string, extra: Record<string, unknown> = {}) {
  return call(DISPATCH, { input: { ticketId, partnerTenantId, ...extra } }, managerA);
}

beforeAll(async () => {
  api = await startTestApi();
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  await applyTenants(api.orm, loadTenantFiles(writeTempYaml(EXTRA_TENANTS)), systemClock);
  [managerA, agentB, managerP, managerQ] = await Promise.all([
    api.login('store-a', 'manager@store-a.test'),
    api.login('store-b', 'agent@store-b.test'),
    api.login('partner-p', 'manager@partner-p.test'),
    api.login('partner-q', 'manager@partner-q.test'),
  ]);
  const key = await call(
    `mutation { createApiKey(input: { name: "Repair centre system", role: PARTNER_SYSTEM }) { secret userErrors { code } } }`,
    {},
    managerP,
  );
  partnerKey = key.secret;
  partnerP = await tenantGlobalId(admin, 'partner-p');
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

let ticketId: string;
let dispatchId: string;
let workOrderId: string;

test('store-a hands a repair to partner-p: a dispatch record, a timeline entry, the ticket version bumped', async () => {
  ticketId = await insertTicket(admin, {
    device: { modelCode: 'TB-14-2026', serialNumber: 'SN-DISPATCH-0001' },
    problem: 'No display after a fall',
    contactAddress: 'Secret Street 7',
  });
  const part = (o: Record<string, unknown>) =>
    call(
      `mutation($input: OrderPartInput!) { orderPart(input: $input) { partsOrder { id } userErrors { code } } }`,
      { input: { ticketId, quantity: 1, supplier: 'Panel Supplier Ltd', expectedOn: storeDay(4), ...o } },
      managerA,
    );
  await part({ partNumber: 'LCD-14-FHD', description: '14 inch display panel' });
  const arrived = (await part({ partNumber: 'HINGE-L', description: 'left hinge' })).partsOrder.id;
  await call(
    `mutation($input: MarkPartArrivedInput!) { markPartArrived(input: $input) { userErrors { code } } }`,
    { input: { partsOrderId: arrived } },
    managerA,
  );

  const result = await dispatch(ticketId, partnerP, { expectedVersion: 4, note: 'Please check the hinge too' });
  expect(result.userErrors).toEqual([]);
  expect(result.dispatch).toMatchObject({ partnerId: partnerP, partnerStatus: 'RECEIVED', partnerNote: null, partnerUpdatedAt: null });
  expect(result.ticket.version).toBe(5);
  expect(result.ticket.dispatches).toEqual([{ id: result.dispatch.id, partnerStatus: 'RECEIVED' }]);
  dispatchId = result.dispatch.id;

  const entry = (await timelineOf(admin, ticketId)).find((e) => e.kind === 'DISPATCHED');
  expect(entry).toMatchObject({ visibility: 'INTERNAL', data: expect.objectContaining({ partnerTenantId: uuidOf(partnerP), parts: 1 }) });
});

test("the partner's system and its staff see exactly one work order with only what they need", async () => {
  const seen = await call(WORK_ORDERS, {}, partnerKey);
  expect(seen.edges).toHaveLength(1);
  const workOrder = seen.edges[0].node;
  workOrderId = workOrder.id;
  expect(workOrder).toEqual({
    id: workOrderId,
    reference: 'TST-2026-000001',
    deviceModel: 'TB-14-2026',
    deviceSerial: 'SN-DISPATCH-0001',
    problem: 'No display after a fall\n\nNote from the store: Please check the hinge too',
    parts: [{ partNumber: 'LCD-14-FHD', description: '14 inch display panel', quantity: 1, expectedOn: storeDay(4) }],
    status: 'RECEIVED',
    note: null,
    version: 1,
  });
  // Nothing of the customer travels: no name, phone, address or supplier anywhere in the partner's row.
  const { rows } = await admin.query(`select row_to_json(w)::text as row from work_orders w where id = $1`, [uuidOf(workOrderId)]);
  for (const secret of ['Fixture Customer', '1370000', 'Secret Street', 'Panel Supplier']) expect(rows[0].row).not.toContain(secret);

  expect((await call(WORK_ORDERS, {}, managerP)).edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([workOrderId]);
  expect((await call(WORK_ORDERS, { status: 'REPAIRED' }, managerP)).edges).toEqual([]);
  expect((await call(WORK_ORDER, { id: workOrderId }, partnerKey)).reference).toBe('TST-2026-000001');
  const node = await call(`query($id: ID!) { node(id: $id) { ... on WorkOrder { reference } } }`, { id: workOrderId }, partnerKey);
  expect(node).toEqual({ reference: 'TST-2026-000001' });
});

test("the partner cannot read the store's ticket, customer or dispatch by id", async () => {
  const { rows } = await admin.query(`select customer_id from tickets where id = $1`, [uuidOf(ticketId)]);
  const customerId = toGlobalId('Customer', rows[0].customer_id);
  expect(errorCode(await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: ticketId }, managerP))).toBe('NOT_FOUND');
  expect(errorCode(await api.gql(`query($id: ID!) { customer(id: $id) { name } }`, { id: customerId }, managerP))).toBe('NOT_FOUND');
  expect(errorCode(await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: customerId }, managerP))).toBe('NOT_FOUND');
  expect(errorCode(await api.gql(DISPATCH_NODE, { id: dispatchId }, managerP))).toBe('NOT_FOUND');
  // The partner's system key may not read customers at all.
  expect(errorCode(await api.gql(`query($id: ID!) { customer(id: $id) { name } }`, { id: customerId }, partnerKey))).toBe('FORBIDDEN');
});

test("the partner's progress shows on the store's dispatch and timeline", async () => {
  const updated = await call(UPDATE, { input: { workOrderId, expectedVersion: 1, status: 'IN_REPAIR', note: 'Panel replaced, testing' } }, partnerKey);
  expect(updated.userErrors).toEqual([]);
  expect(updated.workOrder).toMatchObject({ status: 'IN_REPAIR', note: 'Panel replaced, testing', version: 2 });

  const seenByStore = await call(DISPATCH_NODE, { id: dispatchId }, managerA);
  expect(seenByStore).toMatchObject({ id: dispatchId, partnerStatus: 'IN_REPAIR', partnerNote: 'Panel replaced, testing' });
  expect(new Date(seenByStore.partnerUpdatedAt).getTime()).toBeGreaterThan(Date.now() - 60000);
  const progress = (await timelineOf(admin, ticketId)).filter((e) => e.kind === 'PARTNER_PROGRESS');
  expect(progress).toEqual([
    expect.objectContaining({
      actor_kind: 'PARTNER',
      summary: 'Partner reports IN_REPAIR: Panel replaced, testing',
      data: expect.objectContaining({ status: 'IN_REPAIR' }),
    }),
  ]);

  // Refusals: an old version, a move the work order cannot make, a report with nothing in it.
  expect((await call(UPDATE, { input: { workOrderId, expectedVersion: 1, status: 'REPAIRED' } }, partnerKey)).userErrors[0].code).toBe('STALE');
  expect((await call(UPDATE, { input: { workOrderId, status: 'RECEIVED' } }, partnerKey)).userErrors[0]).toMatchObject({
    code: 'ILLEGAL_TRANSITION',
    field: ['status'],
  });
  expect((await call(UPDATE, { input: { workOrderId, status: 'IN_REPAIR' } }, partnerKey)).userErrors[0].code).toBe('NOTHING_TO_REPORT');
  expect((await timelineOf(admin, ticketId)).filter((e) => e.kind === 'PARTNER_PROGRESS')).toHaveLength(1);

  // Still with the partner: no second dispatch; once returned, the repair may go out again.
  expect((await dispatch(ticketId, partnerP)).userErrors[0].code).toBe('ALREADY_DISPATCHED');
  await call(UPDATE, { input: { workOrderId, status: 'REPAIRED', note: 'Works' } }, managerP);
  await call(UPDATE, { input: { workOrderId, status: 'RETURNED', note: 'Shipped back' } }, managerP);
  expect((await call(DISPATCH_NODE, { id: dispatchId }, managerA)).partnerStatus).toBe('RETURNED');
});

test('dispatch only to an active partner of the same network, and only repairs', async () => {
  const target = await insertTicket(admin, { problem: 'Keyboard dead' });
  for (const slug of ['store-z', 'store-b', 'partner-y', 'partner-s', 'hq-one']) {
    const refused = await dispatch(target, await tenantGlobalId(admin, slug));
    expect({ slug, errors: refused.userErrors }).toEqual({
      slug,
      errors: [expect.objectContaining({ code: 'PARTNER_NOT_AVAILABLE', field: ['partnerTenantId'] })],
    });
  }
  const inquiry = await insertTicket(admin, { type: 'INQUIRY' });
  expect((await dispatch(inquiry, partnerP)).userErrors[0].code).toBe('NOT_DISPATCHABLE');
  const cancelled = await insertTicket(admin, { status: 'CANCELLED' });
  expect((await dispatch(cancelled, partnerP)).userErrors[0].code).toBe('TICKET_FINISHED');
  expect((await dispatch(target, partnerP, { expectedVersion: 3 })).userErrors[0].code).toBe('STALE');

  const { rows } = await admin.query(
    `select (select count(*)::int from dispatches where ticket_id in ($1, $2, $3)) as dispatches, (select count(*)::int from work_orders) as work_orders`,
    [uuidOf(target), uuidOf(inquiry), uuidOf(cancelled)],
  );
  expect(rows[0]).toEqual({ dispatches: 0, work_orders: 1 });
  // Technicians do not hand repairs out (no DISPATCH_WRITE).
  const techKey = await call(`mutation { createApiKey(input: { name: "Bench", role: TECHNICIAN }) { secret } }`, {}, managerA);
  expect(errorCode(await api.gql(DISPATCH, { input: { ticketId: target, partnerTenantId: partnerP } }, techKey.secret))).toBe('FORBIDDEN');
});

test('another store does not see the dispatch; another partner does not see the work order', async () => {
  expect(errorCode(await api.gql(DISPATCH_NODE, { id: dispatchId }, agentB))).toBe('NOT_FOUND');
  expect((await call(WORK_ORDERS, {}, managerQ)).edges).toEqual([]);
  expect(errorCode(await api.gql(WORK_ORDER, { id: workOrderId }, managerQ))).toBe('NOT_FOUND');
  expect(errorCode(await api.gql(UPDATE, { input: { workOrderId, status: 'CANCELLED' } }, managerQ))).toBe('NOT_FOUND');
  // The store itself reads its dispatch, not the partner's work order.
  expect(errorCode(await api.gql(WORK_ORDER, { id: workOrderId }, managerA))).toBe('NOT_FOUND');
  const { rows } = await admin.query(`select status from work_orders where id = $1`, [uuidOf(workOrderId)]);
  expect(rows[0].status).toBe('RETURNED');
});

test("the partner's own systems hear of the work order through the partner's webhook endpoints, signed", async () => {
  const receiver = await WebhookReceiver.start();
  try {
    const created = await call(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret userErrors { code message } } }`,
      { input: { url: receiver.url, eventTypes: ['WORK_ORDER_DISPATCHED'] } },
      managerP,
    );
    receiver.secret = created.secret;
    const ticket = await insertTicket(admin, { problem: 'Fan noise' });
    const reference = (await admin.query(`select number from tickets where id = $1`, [uuidOf(ticket)])).rows[0].number;
    expect((await dispatch(ticket, partnerP)).userErrors).toEqual([]);
    const deps = {
      channels: { email: { send: async () => ({ providerReference: 'none' }) }, sms: null },
      fetch,
      publicBaseUrl: 'http://localhost',
      webhookTimeoutMs: 2000,
    };
    await drainDueActions(api.orm, systemClock, deps);
    // (the earlier hand-offs of this file are announced too: they were still waiting for the worker)
    const delivered = receiver
      .accepted()
      .map((request) => JSON.parse(request.body))
      .filter((event) => event.data.reference === reference);
    expect(delivered).toEqual([
      expect.objectContaining({ type: 'work_order.dispatched', data: expect.objectContaining({ reference, problem: 'Fan noise', status: 'RECEIVED' }) }),
    ]);
    // in the partner's name: the store's tables hold no trace of the partner's delivery
    const storeSide = await admin.query(
      `select 1 from scheduled_actions where kind = 'WORK_ORDER_NOTICE' and tenant_id = (select id from tenants where slug = 'store-a')`,
    );
    expect(storeSide.rows).toEqual([]);
  } finally {
    await receiver.close();
  }
});
