import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../core/project-root';
import { generateMonth } from '../tenants/generate-month/generate';
import { expectClean } from './console-manage.support';
import { launchBrowser, openPage, pollUntil, screenshot } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * The monthly review page. Two generated months of the demo network (a few
 * tickets a store and working day), HQ's weights and strict targets, and an
 * HQ record handling the month's top problem. The HQ admin reads the ranking
 * in zh-CN, the stores below a target and the top problems, and publishes the
 * month; the Beijing store's manager then reads its rank beside the medians
 * and the whole ranking in en. Every number shown is the API's answer for the
 * same month; one sign-in per language, every word in both, nothing from
 * another host.
 */
let app: ConsoleApp;
let browser: Browser;
let month: string;
const token: Record<string, string> = {};

const WEIGHTS = [
  { figure: 'FIRST_RESPONSE_WITHIN_24_HOURS', weight: 40 },
  { figure: 'FIRST_RESPONSE_AVERAGE_MINUTES', weight: 30 },
  { figure: 'DISPATCH_COMPLIANCE', weight: 30 },
];

interface FigureValue {
  figure: string;
  value: number | null;
}
interface RankedStore {
  storeName: string;
  rank: number | null;
  score: number | null;
  values: FigureValue[];
}
interface TopProblem {
  rank: number;
  model: { name: string; modelCode: string };
  faultCategory: string;
  count: number;
  previousCount: number;
  trend: string;
  problem: { title: string; dueDate: string | null; owner: { name: string } | null } | null;
}

const RANKED = 'storeName rank score values { figure value }';
const TOP = `query($month: String!) { topProblems(month: $month) { rank model { id name modelCode } faultCategory count previousCount trend
  problem { title dueDate owner { name } } } }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(credential: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await app.api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

const words = (language: string, namespace: string) =>
  JSON.parse(readFileSync(join(projectRoot(), 'console', 'src', 'i18n', 'locales', language, `${namespace}.json`), 'utf8'));

/** The month before the given one, YYYY-MM. */
function monthBefore(value: string): string {
  const [year, number] = value.split('-').map(Number);
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

async function rowsOf(page: Page, testId: string, count: number): Promise<string[][]> {
  const rows = page.getByTestId(testId).locator('tr.ant-table-row');
  await pollUntil(async () => (await rows.count()) === count, `${count} rows in ${testId}`);
  return Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allTextContents()).map((text) => text.trim())));
}

const valueText = (minutes: string) => (figure: string, value: number | null | undefined) =>
  value === null || value === undefined ? '—' : figure === 'FIRST_RESPONSE_AVERAGE_MINUTES' ? minutes.replace('{{value}}', String(value)) : `${value}%`;

const rankingRows = (stores: RankedStore[], figures: string[], unranked: string, text: ReturnType<typeof valueText>) =>
  stores.map((store) => [
    store.rank === null ? unranked : String(store.rank),
    store.storeName,
    store.score === null ? '—' : String(store.score),
    ...figures.map((figure) => text(figure, store.values.find((value) => value.figure === figure)?.value)),
  ]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const problemRows = (top: TopProblem[], enums: any, review: any) =>
  top.map((row) => [
    String(row.rank),
    `${row.model.name} (${row.model.modelCode})`,
    enums.FaultCategory[row.faultCategory],
    String(row.count),
    String(row.previousCount),
    enums.ProblemTrend[row.trend],
    !row.problem
      ? review.problems.noRecord
      : (row.problem.owner ? review.problems.handledBy : row.problem.dueDate ? review.problems.due : review.problems.unowned)
          .replace('{{title}}', row.problem.title)
          .replace('{{owner}}', row.problem.owner?.name)
          .replace('{{due}}', row.problem.dueDate),
  ]);

/** The switch back from loading and from the hover a click left it in, before axe reads its colours. */
const SETTLED = "!document.querySelector('.ant-switch-loading')";

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(app.clock.now());
  month = monthBefore(now.slice(0, 7));
  const io = { adminUrl: app.api.db.adminUrl, orm: app.api.orm, clock: app.clock, out: () => undefined };
  await generateMonth({ seed: 7, month: monthBefore(month), perDay: 1 }, io);
  await generateMonth({ seed: 8, month, perDay: 1 }, io);
  token.hq = await app.api.login('demo-hq', 'admin@demo-hq.example.com', DEMO_PASSWORD);
  token['bj-zgc'] = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  const weights = await call(token.hq, `mutation($i: SetRankingWeightsInput!) { setRankingWeights(input: $i) { userErrors { code } } }`, {
    i: { weights: WEIGHTS, expectedVersion: 0 },
  });
  expect(weights.setRankingWeights.userErrors).toEqual([]);
  // Targets no store keeps, so every store with the figure in both months is flagged.
  const targets = await call(token.hq, `mutation($i: SetNetworkTargetsInput!) { setNetworkTargets(input: $i) { userErrors { code } } }`, {
    i: { targets: [{ figure: 'FIRST_RESPONSE_AVERAGE_MINUTES', comparison: 'AT_MOST', value: 1 }], expectedVersion: 0 },
  });
  expect(targets.setNetworkTargets.userErrors).toEqual([]);
  // HQ's record handles the network's most frequent problem.
  const [top] = (await call(token.hq, TOP, { month })).topProblems;
  const owner = (await call(token.hq, `{ viewer { user { id } } }`)).viewer.user.id;
  const created = await call(token.hq, `mutation($i: CreateProblemInput!) { createProblem(input: $i) { userErrors { code field } } }`, {
    i: { title: 'Recurring fault under review', modelId: top.model.id, faultCategory: top.faultCategory, ownerId: owner, dueDate: `${now.slice(0, 7)}-28` },
  });
  expect(created.createProblem.userErrors).toEqual([]);
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("in zh-CN: the HQ admin reads the month's ranking, the flags and the top problems, and publishes the ranking", async () => {
  const watched = await openPage(browser, app.origin, { language: 'zh-CN' });
  try {
    const { page } = watched;
    const review = words('zh-CN', 'review');
    const enums = words('zh-CN', 'enums');
    const text = valueText(review.minutes);
    await signInThroughPage(page, app, 'zh-CN', 'demo-hq', 'admin@demo-hq.example.com');
    await page.getByRole('menuitem', { name: '月度回顾' }).click();
    await page.getByRole('heading', { level: 1, name: '月度回顾' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/review');
    expect(await page.getByLabel('回顾月份').inputValue()).toBe(month);

    const ranking = (
      await call(
        token.hq,
        `query($month: String!) { storeRanking(month: $month) { published weights { weights { figure } } stores { ${RANKED} } medians { figure value }
        flags { storeName figure } } }`,
        { month },
      )
    ).storeRanking;
    expect(ranking.published).toBe(false);
    expect(ranking.stores.filter((store: RankedStore) => store.score !== null)).toHaveLength(3);
    // (the figures in the order of the API's weights)
    const figures: string[] = ranking.weights.weights.map((weight: { figure: string }) => weight.figure);
    expect([...figures].sort()).toEqual(WEIGHTS.map((weight) => weight.figure).sort());
    expect(await rowsOf(page, 'review-ranking', ranking.stores.length)).toEqual(rankingRows(ranking.stores, figures, review.unranked, text));
    const medians = await page.getByTestId('review-ranking-medians').locator('td').allTextContents();
    expect(medians).toEqual([
      review.ranking.medians,
      ...figures.map((figure) => text(figure, ranking.medians.find((value: FigureValue) => value.figure === figure)?.value)),
    ]);

    expect(ranking.flags.length).toBeGreaterThan(0);
    const flags = await rowsOf(page, 'review-flags', ranking.flags.length);
    expect(flags.map((row) => row.slice(0, 2))).toEqual(
      ranking.flags.map((flag: { storeName: string; figure: string }) => [flag.storeName, enums.RankingFigure[flag.figure]]),
    );

    const top: TopProblem[] = (await call(token.hq, TOP, { month })).topProblems;
    expect(top).toHaveLength(3);
    expect(top[0].problem?.owner).not.toBeNull();
    expect(await rowsOf(page, 'review-problems', 3)).toEqual(problemRows(top, enums, review));
    await screenshot(page, 'monthly-review');

    // Publishing shows the stores the whole ranking.
    await page.getByRole('switch', { name: review.publish.label }).click();
    await pollUntil(async () => (await page.getByTestId('review-published').textContent()) === review.publish.published, 'the month published');
    expect((await call(token.hq, `query($month: String!) { storeRanking(month: $month) { published } }`, { month })).storeRanking.published).toBe(true);

    await page.mouse.move(0, 0);
    await pollUntil(async () => page.evaluate<boolean>(SETTLED), 'the switch settled');
    await expectClean(watched);

    // What the score weighs is one click away, on HQ's ranking weights page.
    await page.getByRole('link', { name: review.ranking.weights }).click();
    await page.getByRole('heading', { level: 1, name: words('zh-CN', 'hq').weights.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/hq/ranking-weights');
  } finally {
    await watched.close();
  }
}, 90000);

test('in en: the store manager reads its rank beside the medians, and the published ranking', async () => {
  const watched = await openPage(browser, app.origin, { language: 'en' });
  try {
    const { page } = watched;
    const review = words('en', 'review');
    const enums = words('en', 'enums');
    const text = valueText(review.minutes);
    await signInThroughPage(page, app, 'en', 'bj-zgc', 'manager@bj-zgc.example.com');
    await page.getByRole('menuitem', { name: 'Monthly review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monthly review' }).waitFor();
    expect(await page.getByLabel('Month reviewed').inputValue()).toBe(month);

    const mine = (
      await call(
        token['bj-zgc'],
        `query($month: String!) { myRanking(month: $month) { published weights { weights { figure weight } } rank score rankedStores
        values { figure value } medians { figure value } stores { ${RANKED} } } }`,
        { month },
      )
    ).myRanking;
    expect(mine.published).toBe(true);
    expect(mine.rank).not.toBeNull();
    await pollUntil(async () => (await page.getByTestId('review-my-rank').count()) === 1, 'the store rank');
    expect(await page.getByTestId('review-my-rank').textContent()).toBe(`${mine.rank} of ${mine.rankedStores}`);
    expect(await page.getByTestId('review-my-score').textContent()).toBe(String(mine.score));
    const valueOf = (values: FigureValue[], figure: string) => values.find((value) => value.figure === figure)?.value;
    expect(await rowsOf(page, 'review-my-figures', WEIGHTS.length)).toEqual(
      mine.weights.weights.map(({ figure, weight }: { figure: string; weight: number }) => [
        enums.RankingFigure[figure],
        `${weight}%`,
        text(figure, valueOf(mine.values, figure)),
        text(figure, valueOf(mine.medians, figure)),
      ]),
    );
    const figures = mine.weights.weights.map((entry: { figure: string }) => entry.figure);
    expect(await rowsOf(page, 'review-ranking', mine.stores.length)).toEqual(rankingRows(mine.stores, figures, review.unranked, text));

    const top: TopProblem[] = (await call(token['bj-zgc'], TOP, { month })).topProblems;
    expect(top.length).toBeGreaterThan(0);
    expect(await rowsOf(page, 'review-problems', top.length)).toEqual(problemRows(top, enums, review));

    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);
