import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../infra/paths';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations, WatchedPage } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, startConsoleApp } from './support/console-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * The store manager's pages as Zhang Wei (manager of the Zhongguancun store)
 * uses them in the browser: the store's stricter standard beside HQ's floor,
 * staff, webhooks with their delivery log and replay, prices inside HQ's
 * range, message wording with its preview in both languages, and the
 * subscription. Every page in zh-CN and en without a missing word, accessible,
 * with nothing from another host. An agent sees none of it.
 */
let app: ConsoleApp;
let browser: Browser;
let manager: string;
const receivers: WebhookReceiver[] = [];

type Words = Record<string, Record<string, string>>;
const words = (language: string, namespace: string): Words => JSON.parse(readFileSync(join(projectRoot(), 'console', 'src', 'i18n', 'locales', language, `${namespace}.json`), 'utf8'));
const zhEnums = words('zh-CN', 'enums');

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  manager = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
}, 90000);

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await browser?.close();
  await app?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's answers, read loosely as in the other API tests
type Answer = Record<string, any>;

async function data<T = Answer>(query: string, variables: Record<string, unknown> = {}, token = manager): Promise<T> {
  const result = await app.api.gql(query, variables, token);
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data as T;
}

/** Opens a page of the console and signs in on the way, as a person would from a bookmark. */
async function signedIn(path: string, email: string, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<WatchedPage> {
  const watched = await openPage(browser, app.origin, { language });
  const { page } = watched;
  await page.goto(`${app.origin}/console/${path}`);
  const zh = language === 'zh-CN';
  await page.getByLabel(zh ? '租户代码' : 'Tenant').fill('bj-zgc');
  await page.getByLabel(zh ? '邮箱' : 'E-mail').fill(email);
  await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
  await page.getByLabel(zh ? '密码' : 'Password').press('Enter');
  await page.getByRole('navigation').waitFor({ state: 'attached' });
  return watched;
}

/** What every page must be: every word found, no serious accessibility problem, nothing from another host. */
async function expectClean(watched: WatchedPage, ignoreErrorWords = false) {
  // (Error codes are worded by the shared `errors` namespace; this file checks the manager's own words.)
  const missing = (await watched.missingTranslations()).filter((key) => !(ignoreErrorWords && key.includes(':errors:')));
  expect(missing).toEqual([]);
  expect(await seriousAccessibilityViolations(watched.page)).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
}

/** Ant Design spaces out a two-character Chinese button label ("创 建"). */
const spaced = (label: string) => new RegExp(`^${[...label].join('\\s?')}$`);

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

test('our standard: a looser target is refused on its field with HQ value, a tighter one is saved and still there after a reload; locked targets cannot be changed', async () => {
  const watched = await signedIn('manage/standard', 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await heading(page, '本店标准');
    const complaints = page.getByLabel(`本店${zhEnums.SlaMetric.RESOLUTION}目标，${zhEnums.TicketType.COMPLAINT}`, { exact: true });
    const dispatchRow = page.getByRole('row').filter({ hasText: zhEnums.SlaMetric.DISPATCH });
    await dispatchRow.getByText('总部已锁定').waitFor();
    expect(await dispatchRow.getByRole('spinbutton').count()).toBe(0);
    await expectClean(watched);
    await screenshot(page, 'manage-standard');

    // HQ: complaints resolved within 3 working days. Four is looser: refused next to the field, with HQ's value.
    await complaints.fill('4');
    await page.getByRole('button', { name: '保存本店标准' }).click();
    await page.getByRole('row').filter({ hasText: zhEnums.TicketType.COMPLAINT }).getByText(`比总部目标 3 ${zhEnums.TargetUnit.WORKING_DAYS} 宽松`, { exact: false }).waitFor();
    expect((await data(`{ slaStandard { storeTargets { metric amount } } }`)).slaStandard.storeTargets).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Two is stricter: saved, and still there after a reload.
    await complaints.fill('2');
    await page.getByRole('button', { name: '保存本店标准' }).click();
    await page.getByRole('status').getByText('本店标准已保存').waitFor();
    await page.getByText(`比总部目标 3`).waitFor({ state: 'detached' });
    const standard = await data(`{ slaStandard { storeTargets { metric ticketType tier amount unit } } }`);
    expect(standard.slaStandard.storeTargets).toEqual([{ metric: 'RESOLUTION', ticketType: 'COMPLAINT', tier: null, amount: 2, unit: 'WORKING_DAYS' }]);
    await page.reload();
    await heading(page, '本店标准');
    await expect(complaints.inputValue()).resolves.toBe('2');
  } finally {
    await watched.close();
  }
}, 60000);

test('staff: a new colleague is added through the dialog and listed; an agent sees none of the manager pages', async () => {
  const watched = await signedIn('manage/staff', 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await heading(page, '员工与角色');
    await page.getByRole('cell', { name: 'agent1@bj-zgc.example.com' }).waitFor();
    await page.getByRole('button', { name: '添加员工' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('Wang Fang');
    await dialog.getByLabel('邮箱').fill('wang.fang@bj-zgc.example.com');
    await dialog.getByLabel(zhEnums.Role.TECHNICIAN).check();
    await dialog.getByLabel('初始密码').fill('bench-password-7');
    await dialog.getByRole('button', { name: spaced('创建') }).click();
    await page.getByRole('status').getByText('Wang Fang 现在可以登录了。').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'wang.fang@bj-zgc.example.com' });
    await row.getByText(zhEnums.Role.TECHNICIAN).waitFor();
    const staff = await data(`{ staffUsers(first: 100) { edges { node { email role status } } } }`);
    expect(staff.staffUsers.edges.map((edge: Answer) => edge.node)).toContainEqual({ email: 'wang.fang@bj-zgc.example.com', role: 'TECHNICIAN', status: 'ACTIVE' });
    await app.api.login('bj-zgc', 'wang.fang@bj-zgc.example.com', 'bench-password-7');
    const menu = page.getByRole('navigation');
    for (const entry of ['员工与角色', '本店标准', '服务价格', '消息模板', 'Webhook', '订阅与套餐']) await menu.getByText(entry, { exact: true }).waitFor();
    await expectClean(watched);
    await screenshot(page, 'manage-staff');
  } finally {
    await watched.close();
  }

  const agent = await signedIn('manage/staff', 'agent1@bj-zgc.example.com');
  try {
    const menu = agent.page.getByRole('navigation');
    for (const entry of ['员工与角色', '本店标准', '服务价格', '消息模板', 'Webhook', '订阅与套餐']) expect(await menu.getByText(entry, { exact: true }).count()).toBe(0);
    expect(await agent.page.getByRole('heading', { level: 1, name: '员工与角色' }).count()).toBe(0);
  } finally {
    await agent.close();
  }
}, 60000);

test('webhooks: an endpoint is created with its secret shown once, a ticket is delivered to it and shown in its log, and replayed', async () => {
  const receiver = await WebhookReceiver.start();
  receivers.push(receiver);
  const watched = await signedIn('manage/webhooks', 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await heading(page, 'Webhook');
    await page.getByRole('button', { name: '添加端点' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByLabel('说明').fill('ERP');
    await dialog.getByRole('button', { name: spaced('创建') }).click();
    const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    receiver.secret = secret;
    await page.getByRole('button', { name: '我已保存' }).click();
    await page.getByRole('cell', { name: `${receiver.url} ERP` }).waitFor();

    const agent = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
    await data(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`,
      { i: { type: 'COMPLAINT', channel: 'PHONE', problem: 'Nobody called back', newCustomer: { name: 'Hook', phone: '13700004444' } } },
      agent,
    );
    await waitFor(() => receiver.accepted().length === 1);

    await page.getByRole('button', { name: `投递记录：${receiver.url}` }).click();
    const drawer = page.getByRole('dialog');
    const delivered = drawer.getByRole('row').filter({ hasText: zhEnums.WebhookEventType.TICKET_CREATED });
    await delivered.getByText(zhEnums.ScheduledActionState.DONE).waitFor();
    await delivered.getByRole('button', { name: /^重放：/ }).click();
    await drawer.getByRole('status').getByText('已重新发送').waitFor();
    await waitFor(() => receiver.accepted().length === 2);
    expect(receiver.accepted()[1].webhookId).toBe(receiver.accepted()[0].webhookId);
    await drawer.getByRole('row').filter({ hasText: '重新发送' }).getByText(zhEnums.ScheduledActionState.DONE).waitFor({ timeout: 10000 });
    expect(await drawer.getByRole('row').filter({ hasText: zhEnums.WebhookEventType.TICKET_CREATED }).count()).toBe(2);
    await expectClean(watched);
    await screenshot(page, 'manage-webhooks');
  } finally {
    await watched.close();
  }
}, 60000);

test('prices: a price outside HQ range is refused on its field with the range; one inside is saved', async () => {
  const services = await data(`{ paidServices(first: 10) { edges { node { id nameEn minPrice { amountMinor } maxPrice { amountMinor } } } } }`);
  const service = services.paidServices.edges[0].node;
  const watched = await signedIn('manage/prices', 'manager@bj-zgc.example.com', 'en');
  try {
    const { page } = watched;
    await heading(page, 'Prices');
    const price = page.getByLabel(`Our price of ${service.nameEn}`);
    await price.fill(String(service.maxPrice.amountMinor / 100 + 1));
    await page.getByRole('button', { name: `Save: ${service.nameEn}` }).click();
    await page.getByText("Outside HQ's range: the price must be").waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const inside = Math.round((service.minPrice.amountMinor + service.maxPrice.amountMinor) / 200);
    await price.fill(String(inside));
    await page.getByRole('button', { name: `Save: ${service.nameEn}` }).click();
    await page.getByRole('status').getByText('Saved').waitFor();
    await page.getByText("Outside HQ's range").waitFor({ state: 'detached' });
    const offer = await data(`query($id: ID!) { paidService(id: $id) { storeOffer { price { amountMinor } } } }`, { id: service.id });
    expect(offer.paidService.storeOffer.price.amountMinor).toBe(inside * 100);
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 60000);

test('message templates: a wording without a required placeholder is refused on its field; ours is previewed in zh-CN and en, saved, then reset', async () => {
  const watched = await signedIn('manage/messages', 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await heading(page, '消息模板');
    await expectClean(watched);
    const before = await data(`{ messageTemplates(key: PROGRESS_UPDATE) { locale source requiredPlaceholders } }`);
    const required = before.messageTemplates[0].requiredPlaceholders.map((name: string) => `{{${name}}}`).join(' ');
    const inherited = Object.fromEntries(before.messageTemplates.map((template: Answer) => [template.locale, template.source]));
    expect(inherited.ZH_CN).not.toBe('OWN');
    await page.getByRole('link', { name: zhEnums.MessageTemplateKey.PROGRESS_UPDATE }).click();
    await heading(page, zhEnums.MessageTemplateKey.PROGRESS_UPDATE);

    const zhBody = page.getByLabel('正文，中文（zh-CN）');
    await zhBody.fill('{{customerName}}，您好：维修单 {{ticketNumber}} 正在处理。');
    await page.getByTestId('preview-ZH_CN').getByText('保存将被拒绝').waitFor();
    await page.getByRole('button', { name: '保存：中文（zh-CN）' }).click();
    const zhSection = page.getByRole('region', { name: '中文（zh-CN）' });
    await zhSection.locator('.ant-form-item-explain-error').filter({ hasText: 'statusUrl' }).first().waitFor();
    expect(await data(`{ messageTemplates(key: PROGRESS_UPDATE, locale: ZH_CN) { source } }`)).toEqual({ messageTemplates: [{ source: inherited.ZH_CN }] });

    await zhBody.fill(`{{customerName}}，您好：维修单 {{ticketNumber}} 正在处理。${required} 本店特别提示`);
    await page.getByTestId('preview-ZH_CN').getByText(/本店特别提示/).waitFor();
    expect(await page.getByTestId('preview-ZH_CN').innerText()).not.toContain('{{customerName}}');
    const enBody = page.getByLabel('正文，英文（en）');
    await enBody.fill(`Dear {{customerName}}, ticket {{ticketNumber}} is in hand. ${required} A word from our store`);
    await page.getByTestId('preview-EN').getByText(/A word from our store/).waitFor();
    await page.getByRole('button', { name: '保存：中文（zh-CN）' }).click();
    await page.getByRole('status').getByText('中文（zh-CN）措辞已保存').waitFor();
    await page.getByRole('button', { name: '保存：英文（en）' }).click();
    await page.getByRole('status').getByText('英文（en）措辞已保存').waitFor();
    await zhSection.locator('.ant-card-head').getByText(zhEnums.MessageTemplateSource.OWN).waitFor();
    const saved = await data(`{ messageTemplates(key: PROGRESS_UPDATE) { locale source body } }`);
    expect(saved.messageTemplates.map((template: Answer) => template.source)).toEqual(['OWN', 'OWN']);
    expect(saved.messageTemplates.find((template: Answer) => template.locale === 'EN').body).toContain('A word from our store');
    await expectClean(watched, true);
    await screenshot(page, 'manage-messages');

    await page.getByRole('button', { name: '重置：中文（zh-CN）' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: spaced('重置') }).click();
    await page.getByRole('status').getByText('本店中文（zh-CN）措辞已删除').waitFor();
    await zhSection.locator('.ant-card-head').getByText(zhEnums.MessageTemplateSource[inherited.ZH_CN]).waitFor();
    await expect(zhBody.inputValue()).resolves.not.toContain('本店特别提示');
    const reset = await data(`{ messageTemplates(key: PROGRESS_UPDATE) { locale source } }`);
    expect(Object.fromEntries(reset.messageTemplates.map((template: Answer) => [template.locale, template.source]))).toEqual({ ZH_CN: inherited.ZH_CN, EN: 'OWN' });
  } finally {
    await watched.close();
  }
}, 60000);

test('money on a ticket: a quote is created and sent; ordering is refused with the reason when billing is off; the quote is withdrawn with a reason', async () => {
  const agent = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
  const registered = await data(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code } } }`,
    { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'Battery swells', newCustomer: { name: 'Quote', phone: '13700005555' } } },
    agent,
  );
  const ticket = registered.registerTicket.ticket;
  const watched = await signedIn(`manage/tickets/${encodeURIComponent(ticket.id)}/money`, 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await heading(page, `工单 ${ticket.number} 的费用`);
    await page.getByLabel('第 1 项：说明').fill('电池');
    await page.getByLabel('第 1 项：单价（元）').fill('300');
    await page.getByLabel('有效期至').fill(new Date(app.clock.now().getTime() + 7 * 86400000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: '创建报价' }).click();
    const quote = page.getByRole('row').filter({ hasText: zhEnums.QuoteState.DRAFT });
    await quote.getByText('¥300.00').waitFor();
    await quote.getByRole('button', { name: '发送给客户' }).click();
    const sent = page.getByRole('row').filter({ hasText: zhEnums.QuoteState.SENT });
    // This platform bills nobody (no payment provider): ordering is refused, and the page says why.
    await sent.getByRole('button', { name: '下单', exact: true }).click();
    await page.getByRole('alert').getByText(words('zh-CN', 'common').errors.BILLING_DISABLED).waitFor();
    await sent.getByRole('button', { name: '撤回' }).click();
    await page.getByRole('dialog').getByLabel('原因').fill('客户改主意');
    await page.getByRole('dialog').getByRole('button', { name: spaced('确认') }).click();
    await page.getByRole('row').filter({ hasText: zhEnums.QuoteState.WITHDRAWN }).waitFor();
    const money = await data(`query($id: ID!) { ticket(id: $id) { quotes { state reason total { amountMinor } } orders { id } } }`, { id: ticket.id });
    expect(money.ticket).toEqual({ quotes: [{ state: 'WITHDRAWN', reason: '客户改主意', total: { amountMinor: 30000 } }], orders: [] });
    await expectClean(watched);
    await screenshot(page, 'manage-money');
  } finally {
    await watched.close();
  }
}, 60000);

test('every manager page in English, then the subscription in Chinese: every word found, accessible, nothing from another host', async () => {
  const watched = await signedIn('manage/staff', 'manager@bj-zgc.example.com', 'en');
  try {
    const { page } = watched;
    // Each page in the menu, and what shows once its data is there.
    const pages: [string, (page: Page) => Promise<void>][] = [
      ['Staff and roles', (page) => page.getByRole('cell', { name: 'agent1@bj-zgc.example.com' }).waitFor()],
      ['Our standard', (page) => page.getByRole('button', { name: 'Save our standard' }).waitFor()],
      ['Prices', (page) => page.getByRole('button', { name: /^Save: / }).first().waitFor()],
      ['Message templates', (page) => page.getByRole('link', { name: words('en', 'enums').MessageTemplateKey.TICKET_RECEIVED }).waitFor()],
      ['Webhooks', (page) => page.getByRole('button', { name: 'Add an endpoint' }).waitFor()],
      ['Subscription and plan', (page) => page.getByRole('heading', { level: 2, name: 'Plans' }).waitFor()],
    ];
    for (const [entry, ready] of pages) {
      await page.getByRole('navigation').getByText(entry, { exact: true }).click();
      await heading(page, entry);
      await ready(page);
      await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      await expectClean(watched);
    }
    await page.getByRole('navigation').getByText('Message templates', { exact: true }).click();
    await page.getByRole('link', { name: words('en', 'enums').MessageTemplateKey.TICKET_RECEIVED }).click();
    await page.getByTestId('preview-EN').waitFor();
    await expectClean(watched);
  } finally {
    await watched.close();
  }
  const zh = await signedIn('manage/subscription', 'manager@bj-zgc.example.com');
  try {
    await heading(zh.page, '订阅与套餐');
    await zh.page.getByRole('heading', { level: 2, name: '套餐' }).waitFor();
    await expectClean(zh);
  } finally {
    await zh.close();
  }
}, 90000);

async function waitFor(condition: () => boolean, timeoutMs = 20000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
