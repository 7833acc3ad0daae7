import { startTestApi, TestApi } from './support/test-api';

/** HQ's catalogue and the stores' devices through GraphQL, with the warranty decision and isolation. */
let api: TestApi;
let hqAdmin: string;
let hqTwoAdmin: string;
let agentA: string;
let agentB: string;
let managerZ: string;
let partner: string;
let modelId: string;
let customerId: string;

const CREATE_MODEL = `mutation($input: ProductModelInput!) { createProductModel(input: $input) { productModel { id modelCode returnDays exchangeDays mainPartCategories } userErrors { field code message } } }`;
const REGISTER_DEVICE = `mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { device { id serialNumber purchaseSource model { modelCode } customer { name } } userErrors { field code message } } }`;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
}

function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

const codes = (connection: { edges: { node: { modelCode: string } }[] }) => connection.edges.map((e) => e.node.modelCode);

async function modelIdOf(modelCode: string, token: string): Promise<string> {
  const list = await data(`{ productModels(first: 100) { edges { node { id modelCode } } } }`, {}, token);
  return list.productModels.edges.find((e: { node: { modelCode: string } }) => e.node.modelCode === modelCode).node.id;
}

async function data(query: string, variables: Record<string, unknown>, token: string) {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  [hqAdmin, hqTwoAdmin, agentA, agentB, managerZ] = await Promise.all([
    api.login('hq-one', 'admin@hq-one.test'),
    api.login('hq-two', 'admin@hq-two.test'),
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-b', 'agent@store-b.test'),
    api.login('store-z', 'manager@store-z.test'),
  ]);
  partner = await api.login('partner-p', 'manager@partner-p.test');
  const created = await data(
    CREATE_MODEL,
    { input: { modelCode: 'XB-14', name: 'XBook 14', category: 'LAPTOP', wholeMachineMonths: 12, mainPartsMonths: 24, mainPartCategories: ['cpu', 'screen'] } },
    hqAdmin,
  );
  modelId = created.createProductModel.productModel.id;
  const customer = await data(`mutation { createCustomer(input: { name: "Device Owner", phone: "13512345678" }) { customer { id } } }`, {}, agentA);
  customerId = customer.createCustomer.customer.id;
}, 60000);

afterAll(async () => {
  await api.stop();
});

describe('the catalogue', () => {
  test('HQ creates models with defaults from the standard; bad terms and duplicate codes are refused', async () => {
    const again = await data(
      CREATE_MODEL,
      { input: { modelCode: 'XB-14', name: 'dup', category: 'LAPTOP', wholeMachineMonths: 12, mainPartsMonths: 24 } },
      hqAdmin,
    );
    expect(again.createProductModel.userErrors[0].code).toBe('MODEL_CODE_TAKEN');
    const shorter = await data(
      CREATE_MODEL,
      { input: { modelCode: 'BAD', name: 'bad', category: 'LAPTOP', wholeMachineMonths: 24, mainPartsMonths: 12 } },
      hqAdmin,
    );
    expect(shorter.createProductModel.userErrors[0]).toMatchObject({ code: 'INVALID_PERIOD', field: ['mainPartsMonths'] });
    const read = await data(`query($id: ID!) { productModel(id: $id) { modelCode returnDays exchangeDays mainPartCategories } }`, { id: modelId }, hqAdmin);
    expect(read.productModel).toEqual({ modelCode: 'XB-14', returnDays: 7, exchangeDays: 15, mainPartCategories: ['CPU', 'SCREEN'] });
  });

  test("a store and a partner read their HQ's catalogue (newest first, by category) but cannot write it", async () => {
    const list = await data(`{ productModels(first: 10) { edges { node { modelCode } } } }`, {}, agentA);
    expect(codes(list.productModels)[0]).toBe('XB-14');
    expect(codes(list.productModels).sort()).toEqual(['HQ1-LAPTOP-14', 'HQ1-MONITOR-27', 'XB-14']);
    const monitors = await data(
      `{ productModels(first: 10, category: "MONITOR") { edges { node { modelCode networkReturns mainPartCategories } } } }`,
      {},
      partner,
    );
    expect(monitors.productModels.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { modelCode: 'HQ1-MONITOR-27', networkReturns: true, mainPartCategories: ['SCREEN'] },
    ]);
    const page = await data(`{ productModels(first: 1) { edges { node { modelCode } } pageInfo { hasNextPage endCursor } } }`, {}, agentA);
    expect(page.productModels.pageInfo.hasNextPage).toBe(true);
    const next = await data(
      `query($after: String) { productModels(first: 10, after: $after) { edges { node { modelCode } } } }`,
      { after: page.productModels.pageInfo.endCursor },
      agentA,
    );
    expect(codes(next.productModels)).toHaveLength(2);
    expect(codes(next.productModels)).not.toContain(codes(page.productModels)[0]);

    const write = await api.gql(CREATE_MODEL, { input: { modelCode: 'S', name: 's', category: 'X', wholeMachineMonths: 1, mainPartsMonths: 1 } }, agentA);
    expect(write.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const update = await api.gql(
      `mutation($input: UpdateProductModelInput!) { updateProductModel(input: $input) { userErrors { code } } }`,
      { input: { id: modelId, name: 'mine' } },
      agentA,
    );
    expect(update.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('another network cannot see the catalogue: not by id, not in its list, not as a node', async () => {
    const foreign = await api.gql(`query($id: ID!) { productModel(id: $id) { modelCode } }`, { id: modelId }, managerZ);
    expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const node = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: modelId }, managerZ);
    expect(node.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await data(`query($id: ID!) { node(id: $id) { ... on ProductModel { modelCode } } }`, { id: modelId }, agentA)).node).toEqual({
      modelCode: 'XB-14',
    });
    const storeZ = await data(`{ productModels(first: 10) { edges { node { modelCode } } } }`, {}, managerZ);
    expect(codes(storeZ.productModels)).toEqual(['HQ2-DESKTOP-5']);
    const hqTwoCatalogue = await data(`{ productModels(first: 10) { edges { node { modelCode } } } }`, {}, hqTwoAdmin);
    expect(codes(hqTwoCatalogue.productModels)).not.toContain('XB-14');
    const hqTwoUpdate = await api.gql(
      `mutation($input: UpdateProductModelInput!) { updateProductModel(input: $input) { userErrors { code } } }`,
      { input: { id: modelId, name: 'taken over' } },
      hqTwoAdmin,
    );
    expect(hqTwoUpdate.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  test('HQ updates a model: omitted fields stay, bad terms and a taken code are refused', async () => {
    const UPDATE = `mutation($input: UpdateProductModelInput!) { updateProductModel(input: $input) { productModel { modelCode name returnDays exchangeDays wholeMachineMonths } userErrors { field code } } }`;
    const created = await data(
      CREATE_MODEL,
      { input: { modelCode: 'UPD-1', name: 'To change', category: 'DESKTOP', wholeMachineMonths: 12, mainPartsMonths: 24 } },
      hqAdmin,
    );
    const id = created.createProductModel.productModel.id;
    const renamed = await data(UPDATE, { input: { id, name: 'Changed', exchangeDays: 30 } }, hqAdmin);
    expect(renamed.updateProductModel).toEqual({
      productModel: { modelCode: 'UPD-1', name: 'Changed', returnDays: 7, exchangeDays: 30, wholeMachineMonths: 12 },
      userErrors: [],
    });
    const shorterExchange = await data(UPDATE, { input: { id, returnDays: 10, exchangeDays: 5 } }, hqAdmin);
    expect(shorterExchange.updateProductModel).toEqual({ productModel: null, userErrors: [{ field: ['exchangeDays'], code: 'INVALID_PERIOD' }] });
    const longerWhole = await data(UPDATE, { input: { id, wholeMachineMonths: 36 } }, hqAdmin);
    expect(longerWhole.updateProductModel.userErrors).toEqual([{ field: ['mainPartsMonths'], code: 'INVALID_PERIOD' }]);
    const tooLong = await data(UPDATE, { input: { id, mainPartsMonths: 121 } }, hqAdmin);
    expect(tooLong.updateProductModel.userErrors[0].code).toBe('INVALID_PERIOD');
    const taken = await data(UPDATE, { input: { id, modelCode: 'HQ1-LAPTOP-14' } }, hqAdmin);
    expect(taken.updateProductModel.userErrors).toEqual([{ field: ['modelCode'], code: 'MODEL_CODE_TAKEN' }]);
    const read = await data(`query($id: ID!) { productModel(id: $id) { modelCode name exchangeDays wholeMachineMonths } }`, { id }, agentB);
    expect(read.productModel).toEqual({ modelCode: 'UPD-1', name: 'Changed', exchangeDays: 30, wholeMachineMonths: 12 });
  });
});

describe('devices', () => {
  let deviceId: string;

  test('a store registers a device and reads its warranty decision, today and on another day', async () => {
    const result = await data(
      REGISTER_DEVICE,
      { input: { customerId, modelId, serialNumber: 'PF-1234', purchaseDate: daysAgo(2), purchaseSource: 'THIS_STORE', invoiceNumber: 'INV-9' } },
      agentA,
    );
    expect(result.registerDevice.userErrors).toEqual([]);
    deviceId = result.registerDevice.device.id;
    expect(result.registerDevice.device).toMatchObject({ serialNumber: 'PF-1234', model: { modelCode: 'XB-14' }, customer: { name: 'Device Owner' } });
    const purchase = daysAgo(2);
    const read = await data(
      `query($id: ID!, $later: String) { device(id: $id) { today: warranty { status reason returnUntil returnOrExchangeOffered } later: warranty(on: $later) { status } } }`,
      { id: deviceId, later: daysAfter(purchase, 400) },
      agentA,
    );
    expect(read.device.today).toMatchObject({ status: 'RETURN_ELIGIBLE', returnOrExchangeOffered: true, returnUntil: daysAfter(purchase, 6) });
    expect(read.device.later.status).toBe('MAIN_PARTS_ONLY');
  });

  test('found by serial; a duplicate serial, a future purchase and an unknown model are refused', async () => {
    expect((await data(`{ deviceBySerial(serialNumber: "PF-1234") { id } }`, {}, agentA)).deviceBySerial.id).toBe(deviceId);
    const duplicate = await data(REGISTER_DEVICE, { input: { customerId, modelId, serialNumber: 'PF-1234', purchaseSource: 'ELSEWHERE' } }, agentA);
    expect(duplicate.registerDevice.userErrors[0].code).toBe('SERIAL_TAKEN');
    const future = await data(
      REGISTER_DEVICE,
      { input: { customerId, modelId, serialNumber: 'PF-9', purchaseDate: '2099-01-01', purchaseSource: 'ELSEWHERE' } },
      agentA,
    );
    expect(future.registerDevice.userErrors[0].code).toBe('PURCHASE_IN_FUTURE');
    const otherNetwork = await data(
      CREATE_MODEL,
      { input: { modelCode: 'Z-1', name: 'Other network', category: 'LAPTOP', wholeMachineMonths: 12, mainPartsMonths: 12 } },
      hqTwoAdmin,
    );
    const foreignModel = otherNetwork.createProductModel.productModel.id;
    const unknown = await data(REGISTER_DEVICE, { input: { customerId, modelId: foreignModel, serialNumber: 'PF-10', purchaseSource: 'ELSEWHERE' } }, agentA);
    expect(unknown.registerDevice.userErrors[0].code).toBe('UNKNOWN_MODEL');
  });

  test('an extended warranty moves the decision; the invoice is recorded; an extension before the purchase is refused', async () => {
    const UPDATE = `mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) { device { invoiceNumber extendedWarrantyUntil last: warranty(on: "2099-12-31") { status } after: warranty(on: "2100-01-01") { status } } userErrors { field code } } }`;
    const updated = await data(UPDATE, { input: { id: deviceId, extendedWarrantyUntil: '2099-12-31', invoiceNumber: 'INV-10' } }, agentA);
    expect(updated.updateDevice.device).toEqual({
      invoiceNumber: 'INV-10',
      extendedWarrantyUntil: '2099-12-31',
      last: { status: 'EXTENDED' },
      after: { status: 'OUT_OF_WARRANTY' },
    });
    const before = await data(UPDATE, { input: { id: deviceId, extendedWarrantyUntil: '2000-01-01' } }, agentA);
    expect(before.updateDevice.userErrors).toEqual([{ field: ['extendedWarrantyUntil'], code: 'INVALID_DATE' }]);
    const badDay = await api.gql(`query($id: ID!) { device(id: $id) { warranty(on: "2026-02-30") { status } } }`, { id: deviceId }, agentA);
    expect(badDay.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test("a device of the test network's catalogue: network returns follow the model's terms", async () => {
    const storeB = await data(`{ viewer { tenant { id } } }`, {}, agentB);
    const storeA = await data(`{ viewer { tenant { id } } }`, {}, agentA);
    const laptop = await modelIdOf('HQ1-LAPTOP-14', agentA);
    const monitor = await modelIdOf('HQ1-MONITOR-27', agentA);
    const REGISTER = `mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { device { id purchaseSource warranty { status returnOrExchangeOffered reason } } userErrors { code } } }`;
    const base = { customerId, purchaseDate: daysAgo(1), purchaseSource: 'NETWORK_STORE', purchaseStoreId: storeB.viewer.tenant.id };
    const noReturns = await data(REGISTER, { input: { ...base, modelId: laptop, serialNumber: 'NET-LAPTOP' } }, agentA);
    expect(noReturns.registerDevice.device.warranty).toMatchObject({ status: 'IN_WARRANTY', returnOrExchangeOffered: false });
    expect(noReturns.registerDevice.device.warranty.reason).toMatch(/another store of the network/);
    const returns = await data(REGISTER, { input: { ...base, modelId: monitor, serialNumber: 'NET-MONITOR' } }, agentA);
    expect(returns.registerDevice.device.warranty).toMatchObject({ status: 'RETURN_ELIGIBLE', returnOrExchangeOffered: true });
    // naming itself as "another store of the network" is a sale of this store
    const itself = await data(REGISTER, { input: { ...base, purchaseStoreId: storeA.viewer.tenant.id, modelId: laptop, serialNumber: 'NET-SELF' } }, agentA);
    expect(itself.registerDevice.device).toMatchObject({ purchaseSource: 'THIS_STORE', warranty: { status: 'RETURN_ELIGIBLE' } });
    const byCustomer = await data(`query($c: ID) { devices(first: 50, customerId: $c) { edges { node { serialNumber } } } }`, { c: customerId }, agentA);
    expect(byCustomer.devices.edges.map((e: { node: { serialNumber: string } }) => e.node.serialNumber).sort()).toEqual([
      'NET-LAPTOP',
      'NET-MONITOR',
      'NET-SELF',
      'PF-1234',
    ]);
  });

  test("another store cannot read the device by id, by serial, nor list it; a network store's sale is recorded", async () => {
    const byId = await api.gql(`query($id: ID!) { device(id: $id) { id } }`, { id: deviceId }, agentB);
    expect(byId.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const asNode = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: deviceId }, agentB);
    expect(asNode.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await data(`query($id: ID!) { node(id: $id) { ... on Device { serialNumber } } }`, { id: deviceId }, agentA)).node).toEqual({
      serialNumber: 'PF-1234',
    });
    const byCustomer = await data(`query($c: ID) { devices(first: 50, customerId: $c) { edges { node { id } } } }`, { c: customerId }, agentB);
    expect(byCustomer.devices.edges).toEqual([]);
    expect((await data(`{ deviceBySerial(serialNumber: "PF-1234") { id } }`, {}, agentB)).deviceBySerial).toBeNull();
    expect((await data(`{ devices(first: 50) { edges { node { id } } } }`, {}, agentB)).devices.edges).toEqual([]);
    const update = await api.gql(
      `mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) { userErrors { code } } }`,
      { input: { id: deviceId, invoiceNumber: 'X' } },
      agentB,
    );
    expect(update.body.errors[0].extensions.code).toBe('NOT_FOUND');

    const storeB = await data(`{ viewer { tenant { id } } }`, {}, agentB);
    const customer = await data(`mutation { createCustomer(input: { name: "Network Buyer", phone: "13599998888" }) { customer { id } } }`, {}, agentA);
    const network = await data(
      REGISTER_DEVICE,
      {
        input: {
          customerId: customer.createCustomer.customer.id,
          modelId,
          serialNumber: 'NET-1',
          purchaseDate: daysAgo(1),
          purchaseSource: 'NETWORK_STORE',
          purchaseStoreId: storeB.viewer.tenant.id,
        },
      },
      agentA,
    );
    expect(network.registerDevice.userErrors).toEqual([]);
    const storeZ = await data(`{ viewer { tenant { id } } }`, {}, managerZ);
    const foreignStore = await data(
      REGISTER_DEVICE,
      {
        input: {
          customerId: customer.createCustomer.customer.id,
          modelId,
          serialNumber: 'NET-2',
          purchaseSource: 'NETWORK_STORE',
          purchaseStoreId: storeZ.viewer.tenant.id,
        },
      },
      agentA,
    );
    expect(foreignStore.registerDevice.userErrors[0].code).toBe('UNKNOWN_STORE');
  });
});
