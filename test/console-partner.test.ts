import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, startConsoleApp } from './support/console-app';

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
  'zh-CN': { tenant: '租户代码', email: '邮箱', password: '密码', title: '维修工单' },
  en: { tenant: 'Tenant', email: 'E-mail', password: 'Password', title: 'Work orders' },
} as const;

async function signIn(page: Page, language: 'zh-CN' | 'en', slug: string, email: string): Promise<void> {
  const words = LABELS[language];
  await page.goto(`${app.origin}/console/`);
  await page.getByLabel(words.tenant).fill(slug);
  await page.getByLabel(words.email).fill(email);
  await page.getByLabel(words.password).fill(DEMO_PASSWORD);
  // (antd spaces a two-character Chinese button label, so the button is found by its role in the form)
  await page.locator('form button[type="submit"]').click();
}

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  storeToken = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
  const registered = await call(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`,
    { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'The hinge is broken and the screen wobbles', newCustomer: { name: 'Wang Fang', phone: '13900001234', email: 'wang.fang@example.test', locale: 'ZH_CN' } } },
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
  expect(orders.workOrders.edges.map((edge: { node: unknown }) => edge.node)).toEqual([{ reference: ticket.number, storeDueAt: resolutionDue, status: 'RECEIVED' }]);
});

test.each(['zh-CN', 'en'] as const)('in %s: the work orders with the deadline, every word translated, accessible, nothing from another host', async (language) => {
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
}, 60000);

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
  expect(store.ticket.dispatches).toEqual([{ partnerStatus: 'IN_REPAIR', partnerNote: 'Hinge replaced, testing the display', partnerUpdatedAt: expect.any(String) }]);
}, 60000);
