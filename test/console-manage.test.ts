import type { Page } from 'playwright-core';
import { screenshot, seriousAccessibilityViolations } from './support/browser';
import { Answer, confirmed, data, expectClean, heading, manageHarness, signedIn, spaced, words, zhEnums } from './console-manage.support';

/**
 * The store manager's pages as Zhang Wei (manager of the Zhongguancun store)
 * uses them in the browser: the store's stricter standard beside HQ's floor,
 * staff, and message wording with its preview in both languages; every page
 * in English without a missing word, accessible, with nothing from another
 * host. An agent sees none of it. (Webhooks, prices and money:
 * console-manage-commerce.test.ts.)
 */
const h = manageHarness();
test('our standard: a looser target is refused on its field with HQ value, a tighter one is saved and still there after a reload; locked targets cannot be changed', async () => {
  const watched = await signedIn(h, 'manage/standard', 'manager@bj-zgc.example.com');
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
    await page
      .getByRole('row')
      .filter({ hasText: zhEnums.TicketType.COMPLAINT })
      .getByText(`比总部目标 3 ${zhEnums.TargetUnit.WORKING_DAYS} 宽松`, { exact: false })
      .waitFor();
    expect((await data(h, `{ slaStandard { storeTargets { metric amount } } }`)).slaStandard.storeTargets).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Two is stricter: saved, and still there after a reload.
    await complaints.fill('2');
    await page.getByRole('button', { name: '保存本店标准' }).click();
    await confirmed(page, '本店标准已保存');
    await page.getByText(`比总部目标 3`).waitFor({ state: 'detached' });
    const standard = await data(h, `{ slaStandard { storeTargets { metric ticketType tier amount unit } } }`);
    expect(standard.slaStandard.storeTargets).toEqual([{ metric: 'RESOLUTION', ticketType: 'COMPLAINT', tier: null, amount: 2, unit: 'WORKING_DAYS' }]);
    await page.reload();
    await heading(page, '本店标准');
    await expect(complaints.inputValue()).resolves.toBe('2');
  } finally {
    await watched.close();
  }
}, 60000);

test('staff: a new colleague is added through the dialog and listed; an agent sees none of the manager pages', async () => {
  const watched = await signedIn(h, 'manage/staff', 'manager@bj-zgc.example.com');
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
    await confirmed(page, 'Wang Fang 现在可以登录了。');
    const row = page.getByRole('row').filter({ hasText: 'wang.fang@bj-zgc.example.com' });
    await row.getByText(zhEnums.Role.TECHNICIAN).waitFor();
    const staff = await data(h, `{ staffUsers(first: 100) { edges { node { email role status } } } }`);
    expect(staff.staffUsers.edges.map((edge: Answer) => edge.node)).toContainEqual({
      email: 'wang.fang@bj-zgc.example.com',
      role: 'TECHNICIAN',
      status: 'ACTIVE',
    });
    await h.app.api.login('bj-zgc', 'wang.fang@bj-zgc.example.com', 'bench-password-7');
    const menu = page.getByRole('navigation');
    for (const entry of ['员工与角色', '本店标准', '服务价格', '消息模板', 'Webhook', '订阅与套餐']) await menu.getByText(entry, { exact: true }).waitFor();
    await expectClean(watched);
    await screenshot(page, 'manage-staff');
  } finally {
    await watched.close();
  }

  const agent = await signedIn(h, 'manage/staff', 'agent1@bj-zgc.example.com');
  try {
    const menu = agent.page.getByRole('navigation');
    for (const entry of ['员工与角色', '本店标准', '服务价格', '消息模板', 'Webhook', '订阅与套餐'])
      expect(await menu.getByText(entry, { exact: true }).count()).toBe(0);
    expect(await agent.page.getByRole('heading', { level: 1, name: '员工与角色' }).count()).toBe(0);
  } finally {
    await agent.close();
  }
}, 60000);

test('message templates: a wording without a required placeholder is refused on its field; ours is previewed in zh-CN and en, saved, then reset', async () => {
  const watched = await signedIn(h, 'manage/messages', 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await heading(page, '消息模板');
    await expectClean(watched);
    const before = await data(h, `{ messageTemplates(key: PROGRESS_UPDATE) { locale source requiredPlaceholders } }`);
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
    await zhSection
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: words('zh-CN', 'errors').MISSING_PLACEHOLDER as unknown as string })
      .first()
      .waitFor();
    expect(await data(h, `{ messageTemplates(key: PROGRESS_UPDATE, locale: ZH_CN) { source } }`)).toEqual({ messageTemplates: [{ source: inherited.ZH_CN }] });

    await zhBody.fill(`{{customerName}}，您好：维修单 {{ticketNumber}} 正在处理。${required} 本店特别提示`);
    await page
      .getByTestId('preview-ZH_CN')
      .getByText(/本店特别提示/)
      .waitFor();
    expect(await page.getByTestId('preview-ZH_CN').innerText()).not.toContain('{{customerName}}');
    const enBody = page.getByLabel('正文，英文（en）');
    await enBody.fill(`Dear {{customerName}}, ticket {{ticketNumber}} is in hand. ${required} A word from our store`);
    await page
      .getByTestId('preview-EN')
      .getByText(/A word from our store/)
      .waitFor();
    await page.getByRole('button', { name: '保存：中文（zh-CN）' }).click();
    await confirmed(page, '中文（zh-CN）措辞已保存');
    await page.getByRole('button', { name: '保存：英文（en）' }).click();
    await confirmed(page, '英文（en）措辞已保存');
    await zhSection.locator('.ant-card-head').getByText(zhEnums.MessageTemplateSource.OWN).waitFor();
    const saved = await data(h, `{ messageTemplates(key: PROGRESS_UPDATE) { locale source body } }`);
    expect(saved.messageTemplates.map((template: Answer) => template.source)).toEqual(['OWN', 'OWN']);
    expect(saved.messageTemplates.find((template: Answer) => template.locale === 'EN').body).toContain('A word from our store');
    await expectClean(watched);
    await screenshot(page, 'manage-messages');

    await page.getByRole('button', { name: '重置：中文（zh-CN）' }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: spaced('重置') })
      .click();
    await confirmed(page, '本店中文（zh-CN）措辞已删除');
    await zhSection.locator('.ant-card-head').getByText(zhEnums.MessageTemplateSource[inherited.ZH_CN]).waitFor();
    await expect(zhBody.inputValue()).resolves.not.toContain('本店特别提示');
    const reset = await data(h, `{ messageTemplates(key: PROGRESS_UPDATE) { locale source } }`);
    expect(Object.fromEntries(reset.messageTemplates.map((template: Answer) => [template.locale, template.source]))).toEqual({
      ZH_CN: inherited.ZH_CN,
      EN: 'OWN',
    });
  } finally {
    await watched.close();
  }
}, 60000);

test('every manager page in English, then the subscription in Chinese: every word found, accessible, nothing from another host', async () => {
  const watched = await signedIn(h, 'manage/staff', 'manager@bj-zgc.example.com', 'en');
  try {
    const { page } = watched;
    // Each page in the menu, and what shows once its data is there.
    const pages: [string, (page: Page) => Promise<void>][] = [
      ['Staff and roles', (page) => page.getByRole('cell', { name: 'agent1@bj-zgc.example.com' }).waitFor()],
      ['Our standard', (page) => page.getByRole('button', { name: 'Save our standard' }).waitFor()],
      [
        'Prices',
        (page) =>
          page
            .getByRole('button', { name: /^Save: / })
            .first()
            .waitFor(),
      ],
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
  const zh = await signedIn(h, 'manage/subscription', 'manager@bj-zgc.example.com');
  try {
    await heading(zh.page, '订阅与套餐');
    await zh.page.getByRole('heading', { level: 2, name: '套餐' }).waitFor();
    await expectClean(zh);
  } finally {
    await zh.close();
  }
}, 90000);
