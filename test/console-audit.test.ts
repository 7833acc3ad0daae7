import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { expectClean } from './console-manage.support';
import { launchBrowser, openPage, pollUntil, screenshot } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * The audit trail page: a store manager reads the store's own trail in
 * zh-CN, filters it by operation, pages through it and exports what the
 * filter selects as CSV; an HQ supervisor reads the network's in en, with
 * the store named beside its entries, and exports it as JSON. One sign-in
 * per language, every word in both, nothing from another host.
 */
let app: ConsoleApp;
let browser: Browser;
const OVERRIDES = 21; // one more than a page

/**
 * The export buttons back from loading and from the hover the click left them
 * in (antd's hover blue is too light for text): every plain button shows the
 * same colours again, as the never-touched Reset button does. axe reads the
 * colours as they are at that moment. (Page code is written as text: it runs
 * in the browser, not in this process; and it is evaluated from here, as the
 * page's policy refuses the polling that page.waitForFunction would do in it.)
 */
const EXPORT_SETTLED =
  "!document.querySelector('.ant-btn-loading') && new Set([...document.querySelectorAll('.audit-actions button:not(.ant-btn-primary)')].map((button) => getComputedStyle(button).color + getComputedStyle(button).borderColor + getComputedStyle(button).opacity)).size === 1";

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  const manager = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  for (let amount = OVERRIDES; amount >= 1; amount -= 1) {
    // Each save of the overrides is one audited mutation of the store's.
    const set = await app.api.gql(
      `mutation($i: SetSlaOverridesInput!) { setSlaOverrides(input: $i) { userErrors { code } } }`,
      { i: { rules: [{ metric: 'PROGRESS_UPDATE', amount: Math.min(8, amount), unit: 'WORKING_HOURS' }] } },
      manager,
    );
    expect(set.body.data.setSlaOverrides.userErrors).toEqual([]);
  }
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('in zh-CN: the store manager filters the store’s trail, pages through it and exports it as CSV', async () => {
  const watched = await openPage(browser, app.origin, { language: 'zh-CN' });
  try {
    const { page } = watched;
    await signInThroughPage(page, app, 'zh-CN', 'bj-zgc', 'manager@bj-zgc.example.com');
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/audit');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();

    await page.getByLabel('操作', { exact: true }).fill('setSlaOverrides');
    await page
      .getByRole('button', { name: '查 询' })
      .or(page.getByRole('button', { name: '查询' }))
      .click();
    await page.getByTestId('audit-page').filter({ hasText: '第 1 页' }).waitFor();
    await pollUntil(async () => (await rows.count()) === 20, 'a full page of 20 entries');
    for (const text of await rows.allTextContents()) {
      expect(text).toContain('setSlaOverrides');
      expect(text).toContain('Zhang Wei');
      expect(text).toContain('已完成');
    }
    await page.getByRole('button', { name: '下一页' }).click();
    await page.getByTestId('audit-page').filter({ hasText: '第 2 页' }).waitFor();
    await pollUntil(async () => (await rows.count()) === 1, 'the 21st entry alone on page 2');
    expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '上一页' }).click();
    await page.getByTestId('audit-page').filter({ hasText: '第 1 页' }).waitFor();
    await pollUntil(async () => !(await page.getByRole('button', { name: '下一页' }).isDisabled()), 'page 1 loaded again, with a next page');
    await screenshot(page, 'audit-trail');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('audit-entries.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^occurredAt,tenantId,actorKind,actorId,operation,outcome/);
    expect(lines).toHaveLength(1 + OVERRIDES);
    expect(lines.slice(1).every((line) => line.includes(',setSlaOverrides,OK,'))).toBe(true);

    await page.mouse.move(0, 0);
    await pollUntil(async () => page.evaluate<boolean>(EXPORT_SETTLED), 'the export buttons settled');
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);

test("in en: the HQ supervisor reads the network's trail with each store named, and exports it as JSON", async () => {
  const watched = await openPage(browser, app.origin, { language: 'en' });
  try {
    const { page } = watched;
    await signInThroughPage(page, app, 'en', 'demo-hq', 'supervisor@demo-hq.example.com');
    await page.getByRole('menuitem', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    const storeRow = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'setSlaOverrides' }).first();
    await storeRow.waitFor();
    expect(await storeRow.textContent()).toContain('Beijing Zhongguancun Store');

    // HQ's own publication is older than a page of the store's entries: the filter finds it.
    await page.getByLabel('Operation', { exact: true }).fill('publishSlaTemplate');
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await pollUntil(async () => {
      const texts = await rows.allTextContents();
      return texts.length > 0 && texts.every((text) => text.includes('publishSlaTemplate'));
    }, 'only publishSlaTemplate entries');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(download.suggestedFilename()).toBe('audit-entries.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { operation: string; outcome: string }[];
    expect(exported.length).toBeGreaterThanOrEqual(1);
    expect(exported.every((entry) => entry.operation === 'publishSlaTemplate' && entry.outcome === 'OK')).toBe(true);

    await page.mouse.move(0, 0);
    await pollUntil(async () => page.evaluate<boolean>(EXPORT_SETTLED), 'the export buttons settled');
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);
