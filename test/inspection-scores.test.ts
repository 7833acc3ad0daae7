import { ManualClock } from '../core/clock';
import { weightedScore } from '../domain/inspections/inspection-score';
import { tenantGlobalId } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';
import { Client } from 'pg';

/**
 * Items scored on a scale beside pass/fail ones: a checklist item published
 * with a maximum and a pass score, the finding's score deciding whether it
 * passed (and so whether it opens a corrective action), the weighted total
 * counting each scored item by its share of the maximum, an upheld contest
 * counting it in full, and the refusals. Pass/fail checklists are untouched
 * (test/inspections.test.ts).
 */
const clock = new ManualClock(new Date('2026-12-04T02:00:00Z'));
let api: TestApi;
let admin: Client;
const token: Record<string, string> = {};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, variables: Record<string, unknown>, who: string): Promise<any> {
  clock.advance(1000);
  const res = await api.gql(query, variables, token[who]);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

const PUBLISH = `mutation($i: PublishInspectionChecklistInput!) { publishInspectionChecklist(input: $i) {
  checklist { id items { id position weight maxScore passScore } } userErrors { field code } } }`;
const INSPECTION = `inspection { id version status scorePercent results { id passed score item { position } } correctiveActions { result { item { position } } } }`;
const RECORD = `mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { ${INSPECTION} userErrors { field code } } }`;
const SUBMIT = `mutation($i: SubmitInspectionInput!) { submitInspection(input: $i) { ${INSPECTION} userErrors { field code } } }`;

/** Prices displayed (pass/fail, weight 40); greeting scored 0-10, passes from 6 (weight 40); tidiness scored 0-5, passes from 3 (weight 20). */
const ITEMS = [
  { weight: 40, textZhCn: '价目表公示', textEn: 'Prices are displayed' },
  { weight: 40, textZhCn: '问候礼仪', textEn: 'The greeting', maxScore: 10, passScore: 6 },
  { weight: 20, textZhCn: '工作台面整洁', textEn: 'The workplace is tidy', maxScore: 5, passScore: 3 },
];
const items: string[] = [];
const inspection = { id: '', version: 0 };

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  token.hq = await api.login('hq-one', 'admin@hq-one.test');
  token.store = await api.login('store-a', 'manager@store-a.test');
}, 60000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

test('the total weighs a scored item by its share of the maximum, and an upheld contest in full', () => {
  expect(
    weightedScore([
      { weight: 40, passed: true },
      { weight: 40, passed: true, score: 7, maxScore: 10 },
      { weight: 20, passed: false, score: 2, maxScore: 5 },
    ]),
  ).toBe(76); // (40 + 40 × 0.7 + 20 × 0.4) / 100
  expect(weightedScore([{ weight: 20, passed: true, score: 2, maxScore: 5, upheld: true }])).toBe(100);
  expect(weightedScore([{ weight: 30, passed: true, score: 1, maxScore: 3 }])).toBe(33.33);
});

describe('publishing', () => {
  test.each([
    [{ maxScore: 10 }, 'INVALID_PASS_SCORE', 'passScore'],
    [{ passScore: 3 }, 'INVALID_MAX_SCORE', 'maxScore'],
    [{ maxScore: 101, passScore: 3 }, 'INVALID_MAX_SCORE', 'maxScore'],
    [{ maxScore: 5, passScore: 6 }, 'INVALID_PASS_SCORE', 'passScore'],
    [{ maxScore: 5, passScore: 0 }, 'INVALID_PASS_SCORE', 'passScore'],
  ])('an item with %j is refused', async (scale, code, field) => {
    const published = (await call(PUBLISH, { i: { code: 'BAD', titleZhCn: '巡检', titleEn: 'Bad', items: [{ ...ITEMS[0], ...scale }] } }, 'hq'))
      .publishInspectionChecklist;
    expect(published.userErrors).toEqual([{ field: ['items', '0', field], code }]);
  });

  test('a checklist mixes pass/fail items and scored ones', async () => {
    const published = (await call(PUBLISH, { i: { code: 'SCORED', titleZhCn: '评分巡检', titleEn: 'Scored', items: ITEMS } }, 'hq')).publishInspectionChecklist;
    expect(published.userErrors).toEqual([]);
    expect(published.checklist.items.map((i: { maxScore: number | null; passScore: number | null }) => [i.maxScore, i.passScore])).toEqual([
      [null, null],
      [10, 6],
      [5, 3],
    ]);
    items.push(...published.checklist.items.map((i: { id: string }) => i.id));
    const scheduled = await call(
      `mutation($i: ScheduleInspectionInput!) { scheduleInspection(input: $i) { inspection { id version } userErrors { code } } }`,
      { i: { storeId: await tenantGlobalId(admin, 'store-a'), checklistId: published.checklist.id, scheduledOn: '2026-12-04', announced: true } },
      'hq',
    );
    Object.assign(inspection, scheduled.scheduleInspection.inspection);
  });
});

describe('recording and submitting', () => {
  const record = async (results: Record<string, unknown>[]) => {
    const payload = (await call(RECORD, { i: { inspectionId: inspection.id, expectedVersion: inspection.version, results } }, 'hq')).recordInspection;
    if (!payload.userErrors.length) inspection.version = payload.inspection.version;
    return payload;
  };

  test.each([
    ['a pass/fail item without passed', () => [{ itemId: items[0] }], 'PASSED_REQUIRED', ['results', '0', 'passed']],
    ['a pass/fail item with a score', () => [{ itemId: items[0], passed: true, score: 3 }], 'SCORE_NOT_APPLICABLE', ['results', '0', 'score']],
    ['a scored item without a score', () => [{ itemId: items[1], passed: true }], 'SCORE_REQUIRED', ['results', '0', 'score']],
    ['a score above the maximum', () => [{ itemId: items[1], score: 11 }], 'INVALID_SCORE', ['results', '0', 'score']],
    ['a negative score', () => [{ itemId: items[2], score: -1 }], 'INVALID_SCORE', ['results', '0', 'score']],
    ['passed against the score', () => [{ itemId: items[1], score: 5, passed: true }], 'PASSED_CONTRADICTS_SCORE', ['results', '0', 'passed']],
  ])('%s is refused', async (_, results, code, field) => {
    expect((await record(results())).userErrors).toEqual([{ field, code }]);
  });

  test('the score decides whether a scored item passed; the total and the corrective actions follow', async () => {
    const saved = await record([
      { itemId: items[0], passed: true },
      { itemId: items[1], score: 7 },
      { itemId: items[2], score: 2, passed: false },
    ]);
    expect(saved.userErrors).toEqual([]);
    expect(saved.inspection.results.map((r: { passed: boolean; score: number | null }) => [r.passed, r.score])).toEqual([
      [true, null],
      [true, 7],
      [false, 2],
    ]);
    // The passing score is the threshold itself: 6 of 10 passes, 5 fails.
    expect((await record([{ itemId: items[1], score: 6 }])).inspection.results[1].passed).toBe(true);
    expect((await record([{ itemId: items[1], score: 5 }])).inspection.results[1].passed).toBe(false);
    await record([{ itemId: items[1], score: 7 }]);
    const submitted = (await call(SUBMIT, { i: { inspectionId: inspection.id, expectedVersion: inspection.version } }, 'hq')).submitInspection;
    expect(submitted.userErrors).toEqual([]);
    // (40 + 40 × 7/10 + 20 × 2/5) / 100
    expect(submitted.inspection.scorePercent).toBe(76);
    expect(submitted.inspection.correctiveActions.map((a: { result: { item: { position: number } } }) => a.result.item.position)).toEqual([3]);
    expect(
      (await admin.query(`select score_percent from inspections where id = (select inspection_id from inspection_results where score = 2)`)).rows[0],
    ).toEqual({
      score_percent: '76.00',
    });
  });

  test('an upheld contest of a failed scored item counts it in full', async () => {
    const tidy = (await call(`query($id: ID!) { inspection(id: $id) { results { id score } } }`, { id: inspection.id }, 'store')).inspection.results[2];
    const contested = await call(
      `mutation($i: ContestInspectionItemInput!) { contestInspectionItem(input: $i) { userErrors { code } } }`,
      { i: { resultId: tidy.id, reason: 'The desk was being cleaned at that moment' } },
      'store',
    );
    expect(contested.contestInspectionItem.userErrors).toEqual([]);
    const ruled = await call(
      `mutation($i: RuleOnInspectionContestInput!) { ruleOnInspectionContest(input: $i) { ${INSPECTION} userErrors { code } } }`,
      { i: { resultId: tidy.id, ruling: 'UPHELD' } },
      'hq',
    );
    expect(ruled.ruleOnInspectionContest.userErrors).toEqual([]);
    // The inspector's score stays on record; the item now counts in full: (40 + 28 + 20) / 100.
    expect(ruled.ruleOnInspectionContest.inspection.results[2]).toMatchObject({ passed: true, score: 2 });
    expect(ruled.ruleOnInspectionContest.inspection.scorePercent).toBe(88);
  });
});
