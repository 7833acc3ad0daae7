import type { Browser, Page } from 'playwright-core';
import { confirmed, expectClean, spaced } from './console-manage.support';
import { launchBrowser, openPage, pollUntil, screenshot, WatchedPage } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * The inspection pages on the demo network. HQ's supervisor publishes a
 * three-item checklist (weights 50, 30, 20), schedules an unannounced
 * inspection of the Zhongguancun store, records it with the 30 and 20 items
 * failed, saves a draft and submits it: the store's total is 50%. The store
 * then sees it (not before), contests the 30 item once; HQ rejects the
 * contest; the store resolves that item's corrective action; ten days later
 * HQ finds the other one open and overdue. The inspector uploads two photos
 * of the hidden price list from the findings form; HQ and then the store see
 * them as thumbnails, loaded from their signed links. Each step is read back from the
 * API; every page in the language it is used in, every word found, nothing
 * from another host.
 */
let app: ConsoleApp;
let browser: Browser;
const token: Record<string, string> = {};
const STORE = 'Beijing Zhongguancun Store';
const ZONE = 'Asia/Shanghai';

/** What the test reads of an <img> in the page. */
type Picture = { complete: boolean; naturalWidth: number; alt: string };

/** A real one-pixel PNG, so the browser has an image to decode. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const ITEMS = [
  { weight: 50, textZhCn: '客户进店主动问候', textEn: 'The customer is greeted on arrival' },
  { weight: 30, textZhCn: '服务登记单填写完整', textEn: 'The registration form is complete' },
  { weight: 20, textZhCn: '价目表在显眼位置公示', textEn: 'Prices are displayed' },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(credential: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await app.api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

const INSPECTION = `query($id: ID!) { inspection(id: $id) { id status announced scorePercent version
  results { id passed note item { position } contest { reason } contestRuling rulingNote }
  correctiveActions { id status overdue dueAt result { item { position } } } } }`;
const LIST = `{ inspections(first: 10) { edges { node { id status announced } } } }`;
const ACTIONS = `query($status: CorrectiveActionStatus, $overdue: Boolean) { correctiveActions(first: 10, status: $status, overdue: $overdue) {
  edges { node { id status overdue dueAt store { name } result { item { position } } resolution { note } } } } }`;

/** A deadline as the console shows it: in the store's time zone, in the page's language. */
const shownTime = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** A planned day as the console shows it, in the page's language. */
const shownDay = (day: string, language: string) =>
  new Intl.DateTimeFormat(language, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(`${day}T12:00:00Z`));

async function rowsOf(page: Page, testId: string, count: number): Promise<string[][]> {
  const rows = page.getByTestId(testId).locator('tr.ant-table-row');
  await pollUntil(async () => (await rows.count()) === count, `${count} rows in ${testId}`);
  return Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allTextContents()).map((text) => text.trim())));
}

/** The alt texts of a finding's thumbnails once every one of them has loaded and decoded (with no Authorization header: an <img> sends none). */
async function shownPhotos(page: Page, position: number): Promise<string[]> {
  const images = page.getByTestId(`inspection-photos-${position}`).locator('img');
  await pollUntil(
    async () =>
      (await images.count()) > 0 &&
      (await images.evaluateAll((all) => all.every((image) => (image as unknown as Picture).complete && (image as unknown as Picture).naturalWidth > 0))),
    `the photos of item ${position} shown`,
  );
  return images.evaluateAll((all) => all.map((image) => (image as unknown as Picture).alt));
}

async function signedIn(language: 'zh-CN' | 'en', slug: string, email: string): Promise<WatchedPage> {
  const watched = await openPage(browser, app.origin, { language });
  await signInThroughPage(watched.page, app, language, slug, email);
  await watched.page.getByRole('navigation').waitFor({ state: 'attached' });
  return watched;
}

let inspectionId = '';
/** The planned day: today in the store's time zone. */
let today = '';

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  token.hq = await app.api.login('demo-hq', 'supervisor@demo-hq.example.com', DEMO_PASSWORD);
  token.store = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(app.clock.now());
}, 90000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('in zh-CN: the HQ supervisor publishes a checklist, schedules an unannounced inspection, records it and submits it', async () => {
  const watched = await signedIn('zh-CN', 'demo-hq', 'supervisor@demo-hq.example.com');
  try {
    const { page } = watched;
    await page.getByRole('menuitem', { name: '巡检清单' }).click();
    await page.getByRole('heading', { level: 1, name: '巡检清单' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/inspections/checklists');

    // A new checklist of three weighted items, in both languages.
    await page.getByRole('button', { name: '新建清单' }).click();
    const dialog = page.getByRole('dialog', { name: '发布新清单' });
    await dialog.getByLabel('代码').fill('COUNTER');
    await dialog.getByLabel('中文名称').fill('前台服务巡检');
    await dialog.getByLabel('英文名称').fill('Counter service');
    for (const [index, item] of ITEMS.entries()) {
      if (index > 0) await dialog.getByRole('button', { name: '添加检查项' }).click();
      await dialog.getByLabel(`第 ${index + 1} 项权重`).fill(String(item.weight));
      await dialog.getByLabel(`第 ${index + 1} 项（中文）`).fill(item.textZhCn);
      await dialog.getByLabel(`第 ${index + 1} 项（英文）`).fill(item.textEn);
    }
    await dialog.getByRole('button', { name: spaced('发布') }).click();
    await dialog.waitFor({ state: 'detached' });
    const published = (
      await call(token.hq, `{ inspectionChecklists(first: 10) { edges { node { id code version titleZhCn items { weight textZhCn textEn } } } } }`)
    ).inspectionChecklists.edges;
    expect(published).toHaveLength(1);
    expect(published[0].node).toMatchObject({ code: 'COUNTER', version: 1, titleZhCn: '前台服务巡检', items: ITEMS });
    const [row] = await rowsOf(page, 'inspection-checklists', 1);
    expect(row.slice(1, 5)).toEqual(['COUNTER', '前台服务巡检', '第 1 版', '3']);

    // An unannounced inspection of the Zhongguancun store, planned for today.
    await page.getByRole('menuitem', { name: '门店巡检' }).click();
    await page.getByRole('heading', { level: 1, name: '门店巡检' }).waitFor();
    await page.getByLabel('门店', { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: STORE }).click();
    await page.getByLabel('清单版本').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '前台服务巡检 第 1 版' }).click();
    await page.getByLabel('计划日期').fill(today);
    await page.getByRole('switch', { name: '事先通知门店' }).click();
    await page.getByRole('button', { name: spaced('安排') }).click();
    await confirmed(page, '巡检已安排');
    const [scheduled] = (await call(token.hq, LIST)).inspections.edges;
    expect(scheduled.node).toMatchObject({ status: 'SCHEDULED', announced: false });
    inspectionId = scheduled.node.id;
    expect((await rowsOf(page, 'inspections', 1))[0].slice(0, 6)).toEqual([STORE, '前台服务巡检 第 1 版', shownDay(today, 'zh-CN'), '暗访', '已安排', '—']);
    // The store does not know of it yet.
    expect((await call(token.store, LIST)).inspections.edges).toEqual([]);

    // The visit: the first item passed, the second failed; a draft.
    await page.getByRole('link', { name: `打开 ${STORE} 的巡检` }).click();
    await page.getByRole('heading', { level: 1, name: `${STORE} 的巡检` }).waitFor();
    await page.getByRole('radiogroup', { name: '第 1 项结果' }).getByText('合格', { exact: true }).click();
    await page.getByRole('radiogroup', { name: '第 2 项结果' }).getByText('不合格', { exact: true }).click();
    await page.getByLabel('第 2 项备注').fill('登记单缺少客户签字');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await confirmed(page, '草稿已保存');
    const draft = (await call(token.hq, INSPECTION, { id: inspectionId })).inspection;
    expect(draft.status).toBe('DRAFT');
    expect(draft.results.map((r: { passed: boolean; note: string | null; item: { position: number } }) => [r.item.position, r.passed, r.note])).toEqual([
      [1, true, null],
      [2, false, '登记单缺少客户签字'],
    ]);
    expect((await call(token.store, LIST)).inspections.edges).toEqual([]);

    // The third item failed too, and the inspection submitted: 50 of 100 weight passed.
    await page.getByRole('radiogroup', { name: '第 2 项结果' }).getByText('不合格', { exact: true }).waitFor();
    await page.getByRole('radiogroup', { name: '第 3 项结果' }).getByText('不合格', { exact: true }).click();
    await page.getByLabel('第 3 项备注').fill('价目表被海报遮挡');
    // Two photos of it, uploaded as they are chosen and shown at once; saving links them to the item.
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('inspection-photo-add-3').click();
    await (
      await chooser
    ).setFiles([
      { name: '价目表.png', mimeType: 'image/png', buffer: PIXEL },
      { name: 'counter.png', mimeType: 'image/png', buffer: PIXEL },
    ]);
    const uploaded = page.getByTestId('inspection-findings').locator('.ant-upload-list-item-done img');
    await pollUntil(
      async () => (await uploaded.count()) === 2 && (await uploaded.evaluateAll((all) => all.every((image) => (image as unknown as Picture).naturalWidth > 0))),
      'two photos uploaded and shown',
    );
    // The first save's confirmation is still on the page: wait for the api to have the photos instead.
    await page.getByRole('button', { name: '保存草稿' }).click();
    const photosQuery = `query($id: ID!) { inspection(id: $id) { results { item { position } evidence { filename contentType } } } }`;
    await pollUntil(
      async () => (await call(token.hq, photosQuery, { id: inspectionId })).inspection.results.length === 3,
      'the draft saved with the third item and its photos',
    );
    await confirmed(page, '草稿已保存');
    const withPhotos = (await call(token.hq, photosQuery, { id: inspectionId })).inspection.results;
    expect(
      withPhotos.map((r: { item: { position: number }; evidence: { filename: string }[] }) => [r.item.position, r.evidence.map((u) => u.filename)]),
    ).toEqual([
      [1, []],
      [2, []],
      [3, ['价目表.png', 'counter.png']],
    ]);
    await page.getByRole('button', { name: spaced('提交') }).click();
    const confirm = page.getByRole('dialog', { name: '提交巡检？' });
    await confirm.getByRole('button', { name: spaced('提交') }).click();
    await confirmed(page, '巡检已提交：门店现在可以看到');
    await pollUntil(async () => (await page.getByTestId('inspection-score').count()) === 1, 'the total');
    const submitted = (await call(token.hq, INSPECTION, { id: inspectionId })).inspection;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', scorePercent: 50 });
    expect(await page.getByTestId('inspection-score').textContent()).toBe('50%');
    expect(await page.getByTestId('inspection-status').textContent()).toBe('已提交');
    const results = await rowsOf(page, 'inspection-results', 3);
    const dueOf = (position: number) =>
      submitted.correctiveActions.find((action: { result: { item: { position: number } } }) => action.result.item.position === position).dueAt;
    expect(results.map((cells) => cells.slice(0, 7))).toEqual([
      ['1', ITEMS[0].textZhCn, '50', '合格', '', '', ''],
      ['2', ITEMS[1].textZhCn, '30', '不合格', '登记单缺少客户签字', '', `待整改，截止 ${shownTime(dueOf(2), 'zh-CN')}`],
      ['3', ITEMS[2].textZhCn, '20', '不合格', '价目表被海报遮挡', '', `待整改，截止 ${shownTime(dueOf(3), 'zh-CN')}`],
    ]);
    expect(await shownPhotos(page, 3)).toEqual(['第 3 项的第 1 张照片', '第 3 项的第 2 张照片']);
    expect(await page.getByTestId('inspection-photos-2').count()).toBe(0);
    await screenshot(page, 'inspection');
    await page.mouse.move(0, 0);
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 120000);

test('in en: the store manager reads the submitted inspection and contests the second item, once', async () => {
  const watched = await signedIn('en', 'bj-zgc', 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    expect((await call(token.store, LIST)).inspections.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([inspectionId]);
    await page.getByRole('menuitem', { name: 'Inspections' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inspections' }).waitFor();
    expect((await rowsOf(page, 'inspections', 1))[0].slice(0, 5)).toEqual(['Counter service v1', shownDay(today, 'en'), 'Unannounced', 'Submitted', '50%']);
    await page.getByRole('link', { name: `Open the inspection of ${STORE}` }).click();
    await page.getByRole('heading', { level: 1, name: `Inspection of ${STORE}` }).waitFor();
    expect(await page.getByTestId('inspection-score').textContent()).toBe('50%');
    const results = await rowsOf(page, 'inspection-results', 3);
    expect(results.map((cells) => cells.slice(0, 5))).toEqual([
      ['1', ITEMS[0].textEn, '50', 'Passed', ''],
      ['2', ITEMS[1].textEn, '30', 'Failed', '登记单缺少客户签字'],
      ['3', ITEMS[2].textEn, '20', 'Failed', '价目表被海报遮挡'],
    ]);
    // The store sees the inspector's photos of the item it may contest.
    expect(await shownPhotos(page, 3)).toEqual(['Photo 1 of item 3', 'Photo 2 of item 3']);
    // Only the failed items can be contested.
    expect(await page.getByRole('button', { name: 'Contest item 1' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Contest item 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Contest item 2' });
    await dialog.getByLabel('Why the finding is wrong').fill('The customer declined to sign; the refusal is noted on the form.');
    await dialog.getByRole('button', { name: 'Contest' }).click();
    await confirmed(page, 'Contest sent to HQ');
    await pollUntil(async () => (await page.getByRole('button', { name: 'Contest item 2' }).count()) === 0, 'the contest button gone');
    expect(await page.getByRole('button', { name: 'Contest item 3' }).count()).toBe(1);
    const row = (await rowsOf(page, 'inspection-results', 3))[1];
    expect(row[5]).toBe("The customer declined to sign; the refusal is noted on the form.Awaiting HQ's ruling");
    const result = (await call(token.store, INSPECTION, { id: inspectionId })).inspection.results[1];
    expect(result.contest).toEqual({ reason: 'The customer declined to sign; the refusal is noted on the form.' });
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);

test("in en: the HQ supervisor rejects the store's contest", async () => {
  const watched = await signedIn('en', 'demo-hq', 'supervisor@demo-hq.example.com');
  try {
    const { page } = watched;
    await page.getByRole('menuitem', { name: 'Inspections' }).click();
    await page.getByRole('link', { name: `Open the inspection of ${STORE}` }).click();
    await page.getByRole('heading', { level: 1, name: `Inspection of ${STORE}` }).waitFor();
    await page.getByRole('button', { name: 'Reject the contest of item 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject the contest of item 2: the finding stands' });
    await dialog.getByLabel('Why (optional)').fill('A refusal to sign must be countersigned by the manager.');
    await dialog.getByRole('button', { name: 'Rule' }).click();
    await confirmed(page, 'Ruling saved');
    await pollUntil(async () => (await page.getByRole('button', { name: 'Reject the contest of item 2' }).count()) === 0, 'the ruling buttons gone');
    const inspection = (await call(token.hq, INSPECTION, { id: inspectionId })).inspection;
    expect(inspection.results[1]).toMatchObject({
      passed: false,
      contestRuling: 'REJECTED',
      rulingNote: 'A refusal to sign must be countersigned by the manager.',
    });
    expect(inspection.scorePercent).toBe(50);
    const row = (await rowsOf(page, 'inspection-results', 3))[1];
    expect(row[5]).toBe(
      "The customer declined to sign; the refusal is noted on the form.HQ's ruling: Rejected (A refusal to sign must be countersigned by the manager.)",
    );
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);

test('in zh-CN: the store manager reads its corrective actions with their deadlines and resolves one', async () => {
  const watched = await signedIn('zh-CN', 'bj-zgc', 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await page.getByRole('menuitem', { name: '整改事项' }).click();
    await page.getByRole('heading', { level: 1, name: '整改事项' }).waitFor();
    const actions = (await call(token.store, ACTIONS)).correctiveActions.edges.map((edge: { node: unknown }) => edge.node);
    expect(actions.map((action: { status: string; overdue: boolean }) => [action.status, action.overdue])).toEqual([
      ['OPEN', false],
      ['OPEN', false],
    ]);
    const rows = await rowsOf(page, 'corrective-actions', 2);
    const textOf = (position: number) => ITEMS[position - 1].textZhCn;
    expect(rows.map((cells) => cells.slice(0, 4))).toEqual(
      actions.map((action: { dueAt: string; result: { item: { position: number } } }) => [
        textOf(action.result.item.position),
        action.result.item.position === 2 ? '登记单缺少客户签字' : '价目表被海报遮挡',
        shownTime(action.dueAt, 'zh-CN'),
        '待整改',
      ]),
    );
    await page.getByRole('button', { name: `完成整改：${ITEMS[1].textZhCn}` }).click();
    const dialog = page.getByRole('dialog', { name: '完成整改' });
    await dialog.getByLabel('整改措施').fill('已培训前台：客户拒签时由店长签字确认');
    await dialog.getByRole('button', { name: spaced('完成') }).click();
    await confirmed(page, '整改已完成');
    const second = actions.find((action: { result: { item: { position: number } } }) => action.result.item.position === 2);
    const after = (await call(token.store, ACTIONS)).correctiveActions.edges.find((edge: { node: { id: string } }) => edge.node.id === second.id).node;
    expect(after).toMatchObject({ status: 'RESOLVED', resolution: { note: '已培训前台：客户拒签时由店长签字确认' } });
    await pollUntil(async () => (await page.getByRole('button', { name: `完成整改：${ITEMS[1].textZhCn}` }).count()) === 0, 'the resolved action');
    const resolvedRowOf = async () => (await rowsOf(page, 'corrective-actions', 2)).find((cells) => cells[0] === ITEMS[1].textZhCn)!;
    await pollUntil(async () => (await resolvedRowOf())[4] !== '', 'the resolution shown on its row');
    const resolvedRow = await resolvedRowOf();
    expect(resolvedRow[3]).toBe('已整改');
    expect(resolvedRow[4]).toMatch(/^已培训前台：客户拒签时由店长签字确认（/);
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);

test('in en: ten days later HQ reads the open corrective action across its stores, overdue', async () => {
  app.clock.advance(10 * 24 * 3600_000);
  token.hq = await app.api.login('demo-hq', 'supervisor@demo-hq.example.com', DEMO_PASSWORD);
  const watched = await signedIn('en', 'demo-hq', 'supervisor@demo-hq.example.com');
  try {
    const { page } = watched;
    await page.getByRole('menuitem', { name: 'Corrective actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Corrective actions' }).waitFor();
    const open = (await call(token.hq, ACTIONS, { status: 'OPEN' })).correctiveActions.edges.map((edge: { node: unknown }) => edge.node);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'OPEN', overdue: true, store: { name: STORE }, result: { item: { position: 3 } } });
    const expected = [STORE, ITEMS[2].textEn, '价目表被海报遮挡', shownTime(open[0].dueAt, 'en'), 'OpenOverdue'];
    expect((await rowsOf(page, 'corrective-actions', 1)).map((cells) => cells.slice(0, 5))).toEqual([expected]);
    // HQ may not resolve a store's action.
    expect(await page.getByRole('button', { name: /^Resolve/ }).count()).toBe(0);

    await page.getByRole('radiogroup', { name: 'Which corrective actions' }).getByText('Overdue', { exact: true }).click();
    const overdue = (await call(token.hq, ACTIONS, { overdue: true })).correctiveActions.edges;
    expect(overdue.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([open[0].id]);
    expect((await rowsOf(page, 'corrective-actions', 1)).map((cells) => cells.slice(0, 5))).toEqual([expected]);

    await page.getByRole('radiogroup', { name: 'Which corrective actions' }).getByText('All', { exact: true }).click();
    const all = (await rowsOf(page, 'corrective-actions', 2)).map((cells) => cells.slice(0, 5));
    expect(all).toContainEqual([STORE, ITEMS[1].textEn, '登记单缺少客户签字', expect.any(String), 'Resolved']);
    await screenshot(page, 'corrective-actions');
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);

test('in en: HQ publishes a checklist with a scored item and scores an inspection; the total weighs the score', async () => {
  const watched = await signedIn('en', 'demo-hq', 'supervisor@demo-hq.example.com');
  try {
    const { page } = watched;
    await page.getByRole('menuitem', { name: 'Inspection checklists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inspection checklists' }).waitFor();
    await page.getByRole('button', { name: 'New checklist' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish a new checklist' });
    await dialog.getByLabel('Code').fill('GREETING');
    await dialog.getByLabel('Title in Chinese').fill('接待评分');
    await dialog.getByLabel('Title in English').fill('Greeting');
    await dialog.getByLabel('Weight of item 1').fill('60');
    await dialog.getByLabel('Item 1 in Chinese').fill('问候礼仪');
    await dialog.getByLabel('Item 1 in English').fill('The greeting');
    await dialog.getByLabel('Highest score of item 1').fill('10');
    await dialog.getByLabel('Pass score of item 1').fill('6');
    await dialog.getByRole('button', { name: 'Add an item' }).click();
    await dialog.getByLabel('Weight of item 2').fill('40');
    await dialog.getByLabel('Item 2 in Chinese').fill('价目表公示');
    await dialog.getByLabel('Item 2 in English').fill('Prices are displayed');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.waitFor({ state: 'detached' });
    const checklist = (
      await call(token.hq, `{ inspectionChecklists(first: 10, code: "GREETING") { edges { node { id items { weight maxScore passScore } } } } }`)
    ).inspectionChecklists.edges[0].node;
    expect(checklist.items).toEqual([
      { weight: 60, maxScore: 10, passScore: 6 },
      { weight: 40, maxScore: null, passScore: null },
    ]);
    const row = page.getByTestId('inspection-checklists').locator('tr.ant-table-row').filter({ hasText: 'GREETING' });
    await pollUntil(async () => (await row.count()) === 1, 'the new checklist listed');
    await row.locator('.ant-table-row-expand-icon').click();
    await pollUntil(
      async () => (await page.getByText('The greeting (weight 60, scored 0–10, passes from 6)').count()) === 1,
      "the scored item's scale in the list",
    );

    const stores = (await call(token.hq, `{ tenants(first: 50, kind: STORE) { edges { node { id name } } } }`)).tenants.edges;
    const store = stores.find((edge: { node: { name: string } }) => edge.node.name === STORE).node.id;
    const scheduled = await call(
      token.hq,
      `mutation($i: ScheduleInspectionInput!) { scheduleInspection(input: $i) { inspection { id } userErrors { code } } }`,
      { i: { storeId: store, checklistId: checklist.id, scheduledOn: today, announced: true } },
    );
    const id = scheduled.scheduleInspection.inspection.id;
    await page.goto(`${app.origin}/console/inspections/list/${id}`);
    await page.getByRole('heading', { level: 1, name: `Inspection of ${STORE}` }).waitFor();
    await page.getByLabel('Score of item 1').fill('7');
    await page.getByRole('radiogroup', { name: 'Finding on item 2' }).getByText('Failed', { exact: true }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('dialog', { name: 'Submit the inspection?' }).getByRole('button', { name: 'Submit' }).click();
    await confirmed(page, 'Inspection submitted: the store sees it now');
    const submitted = (await call(token.hq, INSPECTION, { id })).inspection;
    // 60 × 7/10 + 40 × 0, over 100
    expect(submitted).toMatchObject({ status: 'SUBMITTED', scorePercent: 42 });
    expect(submitted.results.map((r: { passed: boolean }) => r.passed)).toEqual([true, false]);
    await pollUntil(async () => (await page.getByTestId('inspection-score').count()) === 1, 'the total');
    expect(await page.getByTestId('inspection-score').textContent()).toBe('42%');
    expect(await page.getByTestId('inspection-score-1').textContent()).toBe('7 / 10');
    expect((await rowsOf(page, 'inspection-results', 2)).map((cells) => cells.slice(0, 4))).toEqual([
      ['1', 'The greeting', '60', 'Passed7 / 10'],
      ['2', 'Prices are displayed', '40', 'Failed'],
    ]);
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 90000);
