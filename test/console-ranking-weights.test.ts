import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../core/project-root';
import { confirmed, expectClean } from './console-manage.support';
import { launchBrowser, openPage, pollUntil, screenshot } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * HQ's ranking weights page. In zh-CN HQ's admin weighs three figures that
 * do not add up to 100 and is told so in Chinese, then saves them; the
 * supervisor reads them without a way to change them. In en a colleague's
 * change meanwhile is refused and reloaded, and a weight with three
 * decimals is refused on its row. Every saved set is read back through
 * `rankingWeights`; one sign-in per visit, every word in both languages,
 * nothing from another host.
 */
let app: ConsoleApp;
let browser: Browser;
const token: Record<string, string> = {};

// In the page's order.
const FIGURES = [
  'FIRST_CONTACT_COMPLIANCE',
  'DISPATCH_COMPLIANCE',
  'RESOLUTION_COMPLIANCE',
  'PROGRESS_UPDATE_COMPLIANCE',
  'CALLBACK_COMPLIANCE',
  'FIRST_RESPONSE_WITHIN_24_HOURS',
  'FIRST_RESPONSE_AVERAGE_MINUTES',
  'INSPECTION_SCORE',
];

const WEIGHTS = `{ rankingWeights { version weights { figure weight } } }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(credential: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await app.api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

const words = (language: string, namespace: string) =>
  JSON.parse(readFileSync(join(projectRoot(), 'console', 'src', 'i18n', 'locales', language, `${namespace}.json`), 'utf8'));

/** The page's rows: figure, weight as shown (a number in the input, or the read-only text). */
async function shownWeights(page: Page, editable: boolean): Promise<string[][]> {
  const rows = page.getByTestId('hq-weights').locator('tr.ant-table-row');
  await pollUntil(async () => (await rows.count()) === 8, 'a row per figure');
  return Promise.all(
    (await rows.all()).map(async (row) => {
      const cells = row.locator('td');
      const figure = ((await cells.nth(0).textContent()) ?? '').trim();
      const weight = editable ? await cells.nth(1).locator('input').inputValue() : ((await cells.nth(1).textContent()) ?? '').trim();
      return [figure, weight];
    }),
  );
}

/** Each figure's row as the page should show it: its name, then its weight worded by `text` (undefined: not weighed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const shownAs = (enums: any, weights: { figure: string; weight: number }[], text: (weight: number | undefined) => string) =>
  FIGURES.map((figure) => [enums.RankingFigure[figure], text(weights.find((entry) => entry.figure === figure)?.weight)]);

async function setWeights(weights: { figure: string; weight: number }[], expectedVersion: number): Promise<void> {
  const data = await call(token.admin, `mutation($i: SetRankingWeightsInput!) { setRankingWeights(input: $i) { userErrors { code } } }`, {
    i: { weights, expectedVersion },
  });
  expect(data.setRankingWeights.userErrors).toEqual([]);
}

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  token.admin = await app.api.login('demo-hq', 'admin@demo-hq.example.com', DEMO_PASSWORD);
  token.supervisor = await app.api.login('demo-hq', 'supervisor@demo-hq.example.com', DEMO_PASSWORD);
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('in zh-CN: HQ admin weighs the figures, is told they must add up to 100, saves them; the supervisor reads them', async () => {
  const hq = words('zh-CN', 'hq');
  const enums = words('zh-CN', 'enums');
  const errors = words('zh-CN', 'errors');
  const weightOf = (figure: string) => hq.weights.weightOf.replace('{{figure}}', enums.RankingFigure[figure]);
  expect((await call(token.admin, WEIGHTS)).rankingWeights).toEqual({ version: 0, weights: [] });

  const watched = await openPage(browser, app.origin, { language: 'zh-CN' });
  try {
    const { page } = watched;
    await signInThroughPage(page, app, 'zh-CN', 'demo-hq', 'admin@demo-hq.example.com');
    await page.getByRole('menuitem', { name: hq.menu.weights }).click();
    await page.getByRole('heading', { level: 1, name: hq.weights.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/hq/ranking-weights');
    expect((await shownWeights(page, true)).every(([, weight]) => weight === '')).toBe(true);

    await page.getByLabel(weightOf('FIRST_CONTACT_COMPLIANCE')).fill('50');
    await page.getByLabel(weightOf('RESOLUTION_COMPLIANCE')).fill('30');
    await page.getByLabel(weightOf('INSPECTION_SCORE')).fill('10');
    await pollUntil(async () => (await page.getByTestId('hq-weights-total').textContent()) === '90%', 'the total of 90');
    await page.getByRole('button', { name: hq.weights.save }).click();
    await page.getByRole('alert').getByText(errors.WEIGHTS_NOT_100).waitFor();
    // Nothing was saved.
    expect((await call(token.admin, WEIGHTS)).rankingWeights).toEqual({ version: 0, weights: [] });

    await page.getByLabel(weightOf('INSPECTION_SCORE')).fill('20');
    await pollUntil(async () => (await page.getByTestId('hq-weights-total').textContent()) === '100%', 'the total of 100');
    await page.getByRole('button', { name: hq.weights.save }).click();
    await confirmed(page, hq.weights.saved);
    const saved = (await call(token.admin, WEIGHTS)).rankingWeights;
    expect(saved.version).toBe(1);
    expect([...saved.weights].sort((a, b) => a.figure.localeCompare(b.figure))).toEqual([
      { figure: 'FIRST_CONTACT_COMPLIANCE', weight: 50 },
      { figure: 'INSPECTION_SCORE', weight: 20 },
      { figure: 'RESOLUTION_COMPLIANCE', weight: 30 },
    ]);
    await screenshot(page, 'ranking-weights');
    await page.mouse.move(0, 0);
    await expectClean(watched);
  } finally {
    await watched.close();
  }

  // HQ's supervisor reads the same weights, without inputs or a save button.
  const reader = await openPage(browser, app.origin, { language: 'zh-CN' });
  try {
    const { page } = reader;
    await signInThroughPage(page, app, 'zh-CN', 'demo-hq', 'supervisor@demo-hq.example.com');
    await page.getByRole('menuitem', { name: hq.menu.weights }).click();
    await page.getByRole('heading', { level: 1, name: hq.weights.title }).waitFor();
    const read = (await call(token.supervisor, WEIGHTS)).rankingWeights;
    expect(await shownWeights(page, false)).toEqual(shownAs(enums, read.weights, (weight) => (weight === undefined ? hq.weights.none : `${weight}%`)));
    expect(await page.getByRole('button', { name: hq.weights.save }).count()).toBe(0);
    await expectClean(reader);
  } finally {
    await reader.close();
  }
}, 120000);

test("in en: a weight with three decimals is refused on its row, a colleague's change meanwhile is reloaded, and the new set is saved", async () => {
  const hq = words('en', 'hq');
  const enums = words('en', 'enums');
  const errors = words('en', 'errors');
  const weightOf = (figure: string) => hq.weights.weightOf.replace('{{figure}}', enums.RankingFigure[figure]);
  await setWeights(
    [
      { figure: 'DISPATCH_COMPLIANCE', weight: 40 },
      { figure: 'CALLBACK_COMPLIANCE', weight: 60 },
    ],
    (await call(token.admin, WEIGHTS)).rankingWeights.version,
  );
  const before = (await call(token.admin, WEIGHTS)).rankingWeights;

  const watched = await openPage(browser, app.origin, { language: 'en' });
  try {
    const { page } = watched;
    await signInThroughPage(page, app, 'en', 'demo-hq', 'admin@demo-hq.example.com');
    await page.getByRole('menuitem', { name: hq.menu.weights }).click();
    await page.getByRole('heading', { level: 1, name: hq.weights.title }).waitFor();
    await pollUntil(async () => (await page.getByLabel(weightOf('DISPATCH_COMPLIANCE')).inputValue()) === '40', 'the weights in force');
    expect(await shownWeights(page, true)).toEqual(shownAs(enums, before.weights, (weight) => (weight === undefined ? '' : String(weight))));

    // A colleague sets other weights meanwhile.
    await setWeights([{ figure: 'RESOLUTION_COMPLIANCE', weight: 100 }], before.version);

    await page.getByLabel(weightOf('DISPATCH_COMPLIANCE')).fill('33.333');
    await page.getByLabel(weightOf('CALLBACK_COMPLIANCE')).fill('66.667');
    await page.getByRole('button', { name: hq.weights.save }).click();
    const dispatchRow = page.getByTestId('hq-weights').locator('tr.ant-table-row').filter({ hasText: enums.RankingFigure.DISPATCH_COMPLIANCE });
    await dispatchRow.getByRole('alert').getByText(errors.INVALID_WEIGHT).waitFor();
    // Changing the weight clears its refusal.
    await page.getByLabel(weightOf('DISPATCH_COMPLIANCE')).fill('33.33');
    await pollUntil(async () => (await dispatchRow.getByRole('alert').count()) === 0, 'the refusal cleared');
    await page.getByLabel(weightOf('CALLBACK_COMPLIANCE')).fill('66.67');
    await page.getByRole('button', { name: hq.weights.save }).click();
    const stale = page.getByRole('alert').filter({ hasText: errors.STALE });
    await stale.waitFor();
    expect((await call(token.admin, WEIGHTS)).rankingWeights.weights).toEqual([{ figure: 'RESOLUTION_COMPLIANCE', weight: 100 }]);

    // Reloading shows the colleague's weights; the admin then moves some of the weight to the first response.
    await stale.getByRole('button', { name: 'Reload' }).click();
    await pollUntil(async () => (await page.getByLabel(weightOf('RESOLUTION_COMPLIANCE')).inputValue()) === '100', "the colleague's weights");
    expect(await page.getByLabel(weightOf('DISPATCH_COMPLIANCE')).inputValue()).toBe('');
    await page.getByLabel(weightOf('RESOLUTION_COMPLIANCE')).fill('75');
    await page.getByLabel(weightOf('FIRST_RESPONSE_WITHIN_24_HOURS')).fill('25');
    await page.getByRole('button', { name: hq.weights.save }).click();
    await confirmed(page, hq.weights.saved);
    const saved = (await call(token.admin, WEIGHTS)).rankingWeights;
    expect(saved.version).toBe(before.version + 2);
    expect([...saved.weights].sort((a, b) => a.figure.localeCompare(b.figure))).toEqual([
      { figure: 'FIRST_RESPONSE_WITHIN_24_HOURS', weight: 25 },
      { figure: 'RESOLUTION_COMPLIANCE', weight: 75 },
    ]);
    await page.mouse.move(0, 0);
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 120000);
