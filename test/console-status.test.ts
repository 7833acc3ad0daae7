import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../core/clock';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, WatchedPage } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, startConsoleApp } from './support/console-app';

/**
 * The customer's status page in a real browser, on a phone: opened from the
 * link in the store's e-mail, it shows where the repair stands, the store's
 * promises and the part's date; when the supplier moves that date, the page
 * shows the change with its reason and the new date. By ticket number, a
 * wrong phone suffix is refused and shows nothing, the right one shows the
 * ticket; guessing is slowed down; another ticket's data never appears. No
 * session is restored, nothing of the signed-in console is loaded, nothing
 * comes from another host, every word exists in zh-CN and en.
 */
const clock = new ManualClock(new Date('2026-03-10T10:00:00+08:00')); // a Tuesday, in the store's working hours
const PHONE = { width: 390, height: 844 };
const LINK = /\/console\/status\/([A-Za-z0-9_-]{43})/;

let app: ConsoleApp;
let browser: Browser;
let manager: string;

interface Registered {
  id: string;
  number: string;
}
let mine: Registered;
let other: Registered;
let token: string;
let partId: string;

async function call<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await app.api.gql(query, variables, manager);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  const payload = Object.values(response.body.data as Record<string, { userErrors?: unknown[] }>)[0];
  if (payload.userErrors?.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload as T;
}

async function register(name: string, phone: string, email: string, problem: string): Promise<Registered> {
  const payload = await call<{ ticket: Registered }>(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`,
    { i: { type: 'REPAIR', channel: 'WALK_IN', problem, newCustomer: { name, phone, email, locale: 'ZH_CN' } } },
  );
  return payload.ticket;
}

async function orderPart(ticketId: string, description: string, expectedOn: string): Promise<string> {
  const payload = await call<{ partsOrder: { id: string } }>(
    `mutation($i: OrderPartInput!) { orderPart(input: $i) { partsOrder { id } userErrors { code message } } }`,
    { i: { ticketId, partNumber: `P-${description.length}`, description, quantity: 1, supplier: 'Shenzhen Panel Supply Co', expectedOn } },
  );
  return payload.partsOrder.id;
}

async function waitForMail(email: string): Promise<string> {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const message = app.smtp.messages.find((m) => m.to.includes(email) && LINK.test(m.text));
    if (message) return LINK.exec(message.text)![1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no message with a status link reached ${email}`);
}

/** Opens a page on a phone; records every call that would restore a session or load the signed-in console. */
async function openOnPhone(language: 'zh-CN' | 'en'): Promise<WatchedPage & { signedInTraffic: string[]; failedAssets: string[] }> {
  const watched = await openPage(browser, app.origin, { language, viewport: PHONE });
  const signedInTraffic: string[] = [];
  const failedAssets: string[] = [];
  watched.page.on('request', (request) => {
    const url = request.url();
    if (/\/auth\/|SignedInApp|SignInPage|Shell/.test(url)) signedInTraffic.push(url);
  });
  // The page and its scripts, styles and words all load (the browser's own favicon request aside).
  watched.page.on('response', (response) => {
    const url = response.url();
    if (response.status() >= 400 && !/\/graphql$|\/favicon\.ico$/.test(url)) failedAssets.push(`${response.status()} ${url}`);
  });
  return Object.assign(watched, { signedInTraffic, failedAssets });
}

const noHorizontalScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
const visibleText = (page: Page) => page.locator('body').innerText();

beforeAll(async () => {
  app = await startConsoleApp(clock);
  browser = await launchBrowser();
  manager = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  mine = await register('王芳', '139-1234-5678', 'wang.fang@example.test', '屏幕闪烁后黑屏');
  other = await register('陈杰', '137-0000-4321', 'chen.jie@example.test', 'Battery swells, keyboard lifts');
  partId = await orderPart(mine.id, 'XBook 14 屏幕', '2026-03-12');
  await orderPart(other.id, 'XBook 14 battery pack', '2026-03-13');
  token = await waitForMail('wang.fang@example.test');
}, 90000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Nothing of the other customer's ticket is on the page. */
async function expectNothingOfTheOtherTicket(page: Page) {
  const text = await visibleText(page);
  for (const fragment of [other.number, 'battery', 'Battery', '陈杰', '4321']) expect(text).not.toContain(fragment);
}

test('from the e-mail link, on a phone in zh-CN: where the repair stands, the promises, the part; the supplier slips the date and the page shows the change with its reason', async () => {
  const watched = await openOnPhone('zh-CN');
  const { page } = watched;
  try {
    await page.goto(`${app.origin}/console/status/${token}`);
    await page.getByRole('heading', { level: 1, name: /您的服务单/ }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(mine.number);
    await page.getByRole('heading', { level: 2, name: '当前进度' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '门店的承诺' }).waitFor();
    expect(await page.locator('[data-promise]').evaluateAll((items) => items.map((item) => item.getAttribute('data-promise')))).toEqual([
      'FIRST_CONTACT',
      'RESOLUTION',
    ]);
    await expect(page.locator('[data-promise="RESOLUTION"]').innerText()).resolves.toMatch(/完成维修[\s\S]*\d{4}\/\d{2}\/\d{2}/);
    await expect(page.locator('[data-part="XBook 14 屏幕"]').innerText()).resolves.toContain('预计 2026/03/12 到货');
    // The store's contact.
    const store = page.getByRole('region', { name: '联系门店' });
    await expect(store.getByRole('link', { name: '+86 10 0000 0101' }).getAttribute('href')).resolves.toBe('tel:+861000000101');
    await expect(store.innerText()).resolves.toContain('1 Demo Road');
    expect(await page.locator('[data-change="PART_DATE_CHANGED"]').count()).toBe(0);

    // The supplier moves the date: the customer reads the slip, its reason and the new date.
    await call(`mutation($i: ChangePartExpectedDateInput!) { changePartExpectedDate(input: $i) { userErrors { code message } } }`, {
      i: { partsOrderId: partId, expectedOn: '2026-03-16', reason: '供应商仓库面板缺货' },
    });
    await page.reload();
    const slip = page.locator('[data-change="PART_DATE_CHANGED"]');
    await slip.waitFor();
    const slipText = await slip.innerText();
    expect(slipText).toContain('XBook 14 屏幕：由 2026/03/12 改为 2026/03/16');
    expect(slipText).toContain('原因：供应商仓库面板缺货');
    const part = await page.locator('[data-part="XBook 14 屏幕"]').innerText();
    expect(part).toContain('预计 2026/03/16 到货');
    expect(part).toContain('最初承诺 2026/03/12 到货');

    await expectNothingOfTheOtherTicket(page);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await watched.missingTranslations()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.signedInTraffic).toEqual([]);
    expect(watched.failedAssets).toEqual([]);
    expect(watched.consoleErrors.filter((error) => !/status of 404/.test(error))).toEqual([]);
    await screenshot(page, 'status-page');
  } finally {
    await watched.close();
  }
}, 60000);

test('in en, and switching the language on the page: every word translated, the slip and its reason', async () => {
  const watched = await openOnPhone('en');
  const { page } = watched;
  try {
    await page.goto(`${app.origin}/console/status/${token}`);
    await page.getByRole('heading', { level: 1, name: /Your ticket/ }).waitFor();
    const slip = await page.locator('[data-change="PART_DATE_CHANGED"]').innerText();
    expect(slip).toContain('XBook 14 屏幕: moved from 03/12/2026 to 03/16/2026');
    expect(slip).toContain('Reason: 供应商仓库面板缺货');
    await page.getByRole('heading', { level: 2, name: 'Contact the store' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: /您的服务单/ }).waitFor();
    await expect(page.locator('[data-change="PART_DATE_CHANGED"]').innerText()).resolves.toContain('原因：供应商仓库面板缺货');
    expect(await watched.missingTranslations()).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.signedInTraffic).toEqual([]);
  } finally {
    await watched.close();
  }
}, 60000);

test('by ticket number: a wrong phone suffix is refused and shows nothing, the right one shows the ticket and nothing of another', async () => {
  const watched = await openOnPhone('zh-CN');
  const { page } = watched;
  try {
    await page.goto(`${app.origin}/console/status`);
    await page.getByRole('heading', { level: 1, name: '查询维修进度' }).waitFor();
    // Empty and malformed fields are named before anything is asked.
    await page.getByRole('button', { name: '查看维修进度' }).click();
    await page.getByText('请输入服务单号。').waitFor();
    await page.getByText('请输入 4 位数字。').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'status-lookup');

    await page.getByLabel('服务单号').fill(mine.number);
    await page.getByLabel('手机号码后 4 位').fill('1111');
    await page.getByRole('button', { name: '查看维修进度' }).click();
    await page.getByRole('alert').getByText('没有与此单号和号码后 4 位相符的服务单').waitFor();
    expect(await page.locator('article').count()).toBe(0);
    const refused = await visibleText(page);
    for (const fragment of ['XBook', '当前进度', '联系门店', '+86 10']) expect(refused).not.toContain(fragment);
    // What was typed is kept.
    expect(await page.getByLabel('服务单号').inputValue()).toBe(mine.number);

    await page.getByLabel('手机号码后 4 位').fill('5678');
    await page.getByRole('button', { name: '查看维修进度' }).click();
    await page.locator(`article[data-ticket-number="${mine.number}"]`).waitFor();
    // The reader is taken to the ticket's heading, where the form was.
    expect(await page.evaluate<string>('document.activeElement.tagName')).toBe('H1');
    await expect(page.locator('[data-change="PART_DATE_CHANGED"]').innerText()).resolves.toContain('原因：供应商仓库面板缺货');
    await expectNothingOfTheOtherTicket(page);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await watched.missingTranslations()).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.signedInTraffic).toEqual([]);
  } finally {
    await watched.close();
  }
}, 60000);

test('guessing a number is slowed down: after 5 wrong suffixes the page says how long to wait, and even the right suffix shows nothing meanwhile', async () => {
  const watched = await openOnPhone('en');
  const { page } = watched;
  try {
    await page.goto(`${app.origin}/console/status`);
    await page.getByLabel('Ticket number').fill(other.number);
    for (const guess of ['0001', '0002', '0003', '0004', '0005']) {
      await page.getByLabel('Last 4 digits of your phone').fill(guess);
      await page.getByRole('button', { name: 'Show my repair' }).click();
      await page.getByRole('alert').getByText('No ticket matches this number and these digits.', { exact: false }).waitFor();
    }
    await page.getByLabel('Last 4 digits of your phone').fill('4321');
    await page.getByRole('button', { name: 'Show my repair' }).click();
    const alert = page.getByRole('alert').getByText(/Too many tries\. Please wait \d+ seconds, then try again\./);
    await alert.waitFor();
    expect(Number(/wait (\d+) seconds/.exec(await alert.innerText())![1])).toBeGreaterThan(60);
    expect(await page.locator('article').count()).toBe(0);
    expect(await visibleText(page)).not.toContain('battery');
    expect(await watched.missingTranslations()).toEqual([]);
  } finally {
    await watched.close();
  }
}, 60000);

test('a link that opens nothing says so and offers the look-up by number', async () => {
  const watched = await openOnPhone('zh-CN');
  const { page } = watched;
  try {
    await page.goto(`${app.origin}/console/status/${'x'.repeat(43)}`);
    await page.getByRole('alert').getByText('此链接未能打开任何服务单').waitFor();
    expect(await page.locator('article').count()).toBe(0);
    await page.getByRole('link', { name: '改用服务单号查询' }).click();
    await page.getByRole('heading', { level: 1, name: '查询维修进度' }).waitFor();
    expect(await watched.missingTranslations()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(watched.signedInTraffic).toEqual([]);
  } finally {
    await watched.close();
  }
}, 60000);
