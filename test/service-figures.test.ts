import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { projectRoot } from '../core/project-root';
import { toGlobalId } from '../core/global-id';
import { rebuildStoreFigures } from '../tenants/store-figures';
import { countStatements } from './support/statement-counter';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The service figures, counted from the facts kept as tickets change. Four
 * tickets are written out by hand at known instants on the default store
 * week (weekdays 09:00-12:00 and 13:30-18:00, Asia/Shanghai) under the demo
 * standard (dispatch 30 working minutes, first contact half a working day =
 * 225 minutes on a weekday, progress update 8 working hours, an inquiry
 * resolved within 1 working day, a repair within 5, every ticket called back
 * within 2 working days), and read on Wednesday 2026-03-11 at 12:00:
 *
 * store-a
 *   T1 repair   Tue 09:00, assigned 09:20, contacted 09:50
 *   T2 repair   Tue 10:00, contacted 15:00, never assigned
 *   T3 inquiry  Tue 11:00, assigned 11:10, contacted Wed 10:00, resolved Wed 10:30
 * store-b
 *   T4 repair   Tue 09:00, nothing since
 *
 * Every expected number below is worked out from those instants.
 */
const at = (local: string) => new Date(`${local}+08:00`);
const clock = new ManualClock(at('2026-03-10T09:00:00')); // a Tuesday
let api: TestApi;
let admin: Client;
const token: Record<string, string> = {};
const ids: Record<string, string> = {};
const storeId: Record<string, string> = {};

const FIGURES = `query($filter: ServiceFigureFilter!, $groupBy: FigureInterval) {
  serviceFigures(filter: $filter, groupBy: $groupBy) {
    from to storeCount
    metrics { metric measured met breached running compliancePercent medianWorkingMinutes p90WorkingMinutes }
    firstResponse { measured responded averageMinutes medianMinutes averageWorkingMinutes medianWorkingMinutes within24Hours within24HoursPercent withinStandardPercent }
    series { start metrics { metric measured met breached running } }
  }
}`;

const DRILL = `query($filter: ServiceFigureFilter!, $metric: SlaMetric!, $outcome: MeasuredOutcome, $only: FigureRunSubset, $first: Int!, $after: String) {
  serviceFigureTickets(filter: $filter, metric: $metric, outcome: $outcome, only: $only, first: $first, after: $after) {
    edges { node { ticketId number storeSlug metric outcome startedAt localDate dueAt stoppedAt breachedAt workingMinutes } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function call(credential: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

async function errorOf(credential: string, query: string, variables: Record<string, unknown>): Promise<string> {
  const response = await api.gql(query, variables, credential);
  return response.body.errors?.[0]?.extensions?.code ?? 'none';
}

async function register(store: string, name: string, type: string, phone: string): Promise<void> {
  const data = await call(
    token[store],
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`,
    {
      i: { type, channel: 'WALK_IN', problem: `${name}: the laptop runs hot`, newCustomer: { name, phone } },
    },
  );
  expect(data.registerTicket.userErrors).toEqual([]);
  ids[name] = data.registerTicket.ticket.id;
}

async function assign(store: string, name: string): Promise<void> {
  const staff = await call(token[store], `{ staffUsers(first: 20) { edges { node { id email } } } }`);
  const tech = staff.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email.startsWith('agent@')).node.id;
  const data = await call(token[store], `mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId: ids[name], assigneeId: tech },
  });
  expect(data.assignTicket.userErrors).toEqual([]);
}

async function contact(store: string, name: string): Promise<void> {
  const data = await call(token[store], `mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code message } } }`, {
    i: { ticketId: ids[name], channel: 'PHONE', reached: true, outcome: 'Told the customer what happens next' },
  });
  expect(data.recordCustomerContact.userErrors).toEqual([]);
}

async function move(store: string, name: string, to: string, note: string | null = null): Promise<void> {
  const data = await call(token[store], `mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId: ids[name], to, note },
  });
  expect(data.moveTicket.userErrors).toEqual([]);
}

const WEEK = { period: { week: '2026-W11' } };

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  for (const row of (await admin.query<{ slug: string; id: string }>(`select slug, id from tenants`)).rows) storeId[row.slug] = row.id;
  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  // Every ticket is called back, so that each resolved one has a callback clock whatever its id.
  const definition = `${readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one')}\ncallbacks:\n  otherTypesShare: 1\n`;
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code message } } }`,
    { i: { definition } },
    hqAdmin,
  );
  expect(published.body.data.publishSlaTemplate.userErrors).toEqual([]);
  // API keys do not expire while the clock moves.
  const keyOf = async (tenant: string, email: string, role: string) =>
    (await api.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, { i: { name: 'figures', role } }, await api.login(tenant, email)))
      .body.data.createApiKey.secret;
  token['store-a'] = await keyOf('store-a', 'manager@store-a.test', 'STORE_MANAGER');
  token['store-a-agent'] = await keyOf('store-a', 'manager@store-a.test', 'STORE_AGENT');
  token['store-b'] = await keyOf('store-b', 'manager@store-b.test', 'STORE_MANAGER');
  token['hq-one'] = await keyOf('hq-one', 'admin@hq-one.test', 'HQ_SUPERVISOR');
  token['hq-two'] = await keyOf('hq-two', 'admin@hq-two.test', 'HQ_ADMIN');

  clock.set(at('2026-03-10T09:00:00'));
  await register('store-a', 'T1', 'REPAIR', '13700000001');
  await register('store-b', 'T4', 'REPAIR', '13700000004');
  clock.set(at('2026-03-10T09:20:00'));
  await assign('store-a', 'T1');
  clock.set(at('2026-03-10T09:50:00'));
  await contact('store-a', 'T1');
  clock.set(at('2026-03-10T10:00:00'));
  await register('store-a', 'T2', 'REPAIR', '13700000002');
  clock.set(at('2026-03-10T11:00:00'));
  await register('store-a', 'T3', 'INQUIRY', '13700000003');
  clock.set(at('2026-03-10T11:10:00'));
  await assign('store-a', 'T3');
  clock.set(at('2026-03-10T15:00:00'));
  await contact('store-a', 'T2');
  clock.set(at('2026-03-11T10:00:00'));
  await contact('store-a', 'T3');
  clock.set(at('2026-03-11T10:30:00'));
  await move('store-a', 'T3', 'RESOLVED', 'Explained how to clean the vents');
  clock.set(at('2026-03-11T12:00:00'));
}, 120000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

const byMetric = (figures: { metrics: ({ metric: string } & Record<string, unknown>)[] }): Record<string, Record<string, unknown>> =>
  Object.fromEntries(figures.metrics.map(({ metric, ...rest }) => [metric, rest]));

test("a store's week: every figure per metric, and the first response", async () => {
  const { serviceFigures } = await call(token['store-a'], FIGURES, { filter: WEEK });
  expect(serviceFigures).toMatchObject({ from: '2026-03-09', to: '2026-03-15', storeCount: 1, series: [] });
  expect(byMetric(serviceFigures)).toEqual({
    // T1 20 and T3 10 minutes; T2 never assigned, past its 10:30 due.
    DISPATCH: { measured: 3, met: 2, breached: 1, running: 0, compliancePercent: 66.67, medianWorkingMinutes: 15, p90WorkingMinutes: 19 },
    // T1 50, T2 210 (10:00-12:00, 13:30-15:00), T3 390 (past its 225).
    FIRST_CONTACT: { measured: 3, met: 2, breached: 1, running: 0, compliancePercent: 66.67, medianWorkingMinutes: 210, p90WorkingMinutes: 354 },
    // T3 resolved after 420 working minutes of its 450; the repairs have 5 working days.
    RESOLUTION: { measured: 3, met: 1, breached: 0, running: 2, compliancePercent: 100, medianWorkingMinutes: 420, p90WorkingMinutes: 420 },
    // Runs stopped by the next update: T1 50, T2 210, T3 390 and 30; T1's run from its 09:50 contact ran out Wed 10:20;
    // T2's from its 15:00 contact is due Wed 15:30.
    PROGRESS_UPDATE: { measured: 6, met: 4, breached: 1, running: 1, compliancePercent: 80, medianWorkingMinutes: 130, p90WorkingMinutes: 336 },
    // T3's callback started at its resolution.
    CALLBACK: { measured: 1, met: 0, breached: 0, running: 1, compliancePercent: null, medianWorkingMinutes: null, p90WorkingMinutes: null },
  });
  expect(serviceFigures.firstResponse).toEqual({
    measured: 3,
    responded: 3,
    // 50, 300 and 1380 calendar minutes; 50, 210 and 390 working minutes.
    averageMinutes: 576.67,
    medianMinutes: 300,
    averageWorkingMinutes: 216.67,
    medianWorkingMinutes: 210,
    within24Hours: 3,
    within24HoursPercent: 100,
    withinStandardPercent: 66.67,
  });
});

test('the series cuts the period by day, empty days included; a day or a range reads the same facts', async () => {
  const { serviceFigures } = await call(token['store-a'], FIGURES, { filter: WEEK, groupBy: 'DAY' });
  expect(serviceFigures.series.map((bucket: { start: string }) => bucket.start)).toEqual([
    '2026-03-09',
    '2026-03-10',
    '2026-03-11',
    '2026-03-12',
    '2026-03-13',
    '2026-03-14',
    '2026-03-15',
  ]);
  const tuesday = byMetric(serviceFigures.series[1]);
  const wednesday = byMetric(serviceFigures.series[2]);
  expect(tuesday.PROGRESS_UPDATE).toEqual({ measured: 5, met: 3, breached: 1, running: 1 });
  expect(wednesday.PROGRESS_UPDATE).toEqual({ measured: 1, met: 1, breached: 0, running: 0 });
  expect(wednesday.CALLBACK).toEqual({ measured: 1, met: 0, breached: 0, running: 1 });
  expect(tuesday.DISPATCH).toEqual({ measured: 3, met: 2, breached: 1, running: 0 });
  expect(byMetric(serviceFigures.series[0]).DISPATCH).toEqual({ measured: 0, met: 0, breached: 0, running: 0 });

  const day = (await call(token['store-a'], FIGURES, { filter: { period: { day: '2026-03-11' } } })).serviceFigures;
  expect(byMetric(day).PROGRESS_UPDATE).toMatchObject({ measured: 1, met: 1 });
  expect(byMetric(day).DISPATCH).toMatchObject({ measured: 0 });
  const range = (await call(token['store-a'], FIGURES, { filter: { period: { from: '2026-03-10', to: '2026-03-10' } }, groupBy: 'MONTH' })).serviceFigures;
  expect(range.series.map((bucket: { start: string }) => bucket.start)).toEqual(['2026-03-01']);
  expect(byMetric(range.series[0]).PROGRESS_UPDATE).toEqual({ measured: 5, met: 3, breached: 1, running: 1 });
  const month = (await call(token['store-a'], FIGURES, { filter: { period: { month: '2026-03' } } })).serviceFigures;
  expect(month).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
  expect(byMetric(month).PROGRESS_UPDATE.measured).toBe(6);
  // Filters narrow the same facts: the inquiry alone.
  const inquiries = (await call(token['store-a'], FIGURES, { filter: { ...WEEK, ticketTypes: ['INQUIRY'] } })).serviceFigures;
  expect(byMetric(inquiries).FIRST_CONTACT).toMatchObject({ measured: 1, met: 0, breached: 1 });
  expect(await errorOf(token['store-a'], FIGURES, { filter: { period: { month: '2026-03', day: '2026-03-01' } } })).toBe('BAD_USER_INPUT');
});

test('each figure drills down to exactly the runs it counts, a page at a time', async () => {
  const drill = async (credential: string, metric: string, outcome: string | null, only: string | null = null, filter: Record<string, unknown> = WEEK) => {
    const found: { number: string; ticketId: string; outcome: string; workingMinutes: number; breachedAt: string | null }[] = [];
    let after: string | null = null;
    do {
      const page: { edges: { node: (typeof found)[number] }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (
        await call(credential, DRILL, { filter, metric, outcome, only, first: 2, after })
      ).serviceFigureTickets;
      found.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return found;
  };
  const progress = await drill(token['store-a'], 'PROGRESS_UPDATE', null);
  expect(progress.map((run) => [run.ticketId, run.outcome, run.workingMinutes])).toEqual([
    [ids.T3, 'MET', 30],
    // Running runs show the minutes used when their ticket last changed.
    [ids.T2, 'RUNNING', 0],
    [ids.T3, 'MET', 390],
    [ids.T2, 'MET', 210],
    [ids.T1, 'BREACHED', 0],
    [ids.T1, 'MET', 50],
  ]);
  // A run counted breached because its due instant passed is breached then.
  expect(progress[4].breachedAt).toBe(at('2026-03-11T10:20:00').toISOString());
  const contactMet = await drill(token['store-a'], 'FIRST_CONTACT', 'MET');
  expect(contactMet.map((run) => run.ticketId)).toEqual([ids.T2, ids.T1]);
  const hqBreachedDispatch = await drill(token['hq-one'], 'DISPATCH', 'BREACHED');
  expect(hqBreachedDispatch.map((run) => [run.ticketId, run.outcome])).toEqual([
    [ids.T2, 'BREACHED'],
    [ids.T4, 'BREACHED'],
  ]);
  expect((await drill(token['hq-one'], 'RESOLUTION', 'RUNNING')).map((run) => run.ticketId).sort()).toEqual([ids.T1, ids.T2, ids.T4].sort());
  expect(await drill(token['hq-one'], 'CALLBACK', 'MET')).toEqual([]);
  // Behind the time used: the stopped runs, with the minutes the median and percentile are taken from.
  expect((await drill(token['store-a'], 'PROGRESS_UPDATE', null, 'STOPPED')).map((run) => [run.ticketId, run.workingMinutes])).toEqual([
    [ids.T3, 30],
    [ids.T3, 390],
    [ids.T2, 210],
    [ids.T1, 50],
  ]);
  // Behind the first response: answered within 24 hours (3), out of those decided on it (4: T4 waited longer).
  expect((await drill(token['hq-one'], 'FIRST_CONTACT', null, 'WITHIN_24_HOURS')).map((run) => run.ticketId)).toEqual([ids.T3, ids.T2, ids.T1]);
  expect((await drill(token['hq-one'], 'FIRST_CONTACT', null, 'DECIDED_ON_24_HOURS')).map((run) => run.ticketId).sort()).toEqual(
    [ids.T1, ids.T2, ids.T3, ids.T4].sort(),
  );
  expect(await drill(token['hq-one'], 'FIRST_CONTACT', 'MET', 'WITHIN_24_HOURS')).toHaveLength(2);
});

test('HQ reads all its stores or those it names; a store reads only its own; another network sees nothing', async () => {
  const hq = (await call(token['hq-one'], FIGURES, { filter: WEEK })).serviceFigures;
  expect(hq.storeCount).toBe(2);
  expect(byMetric(hq)).toMatchObject({
    DISPATCH: { measured: 4, met: 2, breached: 2, running: 0, compliancePercent: 50 },
    FIRST_CONTACT: { measured: 4, met: 2, breached: 2, running: 0, compliancePercent: 50 },
    RESOLUTION: { measured: 4, met: 1, breached: 0, running: 3 },
    PROGRESS_UPDATE: { measured: 7, met: 4, breached: 2, running: 1, compliancePercent: 66.67 },
    CALLBACK: { measured: 1, running: 1 },
  });
  // T4 waited past 24 hours without a contact: decided, and not within.
  expect(hq.firstResponse).toMatchObject({ measured: 4, responded: 3, within24Hours: 3, within24HoursPercent: 75 });

  const storeB = toGlobalId('Tenant', storeId['store-b']);
  const onlyB = (await call(token['hq-one'], FIGURES, { filter: { ...WEEK, stores: [storeB] } })).serviceFigures;
  expect(onlyB.storeCount).toBe(1);
  expect(byMetric(onlyB).DISPATCH).toMatchObject({ measured: 1, breached: 1 });
  expect(onlyB.firstResponse).toMatchObject({ measured: 1, responded: 0, within24Hours: 0, within24HoursPercent: 0 });
  const own = (await call(token['store-b'], FIGURES, { filter: WEEK })).serviceFigures;
  expect(byMetric(own)).toEqual(byMetric(onlyB));

  // A store naming another store, or an HQ naming another network's store, is told it does not exist.
  expect(await errorOf(token['store-a'], FIGURES, { filter: { ...WEEK, stores: [storeB] } })).toBe('NOT_FOUND');
  expect(await errorOf(token['store-a'], DRILL, { filter: { ...WEEK, stores: [storeB] }, metric: 'DISPATCH', first: 10 })).toBe('NOT_FOUND');
  expect(await errorOf(token['hq-two'], FIGURES, { filter: { ...WEEK, stores: [storeB] } })).toBe('NOT_FOUND');
  const other = (await call(token['hq-two'], FIGURES, { filter: WEEK })).serviceFigures;
  expect(other.storeCount).toBe(1);
  expect(other.metrics.every((figures: { measured: number }) => figures.measured === 0)).toBe(true);
  expect((await call(token['hq-two'], DRILL, { filter: WEEK, metric: 'DISPATCH', first: 10 })).serviceFigureTickets.edges).toEqual([]);
  // Desk roles do not read figures.
  expect(await errorOf(token['store-a-agent'], FIGURES, { filter: WEEK })).toBe('FORBIDDEN');
  // HQ's reads across the network are on its audit trail.
  const audited = await admin.query(
    `select count(*)::int as n from audit_events where tenant_id = $1 and action = 'NETWORK_READ' and detail->>'reason' like 'service figure%'`,
    [storeId['hq-one']],
  );
  expect(audited.rows[0].n).toBeGreaterThan(0);
});

const BY_STORE = `query($filter: ServiceFigureFilter!) {
  serviceFigures(filter: $filter) {
    storeCount
    metrics { metric measured }
    stores { storeId slug name metrics { metric measured met breached running compliancePercent } firstResponse { measured responded within24Hours } }
  }
}`;

test('HQ compares its stores in one read: each store its own figures, which add up to the network', async () => {
  const hq = (await call(token['hq-one'], BY_STORE, { filter: WEEK })).serviceFigures;
  expect(hq.stores.map((store: { slug: string }) => store.slug)).toEqual(['store-a', 'store-b']);
  const [a, b] = hq.stores;
  expect(a.storeId).toBe(toGlobalId('Tenant', storeId['store-a']));
  // Store A as its own week reads (the first test); store B: T4 never assigned nor contacted, past both due instants.
  expect(byMetric(a)).toEqual({
    DISPATCH: { measured: 3, met: 2, breached: 1, running: 0, compliancePercent: 66.67 },
    FIRST_CONTACT: { measured: 3, met: 2, breached: 1, running: 0, compliancePercent: 66.67 },
    RESOLUTION: { measured: 3, met: 1, breached: 0, running: 2, compliancePercent: 100 },
    PROGRESS_UPDATE: { measured: 6, met: 4, breached: 1, running: 1, compliancePercent: 80 },
    CALLBACK: { measured: 1, met: 0, breached: 0, running: 1, compliancePercent: null },
  });
  expect(byMetric(b)).toEqual({
    DISPATCH: { measured: 1, met: 0, breached: 1, running: 0, compliancePercent: 0 },
    FIRST_CONTACT: { measured: 1, met: 0, breached: 1, running: 0, compliancePercent: 0 },
    RESOLUTION: { measured: 1, met: 0, breached: 0, running: 1, compliancePercent: null },
    PROGRESS_UPDATE: { measured: 1, met: 0, breached: 1, running: 0, compliancePercent: 0 },
    CALLBACK: { measured: 0, met: 0, breached: 0, running: 0, compliancePercent: null },
  });
  expect(a.firstResponse).toEqual({ measured: 3, responded: 3, within24Hours: 3 });
  expect(b.firstResponse).toEqual({ measured: 1, responded: 0, within24Hours: 0 });
  // A store named alone is listed alone; a store reads only itself.
  const onlyB = (await call(token['hq-one'], BY_STORE, { filter: { ...WEEK, stores: [toGlobalId('Tenant', storeId['store-b'])] } })).serviceFigures;
  expect(onlyB.stores.map((store: { slug: string }) => store.slug)).toEqual(['store-b']);
  const own = (await call(token['store-a'], BY_STORE, { filter: WEEK })).serviceFigures;
  expect(own.stores.map((store: { slug: string }) => store.slug)).toEqual(['store-a']);
});

test('a read sorts the stopped runs only for the parts whose medians it asks for, and counts only the parts it asks for', async () => {
  const full = (await call(token['hq-one'], FIGURES, { filter: WEEK, groupBy: 'DAY' })).serviceFigures;
  const PERCENTILES = /percentile_cont/;
  const statementsOf = async (query: string, variables: Record<string, unknown>) => {
    const counter = countStatements(PERCENTILES);
    const data = (await call(token['hq-one'], query, variables)).serviceFigures;
    const { work, matching } = counter.stop();
    return { data, work, sorted: matching };
  };
  // The console's store comparison: compliance per store, nothing of the period's own, no medians.
  const comparison = await statementsOf(
    `query($filter: ServiceFigureFilter!) { serviceFigures(filter: $filter) { stores { slug metrics { metric measured met breached compliancePercent } } } }`,
    {
      filter: WEEK,
    },
  );
  expect(comparison.sorted).toBe(0);
  const stores = (await call(token['hq-one'], BY_STORE, { filter: WEEK })).serviceFigures.stores;
  expect(comparison.data.stores).toEqual(
    stores.map((store: { slug: string; metrics: Record<string, unknown>[] }) => ({
      slug: store.slug,
      metrics: store.metrics.map(({ metric, measured, met, breached, compliancePercent }) => ({ metric, measured, met, breached, compliancePercent })),
    })),
  );
  // The figures page: the period with its medians, its series with counts only.
  const page = await statementsOf(
    `query($filter: ServiceFigureFilter!) { serviceFigures(filter: $filter, groupBy: DAY) {
       metrics { metric measured met medianWorkingMinutes p90WorkingMinutes } series { start metrics { metric measured met breached running } } } }`,
    { filter: WEEK },
  );
  expect(page.sorted).toBe(1);
  expect(page.data.metrics).toEqual(
    full.metrics.map(({ metric, measured, met, medianWorkingMinutes, p90WorkingMinutes }: Record<string, unknown>) => ({
      metric,
      measured,
      met,
      medianWorkingMinutes,
      p90WorkingMinutes,
    })),
  );
  expect(page.data.series).toEqual(full.series);
  // Counts alone sort nothing, and give the same counts; a first response's median alone is a sort again.
  const counts = await statementsOf(
    `query($filter: ServiceFigureFilter!) { serviceFigures(filter: $filter) { metrics { metric measured met breached running } firstResponse { measured responded within24Hours } } }`,
    {
      filter: WEEK,
    },
  );
  expect(counts.sorted).toBe(0);
  expect(counts.data.metrics).toEqual(
    full.metrics.map(({ metric, measured, met, breached, running }: Record<string, unknown>) => ({ metric, measured, met, breached, running })),
  );
  expect(counts.data.firstResponse).toEqual({
    measured: full.firstResponse.measured,
    responded: full.firstResponse.responded,
    within24Hours: full.firstResponse.within24Hours,
  });
  const median = await statementsOf(`query($filter: ServiceFigureFilter!) { serviceFigures(filter: $filter) { firstResponse { medianMinutes } } }`, {
    filter: WEEK,
  });
  expect(median.sorted).toBe(1);
  expect(median.data.firstResponse.medianMinutes).toBe(full.firstResponse.medianMinutes);
  // Only the period's bounds: no statement over the figures at all.
  const bounds = await statementsOf(`query($filter: ServiceFigureFilter!) { serviceFigures(filter: $filter) { from to storeCount } }`, { filter: WEEK });
  expect(bounds.data).toEqual({ from: full.from, to: full.to, storeCount: full.storeCount });
  expect(bounds.work).toBeLessThan(comparison.work);
});

test('a whole month is counted from the rows per month and its percentiles found through their buckets: the figures of the same days read run by run', async () => {
  const month = async () => {
    const counter = countStatements(/percentile_cont/);
    const figures = (await call(token['hq-one'], FIGURES, { filter: { period: { month: '2026-03' } } })).serviceFigures;
    return { figures, sorted: counter.stop().matching };
  };
  // The same runs (all on 10 and 11 March) through the daily rows and a sort of every stopped run: not whole months.
  const days = (await call(token['hq-one'], FIGURES, { filter: { period: { from: '2026-03-02', to: '2026-03-31' } } })).serviceFigures;
  const whole = await month();
  expect(whole.sorted).toBe(0);
  expect(whole.figures.metrics).toEqual(days.metrics);
  expect(whole.figures.firstResponse).toEqual(days.firstResponse);
  expect(whole.figures.metrics.some((metric: { medianWorkingMinutes: number | null }) => metric.medianWorkingMinutes !== null)).toBe(true);
  expect(whole.figures.firstResponse.medianMinutes).not.toBeNull();
});

test('rebuilding the facts from the tickets gives the same figures, the same finished runs and the same rollups', async () => {
  const figures = async (groupBy: string | null) => (await call(token['hq-one'], FIGURES, { filter: WEEK, groupBy })).serviceFigures;
  const finished = `select tenant_id, ticket_id, metric, started_at, local_date, ticket_type, channel, priority, outcome, due_at, stopped_at, breached_at,
                           working_minutes, used_minutes
                      from ticket_metric_facts where stopped_at is not null order by ticket_id, metric, started_at`;
  const keys = `select ticket_id, metric, started_at from ticket_metric_facts order by ticket_id, metric, started_at`;
  // The rollups kept as the tickets changed (rows left at zero aside: the rebuild drops them), numbers compared as numbers.
  const rollups = `select tenant_id, local_date, metric, ticket_type, channel, priority, runs, met, breached, within_24h,
                          working_minutes::float8 as working_minutes, calendar_seconds::float8 as calendar_seconds
                     from ticket_metric_rollups where runs > 0 order by 1, 2, 3, 4, 5, 6`;
  const dayRollups = `select tenant_id, local_date, metric, runs, met, breached, within_24h,
                             working_minutes::float8 as working_minutes, calendar_seconds::float8 as calendar_seconds
                        from ticket_metric_day_rollups where runs > 0 order by 1, 2, 3`;
  const monthRollups = `select tenant_id, month, metric, runs, met, breached, within_24h,
                               working_minutes::float8 as working_minutes, calendar_seconds::float8 as calendar_seconds
                          from ticket_metric_month_rollups where runs > 0 order by 1, 2, 3`;
  const monthBuckets = `select tenant_id, month, metric, measure, bucket, runs from ticket_metric_month_buckets where runs > 0 order by 1, 2, 3, 4, 5`;
  const before = {
    figures: await figures('DAY'),
    finished: (await admin.query(finished)).rows,
    keys: (await admin.query(keys)).rows,
    rollups: (await admin.query(rollups)).rows,
    dayRollups: (await admin.query(dayRollups)).rows,
    monthRollups: (await admin.query(monthRollups)).rows,
    monthBuckets: (await admin.query(monthBuckets)).rows,
  };
  expect(before.monthBuckets.length).toBeGreaterThan(0);
  expect(before.keys).toHaveLength(20);
  expect(before.rollups.length).toBeGreaterThan(0);

  await admin.query(`delete from ticket_metric_facts`);
  await admin.query(`delete from ticket_metric_rollups`);
  await admin.query(`delete from ticket_metric_day_rollups`);
  await admin.query(`delete from ticket_metric_month_rollups`);
  await admin.query(`delete from ticket_metric_month_buckets`);
  expect((await figures(null)).metrics.every((metric: { measured: number }) => metric.measured === 0)).toBe(true);
  const rebuilt = await Promise.all(['store-a', 'store-b'].map((slug) => rebuildStoreFigures(api.orm, storeId[slug], clock)));
  expect(rebuilt).toEqual([
    { slug: 'store-a', count: 3 },
    { slug: 'store-b', count: 1 },
  ]);
  expect(await rebuildStoreFigures(api.orm, storeId['hq-one'], clock)).toBeNull();

  expect(await figures('DAY')).toEqual(before.figures);
  expect((await admin.query(finished)).rows).toEqual(before.finished);
  expect((await admin.query(keys)).rows).toEqual(before.keys);
  expect((await admin.query(rollups)).rows).toEqual(before.rollups);
  expect((await admin.query(dayRollups)).rows).toEqual(before.dayRollups);
  expect((await admin.query(monthRollups)).rows).toEqual(before.monthRollups);
  expect((await admin.query(monthBuckets)).rows).toEqual(before.monthBuckets);
  // The rows per day are the rows per kind summed.
  expect(before.dayRollups.map((row) => [row.tenant_id, row.metric, row.runs]).sort()).toEqual(
    Object.entries(
      before.rollups.reduce<Record<string, number>>((sums, row) => {
        const key = `${row.tenant_id}|${row.local_date.toISOString()}|${row.metric}`;
        return { ...sums, [key]: (sums[key] ?? 0) + row.runs };
      }, {}),
    )
      .map(([key, runs]) => [key.split('|')[0], key.split('|')[2], runs])
      .sort(),
  );
  expect(
    (
      await admin.query(
        `select (select count(*) from ticket_metric_rollups where runs = 0) + (select count(*) from ticket_metric_day_rollups where runs = 0) as n`,
      )
    ).rows[0].n,
  ).toBe('0');
});
