import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, pollUntil, screenshot, seriousAccessibilityViolations } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * The repair centre's figures page: a store hands two repairs over, the
 * partner's technician reports one of them repaired; the partner's manager
 * reads the month's figures in the console, every count equal to the API's,
 * and opens the orders behind one of them.
 */
let app: ConsoleApp;
let browser: Browser;
let managerToken: string;
const numbers: string[] = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, variables: Record<string, unknown> | undefined, token: string): Promise<any> {
  const res = await app.api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

const LABELS = {
  'zh-CN': {
    title: '工单统计',
    received: '收到',
    repaired: '已修复',
    open: '期末未完成',
    list: '工单：收到',
    figuresCsv: '导出统计 CSV',
    ordersJson: '导出工单 JSON',
  },
  en: {
    title: 'Work order figures',
    received: 'Received',
    repaired: 'Repaired',
    open: 'Open at the end',
    list: 'Orders: Received',
    figuresCsv: 'Figures as CSV',
    ordersJson: 'Orders as JSON',
  },
} as const;

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  const storeToken = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
  const techToken = await app.api.login('repair-partner', 'tech@repair-partner.example.com', DEMO_PASSWORD);
  managerToken = await app.api.login('repair-partner', 'manager@repair-partner.example.com', DEMO_PASSWORD);
  const partners = await call(`{ networkPartners { id slug } }`, undefined, storeToken);
  const partnerId = partners.networkPartners.find((p: { slug: string }) => p.slug === 'repair-partner').id;
  for (const [index, problem] of ['The fan rattles', 'The keyboard misses keys'].entries()) {
    const registered = await call(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code } } }`,
      { i: { type: 'REPAIR', channel: 'WALK_IN', problem, newCustomer: { name: `Li Wei ${index}`, phone: `1390000567${index}`, locale: 'ZH_CN' } } },
      storeToken,
    );
    expect(registered.registerTicket.userErrors).toEqual([]);
    numbers.push(registered.registerTicket.ticket.number);
    const dispatched = await call(
      `mutation($i: DispatchToPartnerInput!) { dispatchToPartner(input: $i) { userErrors { code } } }`,
      { i: { ticketId: registered.registerTicket.ticket.id, partnerTenantId: partnerId } },
      storeToken,
    );
    expect(dispatched.dispatchToPartner.userErrors).toEqual([]);
  }
  const orders = await call(`{ workOrders(first: 10) { edges { node { id reference } } } }`, undefined, techToken);
  const first = orders.workOrders.edges.find((edge: { node: { reference: string } }) => edge.node.reference === numbers[0]).node.id;
  for (const status of ['IN_REPAIR', 'REPAIRED']) {
    const moved = await call(
      `mutation($i: UpdateWorkOrderInput!) { updateWorkOrder(input: $i) { userErrors { code } } }`,
      { i: { workOrderId: first, status } },
      techToken,
    );
    expect(moved.updateWorkOrder.userErrors).toEqual([]);
  }
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test.each(['zh-CN', 'en'] as const)(
  "in %s: the partner's manager reads the month's figures as the API counts them and lists the orders received",
  async (language) => {
    const { workOrderFigures: figures } = await call(
      `query($p: FigurePeriodInput!) { workOrderFigures(period: $p) { from received repaired open } }`,
      { p: { month: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()) } },
      managerToken,
    );
    expect(figures.received).toBeGreaterThanOrEqual(2);
    expect(figures.repaired).toBeGreaterThanOrEqual(1);
    expect(figures.open).toBeGreaterThanOrEqual(1);
    const watched = await openPage(browser, app.origin, { language });
    try {
      const { page } = watched;
      await signInThroughPage(page, app, language, 'repair-partner', 'manager@repair-partner.example.com');
      await page.getByRole('menuitem', { name: LABELS[language].title }).click();
      await page.getByRole('heading', { level: 1, name: LABELS[language].title }).waitFor();
      const table = page.getByTestId('partner-figures');
      const countOf = (label: string) =>
        table.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::*[1]');
      await countOf(LABELS[language].received).getByText(String(figures.received), { exact: true }).waitFor();
      expect((await countOf(LABELS[language].repaired).textContent())?.trim()).toBe(String(figures.repaired));
      expect((await countOf(LABELS[language].open).textContent())?.trim()).toBe(String(figures.open));
      await page.getByRole('img', { name: language === 'en' ? 'Received and repaired, by week' : '每周收到与完成的工单' }).waitFor();

      await countOf(LABELS[language].received).getByRole('button').click();
      const drill = page.getByTestId('partner-figures-drill');
      await drill.getByRole('heading', { name: LABELS[language].list }).waitFor();
      for (const number of numbers) await drill.getByRole('row').filter({ hasText: number }).waitFor();
      expect(await drill.locator('tbody tr.ant-table-row').count()).toBe(Math.min(figures.received, 20));

      // Both export: the month's figures as CSV (with a byte order mark), the orders listed as JSON.
      const [figuresFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: LABELS[language].figuresCsv }).click()]);
      expect(figuresFile.suggestedFilename()).toBe('work-order-figures.csv');
      const csv = readFileSync((await figuresFile.path())!, 'utf8');
      expect(csv.startsWith('\uFEFFinterval,start,end,RECEIVED,')).toBe(true);
      expect(csv.split('\n')[1].split(',').slice(0, 4)).toEqual(['PERIOD', figures.from, expect.any(String), String(figures.received)]);
      const [ordersFile] = await Promise.all([page.waitForEvent('download'), drill.getByRole('button', { name: LABELS[language].ordersJson }).click()]);
      expect(ordersFile.suggestedFilename()).toBe('work-order-figure-orders.json');
      const orders = JSON.parse(readFileSync((await ordersFile.path())!, 'utf8')) as { reference: string }[];
      expect(orders).toHaveLength(figures.received);
      for (const number of numbers) expect(orders.map((order) => order.reference)).toContain(number);

      expect(await watched.missingTranslations()).toEqual([]);
      // The export buttons back from loading and from the hover their clicks left them in, before axe reads their colours.
      await page.mouse.move(0, 0);
      await pollUntil(async () => page.evaluate<boolean>("!document.querySelector('.ant-btn-loading')"), 'the export buttons settled');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
      if (language === 'zh-CN') await screenshot(page, 'partner-figures');
    } finally {
      await watched.close();
    }
  },
  90000,
);

test('the technician, who may not read figures, is not offered the page', async () => {
  const watched = await openPage(browser, app.origin, { language: 'en' });
  try {
    const { page } = watched;
    await signInThroughPage(page, app, 'en', 'repair-partner', 'tech@repair-partner.example.com');
    await page.getByRole('menuitem', { name: 'Work orders' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Work order figures' }).count()).toBe(0);
  } finally {
    await watched.close();
  }
}, 60000);
