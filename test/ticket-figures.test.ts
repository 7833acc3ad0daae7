import { ManualClock } from '../core/clock';
import { ActionKind } from '../core/action-enums';
import { fromGlobalId, toGlobalId } from '../core/global-id';
import { rebuildStoreFigures } from '../tenants/store-figures';
import { ACTION_PROCESSORS } from '../worker/actions/processors';
import { drainDueActions } from './support/action-driver';
import { parseCsv } from './support/csv';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/**
 * The ticket-volume figures, counted from the facts kept as tickets change.
 * Every ticket is written out by hand at a known instant (Asia/Shanghai) under
 * the demo standard, and the figures are read on Thursday 2026-03-12 at 12:00:
 *
 * store-b
 *   T0 repair   walk-in  normal  XBook 16     Mon 03-02 09:00, open since
 *   T4 repair   walk-in  normal  (no device)  Fri 03-06 09:00, open since
 * store-a
 *   T1 repair   walk-in  normal  ThinkBook 14 Tue 09:00; parts P1 (due 03-12) and P3 (due 03-11, never comes) at 09:05;
 *                                              P1 slips to 03-16 at 09:10 and the customer (by e-mail) is told at once;
 *                                              escalated by hand to level 2 at 09:40
 *   T2 complaint phone   high    XBook 16     Tue 09:20; part P2 (due 03-11) at 09:25, slips to 03-13 at 09:30 and the
 *                                              customer (a phone, no e-mail, no SMS provider) is not told; escalated to
 *                                              level 2 at 09:42 and level 3 at 09:45; P2 arrives Wed 11:00
 *   T3 inquiry  online   normal  (no device)  Tue 10:00, resolved Tue 11:00, reopened Wed 10:00
 *   T5 repair   walk-in  normal  ThinkBook 14 Tue 10:30, cancelled 10:40
 *   T6 repair   walk-in  normal  (no device)  Thu 11:00
 *
 * The backlog's age is counted in calendar days from registration. The
 * worker's ladder is left out (only messages are sent, so that no level is
 * reached by the clock): the levels counted are the ones given by hand.
 */
const at = (local: string) => new Date(`${local}+08:00`);
const clock = new ManualClock(at('2026-03-02T09:00:00'));
let desk: WorkerDesk;
const token: Record<string, string> = {};
const ids: Record<string, string> = {};
const parts: Record<string, string> = {};
const storeId: Record<string, string> = {};
const modelId: Record<string, string> = {};

const FIGURES = `query($filter: TicketFigureFilter!, $groupBy: FigureInterval) {
  ticketFigures(filter: $filter, groupBy: $groupBy) {
    from to storeCount registered
    byType { type count } byChannel { channel count } byPriority { priority count } byModel { modelId name count }
    backlog { total ages { age count } }
    escalations { level name count tickets }
    parts { ordered late arrivedLate slipped slips slipsPerOrder slipNotices told toldPercent }
    series { start end registered backlog escalated partsOrdered slipNotices }
  }
}`;

const DRILL = `query($filter: TicketFigureFilter!, $figure: TicketFigure!, $backlogAge: BacklogAge, $level: Int, $first: Int!, $after: String) {
  ticketFigureTickets(filter: $filter, figure: $figure, backlogAge: $backlogAge, level: $level, first: $first, after: $after) {
    edges { node { ticketId itemId figure number storeSlug type status modelName occurredAt localDate backlogAge level levelName partNumber expectedOn arrivedOn slips toldAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function call(credential: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await desk.api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

async function errorOf(credential: string, query: string, variables: Record<string, unknown>): Promise<string> {
  return (await desk.api.gql(query, variables, credential)).body.errors?.[0]?.extensions?.code ?? 'none';
}

async function act(store: string, mutation: string, input: Record<string, unknown>, select = '') {
  const data = await call(
    token[store],
    `mutation($i: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { userErrors { code message } ${select} } }`,
    { i: input },
  );
  expect(data[mutation].userErrors).toEqual([]);
  return data[mutation];
}

let serial = 0;
async function register(
  store: string,
  name: string,
  ticket: { type: string; channel: string; priority?: string; model?: string; email?: string },
): Promise<void> {
  serial += 1;
  const created = await act(
    store,
    'registerTicket',
    {
      type: ticket.type,
      channel: ticket.channel,
      priority: ticket.priority ?? 'NORMAL',
      problem: `${name}: the laptop runs hot`,
      newCustomer: { name, phone: `1370000${String(serial).padStart(4, '0')}`, ...(ticket.email ? { email: ticket.email, locale: 'EN' } : {}) },
      ...(ticket.model
        ? { newDevice: { modelId: modelId[ticket.model], serialNumber: `SN-VOL-${serial}`, purchaseDate: '2026-01-05', purchaseSource: 'THIS_STORE' } }
        : {}),
    },
    'ticket { id }',
  );
  ids[name] = created.ticket.id;
}

/** Assigned and called at once, so that no dispatch or first-contact clock is left to run out. */
async function takeUp(store: string, name: string): Promise<void> {
  const staff = await call(token[store], `{ staffUsers(first: 20) { edges { node { id email } } } }`);
  const agent = staff.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email.startsWith('agent@')).node.id;
  await act(store, 'assignTicket', { ticketId: ids[name], assigneeId: agent });
  await act(store, 'recordCustomerContact', { ticketId: ids[name], channel: 'PHONE', reached: true, outcome: 'Told the customer what happens next' });
}

const move = (store: string, name: string, to: string, note: string) => act(store, 'moveTicket', { ticketId: ids[name], to, note });

const partUuid = (part: string) => fromGlobalId(parts[part])!.id;

async function order(name: string, part: string, expectedOn: string): Promise<void> {
  const ordered = await act(
    'store-a',
    'orderPart',
    { ticketId: ids[name], partNumber: part, description: `Part ${part}`, quantity: 1, supplier: 'Supplier', expectedOn },
    'partsOrder { id }',
  );
  parts[part] = ordered.partsOrder.id;
}

/** Only the messages are sent: the watch's own levels would add to the ones given by hand. */
const sendMessages = () =>
  drainDueActions(desk.api.orm, clock, desk.deps, { processors: { [ActionKind.NOTIFICATION]: ACTION_PROCESSORS[ActionKind.NOTIFICATION] } });

const escalate = (name: string, level: number) =>
  call(token['store-a'], `mutation($i: EscalateTicketInput!) { escalateTicket(input: $i) { level } }`, {
    i: { ticketId: ids[name], level, reason: 'The customer called twice' },
  });

const WEEK = { period: { week: '2026-W11' } };
const TUESDAY = { period: { day: '2026-03-10' } };

beforeAll(async () => {
  desk = await startWorkerDesk(clock);
  const { admin, api } = desk;
  for (const row of (await admin.query<{ slug: string; id: string }>(`select slug, id from tenants`)).rows) storeId[row.slug] = row.id;
  const models = await admin.query<{ id: string; name: string }>(
    `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months, main_part_categories)
     select t.id, m.code, m.label, 'LAPTOP', 12, 24, '{CPU,MOTHERBOARD,DISK,SCREEN}' from tenants t, (values ('TK-14', 'ThinkBook 14'), ('XB-16', 'XBook 16')) m(code, label)
      where t.slug = 'hq-one' returning id, name`,
  );
  for (const row of models.rows) modelId[row.name] = toGlobalId('ProductModel', row.id);
  const keyOf = async (tenant: string, email: string, role: string) =>
    (await api.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, { i: { name: 'volumes', role } }, await api.login(tenant, email)))
      .body.data.createApiKey.secret;
  token['store-a'] = desk.key;
  token['store-a-agent'] = await keyOf('store-a', 'manager@store-a.test', 'STORE_AGENT');
  token['store-b'] = await keyOf('store-b', 'manager@store-b.test', 'STORE_MANAGER');
  token['hq-one'] = await keyOf('hq-one', 'admin@hq-one.test', 'HQ_SUPERVISOR');
  token['hq-two'] = await keyOf('hq-two', 'admin@hq-two.test', 'HQ_ADMIN');
  token['partner-p'] = await keyOf('partner-p', 'manager@partner-p.test', 'STORE_MANAGER');
  token['partner-p-system'] = await keyOf('partner-p', 'manager@partner-p.test', 'PARTNER_SYSTEM');

  clock.set(at('2026-03-02T09:00:00'));
  await register('store-b', 'T0', { type: 'REPAIR', channel: 'WALK_IN', model: 'XBook 16' });
  await takeUp('store-b', 'T0');
  clock.set(at('2026-03-06T09:00:00'));
  await register('store-b', 'T4', { type: 'REPAIR', channel: 'WALK_IN' });
  await takeUp('store-b', 'T4');

  clock.set(at('2026-03-10T09:00:00'));
  await register('store-a', 'T1', { type: 'REPAIR', channel: 'WALK_IN', model: 'ThinkBook 14', email: 't1@customer.test' });
  await takeUp('store-a', 'T1');
  await move('store-a', 'T1', 'IN_PROGRESS', 'Opened it up');
  await sendMessages();
  clock.set(at('2026-03-10T09:05:00'));
  await order('T1', 'P1', '2026-03-12');
  await order('T1', 'P3', '2026-03-11');
  clock.set(at('2026-03-10T09:10:00'));
  await act('store-a', 'changePartExpectedDate', { partsOrderId: parts.P1, expectedOn: '2026-03-16', reason: 'The supplier is out of stock' });
  await sendMessages();
  clock.set(at('2026-03-10T09:20:00'));
  await register('store-a', 'T2', { type: 'COMPLAINT', channel: 'PHONE', priority: 'HIGH', model: 'XBook 16' });
  await takeUp('store-a', 'T2');
  clock.set(at('2026-03-10T09:25:00'));
  await order('T2', 'P2', '2026-03-11');
  clock.set(at('2026-03-10T09:30:00'));
  await act('store-a', 'changePartExpectedDate', { partsOrderId: parts.P2, expectedOn: '2026-03-13' });
  await sendMessages();
  clock.set(at('2026-03-10T09:40:00'));
  await escalate('T1', 2);
  clock.set(at('2026-03-10T09:42:00'));
  await escalate('T2', 2);
  clock.set(at('2026-03-10T09:45:00'));
  await escalate('T2', 3);
  clock.set(at('2026-03-10T10:00:00'));
  await register('store-a', 'T3', { type: 'INQUIRY', channel: 'ONLINE' });
  await takeUp('store-a', 'T3');
  clock.set(at('2026-03-10T10:30:00'));
  await register('store-a', 'T5', { type: 'REPAIR', channel: 'WALK_IN', model: 'ThinkBook 14' });
  clock.set(at('2026-03-10T10:40:00'));
  await move('store-a', 'T5', 'CANCELLED', 'Registered twice');
  clock.set(at('2026-03-10T11:00:00'));
  await move('store-a', 'T3', 'RESOLVED', 'Explained how to clean the vents');
  clock.set(at('2026-03-11T10:00:00'));
  await move('store-a', 'T3', 'REOPENED', 'Still runs hot');
  clock.set(at('2026-03-11T11:00:00'));
  await act('store-a', 'markPartArrived', { partsOrderId: parts.P2 });
  clock.set(at('2026-03-12T11:00:00'));
  await register('store-a', 'T6', { type: 'REPAIR', channel: 'WALK_IN' });
  clock.set(at('2026-03-12T12:00:00'));
}, 180000);

afterAll(async () => {
  await desk?.close();
});

const none = (ages: Record<string, number>) => ['UNDER_1_DAY', 'DAYS_1_TO_3', 'DAYS_3_TO_7', 'DAYS_7_OR_MORE'].map((age) => ({ age, count: ages[age] ?? 0 }));

test("a store's week: registrations by type, channel, priority and model; the backlog by age; levels reached; parts", async () => {
  const { ticketFigures } = await call(token['store-a'], FIGURES, { filter: WEEK });
  expect(ticketFigures).toMatchObject({ from: '2026-03-09', to: '2026-03-15', storeCount: 1, series: [] });
  // T1, T2, T3, T5 (cancelled, but it was registered) and T6.
  expect(ticketFigures.registered).toBe(5);
  expect(ticketFigures.byType).toEqual([
    { type: 'REPAIR', count: 3 },
    { type: 'COMPLAINT', count: 1 },
    { type: 'INQUIRY', count: 1 },
  ]);
  expect(ticketFigures.byChannel).toEqual([
    { channel: 'WALK_IN', count: 3 },
    { channel: 'ONLINE', count: 1 },
    { channel: 'PHONE', count: 1 },
  ]);
  expect(ticketFigures.byPriority).toEqual([
    { priority: 'NORMAL', count: 4 },
    { priority: 'HIGH', count: 1 },
  ]);
  expect(ticketFigures.byModel).toEqual([
    { modelId: modelId['ThinkBook 14'], name: 'ThinkBook 14', count: 2 },
    { modelId: null, name: null, count: 2 },
    { modelId: modelId['XBook 16'], name: 'XBook 16', count: 1 },
  ]);
  // The week has not ended: the backlog is now's. T1 (2 days 3 hours), T2 (2 days 2:40), T3 (reopened; registered 2 days 2 hours ago), T6 (an hour).
  expect(ticketFigures.backlog).toEqual({ total: 4, ages: none({ UNDER_1_DAY: 1, DAYS_1_TO_3: 3 }) });
  expect(ticketFigures.escalations).toEqual([
    { level: 2, name: 'supervisor', count: 2, tickets: 2 },
    { level: 3, name: 'store manager', count: 1, tickets: 1 },
  ]);
  // P1 (slipped once, told), P2 (slipped once, not told, arrived before its date), P3 (due Wednesday, not here on Thursday).
  expect(ticketFigures.parts).toEqual({
    ordered: 3,
    late: 1,
    arrivedLate: 0,
    slipped: 2,
    slips: 2,
    slipsPerOrder: 0.67,
    slipNotices: 2,
    told: 1,
    toldPercent: 50,
  });
});

test("a day that is over counts the backlog at its end; HQ adds its other store's older tickets", async () => {
  const store = (await call(token['store-a'], FIGURES, { filter: TUESDAY })).ticketFigures;
  // At Wednesday 00:00: T1 and T2 open, T3 resolved at 11:00, T5 cancelled.
  expect(store.registered).toBe(4);
  expect(store.backlog).toEqual({ total: 2, ages: none({ UNDER_1_DAY: 2 }) });
  const hq = (await call(token['hq-one'], FIGURES, { filter: TUESDAY })).ticketFigures;
  expect(hq.storeCount).toBe(2);
  // T4 had waited 4 days 15 hours, T0 8 days 15 hours.
  expect(hq.backlog).toEqual({ total: 4, ages: none({ UNDER_1_DAY: 2, DAYS_3_TO_7: 1, DAYS_7_OR_MORE: 1 }) });
  const week = (await call(token['hq-one'], FIGURES, { filter: WEEK })).ticketFigures;
  expect(week.registered).toBe(5);
  expect(week.backlog).toEqual({ total: 6, ages: none({ UNDER_1_DAY: 1, DAYS_1_TO_3: 3, DAYS_3_TO_7: 1, DAYS_7_OR_MORE: 1 }) });
  const before = (await call(token['hq-one'], FIGURES, { filter: { period: { week: '2026-W10' } } })).ticketFigures;
  expect(before.registered).toBe(2);
  expect(before.byModel).toEqual([
    { modelId: modelId['XBook 16'], name: 'XBook 16', count: 1 },
    // Tickets without a device come after the models they tie with.
    { modelId: null, name: null, count: 1 },
  ]);
  // At Monday 03-09 00:00: T0 for 6 days 15 hours, T4 for 2 days 15 hours.
  expect(before.backlog).toEqual({ total: 2, ages: none({ DAYS_1_TO_3: 1, DAYS_3_TO_7: 1 }) });
});

test('the series cuts the week by day, the backlog taken at the end of each; filters narrow the same facts', async () => {
  const { series } = (await call(token['store-a'], FIGURES, { filter: WEEK, groupBy: 'DAY' })).ticketFigures;
  expect(series).toEqual([
    { start: '2026-03-09', end: '2026-03-09', registered: 0, backlog: 0, escalated: 0, partsOrdered: 0, slipNotices: 0 },
    { start: '2026-03-10', end: '2026-03-10', registered: 4, backlog: 2, escalated: 3, partsOrdered: 3, slipNotices: 2 },
    { start: '2026-03-11', end: '2026-03-11', registered: 0, backlog: 3, escalated: 0, partsOrdered: 0, slipNotices: 0 },
    // From Thursday on the end is still to come: the backlog is now's.
    { start: '2026-03-12', end: '2026-03-12', registered: 1, backlog: 4, escalated: 0, partsOrdered: 0, slipNotices: 0 },
    { start: '2026-03-13', end: '2026-03-13', registered: 0, backlog: 4, escalated: 0, partsOrdered: 0, slipNotices: 0 },
    { start: '2026-03-14', end: '2026-03-14', registered: 0, backlog: 4, escalated: 0, partsOrdered: 0, slipNotices: 0 },
    { start: '2026-03-15', end: '2026-03-15', registered: 0, backlog: 4, escalated: 0, partsOrdered: 0, slipNotices: 0 },
  ]);
  const thinkBook = (await call(token['store-a'], FIGURES, { filter: { ...WEEK, productModels: [modelId['ThinkBook 14']] } })).ticketFigures;
  expect(thinkBook).toMatchObject({ registered: 2, backlog: { total: 1 }, escalations: [{ level: 2, count: 1 }], parts: { ordered: 2, slips: 1, told: 1 } });
  const complaints = (await call(token['store-a'], FIGURES, { filter: { ...WEEK, ticketTypes: ['COMPLAINT'] } })).ticketFigures;
  expect(complaints).toMatchObject({
    registered: 1,
    escalations: [
      { level: 2, count: 1 },
      { level: 3, count: 1 },
    ],
    parts: { ordered: 1, late: 0, slipNotices: 1, told: 0, toldPercent: 0 },
  });
  expect(await errorOf(token['store-a'], FIGURES, { filter: { period: { month: '2026-03', day: '2026-03-01' } } })).toBe('BAD_USER_INPUT');
});

type Row = Record<string, unknown> & { ticketId: string; itemId: string };

async function drill(credential: string, variables: Record<string, unknown>, filter: Record<string, unknown> = WEEK): Promise<Row[]> {
  const found: Row[] = [];
  let after: string | null = null;
  do {
    const page: { edges: { node: Row }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (
      await call(credential, DRILL, { filter, first: 2, after, ...variables })
    ).ticketFigureTickets;
    found.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return found;
}

test('each figure drills down to exactly the rows it counts, a page at a time', async () => {
  const { ticketFigures } = await call(token['store-a'], FIGURES, { filter: WEEK });
  const registered = await drill(token['store-a'], { figure: 'REGISTERED' });
  expect(registered.map((row) => row.ticketId)).toEqual([ids.T6, ids.T5, ids.T3, ids.T2, ids.T1]);
  expect(registered).toHaveLength(ticketFigures.registered);
  expect(registered[1]).toMatchObject({
    status: 'CANCELLED',
    modelName: 'ThinkBook 14',
    localDate: '2026-03-10',
    occurredAt: at('2026-03-10T10:30:00').toISOString(),
  });

  const backlog = await drill(token['store-a'], { figure: 'BACKLOG' });
  expect(backlog.map((row) => [row.ticketId, row.backlogAge, row.status])).toEqual([
    [ids.T6, 'UNDER_1_DAY', 'NEW'],
    [ids.T3, 'DAYS_1_TO_3', 'REOPENED'],
    [ids.T2, 'DAYS_1_TO_3', 'ASSIGNED'],
    [ids.T1, 'DAYS_1_TO_3', 'IN_PROGRESS'],
  ]);
  expect(backlog).toHaveLength(ticketFigures.backlog.total);
  expect((await drill(token['store-a'], { figure: 'BACKLOG', backlogAge: 'DAYS_1_TO_3' })).map((row) => row.ticketId)).toEqual([ids.T3, ids.T2, ids.T1]);
  const hqOld = await drill(token['hq-one'], { figure: 'BACKLOG', backlogAge: 'DAYS_7_OR_MORE' });
  expect(hqOld.map((row) => [row.ticketId, row.storeSlug])).toEqual([[ids.T0, 'store-b']]);

  const escalated = await drill(token['store-a'], { figure: 'ESCALATED' });
  expect(escalated.map((row) => [row.ticketId, row.level, row.levelName])).toEqual([
    [ids.T2, 3, 'store manager'],
    [ids.T2, 2, 'supervisor'],
    [ids.T1, 2, 'supervisor'],
  ]);
  expect((await drill(token['store-a'], { figure: 'ESCALATED', level: 2 })).map((row) => row.ticketId)).toEqual([ids.T2, ids.T1]);

  const ordered = await drill(token['store-a'], { figure: 'PARTS_ORDERED' });
  expect(ordered.map((row) => [row.partNumber, row.expectedOn, row.arrivedOn, row.slips])).toEqual([
    ['P2', '2026-03-13', '2026-03-11', 1],
    // P1 and P3 were ordered in the same instant: the later id first (the database's id, not its global id's encoding).
    ...[
      ['P1', '2026-03-16', null, 1],
      ['P3', '2026-03-11', null, 0],
    ].sort((a, b) => (partUuid(b[0] as string) > partUuid(a[0] as string) ? 1 : -1)),
  ]);
  expect((await drill(token['store-a'], { figure: 'PARTS_LATE' })).map((row) => row.partNumber)).toEqual(['P3']);
  expect(await drill(token['store-a'], { figure: 'PARTS_ARRIVED_LATE' })).toEqual([]);
  expect((await drill(token['store-a'], { figure: 'PARTS_SLIPPED' })).map((row) => row.partNumber)).toEqual(['P2', 'P1']);
  const slips = await drill(token['store-a'], { figure: 'SLIPS' });
  expect(slips.map((row) => [row.ticketId, row.partNumber, row.expectedOn])).toEqual([
    [ids.T2, 'P2', '2026-03-13'],
    [ids.T1, 'P1', '2026-03-16'],
  ]);
  const told = await drill(token['store-a'], { figure: 'SLIPS_TOLD' });
  // The message went out when the slip was made, by e-mail.
  expect(told.map((row) => [row.ticketId, row.toldAt])).toEqual([[ids.T1, at('2026-03-10T09:10:00').toISOString()]]);
  expect(told).toHaveLength(ticketFigures.parts.told);
  expect((await drill(token['store-a'], { figure: 'SLIPS_NOT_TOLD' })).map((row) => [row.ticketId, row.toldAt])).toEqual([[ids.T2, null]]);
  // The message about P1 is in the mailbox, and T2's customer could not be reached.
  const untold = await desk.admin.query(`select count(*)::int as n from ticket_events where ticket_id = $1 and kind = 'NOTIFICATION_NOT_DELIVERED'`, [
    fromGlobalId(ids.T2, 'Ticket')!.id,
  ]);
  expect(untold.rows[0].n).toBeGreaterThan(0);
});

function download(path: string, credential?: string): Promise<Response> {
  return fetch(new URL(path, desk.api.url), { headers: credential ? { authorization: `Bearer ${credential}` } : {} });
}

test('the figures and the rows behind them export as CSV (UTF-8 with a byte order mark) and JSON', async () => {
  const csv = await download('/exports/ticket-figures.csv?week=2026-W11&groupBy=DAY', token['store-a']);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  const bytes = new Uint8Array(await csv.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...lines] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
  expect(header).toEqual(['interval', 'start', 'end', 'figure', 'breakdown', 'value']);
  const value = (interval: string, start: string, figure: string, breakdown = '') =>
    lines.find((line) => line[0] === interval && line[1] === start && line[3] === figure && line[4] === breakdown)?.[5];
  expect(value('PERIOD', '2026-03-09', 'REGISTERED')).toBe('5');
  expect(value('PERIOD', '2026-03-09', 'REGISTERED', 'type=REPAIR')).toBe('3');
  expect(value('PERIOD', '2026-03-09', 'REGISTERED', 'model=ThinkBook 14')).toBe('2');
  expect(value('PERIOD', '2026-03-09', 'BACKLOG', 'age=DAYS_1_TO_3')).toBe('3');
  expect(value('PERIOD', '2026-03-09', 'ESCALATED', 'level=2')).toBe('2');
  expect(value('PERIOD', '2026-03-09', 'SLIPS_TOLD_PERCENT')).toBe('50');
  expect(value('DAY', '2026-03-11', 'BACKLOG')).toBe('3');
  expect(value('DAY', '2026-03-10', 'PARTS_ORDERED')).toBe('3');

  const json = await download('/exports/ticket-figure-tickets.json?week=2026-W11&figure=BACKLOG', token['hq-one']);
  expect(json.status).toBe(200);
  const rows = (await json.json()) as { ticketId: string; storeSlug: string; backlogAge: string }[];
  expect(rows.map((row) => [row.ticketId, row.storeSlug, row.backlogAge])).toEqual([
    [ids.T6, 'store-a', 'UNDER_1_DAY'],
    [ids.T3, 'store-a', 'DAYS_1_TO_3'],
    [ids.T2, 'store-a', 'DAYS_1_TO_3'],
    [ids.T1, 'store-a', 'DAYS_1_TO_3'],
    [ids.T4, 'store-b', 'DAYS_3_TO_7'],
    [ids.T0, 'store-b', 'DAYS_7_OR_MORE'],
  ]);
  const slips = await download('/exports/ticket-figure-tickets.csv?week=2026-W11&figure=SLIPS_NOT_TOLD', token['store-a']);
  const [slipHeader, ...slipLines] = parseCsv((await slips.text()).replace(/^\uFEFF/, ''));
  expect(slipLines.map((line) => line[slipHeader.indexOf('ticketId')])).toEqual([ids.T2]);
  expect((await download('/exports/ticket-figure-tickets.csv?week=2026-W11', token['store-a'])).status).toBe(400);
  expect((await download('/exports/ticket-figures.json?week=2026-W11')).status).toBe(401);
  expect((await download('/exports/ticket-figures.json?week=2026-W11', token['store-a-agent'])).status).toBe(403);
  const otherStore = toGlobalId('Tenant', storeId['store-a']);
  expect((await download(`/exports/ticket-figures.json?week=2026-W11&stores=${otherStore}`, token['store-b'])).status).toBe(404);
});

test('HQ reads its stores; a store only its own; another network, a desk role and a partner nothing', async () => {
  const storeA = toGlobalId('Tenant', storeId['store-a']);
  const storeB = toGlobalId('Tenant', storeId['store-b']);
  const onlyB = (await call(token['hq-one'], FIGURES, { filter: { ...TUESDAY, stores: [storeB] } })).ticketFigures;
  expect(onlyB).toMatchObject({ storeCount: 1, registered: 0, backlog: { total: 2 } });
  const own = (await call(token['store-b'], FIGURES, { filter: TUESDAY })).ticketFigures;
  expect(own).toEqual(onlyB);
  expect(await errorOf(token['store-b'], FIGURES, { filter: { ...WEEK, stores: [storeA] } })).toBe('NOT_FOUND');
  expect(await errorOf(token['store-b'], DRILL, { filter: { ...WEEK, stores: [storeA] }, figure: 'REGISTERED', first: 10 })).toBe('NOT_FOUND');
  expect(await errorOf(token['hq-two'], FIGURES, { filter: { ...WEEK, stores: [storeA] } })).toBe('NOT_FOUND');
  const other = (await call(token['hq-two'], FIGURES, { filter: WEEK })).ticketFigures;
  expect(other).toMatchObject({ registered: 0, backlog: { total: 0 }, escalations: [], parts: { ordered: 0 } });
  expect((await call(token['hq-two'], DRILL, { filter: WEEK, figure: 'BACKLOG', first: 10 })).ticketFigureTickets.edges).toEqual([]);
  expect(await errorOf(token['store-a-agent'], FIGURES, { filter: WEEK })).toBe('FORBIDDEN');
  // A partner's manager reads its own tenant, which registers no tickets, and no store; its system key reads no figures.
  const partner = (await call(token['partner-p'], FIGURES, { filter: WEEK })).ticketFigures;
  expect(partner).toMatchObject({ storeCount: 1, registered: 0, backlog: { total: 0 }, escalations: [], parts: { ordered: 0 } });
  expect((await call(token['partner-p'], DRILL, { filter: WEEK, figure: 'BACKLOG', first: 10 })).ticketFigureTickets.edges).toEqual([]);
  expect(await errorOf(token['partner-p'], FIGURES, { filter: { ...WEEK, stores: [storeA] } })).toBe('NOT_FOUND');
  expect(await errorOf(token['partner-p-system'], FIGURES, { filter: WEEK })).toBe('FORBIDDEN');
  expect(await errorOf(token['partner-p-system'], DRILL, { filter: WEEK, figure: 'REGISTERED', first: 10 })).toBe('FORBIDDEN');
  // HQ's reads across the network are on its audit trail.
  const audited = await desk.admin.query(
    `select count(*)::int as n from audit_events where tenant_id = $1 and action = 'NETWORK_READ' and detail->>'reason' like 'ticket figure%'`,
    [storeId['hq-one']],
  );
  expect(audited.rows[0].n).toBeGreaterThan(0);
});

test('rebuilding the facts from the tickets gives the same rows and the same figures', async () => {
  const figures = async () =>
    (await call(token['hq-one'], FIGURES, { filter: { period: { from: '2026-03-01', to: '2026-03-15' } }, groupBy: 'WEEK' })).ticketFigures;
  const rows = `select tenant_id, ticket_id, kind, item_id, occurred_at, local_date, ticket_type, channel, priority, model_id, open_spans::text, settled_at,
                       level, level_name, parts_order_id, expected_on, arrived_on, part_status, slips, told_at
                  from ticket_volume_facts order by ticket_id, kind, item_id`;
  const before = { figures: await figures(), rows: (await desk.admin.query(rows)).rows };
  // 7 tickets, 3 levels, 3 parts, 2 slips.
  expect(before.rows).toHaveLength(15);

  await desk.admin.query(`delete from ticket_volume_facts`);
  expect((await figures()).registered).toBe(0);
  const rebuilt = await Promise.all(['store-a', 'store-b'].map((slug) => rebuildStoreFigures(desk.api.orm, storeId[slug], clock)));
  expect(rebuilt).toEqual([
    { slug: 'store-a', count: 5 },
    { slug: 'store-b', count: 2 },
  ]);
  expect((await desk.admin.query(rows)).rows).toEqual(before.rows);
  expect(await figures()).toEqual(before.figures);
});
