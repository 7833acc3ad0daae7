import { join } from 'node:path';
import { Client } from 'pg';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../domain/context';
import { UserInputError } from '../domain/errors';
import { formatMoney, money, Currency } from '../core/money';
import { priceFor } from '../domain/paid-services/price-for';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { projectRoot } from '../core/project-root';
import { TenantKind } from '../core/enums';
import { fromGlobalId } from '../core/global-id';
import { applyTenants } from '../tenants/provisioning/apply';
import { InvalidTenantFiles, loadTenantFiles } from '../tenants/provisioning/load';
import { writeTempYaml } from './support/network';
import { startTestApi, TestApi } from './support/test-api';

/**
 * HQ's catalogue of paid services (from tenant files and through GraphQL),
 * each store's price list inside HQ's ranges, and who can see what.
 */
let api: TestApi;
let admin: Client;
let hqAdmin: string;
let hqTwoAdmin: string;
let managerA: string;
let agentA: string;
let managerB: string;
let managerZ: string;
let partner: string;
let storeAId: string;
let storeBId: string;

/** hq-one's and hq-two's catalogues, provisioned the way a real network is: from a tenant file. */
const CATALOGUE_YAML = `
tenants:
  - slug: hq-one
    name: HQ One
    kind: HQ
    paidServices:
      - code: DUST_CLEANING
        name: { zh-CN: 除尘清洁与更换硅脂, en: Dust cleaning and thermal paste }
        description: Fans and heat sinks cleaned, thermal paste renewed.
        includes: [Fans cleaned, Thermal paste renewed]
        minPriceMinor: 9900
        maxPriceMinor: 19900
        requiresDevice: true
      - code: ONSITE_VISIT
        name: { zh-CN: 上门服务, en: On-site visit }
        description: An engineer comes to the customer.
        minPriceMinor: 8000
        maxPriceMinor: 20000
        requiresDevice: false
      - code: EXT_WARRANTY_1Y
        name: { zh-CN: 延长保修 1 年, en: "Extended warranty, 1 year" }
        description: One more year of whole-machine warranty.
        minPriceMinor: 29900
        maxPriceMinor: 49900
        requiresDevice: true
        warrantyExtensionMonths: 12
  - slug: hq-two
    name: HQ Two
    kind: HQ
    paidServices:
      - code: TWO_CLEANING
        name: { zh-CN: 清洁, en: Cleaning }
        description: Hq-two's own cleaning.
        minPriceMinor: 5000
        maxPriceMinor: 9000
        requiresDevice: true
`;

const SERVICE_FIELDS = `id code nameZhCn nameEn description includes minPrice { amountMinor currency formatted } maxPrice { amountMinor formatted }
  requiresDevice extendsWarranty warrantyExtensionMonths active version`;
const OFFER_FIELDS = `status available offered price { amountMinor currency formatted } version`;
const CREATE = `mutation($input: CreatePaidServiceInput!) { createPaidService(input: $input) { paidService { ${SERVICE_FIELDS} } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdatePaidServiceInput!) { updatePaidService(input: $input) { paidService { ${SERVICE_FIELDS} } userErrors { field code message } } }`;
const SET_PRICE = `mutation($input: SetServicePriceInput!) {
  setServicePrice(input: $input) { paidService { code storeOffer { ${OFFER_FIELDS} } } storeOffer { ${OFFER_FIELDS} } userErrors { field code message } } }`;
const LIST = `query($available: Boolean, $inactive: Boolean) { paidServices(first: 100, availableOnly: $available, includeInactive: $inactive) {
  edges { node { code active storeOffer { ${OFFER_FIELDS} } } } } }`;

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

async function data(query: string, variables: Record<string, unknown>, token: string) {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

interface ListedService {
  code: string;
  active: boolean;
  storeOffer: { status: string; available: boolean; offered: boolean; price: { amountMinor: number } | null; version: number | null } | null;
}

async function catalogue(token: string, options: { available?: boolean; inactive?: boolean } = {}): Promise<Map<string, ListedService>> {
  const result = await data(LIST, { available: options.available ?? false, inactive: options.inactive ?? false }, token);
  return new Map(result.paidServices.edges.map((e: { node: ListedService }) => [e.node.code, e.node]));
}

async function serviceId(code: string): Promise<string> {
  const all = await data(`{ paidServices(first: 100, includeInactive: true) { edges { node { id code } } } }`, {}, hqAdmin);
  return all.paidServices.edges.find((e: { node: { code: string } }) => e.node.code === code).node.id;
}

async function setPrice(token: string, code: string, input: Record<string, unknown>) {
  return (await data(SET_PRICE, { input: { serviceId: await serviceId(code), ...input } }, token)).setServicePrice;
}

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  await applyTenants(api.orm, loadTenantFiles(writeTempYaml(CATALOGUE_YAML)), systemClock);
  [hqAdmin, hqTwoAdmin, managerA, agentA, managerB, managerZ, partner] = await Promise.all([
    api.login('hq-one', 'admin@hq-one.test'),
    api.login('hq-two', 'admin@hq-two.test'),
    api.login('store-a', 'manager@store-a.test'),
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-b', 'manager@store-b.test'),
    api.login('store-z', 'manager@store-z.test'),
    api.login('partner-p', 'manager@partner-p.test'),
  ]);
  const ids = await admin.query<{ slug: string; id: string }>(`select slug, id from tenants where slug in ('store-a', 'store-b')`);
  storeAId = ids.rows.find((row) => row.slug === 'store-a')!.id;
  storeBId = ids.rows.find((row) => row.slug === 'store-b')!.id;
}, 60000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

describe('money', () => {
  test('amounts are formatted from minor units with the currency', () => {
    expect(formatMoney(money(9900, Currency.CNY))).toBe('¥99.00');
    expect(formatMoney(money(129905, Currency.CNY))).toBe('¥1,299.05');
    expect(formatMoney(money(7, Currency.CNY))).toBe('¥0.07');
  });
});

describe('provisioning the catalogue from tenant files', () => {
  test('the demo network ships the 7 paid services, and applying it again changes nothing', async () => {
    const demo = loadTenantFiles(join(projectRoot(), 'tenants', 'demo'));
    const first = await applyTenants(api.orm, demo, systemClock);
    const created = first.filter((change) => change.startsWith('demo-hq: paid service'));
    expect(created.sort()).toEqual(
      ['DATA_RECOVERY', 'DUST_CLEANING', 'EXPRESS_REPAIR', 'EXTENDED_WARRANTY_1Y', 'EXTENDED_WARRANTY_2Y', 'ONSITE_VISIT', 'SYSTEM_REINSTALL'].map(
        (code) => `demo-hq: paid service ${code} created`,
      ),
    );
    expect(await applyTenants(api.orm, loadTenantFiles(join(projectRoot(), 'tenants', 'demo')), systemClock)).toEqual([]);

    const { rows } = await admin.query(
      `select s.code, s.min_price_minor, s.max_price_minor, s.extends_warranty, s.warranty_extension_months, s.requires_device
         from paid_services s join tenants t on t.id = s.tenant_id where t.slug = 'demo-hq' order by s.code`,
    );
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(row.min_price_minor).toBeLessThanOrEqual(row.max_price_minor);
    expect(rows.filter((r) => r.extends_warranty).map((r) => [r.code, r.warranty_extension_months, r.requires_device])).toEqual([
      ['EXTENDED_WARRANTY_1Y', 12, true],
      ['EXTENDED_WARRANTY_2Y', 24, true],
    ]);
    // A store of the demo network reads its HQ's catalogue.
    const store = await api.login('bj-zgc', 'manager@bj-zgc.example.com', 'demo-password-1');
    expect([...(await catalogue(store)).keys()].sort()).toEqual(rows.map((r) => r.code));
  });

  test("a file's change of range is applied and reported; services absent from the file stay", async () => {
    const narrowed = CATALOGUE_YAML.replace('minPriceMinor: 8000', 'minPriceMinor: 9000').replace(/ {2}- slug: hq-two[\s\S]*$/, '');
    const changes = await applyTenants(api.orm, loadTenantFiles(writeTempYaml(narrowed)), systemClock);
    expect(changes).toEqual(['hq-one: paid service ONSITE_VISIT updated (minPriceMinor)']);
    const back = await applyTenants(api.orm, loadTenantFiles(writeTempYaml(CATALOGUE_YAML)), systemClock);
    expect(back).toEqual(['hq-one: paid service ONSITE_VISIT updated (minPriceMinor)']);
    expect((await catalogue(hqTwoAdmin)).has('TWO_CLEANING')).toBe(true);
  });

  test('invalid catalogues in files are refused, saying where', () => {
    const refused = (yaml: string): string => {
      try {
        loadTenantFiles(writeTempYaml(yaml));
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidTenantFiles);
        return (error as Error).message;
      }
      throw new Error('the file was accepted');
    };
    const service = (changes: Record<string, string> = {}) => {
      const fields = {
        code: 'X1',
        name: '{ zh-CN: 甲, en: A }',
        description: 'd',
        minPriceMinor: '100',
        maxPriceMinor: '200',
        requiresDevice: 'true',
        ...changes,
      };
      const flow = Object.entries(fields)
        .map(([key, value]) => `${key}: ${value}`)
        .join(', ');
      return `
tenants:
  - slug: bad-hq
    name: Bad
    kind: HQ
    paidServices:
      - { ${flow} }
`;
    };
    expect(refused(service({ maxPriceMinor: '50' }))).toMatch(/paidServices\[0\]\.maxPriceMinor: minPriceMinor must not be above maxPriceMinor/);
    expect(refused(service({ minPriceMinor: '0' }))).toMatch(/paidServices\[0\]\.minPriceMinor/);
    expect(refused(service({ requiresDevice: 'false', warrantyExtensionMonths: '12' }))).toMatch(
      /paidServices\[0\]\.requiresDevice: a service that extends the warranty requires a device/,
    );
    expect(refused(service({ code: 'lower' }))).toMatch(/paidServices\[0\]\.code/);
    const twice = service().replace(/( {6}- \{.*\n)/, '$1$1');
    expect(refused(twice)).toMatch(/paidServices\[1\]\.code: X1 appears twice/);
    const inStore = `
tenants:
  - slug: bad-store
    name: Bad store
    kind: STORE
    parent: hq-one
    paidServices:
      - { code: X1, name: { zh-CN: 甲, en: A }, description: d, minPriceMinor: 100, maxPriceMinor: 200, requiresDevice: true }
`;
    expect(refused(inStore)).toMatch(/paidServices: only an HQ keeps a catalogue of paid services/);
  });
});

describe('HQ manages its catalogue', () => {
  test('HQ creates a service; codes are raised to upper case and a taken code is refused', async () => {
    const created = await data(
      CREATE,
      {
        input: {
          code: 'battery_check',
          nameZhCn: ' 电池检测 ',
          nameEn: 'Battery check',
          description: 'Battery health measured and reported.',
          includes: ['Capacity measured', '  ', 'Report printed'],
          minPrice: cny(3000),
          maxPrice: cny(6000),
          requiresDevice: true,
        },
      },
      hqAdmin,
    );
    expect(created.createPaidService.userErrors).toEqual([]);
    expect(created.createPaidService.paidService).toMatchObject({
      code: 'BATTERY_CHECK',
      nameZhCn: '电池检测',
      includes: ['Capacity measured', 'Report printed'],
      minPrice: { amountMinor: 3000, currency: 'CNY', formatted: '¥30.00' },
      maxPrice: { amountMinor: 6000, formatted: '¥60.00' },
      extendsWarranty: false,
      warrantyExtensionMonths: null,
      active: true,
      version: 1,
    });
    const again = await data(
      CREATE,
      { input: { code: 'BATTERY_CHECK', nameZhCn: '甲', nameEn: 'A', description: 'd', minPrice: cny(1), maxPrice: cny(2), requiresDevice: true } },
      hqAdmin,
    );
    expect(again.createPaidService).toEqual({ paidService: null, userErrors: [{ field: ['code'], code: 'SERVICE_CODE_TAKEN', message: expect.any(String) }] });
  });

  test.each([
    ['a range whose lowest price is above its highest', { minPrice: cny(5000), maxPrice: cny(4000) }, 'INVALID_RANGE', ['minPrice']],
    ['a free service', { minPrice: cny(0), maxPrice: cny(4000) }, 'INVALID_AMOUNT', ['minPrice', 'amountMinor']],
    ['a negative price', { minPrice: cny(-100), maxPrice: cny(4000) }, 'INVALID_AMOUNT', ['minPrice', 'amountMinor']],
    ['a warranty extension without months', { extendsWarranty: true }, 'WARRANTY_MONTHS_REQUIRED', ['warrantyExtensionMonths']],
    ['months without a warranty extension', { warrantyExtensionMonths: 12 }, 'INVALID_WARRANTY_EXTENSION', ['warrantyExtensionMonths']],
    ['an extension of 61 months', { extendsWarranty: true, warrantyExtensionMonths: 61 }, 'INVALID_WARRANTY_EXTENSION', ['warrantyExtensionMonths']],
    [
      'a warranty extension without a device',
      { extendsWarranty: true, warrantyExtensionMonths: 12, requiresDevice: false },
      'DEVICE_REQUIRED',
      ['requiresDevice'],
    ],
    ['a code with spaces', { code: 'NO SPACES' }, 'INVALID_CODE', ['code']],
    ['an empty name', { nameEn: '   ' }, 'INVALID_TEXT', ['nameEn']],
  ])('refuses %s', async (_what, change, code, field) => {
    const input = { code: 'REFUSED', nameZhCn: '甲', nameEn: 'A', description: 'd', minPrice: cny(1000), maxPrice: cny(2000), requiresDevice: true, ...change };
    const result = await data(CREATE, { input }, hqAdmin);
    expect(result.createPaidService.paidService).toBeNull();
    expect(result.createPaidService.userErrors).toEqual([{ field, code, message: expect.any(String) }]);
  });

  test('HQ updates a service: omitted fields stay, the whole is checked again, a stale version is refused', async () => {
    const created = await data(
      CREATE,
      {
        input: {
          code: 'EXT_2Y',
          nameZhCn: '延保两年',
          nameEn: 'Two more years',
          description: 'd',
          minPrice: cny(49900),
          maxPrice: cny(89900),
          requiresDevice: true,
          extendsWarranty: true,
          warrantyExtensionMonths: 24,
        },
      },
      hqAdmin,
    );
    const { id, version } = created.createPaidService.paidService;
    const renamed = await data(UPDATE, { input: { id, expectedVersion: version, nameEn: 'Extended warranty, 2 years', maxPrice: cny(79900) } }, hqAdmin);
    expect(renamed.updatePaidService.paidService).toMatchObject({
      nameEn: 'Extended warranty, 2 years',
      nameZhCn: '延保两年',
      minPrice: { amountMinor: 49900 },
      maxPrice: { amountMinor: 79900 },
      warrantyExtensionMonths: 24,
      version: version + 1,
    });
    const stale = await data(UPDATE, { input: { id, expectedVersion: version, nameEn: 'Lost update' } }, hqAdmin);
    expect(stale.updatePaidService.userErrors[0]).toMatchObject({ code: 'STALE', field: ['expectedVersion'] });
    const belowMin = await data(UPDATE, { input: { id, maxPrice: cny(40000) } }, hqAdmin);
    expect(belowMin.updatePaidService.userErrors[0]).toMatchObject({ code: 'INVALID_RANGE' });
    const noDevice = await data(UPDATE, { input: { id, requiresDevice: false } }, hqAdmin);
    expect(noDevice.updatePaidService.userErrors[0]).toMatchObject({ code: 'DEVICE_REQUIRED' });
    const noExtension = await data(UPDATE, { input: { id, extendsWarranty: false } }, hqAdmin);
    expect(noExtension.updatePaidService.paidService).toMatchObject({ extendsWarranty: false, warrantyExtensionMonths: null });
    const read = await data(`query($id: ID!) { paidService(id: $id) { nameEn maxPrice { amountMinor } extendsWarranty } }`, { id }, managerA);
    expect(read.paidService).toEqual({ nameEn: 'Extended warranty, 2 years', maxPrice: { amountMinor: 79900 }, extendsWarranty: false });
  });

  test('only HQ writes the catalogue', async () => {
    const input = { code: 'STORE_MADE', nameZhCn: '甲', nameEn: 'A', description: 'd', minPrice: cny(1), maxPrice: cny(2), requiresDevice: false };
    for (const token of [managerA, agentA, partner]) {
      const res = await api.gql(CREATE, { input }, token);
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const update = await api.gql(UPDATE, { input: { id: await serviceId('DUST_CLEANING'), nameEn: 'Mine' } }, managerA);
    expect(update.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe("a store's price list", () => {
  test('a price inside the range is offered; outside it is refused with the range in the message', async () => {
    const before = (await catalogue(managerA)).get('DUST_CLEANING')!;
    expect(before.storeOffer).toEqual({ status: 'UNPRICED', available: false, offered: false, price: null, version: null });

    const outside = await setPrice(managerA, 'DUST_CLEANING', { price: cny(25000), offered: true });
    expect(outside.storeOffer).toBeNull();
    expect(outside.userErrors).toEqual([
      { field: ['price', 'amountMinor'], code: 'PRICE_OUT_OF_RANGE', message: 'The price of DUST_CLEANING must be between ¥99.00 and ¥199.00, as set by HQ' },
    ]);
    const below = await setPrice(managerA, 'DUST_CLEANING', { price: cny(9899), offered: true });
    expect(below.userErrors[0].message).toContain('between ¥99.00 and ¥199.00');

    const inside = await setPrice(managerA, 'DUST_CLEANING', { price: cny(12900), offered: true });
    expect(inside.userErrors).toEqual([]);
    expect(inside.storeOffer).toEqual({
      status: 'AVAILABLE',
      available: true,
      offered: true,
      price: { amountMinor: 12900, currency: 'CNY', formatted: '¥129.00' },
      version: 1,
    });
    expect(inside.paidService.storeOffer).toEqual(inside.storeOffer);
    const edge = await setPrice(managerA, 'DUST_CLEANING', { price: cny(19900), offered: true, expectedVersion: 1 });
    expect(edge.storeOffer).toMatchObject({ status: 'AVAILABLE', price: { amountMinor: 19900 }, version: 2 });
    const back = await setPrice(managerA, 'DUST_CLEANING', { price: cny(12900), offered: true, expectedVersion: 2 });
    expect(back.storeOffer.version).toBe(3);
    const stale = await setPrice(managerA, 'DUST_CLEANING', { price: cny(13900), offered: true, expectedVersion: 1 });
    expect(stale.userErrors[0]).toMatchObject({ code: 'STALE', field: ['expectedVersion'] });

    const audit = await admin.query(`select detail from audit_events where tenant_id = $1 and action = 'PRICE_SET' order by occurred_at, id`, [storeAId]);
    expect(audit.rows.map((row) => row.detail.to.priceMinor)).toEqual([12900, 19900, 12900]);
  });

  test('services a store does not offer: never priced, marked not offered (the price is kept), offering needs a price', async () => {
    const unpriced = await setPrice(managerA, 'ONSITE_VISIT', { offered: true });
    expect(unpriced.userErrors).toEqual([{ field: ['price'], code: 'PRICE_REQUIRED', message: expect.any(String) }]);

    const paused = await setPrice(managerA, 'ONSITE_VISIT', { price: cny(15000), offered: false });
    expect(paused.storeOffer).toMatchObject({ status: 'NOT_OFFERED', available: false, offered: false, price: { amountMinor: 15000 } });
    const resumed = await setPrice(managerA, 'ONSITE_VISIT', { offered: true });
    expect(resumed.storeOffer).toMatchObject({ status: 'AVAILABLE', offered: true, price: { amountMinor: 15000 } });

    const list = await catalogue(managerA);
    expect(list.get('EXT_WARRANTY_1Y')!.storeOffer!.status).toBe('UNPRICED');
    const available = await catalogue(managerA, { available: true });
    expect([...available.keys()].sort()).toEqual(['DUST_CLEANING', 'ONSITE_VISIT']);
  });

  test('only the store manager sets prices; HQ and partners have no price list and read no store offer', async () => {
    const agent = await api.gql(SET_PRICE, { input: { serviceId: await serviceId('DUST_CLEANING'), price: cny(10000), offered: true } }, agentA);
    expect(agent.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const hq = await api.gql(SET_PRICE, { input: { serviceId: await serviceId('DUST_CLEANING'), price: cny(10000), offered: true } }, hqAdmin);
    expect(hq.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const partnerSet = await api.gql(SET_PRICE, { input: { serviceId: await serviceId('DUST_CLEANING'), price: cny(10000), offered: true } }, partner);
    expect(partnerSet.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await catalogue(partner)).get('DUST_CLEANING')!.storeOffer).toBeNull();
    expect((await catalogue(hqAdmin)).get('DUST_CLEANING')!.storeOffer).toBeNull();
    // The agent at the desk reads what the store sells and at what price.
    expect((await catalogue(agentA)).get('DUST_CLEANING')!.storeOffer).toMatchObject({ status: 'AVAILABLE', price: { amountMinor: 12900 } });
  });

  test("store B neither sees nor changes store A's prices; the database refuses it too", async () => {
    expect((await catalogue(managerB)).get('DUST_CLEANING')!.storeOffer).toMatchObject({ status: 'UNPRICED', price: null });
    const own = await setPrice(managerB, 'DUST_CLEANING', { price: cny(15900), offered: true });
    expect(own.storeOffer).toMatchObject({ status: 'AVAILABLE', price: { amountMinor: 15900 }, version: 1 });
    expect((await catalogue(managerA)).get('DUST_CLEANING')!.storeOffer).toMatchObject({ price: { amountMinor: 12900 }, version: 3 });

    await inTenantTransaction(api.orm, storeBId, async (em) => {
      const seen = await em.execute<{ tenant_id: string }[]>('select tenant_id from price_list_entries');
      expect(new Set(seen.map((row) => row.tenant_id))).toEqual(new Set([storeBId]));
      const changed = await em.execute(`update price_list_entries set price_minor = 9900 where tenant_id = ?`, [storeAId], 'run');
      expect(changed).toMatchObject({ affectedRows: 0 });
    });
    const stillA = await admin.query(`select price_minor from price_list_entries where tenant_id = $1 and price_minor = 9900`, [storeAId]);
    expect(stillA.rows).toEqual([]);
  });

  test("another HQ's stores cannot see hq-one's catalogue: not listed, not by id, not as a node, not priceable", async () => {
    const dust = await serviceId('DUST_CLEANING');
    expect([...(await catalogue(managerZ)).keys()]).toEqual(['TWO_CLEANING']);
    expect([...(await catalogue(hqTwoAdmin)).keys()]).toEqual(['TWO_CLEANING']);
    for (const token of [managerZ, hqTwoAdmin]) {
      const byId = await api.gql(`query($id: ID!) { paidService(id: $id) { code } }`, { id: dust }, token);
      expect(byId.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const node = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: dust }, token);
      expect(node.body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    const price = await api.gql(SET_PRICE, { input: { serviceId: dust, price: cny(12900), offered: true } }, managerZ);
    expect(price.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const hqTwoUpdate = await api.gql(UPDATE, { input: { id: dust, nameEn: 'Taken over' } }, hqTwoAdmin);
    expect(hqTwoUpdate.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await data(`query($id: ID!) { node(id: $id) { ... on PaidService { code } } }`, { id: dust }, agentA)).node).toEqual({ code: 'DUST_CLEANING' });
  });
});

describe('HQ narrows a range or withdraws a service', () => {
  const asStoreA = <T>(work: (ctx: TenantContext) => Promise<T>) =>
    inTenantTransaction(api.orm, storeAId, (em) =>
      work({ tenantId: storeAId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }),
    );
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserInputError);
    return error as UserInputError;
  };

  test("a store's price left outside a narrower range is kept, reads OUT_OF_RANGE and cannot be sold until fixed", async () => {
    const dust = await serviceId('DUST_CLEANING');
    const dustId = fromGlobalId(dust, 'PaidService')!.id;
    expect(await asStoreA((ctx) => priceFor(ctx, dustId))).toMatchObject({ amountMinor: 12900, currency: 'CNY', service: { code: 'DUST_CLEANING' } });

    const narrowed = await data(UPDATE, { input: { id: dust, minPrice: cny(15900) } }, hqAdmin);
    expect(narrowed.updatePaidService.userErrors).toEqual([]);

    expect((await catalogue(managerA)).get('DUST_CLEANING')!.storeOffer).toEqual({
      status: 'OUT_OF_RANGE',
      available: false,
      offered: true,
      price: { amountMinor: 12900, currency: 'CNY', formatted: '¥129.00' },
      version: 3,
    });
    // Store B's 159.00 is still inside.
    expect((await catalogue(managerB)).get('DUST_CLEANING')!.storeOffer!.status).toBe('AVAILABLE');
    expect((await catalogue(managerA, { available: true })).has('DUST_CLEANING')).toBe(false);
    const refused = await refusal(asStoreA((ctx) => priceFor(ctx, dustId)));
    expect(refused).toMatchObject({ code: 'PRICE_OUT_OF_RANGE', field: ['serviceId'] });
    expect(refused.message).toContain('between ¥159.00 and ¥199.00');

    const offerAgain = await setPrice(managerA, 'DUST_CLEANING', { offered: true });
    expect(offerAgain.userErrors[0]).toMatchObject({ code: 'PRICE_OUT_OF_RANGE', field: ['price'] });
    expect(offerAgain.userErrors[0].message).toContain('between ¥159.00 and ¥199.00');
    // Pausing it keeps the old price without complaint.
    const paused = await setPrice(managerA, 'DUST_CLEANING', { offered: false });
    expect(paused.storeOffer).toMatchObject({ status: 'NOT_OFFERED', price: { amountMinor: 12900 } });
    const fixed = await setPrice(managerA, 'DUST_CLEANING', { price: cny(16900), offered: true });
    expect(fixed.storeOffer).toMatchObject({ status: 'AVAILABLE', price: { amountMinor: 16900 } });
    expect(await asStoreA((ctx) => priceFor(ctx, dustId))).toMatchObject({ amountMinor: 16900, currency: 'CNY' });
  });

  test('a deactivated service is not sold anywhere and cannot be offered; reactivated, the kept prices apply again', async () => {
    const visit = await serviceId('ONSITE_VISIT');
    const visitId = fromGlobalId(visit, 'PaidService')!.id;
    const ACTIVATION = (name: string) =>
      `mutation($input: PaidServiceActivationInput!) { ${name}(input: $input) { paidService { active version } userErrors { code } } }`;
    const off = await data(ACTIVATION('deactivatePaidService'), { input: { id: visit } }, hqAdmin);
    expect(off.deactivatePaidService.paidService.active).toBe(false);
    const twice = await data(ACTIVATION('deactivatePaidService'), { input: { id: visit } }, hqAdmin);
    expect(twice.deactivatePaidService.userErrors).toEqual([{ code: 'ALREADY_INACTIVE' }]);

    expect((await catalogue(managerA)).has('ONSITE_VISIT')).toBe(false);
    expect((await catalogue(managerA, { inactive: true })).get('ONSITE_VISIT')!.storeOffer).toMatchObject({
      status: 'SERVICE_INACTIVE',
      price: { amountMinor: 15000 },
    });
    expect(await refusal(asStoreA((ctx) => priceFor(ctx, visitId)))).toMatchObject({ code: 'SERVICE_INACTIVE' });
    const offer = await setPrice(managerA, 'ONSITE_VISIT', { price: cny(12000), offered: true });
    expect(offer.userErrors[0]).toMatchObject({ code: 'SERVICE_INACTIVE' });

    const on = await data(ACTIVATION('reactivatePaidService'), { input: { id: visit } }, hqAdmin);
    expect(on.reactivatePaidService.paidService.active).toBe(true);
    expect(await asStoreA((ctx) => priceFor(ctx, visitId))).toMatchObject({ amountMinor: 15000 });
  });

  test('priceFor refuses what the store does not offer', async () => {
    const warranty = fromGlobalId(await serviceId('EXT_WARRANTY_1Y'), 'PaidService')!.id;
    expect(await refusal(asStoreA((ctx) => priceFor(ctx, warranty)))).toMatchObject({ code: 'NOT_OFFERED', field: ['serviceId'] });
  });
});
