import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * The partner portal as a repair centre's technician meets it: a store hands
 * a repair over through the API; the technician signs in, finds the work
 * order with the store's deadline counting down, opens it and reports
 * progress; the store's dispatch shows that report at once.
 */
let app: ConsoleApp;
let browser: Browser;
let storeToken: string;
let ticket: { id: string; number: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, variables: Record<string, unknown> | undefined, token: string): Promise<any> {
  const res = await app.api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

const LABELS = {
  'zh-CN': { title: '维修工单' },
  en: { title: 'Work orders' },
} as const;

const signIn = (page: Page, language: 'zh-CN' | 'en', slug: string, email: string) => signInThroughPage(page, app, language, slug, email);

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  storeToken = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
  const registered = await call(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`,
    {
      i: {
        type: 'REPAIR',
        channel: 'WALK_IN',
        problem: 'The hinge is broken and the screen wobbles',
        newCustomer: { name: 'Wang Fang', phone: '13900001234', email: 'wang.fang@example.test', locale: 'ZH_CN' },
      },
    },
    storeToken,
  );
  expect(registered.registerTicket.userErrors).toEqual([]);
  ticket = registered.registerTicket.ticket;
  const partners = await call(`{ networkPartners { id slug } }`, undefined, storeToken);
  const partner = partners.networkPartners.find((p: { slug: string }) => p.slug === 'repair-partner');
  const dispatched = await call(
    `mutation($i: DispatchToPartnerInput!) { dispatchToPartner(input: $i) { dispatch { id } userErrors { code message } } }`,
    { i: { ticketId: ticket.id, partnerTenantId: partner.id, note: 'Customer needs it back by Friday' } },
    storeToken,
  );
  expect(dispatched.dispatchToPartner.userErrors).toEqual([]);
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("the work order carries the store's deadline: when the ticket is due to be resolved", async () => {
  const store = await call(`query($id: ID!) { ticket(id: $id) { slaClocks { metric dueAt } } }`, { id: ticket.id }, storeToken);
  const resolutionDue = store.ticket.slaClocks.find((clock: { metric: string }) => clock.metric === 'RESOLUTION').dueAt;
  expect(resolutionDue).toBeTruthy();
  const partnerToken = await app.api.login('repair-partner', 'tech@repair-partner.example.com', DEMO_PASSWORD);
  const orders = await call(`{ workOrders(first: 10) { edges { node { reference storeDueAt status } } } }`, undefined, partnerToken);
  expect(orders.workOrders.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
    { reference: ticket.number, storeDueAt: resolutionDue, status: 'RECEIVED' },
  ]);
});

test.each(['zh-CN', 'en'] as const)(
  'in %s: the work orders with the deadline, every word translated, accessible, nothing from another host',
  async (language) => {
    const watched = await openPage(browser, app.origin, { language });
    try {
      const { page } = watched;
      await signIn(page, language, 'repair-partner', 'tech@repair-partner.example.com');
      await page.getByRole('heading', { level: 1, name: LABELS[language].title }).waitFor();
      const row = page.getByRole('row').filter({ hasText: ticket.number });
      await row.waitFor();
      // The deadline counts down in the browser, second by second.
      const countdown = row.locator('.partner-countdown');
      const before = await countdown.textContent();
      expect(before).toMatch(language === 'en' ? /left$/ : /^剩余/);
      await page.waitForTimeout(1500);
      expect(await countdown.textContent()).not.toBe(before);
      await page.getByRole('menuitem', { name: LABELS[language].title }).waitFor();
      expect(await watched.missingTranslations()).toEqual([]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
      if (language === 'zh-CN') await screenshot(page, 'partner-work-orders');
    } finally {
      await watched.close();
    }
  },
  60000,
);

test('the technician reports progress in the UI, and the store sees it on its dispatch', async () => {
  const watched = await openPage(browser, app.origin, { language: 'en' });
  try {
    const { page } = watched;
    await signIn(page, 'en', 'repair-partner', 'tech@repair-partner.example.com');
    await page.getByRole('button', { name: `Open work order ${ticket.number}` }).click();
    const drawer = page.getByRole('dialog', { name: `Work order ${ticket.number}` });
    await drawer.getByText('Customer needs it back by Friday').waitFor();
    // Only the moves the api allows from RECEIVED are offered.
    await drawer.getByLabel('Status').click();
    const options = page.locator('.ant-select-item-option');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(['Received (unchanged, note only)', 'In repair', 'Waiting for parts', 'Returned', 'Cancelled']);
    await page.locator('.ant-select-item-option', { hasText: 'In repair' }).click();
    await drawer.getByLabel('Note for the store').fill('Hinge replaced, testing the display');
    await drawer.getByRole('button', { name: 'Send report' }).click();
    await drawer.getByText('Report sent: the store sees it now.').waitFor();
    await page.getByRole('row').filter({ hasText: ticket.number }).getByText('In repair').waitFor();
    expect(await watched.missingTranslations()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  } finally {
    await watched.close();
  }
  const store = await call(`query($id: ID!) { ticket(id: $id) { dispatches { partnerStatus partnerNote partnerUpdatedAt } } }`, { id: ticket.id }, storeToken);
  expect(store.ticket.dispatches).toEqual([
    { partnerStatus: 'IN_REPAIR', partnerNote: 'Hinge replaced, testing the display', partnerUpdatedAt: expect.any(String) },
  ]);

  // The store's agent opens the ticket in the console and reads the partner's report.
  const storeView = await openPage(browser, app.origin, { language: 'en' });
  try {
    await signIn(storeView.page, 'en', 'bj-zgc', 'agent1@bj-zgc.example.com');
    await storeView.page.getByRole('navigation', { name: 'Menu' }).waitFor();
    await storeView.page.goto(`${app.origin}/console/desk/tickets/${encodeURIComponent(ticket.id)}`);
    const dispatches = storeView.page.getByRole('region', { name: 'Dispatches to partners' });
    await dispatches.getByText('Hinge replaced, testing the display').waitFor();
    await dispatches.getByText('In repair').waitFor();
  } finally {
    await storeView.close();
  }
}, 90000);
