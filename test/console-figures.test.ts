import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../core/project-root';
import { expectClean } from './console-manage.support';
import { launchBrowser, openPage, pollUntil, screenshot } from './support/browser';
import { parseCsv } from './support/csv';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * The service figures page: a store manager reads the store's month in
 * zh-CN (the metrics, the volumes by channel, priority and model with their
 * trend, the customer care), opens the tickets behind a metric, the first
 * response, a channel, the backlog and the care figures' tickets, and exports
 * the figures and the lists as CSV; an HQ supervisor reads the network's in
 * en, each store beside the network's median, opens the tickets registered
 * (with their stores, and past a page of 20, forward and back) and the care
 * figures' tickets, and exports the figures and a list as JSON. Every number shown is the API's answer for the same
 * period, and every list holds the API's rows behind the same figure. One sign-in per language, every
 * word in both, nothing from another host.
 */
let app: ConsoleApp;
let browser: Browser;
let month: string;
const token: Record<string, string> = {};

const METRICS = ['DISPATCH', 'FIRST_CONTACT', 'RESOLUTION', 'PROGRESS_UPDATE', 'CALLBACK'];

interface MetricFigures {
  metric: string;
  measured: number;
  met: number;
  breached: number;
  running: number;
  compliancePercent: number | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(credential: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await app.api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

const figuresOf = async (credential: string, filter: Record<string, unknown>): Promise<MetricFigures[]> =>
  (
    await call(
      credential,
      `query($f: ServiceFigureFilter!) { serviceFigures(filter: $f) { metrics { metric measured met breached running compliancePercent } } }`,
      {
        f: filter,
      },
    )
  ).serviceFigures.metrics;

async function register(store: string, name: string, phone: string, channel = 'WALK_IN', priority = 'NORMAL'): Promise<string> {
  const data = await call(token[store], `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`, {
    i: { type: 'REPAIR', channel, priority, problem: `${name}: the screen flickers`, newCustomer: { name, phone } },
  });
  expect(data.registerTicket.userErrors).toEqual([]);
  return data.registerTicket.ticket.id;
}

async function contact(store: string, ticketId: string): Promise<void> {
  const data = await call(token[store], `mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code } } }`, {
    i: { ticketId, channel: 'PHONE', reached: true, outcome: 'Told the customer what happens next' },
  });
  expect(data.recordCustomerContact.userErrors).toEqual([]);
}

interface Numbered {
  number: string;
  storeName: string;
}

/** Every row behind a figure, as the API lists them (all pages): its ticket's number and store. */
async function rowsBehind(
  credential: string,
  field: 'ticketFigureTickets' | 'careFigureTickets',
  filter: Record<string, unknown>,
  args: string,
): Promise<Numbered[]> {
  const type = field === 'ticketFigureTickets' ? 'TicketFigureFilter' : 'ServiceFigureFilter';
  const rows: Numbered[] = [];
  let after: string | null = null;
  do {
    const connection: { edges: { node: Numbered }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (
      await call(
        credential,
        `query($f: ${type}!, $after: String) { ${field}(filter: $f, ${args}, first: 100, after: $after) { edges { node { number storeName } } pageInfo { hasNextPage endCursor } } }`,
        {
          f: filter,
          after,
        },
      )
    )[field];
    rows.push(...connection.edges.map((edge) => edge.node));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

const numbersBehind = async (...args: Parameters<typeof rowsBehind>) => (await rowsBehind(...args)).map((row) => row.number);

/** A drill-down list's ticket numbers once it shows `count` rows (the first cell of each row). */
async function drillNumbers(page: Page, testId: string, count: number): Promise<string[]> {
  const rows = page.getByTestId(testId).locator('tr.ant-table-row');
  await pollUntil(async () => (await rows.count()) === count, `${count} rows in ${testId}`);
  return Promise.all((await rows.all()).map(async (row) => ((await row.locator('td').first().textContent()) ?? '').trim()));
}

/** A breakdown as shown: each item's label and value. */
async function breakdownOf(page: Page, testId: string, count: number): Promise<string[][]> {
  const items = page.getByTestId(testId).locator('.ant-descriptions-item');
  await pollUntil(async () => (await items.count()) === count, `${count} items in ${testId}`);
  return Promise.all(
    (await items.all()).map(async (item) => [
      ((await item.locator('.ant-descriptions-item-label').textContent()) ?? '').trim(),
      ((await item.locator('.ant-descriptions-item-content').textContent()) ?? '').trim(),
    ]),
  );
}

/** Opens the list behind one item of a card (by its label) and waits for its heading. */
async function openBehind(page: Page, cardTestId: string, label: string | RegExp): Promise<void> {
  await page
    .getByTestId(cardTestId)
    .locator('.ant-descriptions-item')
    .filter({ has: page.locator('.ant-descriptions-item-label', { hasText: label }) })
    .getByRole('button')
    .click();
}

const VOLUMES = `query($f: TicketFigureFilter!) { ticketFigures(filter: $f, groupBy: DAY) { registered byChannel { channel count } byPriority { priority count }
  byModel { modelId name count } backlog { total } series { start registered } } }`;

const words = (language: string, namespace: string) =>
  JSON.parse(readFileSync(join(projectRoot(), 'console', 'src', 'i18n', 'locales', language, `${namespace}.json`), 'utf8'));

/** The per-metric table as shown: metric name, measured, met, breached, running, compliance. */
async function shownMetrics(page: Page): Promise<string[][]> {
  const rows = page.getByTestId('figures-metrics').locator('tr.ant-table-row');
  await pollUntil(async () => (await rows.count()) === METRICS.length, 'the five metrics');
  return Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allTextContents()).slice(0, 6)));
}

/** The ticket volumes as the card shows them: registered, the backlog and its ages, against the API's `ticketFigures` for the same period. */
async function expectVolumes(page: Page, credential: string, labels: { registered: string; backlog: string; ages: Record<string, string> }): Promise<void> {
  const api = (
    await call(credential, `query($f: TicketFigureFilter!) { ticketFigures(filter: $f) { registered backlog { total ages { age count } } } }`, {
      f: { period: { month } },
    })
  ).ticketFigures;
  const card = page.getByTestId('figures-volumes');
  const shown = (label: string) =>
    card
      .locator('.ant-descriptions-item')
      .filter({ has: page.locator('.ant-descriptions-item-label', { hasText: label }) })
      .locator('.ant-descriptions-item-content')
      .textContent();
  await pollUntil(async () => (await shown(labels.registered)) === String(api.registered), 'the tickets registered shown');
  expect(await shown(labels.backlog)).toBe(String(api.backlog.total));
  for (const { age, count } of api.backlog.ages as { age: string; count: number }[]) expect(await shown(labels.ages[age])).toBe(String(count));
}

const expectedRows = (figures: MetricFigures[], words: Record<string, string>) =>
  figures.map((row) => [
    words[row.metric],
    String(row.measured),
    String(row.met),
    String(row.breached),
    String(row.running),
    row.compliancePercent === null ? '—' : `${row.compliancePercent}%`,
  ]);

const ZH = { DISPATCH: '派单时限', FIRST_CONTACT: '首次联系时限', RESOLUTION: '解决时限', PROGRESS_UPDATE: '进展告知时限', CALLBACK: '回访时限' } as Record<
  string,
  string
>;
const EN = {
  DISPATCH: 'Dispatch',
  FIRST_CONTACT: 'First contact',
  RESOLUTION: 'Resolution',
  PROGRESS_UPDATE: 'Progress update',
  CALLBACK: 'Callback',
} as Record<string, string>;

/** The buttons back from loading and from the hover a click left them in, before axe reads their colours. */
const SETTLED = "!document.querySelector('.ant-btn-loading')";

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(app.clock.now()).slice(0, 7);
  token['bj-zgc'] = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  token['sh-xjh'] = await app.api.login('sh-xjh', 'manager@sh-xjh.example.com', DEMO_PASSWORD);
  token.hq = await app.api.login('demo-hq', 'supervisor@demo-hq.example.com', DEMO_PASSWORD);
  // Three tickets at the Beijing store (one contacted, one called in with a high priority), one at Shanghai (contacted).
  const first = await register('bj-zgc', 'Qian Li', '13900001001');
  await register('bj-zgc', 'Sun Hao', '13900001002', 'PHONE', 'HIGH');
  await register('bj-zgc', 'Zhou Yu', '13900001003');
  const shanghai = await register('sh-xjh', 'Wu Fang', '13900001004');
  app.clock.advance(10 * 60_000);
  await contact('bj-zgc', first);
  await contact('sh-xjh', shanghai);
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('in zh-CN: the store manager reads the month, opens the tickets behind the figures of each family and exports them as CSV', async () => {
  const watched = await openPage(browser, app.origin, { language: 'zh-CN' });
  try {
    const { page } = watched;
    await signInThroughPage(page, app, 'zh-CN', 'bj-zgc', 'manager@bj-zgc.example.com');
    await page.getByRole('menuitem', { name: '服务指标' }).click();
    await page.getByRole('heading', { level: 1, name: '服务指标' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/figures');
    expect(await page.getByLabel('统计月份').inputValue()).toBe(month);

    const api = await figuresOf(token['bj-zgc'], { period: { month } });
    expect(api.find((row) => row.metric === 'DISPATCH')?.measured).toBe(3);
    expect(await shownMetrics(page)).toEqual(expectedRows(api, ZH));
    await page.locator('.hq-chart svg').first().waitFor();
    // The month's three tickets, all still open and registered within the day.
    await expectVolumes(page, token['bj-zgc'], {
      registered: '登记工单',
      backlog: '未完结工单',
      ages: { UNDER_1_DAY: '不足 1 天', DAYS_1_TO_3: '1 至 3 天', DAYS_3_TO_7: '3 至 7 天', DAYS_7_OR_MORE: '7 天及以上' },
    });

    // The customer-care card: the month's three tickets, no complaint, no callback yet; the API says the same.
    const care = (
      await call(
        token['bj-zgc'],
        `query($f: ServiceFigureFilter!) { careFigures(filter: $f) { tickets complaints { complaints per1000Tickets } surveys { sent csatPercent } } }`,
        { f: { period: { month } } },
      )
    ).careFigures;
    expect(care).toEqual({ tickets: 3, complaints: { complaints: 0, per1000Tickets: 0 }, surveys: { sent: 0, csatPercent: null } });
    const careCard = page.getByTestId('figures-care');
    await careCard.waitFor();
    const shownCare = async (label: string) =>
      (await careCard.locator('.ant-descriptions-item').filter({ hasText: label }).locator('.ant-descriptions-item-content').first().textContent()) ?? '';
    expect(await shownCare('登记工单')).toBe(String(care.tickets));
    expect(await shownCare('每千单投诉')).toBe(String(care.complaints.per1000Tickets));
    expect(await shownCare('已发送满意度调查')).toBe(String(care.surveys.sent));
    expect(await shownCare('满意度（4-5 分占比）')).toBe('—');

    // The tickets behind the dispatch clock's runs: the three registered, with links to their pages.
    // (the first count of a metric's row is its runs measured)
    const dispatch = page.getByTestId('figures-metrics').getByRole('row').filter({ hasText: ZH.DISPATCH });
    expect(await dispatch.getByRole('button').first().getAttribute('title')).toBe('查看派单时限计时次数对应的工单');
    await dispatch.getByRole('button').first().click();
    const drill = page.getByTestId('figures-drill');
    const rows = drill.locator('tr.ant-table-row');
    await pollUntil(async () => (await rows.count()) === 3, 'three tickets behind the figure');
    const behind = (
      await call(
        token['bj-zgc'],
        `query($f: ServiceFigureFilter!) { serviceFigureTickets(filter: $f, metric: DISPATCH, first: 10) { edges { node { ticketId number } } } }`,
        {
          f: { period: { month } },
        },
      )
    ).serviceFigureTickets.edges.map((edge: { node: { ticketId: string; number: string } }) => edge.node);
    expect(await drill.getByRole('link').allTextContents()).toEqual(behind.map((run: { number: string }) => run.number));
    expect(await drill.getByRole('link').first().getAttribute('href')).toBe(`/console/desk/tickets/${encodeURIComponent(behind[0].ticketId)}`);
    await screenshot(page, 'service-figures');

    const [figuresFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出指标 CSV' }).click()]);
    expect(figuresFile.suggestedFilename()).toBe('figures.csv');
    const figuresCsv = readFileSync((await figuresFile.path())!, 'utf8');
    expect(figuresCsv.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = parseCsv(figuresCsv.slice(1));
    const periodLines = lines.filter((line) => line[header.indexOf('interval')] === 'PERIOD');
    expect(periodLines.map((line) => [line[3], Number(line[4]), Number(line[5]), Number(line[6]), Number(line[7])])).toEqual(
      api.map((row) => [row.metric, row.measured, row.met, row.breached, row.running]),
    );
    const [ticketsFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出列表 CSV' }).click()]);
    expect(ticketsFile.suggestedFilename()).toBe('figure-tickets.csv');
    const ticketLines = parseCsv(readFileSync((await ticketsFile.path())!, 'utf8').slice(1));
    expect(ticketLines.slice(1).map((line) => line[1])).toEqual(behind.map((run: { number: string }) => run.number));

    // The first response's tickets contacted: the first-contact runs that stopped.
    const contacted = await call(
      token['bj-zgc'],
      `query($f: ServiceFigureFilter!) { serviceFigures(filter: $f) { firstResponse { responded } } serviceFigureTickets(filter: $f, metric: FIRST_CONTACT, only: STOPPED, first: 100) { edges { node { number } } } }`,
      { f: { period: { month } } },
    );
    expect(contacted.serviceFigures.firstResponse.responded).toBe(1);
    await openBehind(page, 'figures-first-response', '已联系');
    await page
      .getByTestId('figures-drill')
      .getByRole('heading', { name: `${ZH.FIRST_CONTACT}：已联系` })
      .waitFor();
    expect(await drillNumbers(page, 'figures-drill', 1)).toEqual(
      contacted.serviceFigureTickets.edges.map((edge: { node: { number: string } }) => edge.node.number),
    );

    // The volumes by channel, priority and model as the API counts them, and their trend per day of the month.
    const enums = words('zh-CN', 'enums');
    const volumes = (await call(token['bj-zgc'], VOLUMES, { f: { period: { month } } })).ticketFigures;
    expect(volumes.byChannel).toEqual([
      { channel: 'WALK_IN', count: 2 },
      { channel: 'PHONE', count: 1 },
    ]);
    expect(await breakdownOf(page, 'figures-volumes-channels', 2)).toEqual(
      volumes.byChannel.map((row: { channel: string; count: number }) => [enums.TicketChannel[row.channel], String(row.count)]),
    );
    expect(await breakdownOf(page, 'figures-volumes-priorities', volumes.byPriority.length)).toEqual(
      volumes.byPriority.map((row: { priority: string; count: number }) => [enums.TicketPriority[row.priority], String(row.count)]),
    );
    // (the tickets were registered without a device)
    expect(await breakdownOf(page, 'figures-volumes-models', 1)).toEqual([['无设备', '3']]);
    expect(volumes.series.reduce((sum: number, bucket: { registered: number }) => sum + bucket.registered, 0)).toBe(3);
    await page.getByTestId('figures-volumes').locator('.hq-chart svg').waitFor();

    // The phone ticket behind its channel's count, then the backlog's tickets, and the list exported.
    await openBehind(page, 'figures-volumes-channels', '电话');
    await page.getByTestId('figures-volumes-drill').getByRole('heading', { name: '登记工单：电话' }).waitFor();
    const phone = await numbersBehind(token['bj-zgc'], 'ticketFigureTickets', { period: { month }, channels: ['PHONE'] }, 'figure: REGISTERED');
    expect(phone).toHaveLength(1);
    expect(await drillNumbers(page, 'figures-volumes-drill', 1)).toEqual(phone);
    await openBehind(page, 'figures-volumes', '未完结工单');
    const backlog = await numbersBehind(token['bj-zgc'], 'ticketFigureTickets', { period: { month } }, 'figure: BACKLOG');
    expect(backlog).toHaveLength(volumes.backlog.total);
    expect(await drillNumbers(page, 'figures-volumes-drill', volumes.backlog.total)).toEqual(backlog);
    const volumeDrill = page.getByTestId('figures-volumes-drill');
    const [backlogFile] = await Promise.all([page.waitForEvent('download'), volumeDrill.getByRole('button', { name: '导出列表 CSV' }).click()]);
    expect(backlogFile.suggestedFilename()).toBe('ticket-figure-tickets.csv');
    const [backlogHeader, ...backlogLines] = parseCsv(readFileSync((await backlogFile.path())!, 'utf8').slice(1));
    expect(backlogLines.map((line) => line[backlogHeader.indexOf('number')])).toEqual(backlog);

    // The customer-care card: the tickets behind its count of tickets, and its figures exported.
    await openBehind(page, 'figures-care', '登记工单');
    const careTickets = await numbersBehind(token['bj-zgc'], 'careFigureTickets', { period: { month } }, 'figure: TICKETS');
    expect(careTickets).toHaveLength(care.tickets);
    expect(await drillNumbers(page, 'figures-care-drill', care.tickets)).toEqual(careTickets);
    const [careFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出客户关怀 CSV' }).click()]);
    expect(careFile.suggestedFilename()).toBe('care-figures.csv');
    const careCsv = readFileSync((await careFile.path())!, 'utf8');
    expect(careCsv.startsWith('\uFEFF')).toBe(true);
    const [careHeader, carePeriod] = parseCsv(careCsv.slice(1));
    expect([carePeriod[careHeader.indexOf('interval')], Number(carePeriod[careHeader.indexOf('tickets')])]).toEqual(['PERIOD', care.tickets]);
    await screenshot(page, 'service-figures-drill-downs');

    await page.mouse.move(0, 0);
    await pollUntil(async () => page.evaluate<boolean>(SETTLED), 'the export buttons settled');
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);

test("in en: the HQ supervisor reads the network's month and week, each store beside the median, the tickets behind the volumes and the care figures, and exports them as JSON", async () => {
  const watched = await openPage(browser, app.origin, { language: 'en' });
  try {
    const { page } = watched;
    await signInThroughPage(page, app, 'en', 'demo-hq', 'supervisor@demo-hq.example.com');
    await page.getByRole('menuitem', { name: 'Service figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service figures' }).waitFor();
    const network = await figuresOf(token.hq, { period: { month } });
    expect(network.find((row) => row.metric === 'FIRST_CONTACT')).toMatchObject({ measured: 4 });
    expect(await shownMetrics(page)).toEqual(expectedRows(network, EN));
    await expectVolumes(page, token.hq, {
      registered: 'Tickets registered',
      backlog: 'Open tickets',
      ages: { UNDER_1_DAY: 'Under 1 day', DAYS_1_TO_3: '1 to 3 days', DAYS_3_TO_7: '3 to 7 days', DAYS_7_OR_MORE: '7 days or more' },
    });

    // Each store's first-contact compliance beside the median of the stores'.
    const stores = (await call(token.hq, `{ tenants(first: 100) { edges { node { id name kind } } } }`)).tenants.edges
      .map((edge: { node: { id: string; name: string; kind: string } }) => edge.node)
      .filter((node: { kind: string }) => node.kind === 'STORE');
    expect(stores.length).toBeGreaterThanOrEqual(3);
    const perStore = await Promise.all(
      stores.map(async (store: { id: string; name: string }) => ({
        name: store.name,
        figures: (await figuresOf(token.hq, { period: { month }, stores: [store.id] })).find((row) => row.metric === 'FIRST_CONTACT')!,
      })),
    );
    const storeRows = page.getByTestId('figures-stores').locator('tr.ant-table-row');
    await pollUntil(async () => (await storeRows.count()) === stores.length, 'a line per store');
    const shown = await Promise.all((await storeRows.all()).map(async (row) => (await row.locator('td').allTextContents()).slice(0, 3)));
    // The page lists the stores in the API's order (by slug); compare as sets of lines.
    const byName = (a: string[], b: string[]) => a[0].localeCompare(b[0]);
    expect([...shown].sort(byName)).toEqual(
      perStore
        .map(({ name, figures }) => [name, String(figures.measured), figures.compliancePercent === null ? '—' : `${figures.compliancePercent}%`])
        .sort(byName),
    );
    const decided = perStore.flatMap(({ figures }) => (figures.compliancePercent === null ? [] : [figures.compliancePercent])).sort((a, b) => a - b);
    const middle = Math.floor(decided.length / 2);
    const median = decided.length === 0 ? null : decided.length % 2 ? decided[middle] : Math.round(((decided[middle - 1] + decided[middle]) / 2) * 100) / 100;
    expect(await page.getByTestId('figures-network-median').textContent()).toBe(`Network median: ${median === null ? '—' : `${median}%`}`);

    // Every ticket registered in the network behind the volumes' count, with its store; by priority as the API counts it.
    const enums = words('en', 'enums');
    const volumes = (await call(token.hq, VOLUMES, { f: { period: { month } } })).ticketFigures;
    expect(await breakdownOf(page, 'figures-volumes-priorities', volumes.byPriority.length)).toEqual(
      volumes.byPriority.map((row: { priority: string; count: number }) => [enums.TicketPriority[row.priority], String(row.count)]),
    );
    await openBehind(page, 'figures-volumes', 'Tickets registered');
    const registered = await rowsBehind(token.hq, 'ticketFigureTickets', { period: { month } }, 'figure: REGISTERED');
    expect(registered).toHaveLength(volumes.registered);
    expect(await drillNumbers(page, 'figures-volumes-drill', volumes.registered)).toEqual(registered.map((row) => row.number));
    // (the second column names each ticket's store: both stores' tickets are there)
    const storeCells = await page.getByTestId('figures-volumes-drill').locator('tr.ant-table-row td:nth-child(2)').allTextContents();
    expect(storeCells).toEqual(registered.map((row) => row.storeName));
    expect(new Set(storeCells).size).toBe(2);

    // The customer-care tickets, their list and the care figures exported as JSON.
    const care = (await call(token.hq, `query($f: ServiceFigureFilter!) { careFigures(filter: $f) { tickets } }`, { f: { period: { month } } })).careFigures;
    await openBehind(page, 'figures-care', 'Tickets registered');
    const careTickets = await numbersBehind(token.hq, 'careFigureTickets', { period: { month } }, 'figure: TICKETS');
    expect(careTickets).toHaveLength(care.tickets);
    expect(await drillNumbers(page, 'figures-care-drill', care.tickets)).toEqual(careTickets);
    const careDrill = page.getByTestId('figures-care-drill');
    const [listFile] = await Promise.all([page.waitForEvent('download'), careDrill.getByRole('button', { name: 'Export list as JSON' }).click()]);
    expect(listFile.suggestedFilename()).toBe('care-figure-tickets.json');
    expect((JSON.parse(readFileSync((await listFile.path())!, 'utf8')) as Numbered[]).map((line) => line.number)).toEqual(careTickets);
    const [careFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export care figures as JSON' }).click()]);
    expect(careFile.suggestedFilename()).toBe('care-figures.json');
    const careLines = JSON.parse(readFileSync((await careFile.path())!, 'utf8')) as { interval: string; tickets: number }[];
    expect(careLines.filter((line) => line.interval === 'PERIOD').map((line) => line.tickets)).toEqual([care.tickets]);

    // The week picker reads the week's figures.
    await page.getByText('Week', { exact: true }).click();
    const week = await page.getByLabel('Week shown').inputValue();
    expect(week).toMatch(/^\d{4}-W\d{2}$/);
    const weekFigures = await figuresOf(token.hq, { period: { week } });
    await pollUntil(async () => ((await page.getByTestId('figures-range').textContent()) ?? '').includes('stores'), 'the week read');
    expect(await shownMetrics(page)).toEqual(expectedRows(weekFigures, EN));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export figures as JSON' }).click()]);
    expect(download.suggestedFilename()).toBe('figures.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as (MetricFigures & { interval: string })[];
    expect(
      exported
        .filter((line) => line.interval === 'PERIOD')
        .map(({ metric, measured, met, breached, running, compliancePercent }) => ({ metric, measured, met, breached, running, compliancePercent })),
    ).toEqual(weekFigures);

    // Past one page: twenty more tickets at Shanghai, then the month's tickets registered read 20 a page, forward and back.
    for (let i = 0; i < 20; i++) await register('sh-xjh', `Customer ${i}`, `139000020${String(i).padStart(2, '0')}`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Service figures' }).waitFor();
    const all = (await rowsBehind(token.hq, 'ticketFigureTickets', { period: { month } }, 'figure: REGISTERED')).map((row) => row.number);
    expect(all).toHaveLength(volumes.registered + 20);
    await expectVolumes(page, token.hq, {
      registered: 'Tickets registered',
      backlog: 'Open tickets',
      ages: { UNDER_1_DAY: 'Under 1 day', DAYS_1_TO_3: '1 to 3 days', DAYS_3_TO_7: '3 to 7 days', DAYS_7_OR_MORE: '7 days or more' },
    });
    await openBehind(page, 'figures-volumes', 'Tickets registered');
    const list = page.getByTestId('figures-volumes-drill');
    const firstPage = await drillNumbers(page, 'figures-volumes-drill', 20);
    await list.getByRole('button', { name: 'Next' }).click();
    await list.getByText('Page 2', { exact: true }).waitFor();
    const secondPage = await drillNumbers(page, 'figures-volumes-drill', all.length - 20);
    expect([...firstPage, ...secondPage]).toEqual(all);
    expect(await list.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await list.getByRole('button', { name: 'Previous' }).click();
    expect(await drillNumbers(page, 'figures-volumes-drill', 20)).toEqual(firstPage);

    await page.mouse.move(0, 0);
    await pollUntil(async () => page.evaluate<boolean>(SETTLED), 'the export buttons settled');
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);
