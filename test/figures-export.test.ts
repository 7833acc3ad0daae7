import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { fromGlobalId, toGlobalId } from '../core/global-id';
import { projectRoot } from '../core/project-root';
import { parseCsv } from './support/csv';
import { countStatements } from './support/statement-counter';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The figures' export routes, on the tickets of test/service-figures.test.ts
 * (written out by hand at known instants on the default store week, under
 * the demo standard, read on Wednesday 2026-03-11 at 12:00):
 *
 * store-a
 *   T1 repair   Tue 09:00, assigned 09:20, contacted 09:50
 *   T2 repair   Tue 10:00, contacted 15:00, never assigned
 *   T3 inquiry  Tue 11:00, assigned 11:10, contacted Wed 10:00, resolved Wed 10:30
 * store-b
 *   T4 repair   Tue 09:00, nothing since
 *
 * The numbers expected are those that file works out; here they must come out
 * of the files exactly.
 */
const at = (local: string) => new Date(`${local}+08:00`);
const clock = new ManualClock(at('2026-03-10T09:00:00'));
let api: TestApi;
let admin: Client;
const token: Record<string, string> = {};
const ids: Record<string, string> = {};
const storeId: Record<string, string> = {};
const WEEK = 'week=2026-W11';

async function call(credential: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

async function act(store: string, mutation: string, input: Record<string, unknown>, name?: string) {
  const data = await call(
    token[store],
    `mutation($i: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { userErrors { code message } ${name ? 'ticket { id }' : ''} } }`,
    { i: input },
  );
  expect(data[mutation].userErrors).toEqual([]);
  if (name) ids[name] = data[mutation].ticket.id;
}

const register = (store: string, name: string, type: string, phone: string) =>
  act(store, 'registerTicket', { type, channel: 'WALK_IN', problem: `${name}: the laptop runs hot`, newCustomer: { name, phone } }, name);

async function assign(store: string, name: string) {
  const staff = await call(token[store], `{ staffUsers(first: 20) { edges { node { id email } } } }`);
  const tech = staff.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email.startsWith('agent@')).node.id;
  await act(store, 'assignTicket', { ticketId: ids[name], assigneeId: tech });
}

const contact = (store: string, name: string) =>
  act(store, 'recordCustomerContact', { ticketId: ids[name], channel: 'PHONE', reached: true, outcome: 'Told the customer what happens next' });

function download(path: string, credential?: string): Promise<Response> {
  return fetch(new URL(path, api.url), { headers: credential ? { authorization: `Bearer ${credential}` } : {} });
}

async function csvOf(response: Response): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
  return { header, rows: rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]]))) };
}

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  for (const row of (await admin.query<{ slug: string; id: string }>(`select slug, id from tenants`)).rows) storeId[row.slug] = row.id;
  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const definition = `${readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one')}\ncallbacks:\n  otherTypesShare: 1\n`;
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code } } }`,
    { i: { definition } },
    hqAdmin,
  );
  expect(published.body.data.publishSlaTemplate.userErrors).toEqual([]);
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
  await act('store-a', 'moveTicket', { ticketId: ids.T3, to: 'RESOLVED', note: 'Explained how to clean the vents' });
  clock.set(at('2026-03-11T12:00:00'));
}, 120000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

const PERIOD_LINES = [
  ['PERIOD', '2026-03-09', '2026-03-15', 'DISPATCH', '3', '2', '1', '0', '66.67', '15', '19', '', '', '', '', '', '', ''],
  ['PERIOD', '2026-03-09', '2026-03-15', 'FIRST_CONTACT', '3', '2', '1', '0', '66.67', '210', '354', '3', '576.67', '300', '216.67', '210', '3', '100'],
  ['PERIOD', '2026-03-09', '2026-03-15', 'RESOLUTION', '3', '1', '0', '2', '100', '420', '420', '', '', '', '', '', '', ''],
  ['PERIOD', '2026-03-09', '2026-03-15', 'PROGRESS_UPDATE', '6', '4', '1', '1', '80', '130', '336', '', '', '', '', '', '', ''],
  ['PERIOD', '2026-03-09', '2026-03-15', 'CALLBACK', '1', '0', '0', '1', '', '', '', '', '', '', '', '', '', ''],
];

test("figures.csv: a store's week per metric, then its series by day, in UTF-8 with a BOM", async () => {
  const { header, rows } = await csvOf(await download(`/exports/figures.csv?${WEEK}&groupBy=DAY`, token['store-a']));
  expect(header).toEqual([
    'interval',
    'start',
    'end',
    'metric',
    'measured',
    'met',
    'breached',
    'running',
    'compliancePercent',
    'medianWorkingMinutes',
    'p90WorkingMinutes',
    'firstResponded',
    'firstAverageMinutes',
    'firstMedianMinutes',
    'firstAverageWorkingMinutes',
    'firstMedianWorkingMinutes',
    'firstWithin24Hours',
    'firstWithin24HoursPercent',
  ]);
  expect(rows.slice(0, 5).map((row) => header.map((column) => row[column]))).toEqual(PERIOD_LINES);
  // Seven days of five metrics each.
  expect(rows).toHaveLength(5 + 7 * 5);
  const line = (start: string, metric: string) => rows.find((row) => row.interval === 'DAY' && row.start === start && row.metric === metric)!;
  expect(line('2026-03-10', 'PROGRESS_UPDATE')).toMatchObject({ end: '2026-03-10', measured: '5', met: '3', breached: '1', running: '1' });
  expect(line('2026-03-11', 'CALLBACK')).toMatchObject({ measured: '1', running: '1' });
  expect(line('2026-03-09', 'DISPATCH')).toMatchObject({ measured: '0', compliancePercent: '' });
});

test('figures.json: the same figures as serviceFigures, and the filter narrows them', async () => {
  const response = await download(`/exports/figures.json?${WEEK}&ticketTypes=INQUIRY`, token['store-a']);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const lines = (await response.json()) as Record<string, unknown>[];
  expect(lines).toHaveLength(5);
  const { serviceFigures } = await call(
    token['store-a'],
    `{ serviceFigures(filter: { period: { week: "2026-W11" }, ticketTypes: [INQUIRY] }) { metrics { metric measured met breached running compliancePercent medianWorkingMinutes p90WorkingMinutes } } }`,
  );
  expect(
    lines.map(({ metric, measured, met, breached, running, compliancePercent, medianWorkingMinutes, p90WorkingMinutes }) => ({
      metric,
      measured,
      met,
      breached,
      running,
      compliancePercent,
      medianWorkingMinutes,
      p90WorkingMinutes,
    })),
  ).toEqual(serviceFigures.metrics);
  expect(lines.find((line) => line.metric === 'FIRST_CONTACT')).toMatchObject({ measured: 1, met: 0, breached: 1, firstResponded: 1 });
});

test('figure-tickets: the runs behind a figure, exactly those of serviceFigureTickets, as CSV and JSON', async () => {
  const { rows } = await csvOf(await download(`/exports/figure-tickets.csv?${WEEK}&metric=PROGRESS_UPDATE`, token['store-a']));
  expect(rows.map((row) => [row.ticketId, row.storeSlug, row.metric, row.outcome, row.workingMinutes])).toEqual([
    [ids.T3, 'store-a', 'PROGRESS_UPDATE', 'MET', '30'],
    [ids.T2, 'store-a', 'PROGRESS_UPDATE', 'RUNNING', '0'],
    [ids.T3, 'store-a', 'PROGRESS_UPDATE', 'MET', '390'],
    [ids.T2, 'store-a', 'PROGRESS_UPDATE', 'MET', '210'],
    [ids.T1, 'store-a', 'PROGRESS_UPDATE', 'BREACHED', '0'],
    [ids.T1, 'store-a', 'PROGRESS_UPDATE', 'MET', '50'],
  ]);
  // A run counted breached because its due instant passed is breached then.
  expect(rows[4].breachedAt).toBe(at('2026-03-11T10:20:00').toISOString());

  const json = (await (await download(`/exports/figure-tickets.json?${WEEK}&metric=DISPATCH&outcome=BREACHED`, token['hq-one'])).json()) as Record<
    string,
    unknown
  >[];
  const { serviceFigureTickets } = await call(
    token['hq-one'],
    `{ serviceFigureTickets(filter: { period: { week: "2026-W11" } }, metric: DISPATCH, outcome: BREACHED, first: 50) {
         edges { node { ticketId number type status priority channel storeSlug storeName metric outcome startedAt localDate dueAt stoppedAt breachedAt workingMinutes } } } }`,
  );
  expect(json).toEqual(serviceFigureTickets.edges.map((edge: { node: unknown }) => edge.node));
  expect(json.map((run) => run.ticketId)).toEqual([ids.T2, ids.T4]);
  const within = (await (await download(`/exports/figure-tickets.json?${WEEK}&metric=FIRST_CONTACT&only=WITHIN_24_HOURS`, token['hq-one'])).json()) as {
    ticketId: string;
  }[];
  expect(within.map((run) => run.ticketId)).toEqual([ids.T3, ids.T2, ids.T1]);
  // Nothing behind a figure: a header alone, an empty array.
  expect((await csvOf(await download(`/exports/figure-tickets.csv?${WEEK}&metric=CALLBACK&outcome=MET`, token['store-a']))).rows).toEqual([]);
  expect(await (await download(`/exports/figure-tickets.json?${WEEK}&metric=CALLBACK&outcome=MET`, token['store-a'])).json()).toEqual([]);
});

test('a text a spreadsheet would run as a formula is exported as text', async () => {
  const formula = '=HYPERLINK("http://attacker.test","open")';
  const name = (await admin.query(`select name from tenants where id = $1`, [storeId['store-b']])).rows[0].name;
  await admin.query(`update tenants set name = $1 where id = $2`, [formula, storeId['store-b']]);
  try {
    const { rows } = await csvOf(await download(`/exports/figure-tickets.csv?${WEEK}&metric=DISPATCH`, token['store-b']));
    expect(rows.map((row) => [row.ticketId, row.storeName])).toEqual([[ids.T4, `'${formula}`]]);
  } finally {
    await admin.query(`update tenants set name = $1 where id = $2`, [name, storeId['store-b']]);
  }
});

test('each reads what its queries may: a store its own, HQ its network; another store is 404; no credential 401', async () => {
  const storeB = toGlobalId('Tenant', storeId['store-b']);
  const slugs = async (path: string, credential: string) =>
    [...new Set(((await (await download(path, credential)).json()) as { storeSlug: string }[]).map((run) => run.storeSlug))].sort();
  expect(await slugs(`/exports/figure-tickets.json?${WEEK}&metric=DISPATCH`, token['hq-one'])).toEqual(['store-a', 'store-b']);
  expect(await slugs(`/exports/figure-tickets.json?${WEEK}&metric=DISPATCH&stores=${storeB}`, token['hq-one'])).toEqual(['store-b']);
  expect(await slugs(`/exports/figure-tickets.json?${WEEK}&metric=DISPATCH`, token['store-b'])).toEqual(['store-b']);
  expect(await slugs(`/exports/figure-tickets.json?${WEEK}&metric=DISPATCH`, token['hq-two'])).toEqual([]);

  for (const path of [`/exports/figures.csv?${WEEK}&stores=${storeB}`, `/exports/figure-tickets.json?${WEEK}&metric=DISPATCH&stores=${storeB}`]) {
    const refused = await download(path, token['store-a']);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await download(path, token['hq-two'])).status).toBe(404);
  }
  expect((await download(`/exports/figures.csv?${WEEK}&stores=nonsense`, token['hq-one'])).status).toBe(404);
  expect((await download(`/exports/figures.csv?${WEEK}`)).status).toBe(401);
  expect((await download(`/exports/figure-tickets.csv?${WEEK}&metric=DISPATCH`, 'not-a-token')).status).toBe(401);
  expect((await download(`/exports/figures.json?${WEEK}`, token['store-a-agent'])).status).toBe(403);
  expect((await download(`/exports/figures.json?month=2026-13`, token['store-a'])).status).toBe(400);
  expect((await download(`/exports/figures.json?${WEEK}&groupBy=YEAR`, token['store-a'])).status).toBe(400);
  expect((await download(`/exports/figure-tickets.json?${WEEK}`, token['store-a'])).status).toBe(400);
  expect((await download(`/exports/figure-tickets.json?${WEEK}&metric=DISPATCH&outcome=LATE`, token['store-a'])).status).toBe(400);
});

test('a drill-down of thousands of runs is streamed in keyset pages, never read whole', async () => {
  const RUNS = 3200;
  // Progress-update runs of T1's in January, written straight into the facts.
  await admin.query(
    `insert into ticket_metric_facts (tenant_id, ticket_id, metric, started_at, local_date, ticket_type, channel, priority, outcome, due_at, stopped_at,
                                      breached_at, working_minutes, used_minutes, computed_at)
     select $1, $2, 'PROGRESS_UPDATE', timestamptz '2026-01-05 09:00+08' + n * interval '1 minute', date '2026-01-05' + (n % 20), 'REPAIR', 'WALK_IN',
            'NORMAL', case when n % 3 = 0 then 'BREACHED' else 'MET' end, timestamptz '2026-01-05 09:00+08' + n * interval '1 minute' + interval '8 hours',
            timestamptz '2026-01-05 09:00+08' + n * interval '1 minute' + interval '1 hour', null, 60, 60, now()
       from generate_series(1, ${RUNS}) n`,
    [storeId['store-a'], fromGlobalId(ids.T1, 'Ticket')!.id],
  );
  const counting = countStatements(/from ticket_metric_facts f/);
  let response: Response;
  let text: string;
  try {
    response = await download(`/exports/figure-tickets.csv?month=2026-01&metric=PROGRESS_UPDATE`, token['store-a']);
    text = await response.text();
  } finally {
    const statements = counting.stop();
    // 500 rows a page: seven reads (the last one short), each holding one page.
    expect(statements.matching).toBe(Math.ceil((RUNS + 1) / 500));
  }
  expect(response.headers.get('transfer-encoding')).toBe('chunked');
  expect(response.headers.get('content-length')).toBeNull();
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines).toHaveLength(1 + RUNS);
  // Newest first, every run once, across the pages' seams.
  const starts = lines.slice(1).map((line) => line.split(',')[11]);
  expect(new Set(starts).size).toBe(RUNS);
  expect([...starts].sort().reverse()).toEqual(starts);
  const breached = lines.filter((line) => line.includes(',BREACHED,')).length;
  expect(breached).toBe(Math.floor(RUNS / 3));
});
