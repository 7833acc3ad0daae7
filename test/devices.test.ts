import { startTestApi, TestApi } from './support/test-api';

/** HQ's catalogue and the stores' devices through GraphQL, with the warranty decision and isolation. */
let api: TestApi;
let hqAdmin: string;
let hqTwoAdmin: string;
let agentA: string;
let agentB: string;
let managerZ: string;
let modelId: string;
let customerId: string;

const CREATE_MODEL = `mutation($input: ProductModelInput!) { createProductModel(input: $input) { productModel { id modelCode returnDays exchangeDays mainPartCategories } userErrors { field code message } } }`;
const REGISTER_DEVICE = `mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { device { id serialNumber purchaseSource model { modelCode } customer { name } } userErrors { field code message } } }`;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
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
  const created = await data(CREATE_MODEL, { input: { modelCode: 'XB-14', name: 'XBook 14', category: 'LAPTOP', wholeMachineMonths: 12, mainPartsMonths: 24, mainPartCategories: ['cpu', 'screen'] } }, hqAdmin);
  modelId = created.createProductModel.productModel.id;
  const customer = await data(`mutation { createCustomer(input: { name: "Device Owner", phone: "13512345678" }) { customer { id } } }`, {}, agentA);
  customerId = customer.createCustomer.customer.id;
}, 60000);

afterAll(async () => {
  await api.stop();
});

describe('the catalogue', () => {
  test('HQ creates models with defaults from the standard; bad terms and duplicate codes are refused', async () => {
    const again = await data(CREATE_MODEL, { input: { modelCode: 'XB-14', name: 'dup', category: 'LAPTOP', wholeMachineMonths: 12, mainPartsMonths: 24 } }, hqAdmin);
    expect(again.createProductModel.userErrors[0].code).toBe('MODEL_CODE_TAKEN');
    const shorter = await data(CREATE_MODEL, { input: { modelCode: 'BAD', name: 'bad', category: 'LAPTOP', wholeMachineMonths: 24, mainPartsMonths: 12 } }, hqAdmin);
    expect(shorter.createProductModel.userErrors[0]).toMatchObject({ code: 'INVALID_PERIOD', field: ['mainPartsMonths'] });
    const read = await data(`query($id: ID!) { productModel(id: $id) { modelCode returnDays exchangeDays mainPartCategories } }`, { id: modelId }, hqAdmin);
    expect(read.productModel).toEqual({ modelCode: 'XB-14', returnDays: 7, exchangeDays: 15, mainPartCategories: ['CPU', 'SCREEN'] });
  });

  test("a store reads its HQ's catalogue but cannot write it; another network's store cannot see it", async () => {
    const list = await data(`{ productModels(first: 10) { edges { node { modelCode } } } }`, {}, agentA);
    expect(list.productModels.edges.map((e: { node: { modelCode: string } }) => e.node.modelCode)).toEqual(['XB-14']);
    const write = await api.gql(CREATE_MODEL, { input: { modelCode: 'S', name: 's', category: 'X', wholeMachineMonths: 1, mainPartsMonths: 1 } }, agentA);
    expect(write.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const foreign = await api.gql(`query($id: ID!) { productModel(id: $id) { modelCode } }`, { id: modelId }, managerZ);
    expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const hqTwoCatalogue = await data(`{ productModels(first: 10) { edges { node { modelCode } } } }`, {}, hqTwoAdmin);
    expect(hqTwoCatalogue.productModels.edges.map((e: { node: { modelCode: string } }) => e.node.modelCode)).not.toContain('XB-14');
  });
});

describe('devices', () => {
  let deviceId: string;

  test('a store registers a device and reads its warranty decision, today and on another day', async () => {
    const result = await data(REGISTER_DEVICE, { input: { customerId, modelId, serialNumber: 'PF-1234', purchaseDate: daysAgo(2), purchaseSource: 'THIS_STORE', invoiceNumber: 'INV-9' } }, agentA);
    expect(result.registerDevice.userErrors).toEqual([]);
    deviceId = result.registerDevice.device.id;
    expect(result.registerDevice.device).toMatchObject({ serialNumber: 'PF-1234', model: { modelCode: 'XB-14' }, customer: { name: 'Device Owner' } });
    const purchase = daysAgo(2);
    const read = await data(
      `query($id: ID!, $later: String) { device(id: $id) { today: warranty { status reason returnUntil returnOrExchangeOffered } later: warranty(on: $later) { status } } }`,
      { id: deviceId, later: `${Number(purchase.slice(0, 4)) + 1}${purchase.slice(4)}` },
      agentA,
    );
    expect(read.device.today).toMatchObject({ status: 'RETURN_ELIGIBLE', returnOrExchangeOffered: true });
    expect(read.device.later.status).toBe('MAIN_PARTS_ONLY');
  });

  test('found by serial; a duplicate serial, a future purchase and an unknown model are refused', async () => {
    expect((await data(`{ deviceBySerial(serialNumber: "PF-1234") { id } }`, {}, agentA)).deviceBySerial.id).toBe(deviceId);
    const duplicate = await data(REGISTER_DEVICE, { input: { customerId, modelId, serialNumber: 'PF-1234', purchaseSource: 'ELSEWHERE' } }, agentA);
    expect(duplicate.registerDevice.userErrors[0].code).toBe('SERIAL_TAKEN');
    const future = await data(REGISTER_DEVICE, { input: { customerId, modelId, serialNumber: 'PF-9', purchaseDate: '2099-01-01', purchaseSource: 'ELSEWHERE' } }, agentA);
    expect(future.registerDevice.userErrors[0].code).toBe('PURCHASE_IN_FUTURE');
    const otherNetwork = await data(CREATE_MODEL, { input: { modelCode: 'Z-1', name: 'Other network', category: 'LAPTOP', wholeMachineMonths: 12, mainPartsMonths: 12 } }, hqTwoAdmin);
    const foreignModel = otherNetwork.createProductModel.productModel.id;
    const unknown = await data(REGISTER_DEVICE, { input: { customerId, modelId: foreignModel, serialNumber: 'PF-10', purchaseSource: 'ELSEWHERE' } }, agentA);
    expect(unknown.registerDevice.userErrors[0].code).toBe('UNKNOWN_MODEL');
  });

  test('an extended warranty moves the decision', async () => {
    const updated = await data(`mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) { device { extendedWarrantyUntil warranty(on: "2099-01-01") { status } } userErrors { code } } }`, { input: { id: deviceId, extendedWarrantyUntil: '2099-12-31' } }, agentA);
    expect(updated.updateDevice.device).toEqual({ extendedWarrantyUntil: '2099-12-31', warranty: { status: 'EXTENDED' } });
  });

  test("another store cannot read the device by id, by serial, nor list it; a network store's sale is recorded", async () => {
    const byId = await api.gql(`query($id: ID!) { device(id: $id) { id } }`, { id: deviceId }, agentB);
    expect(byId.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await data(`{ deviceBySerial(serialNumber: "PF-1234") { id } }`, {}, agentB)).deviceBySerial).toBeNull();
    expect((await data(`{ devices(first: 50) { edges { node { id } } } }`, {}, agentB)).devices.edges).toEqual([]);
    const update = await api.gql(`mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) { userErrors { code } } }`, { input: { id: deviceId, invoiceNumber: 'X' } }, agentB);
    expect(update.body.errors[0].extensions.code).toBe('NOT_FOUND');

    const storeB = await data(`{ viewer { tenant { id } } }`, {}, agentB);
    const customer = await data(`mutation { createCustomer(input: { name: "Network Buyer", phone: "13599998888" }) { customer { id } } }`, {}, agentA);
    const network = await data(REGISTER_DEVICE, { input: { customerId: customer.createCustomer.customer.id, modelId, serialNumber: 'NET-1', purchaseDate: daysAgo(1), purchaseSource: 'NETWORK_STORE', purchaseStoreId: storeB.viewer.tenant.id } }, agentA);
    expect(network.registerDevice.userErrors).toEqual([]);
    const storeZ = await data(`{ viewer { tenant { id } } }`, {}, managerZ);
    const foreignStore = await data(REGISTER_DEVICE, { input: { customerId: customer.createCustomer.customer.id, modelId, serialNumber: 'NET-2', purchaseSource: 'NETWORK_STORE', purchaseStoreId: storeZ.viewer.tenant.id } }, agentA);
    expect(foreignStore.registerDevice.userErrors[0].code).toBe('UNKNOWN_STORE');
  });
});
