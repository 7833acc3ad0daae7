import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, WatchedPage } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * The desk's pages as a store agent sees them, in zh-CN (the default) and en:
 * the queue, registering a walk-in, a ticket with its clocks and a part on
 * order, and its printable receipt (the print stylesheet hides the console
 * around it). Every word translated, no serious accessibility violation,
 * nothing loaded from another host; screenshots of each in zh-CN.
 */
let app: ConsoleApp;
let browser: Browser;

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
}, 90000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const signIn = (page: Page, language: 'en' | 'zh-CN', tenant: string, email: string) => signInThroughPage(page, app, language, tenant, email);

/** A day in the store's calendar (Asia/Shanghai), `days` after the api's today. */
function storeDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(app.clock.now().getTime() + days * 86400000));
}

async function expectClean(watched: WatchedPage): Promise<void> {
  expect(await watched.missingTranslations()).toEqual([]);
  expect(await seriousAccessibilityViolations(watched.page)).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
}

describe('the desk pages in zh-CN and en', () => {
  let ticketId = '';

  beforeAll(async () => {
    // A ticket with a device, a responsible technician and a part on order, as the pages are usually seen.
    const token = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
    const models = await app.api.gql(`{ productModels(first: 10) { edges { node { id modelCode } } } }`, {}, token);
    const modelId = models.body.data.productModels.edges.find((edge: { node: { modelCode: string } }) => edge.node.modelCode === 'XB-16-PRO').node.id;
    const registered = await app.api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id version } userErrors { code message } } }`,
      {
        i: {
          channel: 'WALK_IN',
          type: 'REPAIR',
          priority: 'HIGH',
          problem: '屏幕闪烁，偶尔黑屏。',
          newCustomer: { name: '陈静', phone: '13755556666', email: 'chen.jing@example.com' },
          newDevice: { serialNumber: 'XB16P-0042', modelId, purchaseSource: 'THIS_STORE', purchaseDate: storeDay(-200), invoiceNumber: 'FP-2026-0042' },
        },
      },
      token,
    );
    ticketId = registered.body.data.registerTicket.ticket.id;
    const staff = await app.api.gql(`{ staffUsers(first: 20) { edges { node { id email } } } }`, {}, token);
    const techId = staff.body.data.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email === 'tech@bj-zgc.example.com').node.id;
    await app.api.gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`, { i: { ticketId, assigneeId: techId } }, token);
    await app.api.gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code } } }`, { i: { ticketId, to: 'IN_PROGRESS' } }, token);
    await app.api.gql(
      `mutation($i: OrderPartInput!) { orderPart(input: $i) { userErrors { code message } } }`,
      { i: { ticketId, description: '屏幕排线', partNumber: 'LCD-CABLE-16', quantity: 1, supplier: '联宝配件', expectedOn: storeDay(4) } },
      token,
    );
  }, 60000);

  test.each([
    [
      'zh-CN',
      {
        queue: '工作队列',
        register: '登记到店客户',
        ticket: '工单',
        receipt: '服务受理单',
        print: /^打\s*印$/,
        warranty: '保修判定',
        target: /^\d+(\.\d+)? (工作日|工作小时|工作分钟|半个工作日|自然小时)$/,
      },
    ],
    [
      'en',
      {
        queue: 'Work queue',
        register: 'Register a walk-in',
        ticket: 'Ticket',
        receipt: 'Service receipt',
        print: 'Print',
        warranty: 'Warranty decision',
        target: /^\d+(\.\d+)? (working days|working hours|working minutes|half working days|calendar hours)$/,
      },
    ],
  ] as const)(
    'in %s: queue, register, ticket and receipt, every word translated, accessible, nothing from another host',
    async (language, words) => {
      const watched = await openPage(browser, app.origin, { language });
      try {
        const { page } = watched;
        await signIn(page, language, 'bj-zgc', 'agent1@bj-zgc.example.com');
        await page.getByRole('heading', { level: 2, name: words.queue }).waitFor();
        await page.locator('[data-ticket-row]').first().waitFor();
        await expectClean(watched);
        if (language === 'zh-CN') await screenshot(page, 'desk-queue');

        await page.goto(`${app.origin}/console/desk/register`);
        await page.getByRole('heading', { level: 2, name: words.register }).waitFor();
        await page.getByRole('heading', { level: 3, name: words.warranty }).waitFor();
        await expectClean(watched);
        if (language === 'zh-CN') await screenshot(page, 'desk-register');

        await page.goto(`${app.origin}/console/desk/tickets/${encodeURIComponent(ticketId)}`);
        await page.getByRole('heading', { level: 2, name: new RegExp(`^${words.ticket} `) }).waitFor();
        await page.locator('[data-part="LCD-CABLE-16"]').waitFor();
        await page.locator('[data-clock] [data-countdown]').first().waitFor();
        await expectClean(watched);
        if (language === 'zh-CN') await screenshot(page, 'desk-ticket');

        await page.goto(`${app.origin}/console/desk/tickets/${encodeURIComponent(ticketId)}/receipt`);
        await page.getByRole('heading', { level: 2, name: words.receipt }).waitFor();
        await page.getByRole('button', { name: words.print }).waitFor();
        expect(await page.locator('[data-receipt-number]').textContent()).toMatch(/-\d{4}-\d+/);
        // Each promise's target is worded in the page's language, not in the api's English.
        const targets = await page.locator('[data-receipt-target]').allTextContents();
        expect(targets.length).toBeGreaterThan(0);
        for (const target of targets) expect(target).toMatch(words.target);
        await expectClean(watched);
        if (language === 'zh-CN') {
          await page.emulateMedia({ media: 'print' });
          expect(await page.getByRole('button', { name: words.print }).isVisible()).toBe(false);
          expect(await page.getByRole('navigation').isVisible()).toBe(false);
          await screenshot(page, 'desk-receipt');
          await page.emulateMedia({ media: 'screen' });
        }
      } finally {
        await watched.close();
      }
    },
    90000,
  );
});
