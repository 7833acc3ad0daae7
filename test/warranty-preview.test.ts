import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { toGlobalId } from '../core/global-id';
import { staffGlobalId, tenantGlobalId } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The desk sees the warranty decision before it saves a registration: for a
 * new device (model, purchase date, where it was bought, invoice, extended
 * warranty) and for one the store has, by the same rules and checks as the
 * registration that follows, with nothing written.
 */
const clock = new ManualClock(new Date('2026-03-10T10:00:00+08:00'));
let api: TestApi;
let admin: Client;
let agentA: string;
let agentB: string;
let techA: string;
let hqAdmin: string;
let laptopId: string;
let monitorId: string;
let foreignModelId: string;
let storeB: string;

const PREVIEW = `query($i: WarrantyPreviewInput!) { warrantyPreview(input: $i) {
  decision { status reason on purchaseDate returnUntil exchangeUntil wholeMachineUntil mainPartsUntil extendedUntil returnOrExchangeOffered mainPartCategories }
  returnOrExchangeAllowed overrideNeeded advice userErrors { field code message } } }`;
const DECISION = `status reason on purchaseDate returnUntil exchangeUntil wholeMachineUntil mainPartsUntil extendedUntil returnOrExchangeOffered mainPartCategories`;

async function data(query: string, variables: Record<string, unknown>, token: string) {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}
const preview = async (input: Record<string, unknown>, token = agentA) => (await data(PREVIEW, { i: input }, token)).warrantyPreview;
const rowCounts = async () =>
  (
    await admin.query(
      `select (select count(*) from devices)::int as devices, (select count(*) from customers)::int as customers, (select count(*) from tickets)::int as tickets`,
    )
  ).rows[0];

async function modelIdOf(modelCode: string, token: string): Promise<string> {
  const list = await data(`{ productModels(first: 100) { edges { node { id modelCode } } } }`, {}, token);
  return list.productModels.edges.find((e: { node: { modelCode: string } }) => e.node.modelCode === modelCode).node.id;
}

let phone = 13600000000;
async function register(type: string, newDevice: Record<string, unknown>) {
  const res = await data(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id version warrantyAtRegistration { ${DECISION} } } userErrors { code message } } }`,
    { i: { type, channel: 'WALK_IN', problem: 'Does not start', newCustomer: { name: 'Preview Customer', phone: String(++phone) }, newDevice } },
    agentA,
  );
  expect(res.registerTicket.userErrors).toEqual([]);
  return res.registerTicket.ticket;
}

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  [agentA, agentB, techA, hqAdmin] = await Promise.all([
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-b', 'agent@store-b.test'),
    api.login('store-a', 'tech@store-a.test'),
    api.login('hq-one', 'admin@hq-one.test'),
  ]);
  const created = await data(
    `mutation($input: ProductModelInput!) { createProductModel(input: $input) { productModel { id } userErrors { code } } }`,
    { input: { modelCode: 'XB-14', name: 'XBook 14', category: 'LAPTOP', wholeMachineMonths: 12, mainPartsMonths: 24, mainPartCategories: ['cpu', 'screen'] } },
    hqAdmin,
  );
  laptopId = created.createProductModel.productModel.id;
  monitorId = await modelIdOf('HQ1-MONITOR-27', agentA);
  foreignModelId = await modelIdOf('HQ2-DESKTOP-5', await api.login('store-z', 'manager@store-z.test'));
  storeB = await tenantGlobalId(admin, 'store-b');
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

test("a new device: return, exchange, repair under warranty, main parts only, extended or paid, as the terms say, on the store's today", async () => {
  const before = await rowCounts();
  const cases: [Record<string, unknown>, string][] = [
    [{ purchaseDate: '2026-03-05' }, 'RETURN_ELIGIBLE'],
    [{ purchaseDate: '2026-02-28' }, 'EXCHANGE_ELIGIBLE'],
    [{ purchaseDate: '2025-06-01' }, 'IN_WARRANTY'],
    [{ purchaseDate: '2024-06-01' }, 'MAIN_PARTS_ONLY'],
    [{ purchaseDate: '2023-01-01' }, 'OUT_OF_WARRANTY'],
    [{ purchaseDate: '2023-01-01', extendedWarrantyUntil: '2026-12-31' }, 'EXTENDED'],
    [{ purchaseDate: null }, 'OUT_OF_WARRANTY'],
  ];
  for (const [facts, status] of cases) {
    const answer = await preview({ modelId: laptopId, purchaseSource: 'THIS_STORE', invoiceNumber: 'INV-1', ...facts });
    expect(answer.userErrors).toEqual([]);
    expect(answer.decision).toMatchObject({ status, on: '2026-03-10', purchaseDate: facts.purchaseDate });
  }
  const returnable = await preview({ modelId: laptopId, purchaseSource: 'THIS_STORE', purchaseDate: '2026-03-05', ticketType: 'RETURN_EXCHANGE' });
  expect(returnable).toMatchObject({
    decision: {
      returnUntil: '2026-03-11',
      exchangeUntil: '2026-03-19',
      wholeMachineUntil: '2027-03-04',
      mainPartsUntil: '2028-03-04',
      returnOrExchangeOffered: true,
      mainPartCategories: ['CPU', 'SCREEN'],
    },
    returnOrExchangeAllowed: true,
    overrideNeeded: false,
  });
  const paid = await preview({ modelId: laptopId, purchaseSource: 'THIS_STORE', purchaseDate: '2023-01-01', ticketType: 'REPAIR' });
  expect(paid).toMatchObject({
    returnOrExchangeAllowed: false,
    overrideNeeded: false,
    advice: expect.stringMatching(/^paid repair: quote parts and labour first/),
  });
  // Bought elsewhere in the return window: a free repair, and no return here without a manager's override.
  const elsewhere = await preview({ modelId: laptopId, purchaseSource: 'ELSEWHERE', purchaseDate: '2026-03-08', ticketType: 'RETURN_EXCHANGE' });
  expect(elsewhere).toMatchObject({
    decision: { status: 'IN_WARRANTY', returnOrExchangeOffered: false, reason: expect.stringMatching(/bought elsewhere/) },
    returnOrExchangeAllowed: false,
    overrideNeeded: true,
    advice: expect.stringMatching(/override/),
  });
  // Another store of the network: the monitor's terms take it back, the laptop's do not.
  const monitor = await preview({
    modelId: monitorId,
    purchaseSource: 'NETWORK_STORE',
    purchaseStoreId: storeB,
    purchaseDate: '2026-03-08',
    ticketType: 'RETURN_EXCHANGE',
  });
  expect(monitor).toMatchObject({ decision: { status: 'RETURN_ELIGIBLE' }, overrideNeeded: false });
  const laptop = await preview({
    modelId: laptopId,
    purchaseSource: 'NETWORK_STORE',
    purchaseStoreId: storeB,
    purchaseDate: '2026-03-08',
    ticketType: 'RETURN_EXCHANGE',
  });
  expect(laptop).toMatchObject({ decision: { status: 'IN_WARRANTY' }, overrideNeeded: true });
  expect(await rowCounts()).toEqual(before);
});

test('the preview is what registration records, and what the ticket then allows', async () => {
  const cases = [
    { modelId: laptopId, serialNumber: 'PV-RET-1', purchaseSource: 'THIS_STORE', purchaseDate: '2026-03-05' },
    { modelId: laptopId, serialNumber: 'PV-ELS-1', purchaseSource: 'ELSEWHERE', purchaseDate: '2026-03-08' },
    { modelId: monitorId, serialNumber: 'PV-NET-1', purchaseSource: 'NETWORK_STORE', purchaseStoreId: storeB, purchaseDate: '2024-01-10' },
  ];
  const techId = await staffGlobalId(admin, 'tech@store-a.test');
  const overrides: boolean[] = [];
  for (const newDevice of cases) {
    const facts: Record<string, unknown> = { ...newDevice };
    delete facts.serialNumber;
    const shown = await preview({ ...facts, ticketType: 'RETURN_EXCHANGE' });
    const ticket = await register('RETURN_EXCHANGE', newDevice);
    expect(ticket.warrantyAtRegistration).toEqual(shown.decision);
    overrides.push(shown.overrideNeeded);

    // Resolving the return is blocked exactly when the preview said an override would be needed.
    const assigned = await data(
      `mutation($i: AssignTicketInput!) { assignTicket(input: $i) { ticket { version } userErrors { code } } }`,
      { i: { ticketId: ticket.id, assigneeId: techId } },
      agentA,
    );
    const started = await data(
      `mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { version } userErrors { code } } }`,
      { i: { ticketId: ticket.id, to: 'IN_PROGRESS', expectedVersion: assigned.assignTicket.ticket.version } },
      agentA,
    );
    const resolved = await data(
      `mutation($i: MoveTicketInput!) { moveTicket(input: $i) { ticket { status } userErrors { code } } }`,
      { i: { ticketId: ticket.id, to: 'RESOLVED', note: 'Taken back', expectedVersion: started.moveTicket.ticket.version } },
      agentA,
    );
    expect(resolved.moveTicket.userErrors.map((e: { code: string }) => e.code)).toEqual(shown.overrideNeeded ? ['TRANSITION_BLOCKED'] : []);
  }
  expect(overrides).toEqual([false, true, true]);
});

test("a device the store has: the same decision as its `warranty`, and another store's device is not found", async () => {
  const customer = await data(`mutation { createCustomer(input: { name: "Owner", phone: "13511112222" }) { customer { id } } }`, {}, agentA);
  const registered = await data(
    `mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { device { id warranty { ${DECISION} } } userErrors { code } } }`,
    {
      input: {
        customerId: customer.createCustomer.customer.id,
        modelId: laptopId,
        serialNumber: 'PV-OWN-1',
        purchaseSource: 'THIS_STORE',
        purchaseDate: '2025-12-01',
        extendedWarrantyUntil: '2027-12-31',
      },
    },
    agentA,
  );
  const device = registered.registerDevice.device;
  const shown = await preview({ deviceId: device.id, ticketType: 'REPAIR' });
  expect(shown).toMatchObject({ decision: device.warranty, overrideNeeded: false, userErrors: [] });
  expect(shown.decision.status).toBe('IN_WARRANTY');

  const foreign = await api.gql(PREVIEW, { i: { deviceId: device.id } }, agentB);
  expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
  // A technician reads it too; HQ and partners' systems have no desk.
  expect((await preview({ deviceId: device.id }, techA)).decision.status).toBe('IN_WARRANTY');
  expect((await api.gql(PREVIEW, { i: { deviceId: device.id } }, hqAdmin)).body.errors[0].extensions.code).toBe('FORBIDDEN');
});

test('facts registration would refuse are refused alike, with their field and code', async () => {
  const refused = async (input: Record<string, unknown>) => (await preview(input)).userErrors;
  const base = { modelId: laptopId, purchaseSource: 'THIS_STORE' };
  expect(await refused({ ...base, purchaseDate: '2026-03-11' })).toEqual([
    { field: ['purchaseDate'], code: 'PURCHASE_IN_FUTURE', message: 'The purchase date is in the future' },
  ]);
  expect(await refused({ ...base, purchaseDate: '2026-02-30' })).toMatchObject([{ field: ['purchaseDate'], code: 'INVALID_DATE' }]);
  expect(await refused({ ...base, purchaseDate: '2026-01-10', extendedWarrantyUntil: '2025-12-31' })).toMatchObject([
    { field: ['extendedWarrantyUntil'], code: 'INVALID_DATE' },
  ]);
  expect(await refused({ ...base, purchaseSource: 'NETWORK_STORE' })).toMatchObject([{ field: ['purchaseStoreId'], code: 'STORE_REQUIRED' }]);
  expect(await refused({ ...base, invoiceNumber: 'x'.repeat(65) })).toMatchObject([{ field: ['invoiceNumber'], code: 'INVALID_INVOICE' }]);
  expect(await refused({ modelId: foreignModelId, purchaseSource: 'THIS_STORE' })).toMatchObject([{ field: ['modelId'], code: 'UNKNOWN_MODEL' }]);
  expect(await refused({ modelId: laptopId })).toMatchObject([{ field: ['purchaseSource'], code: 'PURCHASE_SOURCE_REQUIRED' }]);
  expect(await refused({ ticketType: 'REPAIR' })).toMatchObject([{ field: ['modelId'], code: 'DEVICE_REQUIRED' }]);
  const registeredDevice = (await admin.query(`select id from devices limit 1`)).rows[0].id;
  const both = await refused({ ...base, deviceId: toGlobalId('Device', registeredDevice) });
  expect(both).toMatchObject([{ field: ['deviceId'], code: 'DEVICE_AMBIGUOUS' }]);
  // Registration refuses the same future date the same way.
  const customer = await data(`mutation { createCustomer(input: { name: "Future", phone: "13511113333" }) { customer { id } } }`, {}, agentA);
  const registering = await data(
    `mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { userErrors { field code message } } }`,
    { input: { customerId: customer.createCustomer.customer.id, ...base, serialNumber: 'PV-FUT-1', purchaseDate: '2026-03-11' } },
    agentA,
  );
  expect(registering.registerDevice.userErrors).toEqual(await refused({ ...base, purchaseDate: '2026-03-11' }));
});
