import { Client } from 'pg';
import { ManualClock, systemClock } from '../core/clock';
import { applyTenants } from '../tenants/provisioning/apply';
import { loadTenantFiles } from '../tenants/provisioning/load';
import { insertTicket, tenantGlobalId, uuidOf } from './support/desk-fixtures';
import { parseCsv } from './support/csv';
import { PASSWORD, writeTempYaml } from './support/network';
import { startTestApi, TestApi } from './support/test-api';

/**
 * A partner's work-order figures, from work orders handed over by store-a and
 * reported on by partner-p's system at known instants (Asia/Shanghai). The
 * store's deadline of each order is set by hand to a known instant (how it is
 * derived from the store's clocks is tested with the dispatch).
 *
 *      received     deadline      reports                                           in March
 * W0   Feb 27 09:00 Mar 3 18:00   REPAIRED Mar 2 09:00                               repaired on time, 72 h
 * W1   Mar 2 09:00  Mar 4 18:00   REPAIRED Mar 3 09:00                               received, on time, 24 h
 * W2   Mar 2 10:00  Mar 3 10:00   REPAIRED Mar 3 16:00                               received, late, 30 h
 * W3   Mar 3 09:00  Mar 10 18:00  IN_REPAIR 3rd 10:00, REPAIRED 4th 09:00,
 *                                 IN_REPAIR 4th 10:00, REPAIRED 5th 09:00             received, reworked, on time, 48 h
 * W4   Mar 3 11:00  none          RETURNED Mar 4 12:00                               received, returned unrepaired
 * W5   Mar 4 09:00  none          CANCELLED Mar 4 10:00                              received, cancelled
 * W6   Mar 5 09:00  Mar 6 18:00   IN_REPAIR Mar 5 10:00                              received, open and overdue at the end
 * W7   Mar 30 09:00 none          REPAIRED Mar 31 21:00                              received, repaired without a deadline, 36 h
 * W8   Mar 31 23:30 Apr 5 18:00   -                                                  received, open at the end
 * W9   Apr 1 00:30  none          -                                                  (April: Mar 31 16:30 UTC)
 * W10  Mar 10 09:00 Mar 12 18:00  REPAIRED Mar 11 09:00, RETURNED Mar 12 09:00        received, on time, 24 h
 *
 * Before a repair is reported done the order goes IN_REPAIR (or WAITING_PARTS)
 * an hour or two after receipt, which no figure counts.
 * The figures are read on Thursday 2026-04-02 at 10:00.
 */
const at = (local: string) => new Date(`${local}+08:00`);
const clock = new ManualClock(at('2026-02-27T08:00:00'));
let api: TestApi;
let admin: Client;
const key: Record<string, string> = {};
const order: Record<string, { id: string; reference: string }> = {};
let partnerP: string;

const FIGURES = `query($period: FigurePeriodInput!, $groupBy: FigureInterval) {
  workOrderFigures(period: $period, groupBy: $groupBy) {
    from to received repaired repairedOnTime repairedLate repairedWithoutDeadline onTimePercent reworked returnedUnrepaired cancelled open overdue
    turnaround { averageHours medianHours p90Hours }
    series { start received repaired repairedOnTime repairedLate }
  }
}`;
const ORDERS = `query($period: FigurePeriodInput!, $figure: WorkOrderFigure!, $first: Int!, $after: String) {
  workOrderFigureOrders(period: $period, figure: $figure, first: $first, after: $after) {
    edges { node { id reference status repairedAt returnedAt reworks } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(credential: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

/** The error's code, and for bad input the reason the domain gave. */
async function errorOf(credential: string, query: string, variables: Record<string, unknown>): Promise<string> {
  const extensions = (await api.gql(query, variables, credential)).body.errors?.[0]?.extensions;
  return [extensions?.code, extensions?.reason].filter(Boolean).join(' ') || 'none';
}

let serial = 0;
async function handOver(label: string, received: string, deadline: string | null): Promise<void> {
  clock.set(at(received));
  serial += 1;
  const ticketId = await insertTicket(admin, { device: { modelCode: 'TB-14-2026', serialNumber: `SN-WOF-${serial}` }, problem: `Repair ${label}` });
  const dispatched = await call(key.store, `mutation($input: DispatchToPartnerInput!) { dispatchToPartner(input: $input) { userErrors { code message } } }`, {
    input: { ticketId, partnerTenantId: partnerP },
  });
  expect(dispatched.dispatchToPartner.userErrors).toEqual([]);
  const newest = (await call(key.partner, `{ workOrders(first: 1) { edges { node { id reference createdAt } } } }`)).workOrders.edges[0].node;
  expect(new Date(newest.createdAt)).toEqual(at(received));
  order[label] = { id: newest.id, reference: newest.reference };
  await admin.query(`update work_orders set store_due_at = $2 where id = $1`, [uuidOf(newest.id), deadline ? at(deadline) : null]);
}

async function report(label: string, status: string, when: string): Promise<void> {
  clock.set(at(when));
  const data = await call(key.system, `mutation($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { userErrors { code message } } }`, {
    input: { workOrderId: order[label].id, status },
  });
  expect(data.updateWorkOrder.userErrors).toEqual([]);
}

/** Every order behind a figure, walked two at a time, as their labels. */
async function ordersBehind(credential: string, period: Record<string, string>, figure: string): Promise<string[]> {
  const labels: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { edges: { node: { id: string; reference: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (
      await call(credential, ORDERS, { period, figure, first: 2, after })
    ).workOrderFigureOrders;
    for (const edge of page.edges) labels.push(Object.keys(order).find((label) => order[label].id === edge.node.id) ?? edge.node.reference);
    if (!page.pageInfo.hasNextPage) return labels.sort();
    after = page.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  await applyTenants(
    api.orm,
    loadTenantFiles(
      writeTempYaml(`
tenants:
  - slug: partner-q
    name: Partner Q
    kind: PARTNER
    parent: hq-one
    staff:
      - { email: manager@partner-q.test, name: Manager Q, role: STORE_MANAGER, password: ${PASSWORD} }
`),
    ),
    systemClock,
  );
  partnerP = await tenantGlobalId(admin, 'partner-p');
  const keyOf = async (tenant: string, email: string, role: string) =>
    (await call(await api.login(tenant, email), `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, { i: { name: 'figures', role } }))
      .createApiKey.secret;
  key.store = await keyOf('store-a', 'manager@store-a.test', 'STORE_MANAGER');
  key.partner = await keyOf('partner-p', 'manager@partner-p.test', 'STORE_MANAGER');
  key.system = await keyOf('partner-p', 'manager@partner-p.test', 'PARTNER_SYSTEM');
  key.otherPartner = await keyOf('partner-q', 'manager@partner-q.test', 'STORE_MANAGER');
  key.hq = await keyOf('hq-one', 'admin@hq-one.test', 'HQ_SUPERVISOR');

  await handOver('W0', '2026-02-27T09:00:00', '2026-03-03T18:00:00');
  await report('W0', 'IN_REPAIR', '2026-02-27T10:00:00');
  await report('W0', 'REPAIRED', '2026-03-02T09:00:00');
  await handOver('W1', '2026-03-02T09:00:00', '2026-03-04T18:00:00');
  await handOver('W2', '2026-03-02T10:00:00', '2026-03-03T10:00:00');
  await report('W1', 'IN_REPAIR', '2026-03-02T11:00:00');
  await report('W2', 'WAITING_PARTS', '2026-03-02T11:00:00');
  await report('W1', 'REPAIRED', '2026-03-03T09:00:00');
  await handOver('W3', '2026-03-03T09:00:00', '2026-03-10T18:00:00');
  await report('W3', 'IN_REPAIR', '2026-03-03T10:00:00');
  await handOver('W4', '2026-03-03T11:00:00', null);
  await report('W2', 'REPAIRED', '2026-03-03T16:00:00');
  await handOver('W5', '2026-03-04T09:00:00', null);
  await report('W3', 'REPAIRED', '2026-03-04T09:00:00');
  await report('W3', 'IN_REPAIR', '2026-03-04T10:00:00');
  await report('W5', 'CANCELLED', '2026-03-04T10:00:00');
  await report('W4', 'RETURNED', '2026-03-04T12:00:00');
  await handOver('W6', '2026-03-05T09:00:00', '2026-03-06T18:00:00');
  await report('W3', 'REPAIRED', '2026-03-05T09:00:00');
  await report('W6', 'IN_REPAIR', '2026-03-05T10:00:00');
  await handOver('W10', '2026-03-10T09:00:00', '2026-03-12T18:00:00');
  await report('W10', 'IN_REPAIR', '2026-03-10T10:00:00');
  await report('W10', 'REPAIRED', '2026-03-11T09:00:00');
  await report('W10', 'RETURNED', '2026-03-12T09:00:00');
  await handOver('W7', '2026-03-30T09:00:00', null);
  await report('W7', 'IN_REPAIR', '2026-03-30T10:00:00');
  await report('W7', 'REPAIRED', '2026-03-31T21:00:00');
  await handOver('W8', '2026-03-31T23:30:00', '2026-04-05T18:00:00');
  await handOver('W9', '2026-04-01T00:30:00', null);
  clock.set(at('2026-04-02T10:00:00'));
}, 120000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

const MARCH = { month: '2026-03' };

test("a partner's month: received, repaired by the store's deadline or late, reworked, returned, cancelled, open and overdue", async () => {
  const { workOrderFigures } = await call(key.partner, FIGURES, { period: MARCH });
  expect(workOrderFigures).toEqual({
    from: '2026-03-01',
    to: '2026-03-31',
    received: 9,
    repaired: 6,
    repairedOnTime: 4,
    repairedLate: 1,
    repairedWithoutDeadline: 1,
    onTimePercent: 80,
    reworked: 1,
    returnedUnrepaired: 1,
    cancelled: 1,
    open: 2,
    overdue: 1,
    // 24, 24, 30, 36, 48, 72 hours
    turnaround: { averageHours: 39, medianHours: 33, p90Hours: 60 },
    series: [],
  });
});

test('each figure drills down to exactly the orders it counts, page by page', async () => {
  const expected: Record<string, string[]> = {
    RECEIVED: ['W1', 'W10', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8'],
    REPAIRED: ['W0', 'W1', 'W10', 'W2', 'W3', 'W7'],
    REPAIRED_ON_TIME: ['W0', 'W1', 'W10', 'W3'],
    REPAIRED_LATE: ['W2'],
    REPAIRED_WITHOUT_DEADLINE: ['W7'],
    REWORKED: ['W3'],
    RETURNED_UNREPAIRED: ['W4'],
    CANCELLED: ['W5'],
    OPEN: ['W6', 'W8'],
    OVERDUE: ['W6'],
  };
  for (const [figure, labels] of Object.entries(expected)) expect([figure, await ordersBehind(key.partner, MARCH, figure)]).toEqual([figure, labels]);
  const reworked = (await call(key.partner, ORDERS, { period: MARCH, figure: 'REWORKED', first: 1 })).workOrderFigureOrders.edges[0].node;
  expect(reworked).toMatchObject({ status: 'REPAIRED', repairedAt: at('2026-03-05T09:00:00').toISOString(), returnedAt: null, reworks: 1 });
  const returned = (await call(key.partner, ORDERS, { period: MARCH, figure: 'RECEIVED', first: 100 })).workOrderFigureOrders.edges
    .map((edge: { node: { id: string } }) => edge.node)
    .find((node: { id: string }) => node.id === order.W10.id);
  expect(returned).toMatchObject({
    status: 'RETURNED',
    repairedAt: at('2026-03-11T09:00:00').toISOString(),
    returnedAt: at('2026-03-12T09:00:00').toISOString(),
  });
});

test("weeks of the series: received on the day of receipt, repairs on the day done, in the partner's time zone", async () => {
  const { workOrderFigures } = await call(key.partner, FIGURES, { period: MARCH, groupBy: 'WEEK' });
  const zero = { received: 0, repaired: 0, repairedOnTime: 0, repairedLate: 0 };
  expect(workOrderFigures.series).toEqual([
    { start: '2026-02-23', ...zero },
    { start: '2026-03-02', received: 6, repaired: 4, repairedOnTime: 3, repairedLate: 1 },
    { start: '2026-03-09', ...zero, received: 1, repaired: 1, repairedOnTime: 1 },
    { start: '2026-03-16', ...zero },
    { start: '2026-03-23', ...zero },
    { start: '2026-03-30', ...zero, received: 2, repaired: 1 },
  ]);
});

test('a range counts its own days, open at its end; a period not ended counts open as of now; the day ends at local midnight', async () => {
  const early = (await call(key.partner, FIGURES, { period: { from: '2026-03-01', to: '2026-03-03' } })).workOrderFigures;
  expect(early).toMatchObject({ received: 4, repaired: 3, repairedOnTime: 2, repairedLate: 1, open: 2, overdue: 0 });
  expect(await ordersBehind(key.partner, { from: '2026-03-01', to: '2026-03-03' }, 'OPEN')).toEqual(['W3', 'W4']);
  // W8 came in at 23:30 on 31 March, W9 half an hour after midnight (16:30 UTC on the 31st): April has W9 alone.
  const april = (await call(key.partner, FIGURES, { period: { month: '2026-04' } })).workOrderFigures;
  expect(april).toMatchObject({
    received: 1,
    repaired: 0,
    open: 3,
    overdue: 1,
    onTimePercent: null,
    turnaround: { averageHours: null, medianHours: null, p90Hours: null },
  });
  expect(await ordersBehind(key.partner, { month: '2026-04' }, 'RECEIVED')).toEqual(['W9']);
  // An order handed over at the very instant of the reading is received and open.
  await handOver('W11', '2026-04-02T10:00:00', null);
  expect((await call(key.partner, FIGURES, { period: { month: '2026-04' } })).workOrderFigures).toMatchObject({ received: 2, open: 4 });
});

test('another partner, a store and HQ count none of these orders; the partner system key may not read figures; a bad period is refused', async () => {
  const none = { received: 0, repaired: 0, repairedOnTime: 0, repairedLate: 0, cancelled: 0, open: 0, overdue: 0 };
  for (const credential of [key.otherPartner, key.store, key.hq]) {
    expect((await call(credential, FIGURES, { period: MARCH })).workOrderFigures).toMatchObject(none);
    expect((await call(credential, ORDERS, { period: MARCH, figure: 'RECEIVED', first: 10 })).workOrderFigureOrders.edges).toEqual([]);
  }
  expect(await errorOf(key.system, FIGURES, { period: MARCH })).toBe('FORBIDDEN');
  expect(await errorOf(key.partner, FIGURES, { period: { month: '2026-13' } })).toBe('BAD_USER_INPUT INVALID_PERIOD');
  expect(await errorOf(key.partner, FIGURES, { period: { month: '2026-03', day: '2026-03-01' } })).toBe('BAD_USER_INPUT INVALID_PERIOD');
  expect(await errorOf(key.partner, ORDERS, { period: MARCH, figure: 'OPEN', first: 0 })).toBe('BAD_USER_INPUT INVALID_PAGE_SIZE');
});

function download(path: string, credential?: string): Promise<Response> {
  return fetch(new URL(path, api.url), { headers: credential ? { authorization: `Bearer ${credential}` } : {} });
}

test('the figures and the orders behind one export as CSV (UTF-8 with a byte order mark) and JSON, streamed', async () => {
  const csv = await download('/exports/work-order-figures.csv?month=2026-03&groupBy=WEEK', key.partner);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  const bytes = new Uint8Array(await csv.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...lines] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
  const line = (interval: string, start: string) => {
    const found = lines.find((cells) => cells[0] === interval && cells[1] === start)!;
    return Object.fromEntries(header.map((column, index) => [column, found[index]]));
  };
  expect(line('PERIOD', '2026-03-01')).toMatchObject({
    end: '2026-03-31',
    RECEIVED: '9',
    REPAIRED: '6',
    REPAIRED_ON_TIME: '4',
    REPAIRED_LATE: '1',
    OPEN: '2',
    OVERDUE: '1',
    onTimePercent: '80',
    turnaroundMedianHours: '33',
    turnaroundP90Hours: '60',
  });
  expect(line('WEEK', '2026-03-02')).toMatchObject({ end: '2026-03-08', RECEIVED: '6', REPAIRED: '4', REPAIRED_ON_TIME: '3', REPAIRED_LATE: '1' });
  expect(lines).toHaveLength(1 + 6);

  const json = await download('/exports/work-order-figure-orders.json?month=2026-03&figure=REPAIRED_ON_TIME', key.partner);
  expect(json.status).toBe(200);
  const orders = (await json.json()) as { workOrderId: string; repairedAt: string; reworks: number }[];
  expect(orders.map((row) => Object.keys(order).find((label) => order[label].id === row.workOrderId)).sort()).toEqual(['W0', 'W1', 'W10', 'W3']);
  expect(orders.find((row) => row.workOrderId === order.W3.id)).toMatchObject({ repairedAt: at('2026-03-05T09:00:00').toISOString(), reworks: 1 });

  expect((await download('/exports/work-order-figure-orders.csv?month=2026-03', key.partner)).status).toBe(400);
  expect((await download('/exports/work-order-figures.csv?month=2026-13', key.partner)).status).toBe(400);
  expect((await download('/exports/work-order-figures.json?month=2026-03')).status).toBe(401);
  expect((await download('/exports/work-order-figures.json?month=2026-03', key.system)).status).toBe(403);
  const other = await download('/exports/work-order-figure-orders.json?month=2026-03&figure=RECEIVED', key.otherPartner);
  expect(await other.json()).toEqual([]);
});
