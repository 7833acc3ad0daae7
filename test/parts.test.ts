import { DateTime } from 'luxon';
import { Client } from 'pg';
import { insertTicket, timelineOf, uuidOf } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Parts orders through GraphQL: ordering, the history of expected-date
 * changes, the customer told when a part slips, "late" in the store's own
 * calendar, arrival and cancellation, and the ticket's version moving on.
 */
let api: TestApi;
let admin: Client;
let agentA: string;
let techA: string;
let agentB: string;

const ORDER_FIELDS = `id partNumber description quantity supplier expectedOn status arrivedAt late version dateChanges { previousOn expectedOn reason changedAt }`;
const PAYLOAD = `partsOrder { ${ORDER_FIELDS} } ticket { id version hasLatePart partsOrders { id late } } userErrors { field code message }`;
const ORDER = `mutation($input: OrderPartInput!) { orderPart(input: $input) { ${PAYLOAD} } }`;
const CHANGE = `mutation($input: ChangePartExpectedDateInput!) { changePartExpectedDate(input: $input) { ${PAYLOAD} } }`;
const ARRIVED = `mutation($input: MarkPartArrivedInput!) { markPartArrived(input: $input) { ${PAYLOAD} } }`;
const CANCEL = `mutation($input: CancelPartOrderInput!) { cancelPartOrder(input: $input) { ${PAYLOAD} } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on PartsOrder { ${ORDER_FIELDS} } } }`;

/** A day in the store's calendar (store-a keeps the default Asia/Shanghai), `days` from today. */
function storeDay(days: number, zone = 'Asia/Shanghai'): string {
  return DateTime.now().setZone(zone).plus({ days }).toISODate()!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, input: Record<string, unknown>, token: string): Promise<any> {
  const res = await api.gql(query, { input }, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return Object.values(res.body.data)[0];
}

async function order(ticketId: string, overrides: Record<string, unknown> = {}) {
  return call(
    ORDER,
    { ticketId, partNumber: 'FAN-T14-01', description: 'cooling fan', quantity: 1, supplier: 'Lenovo Parts East', expectedOn: storeDay(3), ...overrides },
    agentA,
  );
}

beforeAll(async () => {
  api = await startTestApi();
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  [agentA, techA, agentB] = await Promise.all([
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-a', 'tech@store-a.test'),
    api.login('store-b', 'agent@store-b.test'),
  ]);
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

test('ordering a part: the order, a customer-visible timeline entry, the ticket version bumped', async () => {
  const ticketId = await insertTicket(admin);
  const result = await order(ticketId, { expectedVersion: 1, quantity: 2 });
  expect(result.userErrors).toEqual([]);
  expect(result.partsOrder).toMatchObject({
    partNumber: 'FAN-T14-01',
    description: 'cooling fan',
    quantity: 2,
    supplier: 'Lenovo Parts East',
    expectedOn: storeDay(3),
    status: 'ORDERED',
    arrivedAt: null,
    late: false,
    dateChanges: [],
  });
  expect(result.ticket).toMatchObject({ id: ticketId, version: 2, hasLatePart: false });
  expect(result.ticket.partsOrders.map((p: { id: string }) => p.id)).toEqual([result.partsOrder.id]);
  const timeline = await timelineOf(admin, ticketId);
  expect(timeline).toEqual([
    expect.objectContaining({ kind: 'PART_ORDERED', visibility: 'CUSTOMER', actor_kind: 'USER', summary: expect.stringContaining('cooling fan') }),
  ]);
});

test('moving the date later twice keeps both changes and tells the customer each time; STALE with an old version', async () => {
  const ticketId = await insertTicket(admin);
  const ordered = await order(ticketId);
  const partsOrderId = ordered.partsOrder.id;
  expect(ordered.ticket.version).toBe(2);

  const first = await call(CHANGE, { partsOrderId, expectedVersion: 2, expectedOn: storeDay(6), reason: 'supplier out of stock' }, agentA);
  expect(first.userErrors).toEqual([]);
  expect(first.ticket.version).toBe(3);
  const second = await call(CHANGE, { partsOrderId, expectedVersion: 3, expectedOn: storeDay(10) }, agentA);
  expect(second.userErrors).toEqual([]);
  expect(second.ticket.version).toBe(4);
  expect(second.partsOrder.expectedOn).toBe(storeDay(10));
  expect(second.partsOrder.dateChanges).toEqual([
    expect.objectContaining({ previousOn: storeDay(3), expectedOn: storeDay(6), reason: 'supplier out of stock' }),
    expect.objectContaining({ previousOn: storeDay(6), expectedOn: storeDay(10), reason: null }),
  ]);

  const delays = (await timelineOf(admin, ticketId)).filter((entry) => entry.kind === 'PART_DELAYED');
  expect(delays).toHaveLength(2);
  for (const entry of delays) expect(entry.visibility).toBe('CUSTOMER');
  expect(delays[1].summary).toBe(`The part cooling fan is now expected on ${storeDay(10)} instead of ${storeDay(6)}, sorry for the delay`);
  expect(delays[1].data).toMatchObject({ previousOn: storeDay(6), expectedOn: storeDay(10), later: true });

  // A colleague still holding version 3 is refused, and nothing changes.
  const stale = await call(CHANGE, { partsOrderId, expectedVersion: 3, expectedOn: storeDay(12) }, agentA);
  expect(stale.partsOrder).toBeNull();
  expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE', field: ['expectedVersion'] })]);
  const staleOrder = await order(ticketId, { expectedVersion: 1 });
  expect(staleOrder.userErrors[0].code).toBe('STALE');
  const { rows } = await admin.query(
    `select expected_on::text, (select count(*)::int from parts_order_date_changes where parts_order_id = $1) as changes, (select version from tickets where id = $2) as version, (select count(*)::int from parts_orders where ticket_id = $2) as orders from parts_orders where id = $1`,
    [uuidOf(partsOrderId), uuidOf(ticketId)],
  );
  expect(rows[0]).toEqual({ expected_on: storeDay(10), changes: 2, version: 4, orders: 1 });
});

test('an earlier date is an internal note; the same date, a past date or a bad date are refused', async () => {
  const ticketId = await insertTicket(admin);
  const partsOrderId = (await order(ticketId, { expectedOn: storeDay(8) })).partsOrder.id;
  const earlier = await call(CHANGE, { partsOrderId, expectedOn: storeDay(5), reason: 'shipped early' }, agentA);
  expect(earlier.userErrors).toEqual([]);
  const entry = (await timelineOf(admin, ticketId)).find((e) => e.kind === 'PART_DATE_CHANGED');
  expect(entry).toMatchObject({ visibility: 'INTERNAL', data: expect.objectContaining({ later: false }) });

  expect((await call(CHANGE, { partsOrderId, expectedOn: storeDay(5) }, agentA)).userErrors[0].code).toBe('DATE_UNCHANGED');
  expect((await call(CHANGE, { partsOrderId, expectedOn: storeDay(-1) }, agentA)).userErrors[0].code).toBe('DATE_IN_PAST');
  expect((await call(CHANGE, { partsOrderId, expectedOn: '2026-02-30' }, agentA)).userErrors[0].code).toBe('INVALID_DATE');
  expect((await order(ticketId, { expectedOn: storeDay(-2) })).userErrors[0].code).toBe('DATE_IN_PAST');
  expect((await order(ticketId, { quantity: 0 })).userErrors[0]).toMatchObject({ code: 'INVALID_QUANTITY', field: ['quantity'] });
  expect((await order(ticketId, { partNumber: '  ' })).userErrors[0]).toMatchObject({ code: 'INVALID_TEXT', field: ['partNumber'] });
  const { rows } = await admin.query(`select count(*)::int as n from parts_orders where ticket_id = $1`, [uuidOf(ticketId)]);
  expect(rows[0].n).toBe(1);
});

test("late means still on order past its expected day in the store's time zone", async () => {
  const ticketId = await insertTicket(admin);
  const late = (await order(ticketId)).partsOrder.id;
  const onTime = (await order(ticketId, { partNumber: 'KB-T14' })).partsOrder.id;
  // The supplier promised the fan for yesterday, the keyboard for today.
  await admin.query(`update parts_orders set expected_on = $2 where id = $1`, [uuidOf(late), storeDay(-1)]);
  await admin.query(`update parts_orders set expected_on = $2 where id = $1`, [uuidOf(onTime), storeDay(0)]);
  expect((await api.gql(NODE, { id: late }, agentA)).body.data.node.late).toBe(true);
  expect((await api.gql(NODE, { id: onTime }, agentA)).body.data.node.late).toBe(false);

  // The ticket says so too (read here through a mutation's payload).
  const another = await order(ticketId, { partNumber: 'SCREW-M2' });
  expect(another.ticket.hasLatePart).toBe(true);
  expect(another.ticket.partsOrders.map((p: { late: boolean }) => p.late)).toEqual([true, false, false]);

  // Whose "today" it is matters: a day that is over at UTC+14 may still be today at UTC-11.
  await admin.query(`update parts_orders set expected_on = $2 where id = $1`, [uuidOf(late), storeDay(-1, 'Pacific/Kiritimati')]);
  try {
    await admin.query(`update tenants set time_zone = 'Pacific/Kiritimati' where slug = 'store-a'`);
    expect((await api.gql(NODE, { id: late }, agentA)).body.data.node.late).toBe(true);
    await admin.query(`update tenants set time_zone = 'Pacific/Pago_Pago' where slug = 'store-a'`);
    expect((await api.gql(NODE, { id: late }, agentA)).body.data.node.late).toBe(false);
  } finally {
    await admin.query(`update tenants set time_zone = 'Asia/Shanghai' where slug = 'store-a'`);
  }

  // Once it arrived it is no longer late.
  const arrived = await call(ARRIVED, { partsOrderId: late }, agentA);
  expect(arrived.partsOrder.late).toBe(false);
});

test('arrival and cancellation close the order, each on the timeline and bumping the version', async () => {
  const ticketId = await insertTicket(admin);
  const first = (await order(ticketId)).partsOrder.id;
  const second = (await order(ticketId, { partNumber: 'BAT-T14' })).partsOrder.id;

  const arrived = await call(ARRIVED, { partsOrderId: first, expectedVersion: 3 }, agentA);
  expect(arrived.userErrors).toEqual([]);
  expect(arrived.partsOrder).toMatchObject({ status: 'ARRIVED', late: false });
  expect(new Date(arrived.partsOrder.arrivedAt).getTime()).toBeGreaterThan(Date.now() - 60000);
  expect(arrived.ticket.version).toBe(4);

  const cancelled = await call(CANCEL, { partsOrderId: second, reason: 'battery was fine after all' }, agentA);
  expect(cancelled.partsOrder.status).toBe('CANCELLED');
  expect(cancelled.ticket.version).toBe(5);
  expect((await call(CANCEL, { partsOrderId: first, reason: 'x' }, agentA)).userErrors[0].code).toBe('PART_NOT_PENDING');
  expect((await call(ARRIVED, { partsOrderId: second }, agentA)).userErrors[0].code).toBe('PART_NOT_PENDING');
  expect((await call(CHANGE, { partsOrderId: first, expectedOn: storeDay(4) }, agentA)).userErrors[0].code).toBe('PART_NOT_PENDING');
  expect((await call(CANCEL, { partsOrderId: second, reason: ' ' }, agentA)).userErrors[0].code).toBe('INVALID_TEXT');

  const kinds = (await timelineOf(admin, ticketId)).map((e) => `${e.kind}:${e.visibility}`);
  expect(kinds).toEqual(expect.arrayContaining(['PART_ARRIVED:CUSTOMER', 'PART_CANCELLED:INTERNAL']));
  expect(kinds).toHaveLength(4);
});

test('a closed ticket takes no new parts; a technician may not order; another store sees nothing', async () => {
  const closed = await insertTicket(admin, { status: 'CLOSED' });
  expect((await order(closed)).userErrors[0].code).toBe('TICKET_FINISHED');

  const ticketId = await insertTicket(admin);
  const partsOrderId = (await order(ticketId)).partsOrder.id;
  const forbidden = await api.gql(
    ORDER,
    { input: { ticketId, partNumber: 'X', description: 'x', quantity: 1, supplier: 'x', expectedOn: storeDay(2) } },
    techA,
  );
  expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');

  const foreign = await api.gql(CHANGE, { input: { partsOrderId, expectedOn: storeDay(9) } }, agentB);
  expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
  const foreignTicket = await api.gql(
    ORDER,
    { input: { ticketId, partNumber: 'X', description: 'x', quantity: 1, supplier: 'x', expectedOn: storeDay(2) } },
    agentB,
  );
  expect(foreignTicket.body.errors[0].extensions.code).toBe('NOT_FOUND');
  expect((await api.gql(NODE, { id: partsOrderId }, agentB)).body.errors[0].extensions.code).toBe('NOT_FOUND');
  // The technician reads it (TICKET_READ) but did not change it.
  expect((await api.gql(NODE, { id: partsOrderId }, techA)).body.data.node.expectedOn).toBe(storeDay(3));
});
