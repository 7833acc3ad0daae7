import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, pollUntil, screenshot, seriousAccessibilityViolations } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * HQ's console as a supervisor and an admin meet it: a store's ticket runs
 * late on the demo clock and shows on the network page with its store, its
 * clock and the chart of the stores; the admin edits the standard, sees what
 * would change before publishing, and the new version after.
 */
let app: ConsoleApp;
let browser: Browser;
let ticketNumber: string;
const STORE_NAME = 'Beijing Zhongguancun Store';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, variables: Record<string, unknown> | undefined, token: string): Promise<any> {
  const res = await app.api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

const LABELS = {
  'zh-CN': { network: '网络风险', breached: '已超时', atRisk: '即将超时' },
  en: { network: 'Network at risk', breached: 'Breached', atRisk: 'At risk' },
} as const;

const signIn = (page: Page, language: 'zh-CN' | 'en', email: string) => signInThroughPage(page, app, language, 'demo-hq', email);

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  const store = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
  const registered = await call(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`,
    {
      i: {
        type: 'REPAIR',
        channel: 'WALK_IN',
        problem: 'Does not power on after a fall',
        newCustomer: { name: 'Zhao Min', phone: '13900005678', email: 'zhao.min@example.test', locale: 'ZH_CN' },
      },
    },
    store,
  );
  expect(registered.registerTicket.userErrors).toEqual([]);
  ticketNumber = registered.registerTicket.ticket.number;
  // Nobody takes the ticket. The demo clock moves to two minutes before its dispatch target runs out (whatever the
  // working calendar makes of today), then, should that not show yet, a quarter of an hour at a time.
  const { ticket } = await call(`query($id: ID!) { ticket(id: $id) { slaClocks { metric dueAt } } }`, { id: registered.registerTicket.ticket.id }, store);
  const dispatchDue = ticket.slaClocks.find((clock: { metric: string }) => clock.metric === 'DISPATCH').dueAt;
  app.clock.set(new Date(Date.parse(dispatchDue) - 2 * 60_000));
  for (let step = 0; step < 4 * 24; step += 1) {
    // (a new session each time: an access token does not outlive the time the clock moved)
    const hq = await app.api.login('demo-hq', 'supervisor@demo-hq.example.com', DEMO_PASSWORD);
    const { ticketsAtRisk } = await call(`{ ticketsAtRisk(first: 100) { number storeSlug mostUrgent { state } } }`, undefined, hq);
    if (ticketsAtRisk.some((row: { number: string; storeSlug: string }) => row.number === ticketNumber && row.storeSlug === 'bj-zgc')) break;
    app.clock.advance(15 * 60_000);
  }
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test.each(['zh-CN', 'en'] as const)(
  'in %s: the supervisor lands on the network at risk and sees the store ticket, its clock and the chart of the stores',
  async (language) => {
    const watched = await openPage(browser, app.origin, { language });
    try {
      const { page } = watched;
      const words = LABELS[language];
      await signIn(page, language, 'supervisor@demo-hq.example.com');
      await page.getByRole('heading', { level: 1, name: words.network }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/hq/network');
      const row = page.getByRole('row').filter({ hasText: ticketNumber });
      await row.waitFor();
      expect(await row.textContent()).toContain(STORE_NAME);
      expect(await row.textContent()).toMatch(new RegExp(`${words.atRisk}|${words.breached}`));
      // The chart is drawn (SVG) with every store of the network on its axis.
      const chart = page.locator('.hq-chart svg').first();
      await chart.waitFor();
      const drawn = (await chart.textContent()) ?? '';
      for (const store of [STORE_NAME, 'Shanghai', 'Shenzhen']) expect(drawn).toContain(store);
      // And the weekly trend of a store beside the network's median.
      const trend = page.getByRole('img', {
        name:
          language === 'en' ? `Line chart of ${STORE_NAME}'s tickets per week beside the network's median` : `折线图：${STORE_NAME} 每周工单数与网络中位数对比`,
      });
      await trend.locator('svg').waitFor();
      expect(await trend.locator('svg').textContent()).toContain(language === 'en' ? 'Network median: Opened' : '网络中位数：新建');
      expect(await watched.missingTranslations()).toEqual([]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
      if (language === 'zh-CN') await screenshot(page, 'hq-network');
    } finally {
      await watched.close();
    }
  },
  60000,
);

test('HQ may not read a store ticket itself: ticket(id:) and node(id:) are refused to its supervisor and admin', async () => {
  for (const email of ['supervisor@demo-hq.example.com', 'admin@demo-hq.example.com']) {
    const hq = await app.api.login('demo-hq', email, DEMO_PASSWORD);
    const { ticketsAtRisk } = await call(`{ ticketsAtRisk(first: 100) { ticketId number } }`, undefined, hq);
    const { ticketId } = ticketsAtRisk.find((row: { number: string }) => row.number === ticketNumber);
    for (const query of [`query($id: ID!) { ticket(id: $id) { number } }`, `query($id: ID!) { node(id: $id) { id } }`]) {
      const refused = await app.api.gql(query, { id: ticketId }, hq);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  }
});

const DRAWER = {
  'zh-CN': { open: '打开工单', title: '工单', phone: '门店电话', clocks: '计时', level: '第 ' },
  en: { open: 'Open ticket', title: 'Ticket', phone: "Store's phone", clocks: 'Clocks', level: 'Level ' },
} as const;

test.each(['zh-CN', 'en'] as const)(
  'in %s: the supervisor opens the store at-risk ticket from the network page: its clocks, the escalation reached and the store to call, read-only',
  async (language) => {
    const watched = await openPage(browser, app.origin, { language });
    try {
      const { page } = watched;
      const words = { ...LABELS[language], ...DRAWER[language] };
      await signIn(page, language, 'supervisor@demo-hq.example.com');
      await page.getByRole('heading', { level: 1, name: words.network }).waitFor();
      await page.getByRole('button', { name: `${words.open} ${ticketNumber}` }).click();
      const drawer = page.getByRole('dialog', { name: `${words.title} ${ticketNumber}` });
      await drawer.waitFor();
      await drawer.getByText(STORE_NAME).waitFor();
      await drawer.getByRole('link', { name: '+86 10 0000 0101' }).waitFor();
      await drawer.getByText('1 Demo Road, Zhongguancun').waitFor();
      // Every clock of the ticket, the dispatch clock at risk or breached, and the escalation level it reached.
      const clocks = drawer.getByRole('region', { name: words.clocks });
      const hq = await app.api.login('demo-hq', 'supervisor@demo-hq.example.com', DEMO_PASSWORD);
      const { ticketsAtRisk } = await call(`{ ticketsAtRisk(first: 100) { number escalationLevel clocks { metric } } }`, undefined, hq);
      const reading = ticketsAtRisk.find((row: { number: string }) => row.number === ticketNumber);
      await pollUntil(async () => (await clocks.getByRole('row').count()) === reading.clocks.length + 1, 'a row per clock');
      expect(
        await clocks
          .getByRole('row')
          .filter({ hasText: new RegExp(`${words.atRisk}|${words.breached}`) })
          .count(),
      ).toBeGreaterThan(0);
      await drawer.getByText(`${words.level}${reading.escalationLevel}`, { exact: false }).first().waitFor();
      // Read-only: nothing in it changes the ticket (its only button closes it).
      expect(await drawer.getByRole('button').allInnerTexts()).toHaveLength(1);
      expect(await watched.missingTranslations()).toEqual([]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
      if (language === 'zh-CN') await screenshot(page, 'hq-at-risk-ticket');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    } finally {
      await watched.close();
    }
  },
  60000,
);

test('the admin previews a new version of the standard, sees the diff, publishes it and sees it in force', async () => {
  const watched = await openPage(browser, app.origin, { language: 'zh-CN' });
  try {
    const { page } = watched;
    await signIn(page, 'zh-CN', 'admin@demo-hq.example.com');
    await page.getByRole('heading', { level: 1, name: '网络风险' }).waitFor();
    await page.getByRole('menuitem', { name: '服务标准' }).click();
    await page.getByRole('heading', { level: 1, name: '服务标准' }).waitFor();
    expect(await page.getByTestId('standard-version').textContent()).toBe('1');
    await page.getByText('第 4 级：HQ service quality').waitFor();
    // The ladder is worded in the reader's language from each level's fields, not from the API's English sentences.
    await page.getByText('触发：目标时间用去 75% 时').waitFor();
    await page.getByText('通知：总部全体总部服务质量主管').waitFor();
    await page.getByText('触发：超时后 480 分钟').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/of the target|after the breach|every HQ_SUPERVISOR/);
    const draft = page.getByLabel('模板（YAML）');
    const current = await draft.inputValue();
    expect(current).toMatch(/^version: 1$/m);
    expect(current).toMatch(/minutes: 240 }/);
    await draft.fill(
      current
        .replace(/^version: 1$/m, 'version: 2')
        .replace(/^atRiskShare: 0\.75$/m, 'atRiskShare: 0.8')
        .replace(/minutes: 240 }/, 'minutes: 120 }'),
    );
    const publish = page.getByRole('button', { name: '发 布' }).or(page.getByRole('button', { name: '发布' }));
    expect(await publish.isDisabled()).toBe(true);
    await page.getByRole('button', { name: '预览变更' }).click();
    const diff = page.locator('section.hq-standard-diff');
    await diff.getByRole('heading', { name: '从第 1 版到第 2 版的变更' }).waitFor();
    const changed = diff.getByRole('row').filter({ hasText: 'atRiskShare' });
    expect(await changed.textContent()).toMatch(/0\.75.*0\.8/);
    const level = diff.getByRole('row').filter({ hasText: 'store manager' });
    expect(await level.textContent()).toMatch(/store manager: 超时后 240 分钟.*store manager: 超时后 120 分钟/);
    await diff.getByText('第 2 版可以发布。').waitFor();
    await page.mouse.move(0, 0); // (the hover colour of the button just clicked is not what a reader sees)
    expect(await watched.missingTranslations()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'hq-standard');
    await publish.click();
    await page.getByText('第 2 版已生效。').waitFor();
    await page.getByTestId('standard-version').getByText('2', { exact: true }).waitFor();
    expect(watched.foreignRequests).toEqual([]);

    // Stores and partners, with the stores' subscription standing.
    await page.getByRole('menuitem', { name: '门店与合作伙伴' }).click();
    await page.getByRole('heading', { level: 1, name: '门店与合作伙伴' }).waitFor();
    await page.getByRole('row').filter({ hasText: STORE_NAME }).waitFor();
    await page.getByRole('row').filter({ hasText: 'repair-partner' }).waitFor();
    expect(await watched.missingTranslations()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  } finally {
    await watched.close();
  }
  const admin = await app.api.login('demo-hq', 'admin@demo-hq.example.com', DEMO_PASSWORD);
  const { slaStandard } = await call(`{ slaStandard { version atRiskShare escalation { name minutesAfterBreach } } }`, undefined, admin);
  expect(slaStandard).toMatchObject({ version: 2, atRiskShare: 0.8 });
  expect(slaStandard.escalation).toContainEqual({ name: 'store manager', minutesAfterBreach: 120 });
}, 90000);

test('the at-risk list names the escalation level each ticket reached', async () => {
  const hq = await app.api.login('demo-hq', 'supervisor@demo-hq.example.com', DEMO_PASSWORD);
  const { ticketsAtRisk } = await call(
    `{ ticketsAtRisk(first: 100) { number storeSlug escalationLevel escalationLevelName mostUrgent { state } } }`,
    undefined,
    hq,
  );
  const row = ticketsAtRisk.find((r: { number: string; storeSlug: string }) => r.number === ticketNumber && r.storeSlug === 'bj-zgc');
  // At risk: the first level (75% of the target) is due; breached: at least the supervisor's.
  expect(row.escalationLevel).toBeGreaterThanOrEqual(row.mostUrgent.state === 'BREACHED' ? 2 : 1);
  expect(row.escalationLevelName).toBeTruthy();
});

test('weekly figures per store, for HQ only: the registered ticket counts for its store and week', async () => {
  const hq = await app.api.login('demo-hq', 'supervisor@demo-hq.example.com', DEMO_PASSWORD);
  const { networkFigures } = await call(`{ networkFigures(weeks: 4) { storeSlug weekStart opened resolvedOnTime breached } }`, undefined, hq);
  expect(networkFigures).toHaveLength(3 * 4);
  const opened = (slug: string) =>
    networkFigures.filter((row: { storeSlug: string }) => row.storeSlug === slug).reduce((sum: number, row: { opened: number }) => sum + row.opened, 0);
  expect([opened('bj-zgc'), opened('sh-xjh'), opened('sz-hqb')]).toEqual([1, 0, 0]);
  for (const row of networkFigures) expect(new Date(`${row.weekStart}T12:00:00Z`).getUTCDay()).toBe(1); // Mondays
  const store = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  const refused = await app.api.gql(`{ networkFigures { opened } }`, undefined, store);
  expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
  const tooMany = await app.api.gql(`{ networkFigures(weeks: 27) { opened } }`, undefined, hq);
  expect(tooMany.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
});

test("HQ's message templates: the admin edits the network's wording in zh-CN and en beside its previews and saves it; the stores read it; the supervisor may only read it", async () => {
  const admin = await app.api.login('demo-hq', 'admin@demo-hq.example.com', DEMO_PASSWORD);
  const TEMPLATES = `{ messageTemplates(key: STATUS_CHANGED) { locale source body requiredPlaceholders } }`;
  const before = (await call(TEMPLATES, undefined, admin)).messageTemplates;
  const bodyOf = (templates: { locale: string; body: string }[], locale: string) => templates.find((template) => template.locale === locale)!.body;
  expect(before.map((template: { source: string }) => template.source)).toEqual(['OWN', 'OWN']);
  const watched = await openPage(browser, app.origin, { language: 'zh-CN' });
  try {
    const { page } = watched;
    await signIn(page, 'zh-CN', 'admin@demo-hq.example.com');
    await page.getByRole('heading', { level: 1, name: '网络风险' }).waitFor();
    await page.getByRole('menuitem', { name: '消息模板' }).click();
    await page.getByRole('heading', { level: 1, name: '消息模板' }).waitFor();
    await page.getByRole('link', { name: '状态变更', exact: true }).click();
    await page.getByTestId('preview-ZH_CN').waitFor();
    const zhBody = page.getByLabel('正文，中文（zh-CN）');
    const enBody = page.getByLabel('正文，英文（en）');
    await pollUntil(async () => (await zhBody.inputValue()) === bodyOf(before, 'ZH_CN'), "HQ's zh-CN wording in its field");
    await zhBody.fill(`${bodyOf(before, 'ZH_CN')}\n总部统一提示：请保留服务单号。`);
    await enBody.fill(`${bodyOf(before, 'EN')}\nA word from HQ: keep your ticket number.`);
    // Each preview shows the message as a customer gets it, with sample values in place of the placeholders.
    await page
      .getByTestId('preview-ZH_CN')
      .getByText(/总部统一提示/)
      .waitFor();
    await page
      .getByTestId('preview-EN')
      .getByText(/A word from HQ/)
      .waitFor();
    expect(await page.getByTestId('preview-ZH_CN').innerText()).not.toContain('{{');
    await page.getByRole('button', { name: '保存：中文（zh-CN）' }).click();
    await page.getByRole('status').getByText('中文（zh-CN）措辞已保存').waitFor();
    await page.getByRole('button', { name: '保存：英文（en）' }).click();
    await page.getByRole('status').getByText('英文（en）措辞已保存').waitFor();
    expect(await watched.missingTranslations()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
    await screenshot(page, 'hq-message-template');
  } finally {
    await watched.close();
  }
  // Read back: HQ's own wording, and what its stores now send.
  const after = (await call(TEMPLATES, undefined, admin)).messageTemplates;
  expect(bodyOf(after, 'ZH_CN')).toContain('总部统一提示：请保留服务单号。');
  expect(bodyOf(after, 'EN')).toContain('A word from HQ: keep your ticket number.');
  const store = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  const atStore = (await call(`{ messageTemplates(key: STATUS_CHANGED) { locale source body } }`, undefined, store)).messageTemplates;
  expect(atStore.map((template: { source: string }) => template.source)).toEqual(['HQ', 'HQ']);
  expect(bodyOf(atStore, 'EN')).toContain('A word from HQ');

  // The supervisor reads the same wording, in English, and cannot change it.
  const supervisor = await openPage(browser, app.origin, { language: 'en' });
  try {
    const { page } = supervisor;
    await signIn(page, 'en', 'supervisor@demo-hq.example.com');
    await page.getByRole('heading', { level: 1, name: 'Network at risk' }).waitFor();
    await page.getByRole('menuitem', { name: 'Message templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Message templates' }).waitFor();
    await page.getByRole('link', { name: 'Status changed', exact: true }).click();
    const enBody = page.getByLabel('Text, English (en)');
    await pollUntil(async () => (await enBody.inputValue()).includes('A word from HQ'), "HQ's saved wording in the supervisor's page");
    expect(await enBody.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /^Save: / }).count()).toBe(0);
    await page
      .getByTestId('preview-EN')
      .getByText(/A word from HQ/)
      .waitFor();
    expect(await supervisor.missingTranslations()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  } finally {
    await supervisor.close();
  }
}, 90000);

test('the admin adds a paid service with its price range, then deactivates and reactivates it', async () => {
  const watched = await openPage(browser, app.origin, { language: 'en' });
  try {
    const { page } = watched;
    await signIn(page, 'en', 'admin@demo-hq.example.com');
    await page.getByRole('heading', { level: 1, name: 'Network at risk' }).waitFor();
    await page.getByRole('menuitem', { name: 'Paid services' }).click();
    await page.getByRole('heading', { level: 1, name: 'Paid services' }).waitFor();
    await page.getByRole('button', { name: 'Add a paid service' }).click();
    const dialog = page.getByRole('dialog', { name: 'New paid service' });
    await dialog.getByLabel('Code').fill('KEYBOARD_CLEAN');
    await dialog.getByLabel('Name in Chinese').fill('键盘清洁');
    await dialog.getByLabel('Name in English').fill('Keyboard cleaning');
    await dialog.getByLabel('Description').fill('Keys taken off, cleaned and refitted');
    await dialog.getByLabel('Lowest price (yuan)').fill('50');
    await dialog.getByLabel('Highest price (yuan)').fill('30');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // A range upside down is refused on the form, next to its field; nothing typed is lost.
    await dialog.getByText('The highest price cannot be below the lowest.').waitFor();
    expect(await dialog.getByLabel('Code').inputValue()).toBe('KEYBOARD_CLEAN');
    await dialog.getByLabel('Highest price (yuan)').fill('80');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'KEYBOARD_CLEAN' });
    await row.getByText('¥50.00 – ¥80.00').waitFor();
    await row.getByRole('button', { name: 'Deactivate KEYBOARD_CLEAN' }).click();
    await row.getByText('Deactivated').waitFor();
    await page.mouse.move(0, 0);
    expect(await watched.missingTranslations()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await row.getByRole('button', { name: 'Reactivate KEYBOARD_CLEAN' }).click();
    await row.getByText('Active', { exact: true }).waitFor();
  } finally {
    await watched.close();
  }
  const admin = await app.api.login('demo-hq', 'admin@demo-hq.example.com', DEMO_PASSWORD);
  const { paidServices } = await call(
    `{ paidServices(first: 100, includeInactive: true) { edges { node { code active minPrice { amountMinor } maxPrice { amountMinor } } } } }`,
    undefined,
    admin,
  );
  expect(paidServices.edges.map((edge: { node: { code: string } }) => edge.node).find((node: { code: string }) => node.code === 'KEYBOARD_CLEAN')).toEqual({
    code: 'KEYBOARD_CLEAN',
    active: true,
    minPrice: { amountMinor: 5000 },
    maxPrice: { amountMinor: 8000 },
  });
}, 90000);
