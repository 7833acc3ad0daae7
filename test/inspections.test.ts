import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { weightedScore } from '../domain/inspections/inspection-score';
import { scoreStores } from '../domain/rankings/scores';
import { RankingFigure } from '../core/ranking-enums';
import { tenantGlobalId } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';

/** Friday 4 December 2026, 10:00 in Shanghai (the stores' time zone). */
const clock = new ManualClock(new Date('2026-12-04T02:00:00Z'));

/**
 * HQ's quality inspections of its stores: versioned checklists with weighted
 * items, announced and unannounced (mystery customer) inspections, the
 * findings' draft and submission with the weighted total, the store's
 * contest of an item and HQ's ruling, the corrective actions failed items
 * open, who sees what (the database's policies, read as the runtime role),
 * and the inspection score in the monthly ranking.
 */
let api: TestApi;
let admin: Client;
let app: Client;
const token: Record<string, string> = {};
const tenantId: Record<string, string> = {};
const storeGid: Record<string, string> = {};

const LOGINS: [string, string, string][] = [
  ['hq', 'hq-one', 'admin@hq-one.test'],
  ['sup', 'hq-one', 'supervisor@hq-one.test'],
  ['managerA', 'store-a', 'manager@store-a.test'],
  ['agentA', 'store-a', 'agent@store-a.test'],
  ['managerB', 'store-b', 'manager@store-b.test'],
  ['hqTwo', 'hq-two', 'admin@hq-two.test'],
  ['managerZ', 'store-z', 'manager@store-z.test'],
];

async function loginAll(): Promise<void> {
  for (const [who, slug, email] of LOGINS) token[who] = await api.login(slug, email);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, variables: Record<string, unknown>, who: string): Promise<any> {
  clock.advance(1000);
  const res = await api.gql(query, variables, token[who]);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

async function errorCode(query: string, variables: Record<string, unknown>, who: string): Promise<string> {
  clock.advance(1000);
  const res = await api.gql(query, variables, token[who]);
  return res.body.errors?.[0]?.extensions?.code;
}

const CHECKLIST = 'checklist { id code version titleEn items { id position weight textZhCn textEn } }';
const PUBLISH = `mutation($i: PublishInspectionChecklistInput!) { publishInspectionChecklist(input: $i) { ${CHECKLIST} userErrors { field code } } }`;
const INSPECTION = `inspection { id status announced scheduledOn version scorePercent notes submittedAt store { slug }
  checklist { version } results { id passed note evidenceNote contestRuling rulingNote item { position textEn } contest { reason } }
  correctiveActions { id status overdue dueAt } }`;
const SCHEDULE = `mutation($i: ScheduleInspectionInput!) { scheduleInspection(input: $i) { ${INSPECTION} userErrors { field code } } }`;
const RECORD = `mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { ${INSPECTION} userErrors { field code } } }`;
const SUBMIT = `mutation($i: SubmitInspectionInput!) { submitInspection(input: $i) { ${INSPECTION} userErrors { field code message } } }`;
const CONTEST = `mutation($i: ContestInspectionItemInput!) { contestInspectionItem(input: $i) { ${INSPECTION} userErrors { field code } } }`;
const RULE = `mutation($i: RuleOnInspectionContestInput!) { ruleOnInspectionContest(input: $i) { ${INSPECTION} userErrors { field code } } }`;
const RESOLVE = `mutation($i: ResolveCorrectiveActionInput!) { resolveCorrectiveAction(input: $i) {
  correctiveAction { id status overdue resolution { note } } userErrors { field code } } }`;
const LIST = `query($store: ID, $status: [InspectionStatus!]) { inspections(first: 20, store: $store, status: $status) { edges { node { id announced status } } } }`;
const ONE = `query($id: ID!) { inspection(id: $id) { id status scorePercent } }`;
const ACTIONS = `query($status: CorrectiveActionStatus, $overdue: Boolean, $store: ID) {
  correctiveActions(first: 20, status: $status, overdue: $overdue, store: $store) {
    edges { node { id status overdue dueAt store { slug } result { item { textEn } } inspection { id } resolution { note } } } } }`;

/** The handbook's counter checklist: greeting, the form, the promised date, a tidy workplace, prices shown. */
const ITEMS_V1 = [
  { weight: 20, textZhCn: '客户进店主动问候', textEn: 'The customer is greeted on arrival' },
  { weight: 25, textZhCn: '服务登记单填写完整', textEn: 'The registration form is complete' },
  { weight: 25, textZhCn: '明确告知客户承诺完成日期', textEn: 'The customer is told the promised date' },
  { weight: 10, textZhCn: '工作台面整洁', textEn: 'The workplace is tidy' },
  { weight: 20, textZhCn: '价目表在显眼位置公示', textEn: 'Prices are displayed' },
];

const v1: { id?: string; items?: { id: string; textEn: string }[] } = {};
const inspections: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  app = new Client({ connectionString: api.db.appUrl });
  await app.connect();
  await loginAll();
  for (const slug of ['hq-one', 'store-a', 'store-b', 'hq-two', 'store-z']) {
    tenantId[slug] = (await admin.query<{ id: string }>(`select id from tenants where slug = $1`, [slug])).rows[0].id;
    storeGid[slug] = await tenantGlobalId(admin, slug);
  }
}, 60000);

afterAll(async () => {
  await app?.end();
  await admin?.end();
  await api?.stop();
});

/** Rows of `table` the runtime role sees acting for `slug` (optionally asking for the HQ scope); always rolled back. */
async function visibleAs(slug: string, sql: string, hqScope = false): Promise<Record<string, unknown>[]> {
  await app.query('begin');
  try {
    await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId[slug]]);
    if (hqScope) await app.query(`select set_config('app.hq_scope', 'on', true)`);
    return (await app.query(sql)).rows;
  } finally {
    await app.query('rollback');
  }
}

const itemId = (text: string) => v1.items!.find((item) => item.textEn.startsWith(text))!.id;

describe('checklists', () => {
  test('HQ publishes a checklist; publishing its code again makes the next version', async () => {
    const first = (await call(PUBLISH, { i: { code: 'COUNTER', titleZhCn: '前台服务巡检', titleEn: 'Counter service', items: ITEMS_V1 } }, 'hq'))
      .publishInspectionChecklist;
    expect(first.userErrors).toEqual([]);
    expect(first.checklist).toMatchObject({ code: 'COUNTER', version: 1, titleEn: 'Counter service' });
    expect(first.checklist.items.map((i: { position: number; weight: number }) => [i.position, i.weight])).toEqual([
      [1, 20],
      [2, 25],
      [3, 25],
      [4, 10],
      [5, 20],
    ]);
    v1.id = first.checklist.id;
    v1.items = first.checklist.items;
    const wrong = (await call(PUBLISH, { i: { code: 'COUNTER', titleZhCn: '前台', titleEn: 'Counter', items: [{ ...ITEMS_V1[0], weight: 0 }] } }, 'hq'))
      .publishInspectionChecklist;
    expect(wrong.userErrors).toEqual([{ field: ['items', '0', 'weight'], code: 'INVALID_WEIGHT' }]);
    expect(await errorCode(PUBLISH, { i: { code: 'MINE', titleZhCn: '门店', titleEn: 'Mine', items: ITEMS_V1 } }, 'managerA')).toBe('FORBIDDEN');
  });

  test("a store reads its HQ's checklists; another network's HQ reads none of them", async () => {
    const list = `{ inspectionChecklists(first: 10) { edges { node { code version } } } }`;
    expect((await call(list, {}, 'managerA')).inspectionChecklists.edges).toEqual([{ node: { code: 'COUNTER', version: 1 } }]);
    expect((await call(list, {}, 'hqTwo')).inspectionChecklists.edges).toEqual([]);
    expect(await errorCode(`query($id: ID!) { inspectionChecklist(id: $id) { code } }`, { id: v1.id }, 'hqTwo')).toBe('NOT_FOUND');
  });
});

describe('scheduling and who sees an inspection', () => {
  test('HQ schedules an announced and an unannounced inspection of store-a; a store of another network is refused', async () => {
    const announced = (await call(SCHEDULE, { i: { storeId: storeGid['store-a'], checklistId: v1.id, scheduledOn: '2026-12-04', announced: true } }, 'sup'))
      .scheduleInspection;
    expect(announced.userErrors).toEqual([]);
    expect(announced.inspection).toMatchObject({ status: 'SCHEDULED', announced: true, store: { slug: 'store-a' }, checklist: { version: 1 } });
    inspections.announced = announced.inspection.id;
    const mystery = (await call(SCHEDULE, { i: { storeId: storeGid['store-a'], checklistId: v1.id, scheduledOn: '2026-12-04', announced: false } }, 'sup'))
      .scheduleInspection;
    inspections.mystery = mystery.inspection.id;
    const foreign = (await call(SCHEDULE, { i: { storeId: storeGid['store-z'], checklistId: v1.id, scheduledOn: '2026-12-04', announced: true } }, 'sup'))
      .scheduleInspection;
    expect(foreign.userErrors).toEqual([{ field: ['storeId'], code: 'STORE_NOT_FOUND' }]);
    const otherHq = (await call(SCHEDULE, { i: { storeId: storeGid['store-a'], checklistId: v1.id, scheduledOn: '2026-12-04', announced: true } }, 'hqTwo'))
      .scheduleInspection;
    expect(otherHq.userErrors).toEqual([{ field: ['storeId'], code: 'STORE_NOT_FOUND' }]);
    expect(await errorCode(SCHEDULE, { i: { storeId: storeGid['store-a'], checklistId: v1.id, scheduledOn: '2026-12-04', announced: true } }, 'managerA')).toBe(
      'FORBIDDEN',
    );
  });

  test('a new checklist version leaves the scheduled inspections on theirs', async () => {
    const items = [...ITEMS_V1.slice(0, 4), { weight: 30, textZhCn: '价目表公示且价格在总部范围内', textEn: 'Prices displayed, within HQ ranges' }];
    const second = (await call(PUBLISH, { i: { code: 'COUNTER', titleZhCn: '前台服务巡检', titleEn: 'Counter service', items } }, 'hq'))
      .publishInspectionChecklist;
    expect(second.checklist.version).toBe(2);
    const read = `query($id: ID!) { inspection(id: $id) { checklist { version items { textEn } } } }`;
    const kept = (await call(read, { id: inspections.announced }, 'sup')).inspection.checklist;
    expect(kept.version).toBe(1);
    expect(kept.items.map((i: { textEn: string }) => i.textEn)).toEqual(ITEMS_V1.map((i) => i.textEn));
  });

  test('the store sees the announced inspection, not the unannounced one, through the API', async () => {
    expect((await call(LIST, {}, 'managerA')).inspections.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([inspections.announced]);
    expect(await errorCode(ONE, { id: inspections.mystery }, 'managerA')).toBe('NOT_FOUND');
    expect((await call(LIST, {}, 'sup')).inspections.edges).toHaveLength(2);
  });

  test('the database hides the unannounced inspection from the store: the runtime role acting for store-a reads only the announced one', async () => {
    const ids = (await visibleAs('store-a', 'select id, announced from inspections')).map((row) => row.announced);
    expect(ids).toEqual([true]);
    // With the HQ scope asked for, a store still reads nothing more.
    expect(await visibleAs('store-a', 'select id from inspections', true)).toHaveLength(1);
    expect(await visibleAs('store-b', 'select id from inspections', true)).toEqual([]);
    expect(await visibleAs('hq-two', 'select id from inspections', true)).toEqual([]);
    expect(await visibleAs('hq-one', 'select id from inspections')).toHaveLength(2);
  });
});

describe('recording, submitting, contesting', () => {
  test('the inspector saves a draft; submitting with an item missing is refused', async () => {
    const draft = (
      await call(
        RECORD,
        {
          i: {
            inspectionId: inspections.mystery,
            notes: 'Visited as a customer with a laptop that runs hot',
            results: [
              { itemId: itemId('The customer is greeted'), passed: true },
              { itemId: itemId('The registration form'), passed: false, note: 'No serial number written', evidenceNote: 'Form 0412: serial field empty' },
              { itemId: itemId('The customer is told'), passed: true },
              { itemId: itemId('The workplace'), passed: false, note: 'Parts boxes on the counter' },
            ],
          },
        },
        'sup',
      )
    ).recordInspection;
    expect(draft.userErrors).toEqual([]);
    expect(draft.inspection).toMatchObject({ status: 'DRAFT', scorePercent: null, notes: 'Visited as a customer with a laptop that runs hot' });
    const refused = (await call(SUBMIT, { i: { inspectionId: inspections.mystery } }, 'sup')).submitInspection;
    expect(refused.userErrors.map((e: { code: string }) => e.code)).toEqual(['FINDINGS_MISSING']);
    // Still a draft, still hidden from the store (the database's policy, not only the API).
    expect(await visibleAs('store-a', 'select id from inspections where announced = false')).toEqual([]);
    expect(await visibleAs('store-a', 'select id from inspection_results')).toEqual([]);
  });

  test('submitting computes the weighted total and opens a corrective action per failed item, due 3 working days later on the store calendar', async () => {
    await call(RECORD, { i: { inspectionId: inspections.mystery, results: [{ itemId: itemId('Prices'), passed: true }] } }, 'sup');
    clock.set(new Date('2026-12-04T02:30:00Z')); // Friday 10:30 in Shanghai
    await loginAll();
    const res = await api.gql(SUBMIT, { i: { inspectionId: inspections.mystery } }, token.sup);
    const submitted = res.body.data.submitInspection;
    expect(submitted.userErrors).toEqual([]);
    // Passed: greeting 20 + promised date 25 + prices 20 = 65 of 100.
    expect(submitted.inspection).toMatchObject({ status: 'SUBMITTED', scorePercent: 65, submittedAt: '2026-12-04T02:30:00.000Z' });
    // Friday 10:30 + 3 working days (Saturday is a working day, Sunday is not): Tuesday 8 December 10:30.
    expect(submitted.inspection.correctiveActions).toEqual([
      expect.objectContaining({ status: 'OPEN', overdue: false, dueAt: '2026-12-08T02:30:00.000Z' }),
      expect.objectContaining({ status: 'OPEN', overdue: false, dueAt: '2026-12-08T02:30:00.000Z' }),
    ]);
    const resubmit = (await call(SUBMIT, { i: { inspectionId: inspections.mystery } }, 'sup')).submitInspection;
    expect(resubmit.userErrors.map((e: { code: string }) => e.code)).toEqual(['INSPECTION_SUBMITTED']);
    const { rows } = await admin.query(
      `select kind, due_at from scheduled_actions where tenant_id = $1 and kind like 'CORRECTIVE_ACTION_%' order by kind, due_at`,
      [tenantId['store-a']],
    );
    // Scheduled in the store's name: a reminder one working day before (Monday 10:30), the escalation at the deadline.
    expect(rows.map((r) => [r.kind, r.due_at.toISOString()])).toEqual([
      ['CORRECTIVE_ACTION_ESCALATION', '2026-12-08T02:30:00.000Z'],
      ['CORRECTIVE_ACTION_ESCALATION', '2026-12-08T02:30:00.000Z'],
      ['CORRECTIVE_ACTION_REMINDER', '2026-12-07T02:30:00.000Z'],
      ['CORRECTIVE_ACTION_REMINDER', '2026-12-07T02:30:00.000Z'],
    ]);
  });

  test('once submitted, the store sees the unannounced inspection with its findings; a sibling store and another network see nothing', async () => {
    const seen = (await call(`query($id: ID!) { ${INSPECTION.replace('inspection {', 'inspection(id: $id) {')} }`, { id: inspections.mystery }, 'managerA'))
      .inspection;
    expect(seen).toMatchObject({ status: 'SUBMITTED', scorePercent: 65, announced: false });
    expect(seen.results.filter((r: { passed: boolean }) => !r.passed).map((r: { item: { position: number } }) => r.item.position)).toEqual([2, 4]);
    expect(await visibleAs('store-a', 'select id from inspections')).toHaveLength(2);
    expect(await visibleAs('store-a', 'select id from inspection_results')).toHaveLength(5);
    expect(await visibleAs('store-a', 'select id from corrective_actions')).toHaveLength(2);
    for (const slug of ['store-b', 'hq-two', 'store-z']) {
      expect(await visibleAs(slug, 'select id from inspections', true)).toEqual([]);
      expect(await visibleAs(slug, 'select id from inspection_results', true)).toEqual([]);
      expect(await visibleAs(slug, 'select id from corrective_actions', true)).toEqual([]);
    }
    for (const who of ['managerB', 'hqTwo', 'managerZ']) {
      expect(await errorCode(ONE, { id: inspections.mystery }, who)).toBe('NOT_FOUND');
      expect((await call(ACTIONS, {}, who)).correctiveActions.edges).toEqual([]);
    }
    expect((await call(LIST, {}, 'managerB')).inspections.edges).toEqual([]);
    expect((await call(LIST, {}, 'hqTwo')).inspections.edges).toEqual([]);
  });

  test('the store contests a failed item once; HQ rejects one contest (the total stands) and upholds another (the total and the action change)', async () => {
    const seen = (await call(`query($id: ID!) { inspection(id: $id) { results { id passed item { textEn } } } }`, { id: inspections.mystery }, 'managerA'))
      .inspection.results;
    const resultOf = (text: string) => seen.find((r: { item: { textEn: string } }) => r.item.textEn.startsWith(text)).id;
    const form = resultOf('The registration form');
    const tidy = resultOf('The workplace');
    const contest = (resultId: string, reason: string, who = 'managerA') => call(CONTEST, { i: { resultId, reason } }, who);
    expect((await contest(form, 'The serial number was on the second page')).contestInspectionItem.userErrors).toEqual([]);
    expect((await contest(form, 'Again')).contestInspectionItem.userErrors).toEqual([{ field: ['resultId'], code: 'ALREADY_CONTESTED' }]);
    expect((await contest(resultOf('Prices'), 'It passed')).contestInspectionItem.userErrors).toEqual([{ field: ['resultId'], code: 'RESULT_PASSED' }]);
    expect((await contest(tidy, 'Boxes', 'managerB')).contestInspectionItem.userErrors).toEqual([{ field: ['resultId'], code: 'RESULT_NOT_FOUND' }]);
    expect(await errorCode(CONTEST, { i: { resultId: tidy, reason: 'x' } }, 'agentA')).toBe('FORBIDDEN');
    // HQ cannot rule on an item nobody contested.
    expect((await call(RULE, { i: { resultId: tidy, ruling: 'UPHELD' } }, 'sup')).ruleOnInspectionContest.userErrors).toEqual([
      { field: ['resultId'], code: 'NOT_CONTESTED' },
    ]);
    const rejected = (await call(RULE, { i: { resultId: form, ruling: 'REJECTED', note: 'The form has one page' } }, 'sup')).ruleOnInspectionContest;
    expect(rejected.userErrors).toEqual([]);
    expect(rejected.inspection.scorePercent).toBe(65);
    const formResult = rejected.inspection.results.find((r: { id: string }) => r.id === form);
    expect(formResult).toMatchObject({
      passed: false,
      contestRuling: 'REJECTED',
      rulingNote: 'The form has one page',
      contest: { reason: 'The serial number was on the second page' },
    });
    expect((await call(RULE, { i: { resultId: form, ruling: 'UPHELD' } }, 'sup')).ruleOnInspectionContest.userErrors).toEqual([
      { field: ['resultId'], code: 'ALREADY_RULED' },
    ]);
    await contest(tidy, 'The boxes were a delivery being unpacked at that moment');
    const upheld = (await call(RULE, { i: { resultId: tidy, ruling: 'UPHELD' } }, 'sup')).ruleOnInspectionContest;
    // The tidy workplace (10) now passes: 65 + 10 = 75.
    expect(upheld.inspection.scorePercent).toBe(75);
    expect(upheld.inspection.correctiveActions.map((a: { status: string }) => a.status).sort()).toEqual(['OPEN', 'WITHDRAWN']);
    expect((await call(ONE, { id: inspections.mystery }, 'managerA')).inspection.scorePercent).toBe(75);
  });
});

describe('corrective actions', () => {
  test('HQ sees the open and the overdue actions; the store resolves its own with a note', async () => {
    const open = (await call(ACTIONS, { status: 'OPEN' }, 'sup')).correctiveActions.edges;
    expect(open.map((e: { node: { result: { item: { textEn: string } } } }) => e.node.result.item.textEn)).toEqual(['The registration form is complete']);
    expect((await call(ACTIONS, { overdue: true }, 'sup')).correctiveActions.edges).toEqual([]);
    clock.set(new Date('2026-12-08T03:00:00Z')); // Tuesday 11:00: past the deadline
    await loginAll();
    const overdue = (await call(ACTIONS, { overdue: true }, 'sup')).correctiveActions.edges;
    expect(overdue.map((e: { node: { overdue: boolean; store: { slug: string } } }) => [e.node.store.slug, e.node.overdue])).toEqual([['store-a', true]]);
    const actionId = overdue[0].node.id;
    expect((await call(ACTIONS, { store: storeGid['store-b'] }, 'sup')).correctiveActions.edges).toEqual([]);
    expect((await call(RESOLVE, { i: { correctiveActionId: actionId, note: 'x' } }, 'managerB')).resolveCorrectiveAction.userErrors).toEqual([
      { field: ['correctiveActionId'], code: 'CORRECTIVE_ACTION_NOT_FOUND' },
    ]);
    const resolved = (await call(RESOLVE, { i: { correctiveActionId: actionId, note: 'Forms are checked by a second agent' } }, 'managerA'))
      .resolveCorrectiveAction;
    expect(resolved).toEqual({
      correctiveAction: { id: actionId, status: 'RESOLVED', overdue: false, resolution: { note: 'Forms are checked by a second agent' } },
      userErrors: [],
    });
    expect((await call(RESOLVE, { i: { correctiveActionId: actionId, note: 'Again' } }, 'managerA')).resolveCorrectiveAction.userErrors).toEqual([
      { field: ['correctiveActionId'], code: 'ALREADY_RESOLVED' },
    ]);
    const withdrawn = (await call(ACTIONS, { status: 'WITHDRAWN' }, 'managerA')).correctiveActions.edges;
    expect((await call(RESOLVE, { i: { correctiveActionId: withdrawn[0].node.id, note: 'x' } }, 'managerA')).resolveCorrectiveAction.userErrors).toEqual([
      { field: ['correctiveActionId'], code: 'WITHDRAWN' },
    ]);
    expect((await call(ACTIONS, { overdue: true }, 'sup')).correctiveActions.edges).toEqual([]);
    expect(
      (await call(ACTIONS, { status: 'RESOLVED' }, 'sup')).correctiveActions.edges.map(
        (e: { node: { resolution: { note: string } } }) => e.node.resolution.note,
      ),
    ).toEqual(['Forms are checked by a second agent']);
    // The store's resolution is its own row: HQ reads it only through its network scope, a sibling store never.
    expect(await visibleAs('hq-one', 'select id from corrective_action_resolutions')).toEqual([]);
    expect(await visibleAs('hq-one', 'select id from corrective_action_resolutions', true)).toHaveLength(1);
    expect(await visibleAs('store-b', 'select id from corrective_action_resolutions', true)).toEqual([]);
    expect(await visibleAs('hq-two', 'select id from corrective_action_resolutions', true)).toEqual([]);
  });
});

describe('the monthly ranking', () => {
  test("INSPECTION_SCORE is the mean total of the store's inspections submitted in the month, and ranks the stores", async () => {
    // store-b: an announced inspection, every item passed (100).
    const scheduled = (await call(SCHEDULE, { i: { storeId: storeGid['store-b'], checklistId: v1.id, scheduledOn: '2026-12-08', announced: true } }, 'sup'))
      .scheduleInspection;
    const id = scheduled.inspection.id;
    await call(RECORD, { i: { inspectionId: id, results: v1.items!.map((item) => ({ itemId: item.id, passed: true })) } }, 'sup');
    expect((await call(SUBMIT, { i: { inspectionId: id } }, 'sup')).submitInspection.inspection.scorePercent).toBe(100);
    // store-a's announced inspection: only the greeting fails (100 - 20 = 80); with the mystery visit's 75 its mean is 77.5.
    await call(
      RECORD,
      {
        i: {
          inspectionId: inspections.announced,
          results: v1.items!.map((item) => ({ itemId: item.id, passed: !item.textEn.startsWith('The customer is greeted') })),
        },
      },
      'sup',
    );
    expect((await call(SUBMIT, { i: { inspectionId: inspections.announced } }, 'sup')).submitInspection.inspection.scorePercent).toBe(80);
    const weights = await call(
      `mutation($i: SetRankingWeightsInput!) { setRankingWeights(input: $i) { userErrors { code } } }`,
      { i: { expectedVersion: 0, weights: [{ figure: 'INSPECTION_SCORE', weight: 100 }] } },
      'hq',
    );
    expect(weights.setRankingWeights.userErrors).toEqual([]);
    const ranking = (
      await call(`query { storeRanking(month: "2026-12") { stores { storeSlug score rank values { figure value } } medians { figure value } } }`, {}, 'sup')
    ).storeRanking;
    const inspectionScore = (values: { figure: string; value: number | null }[]) => values.find((v) => v.figure === 'INSPECTION_SCORE')!.value;
    expect(
      ranking.stores.map((s: { storeSlug: string; score: number; rank: number; values: never[] }) => [s.storeSlug, s.score, s.rank, inspectionScore(s.values)]),
    ).toEqual([
      ['store-b', 100, 1, 100],
      ['store-a', 77.5, 2, 77.5],
    ]);
    expect(ranking.medians.find((m: { figure: string }) => m.figure === 'INSPECTION_SCORE').value).toBe(88.75);
    // November has no inspection: nothing to rank on.
    const november = (await call(`query { storeRanking(month: "2026-11") { stores { storeSlug score rank } } }`, {}, 'sup')).storeRanking;
    expect(november.stores.map((s: { score: number | null }) => s.score)).toEqual([null, null]);
  });
});

describe('the arithmetic', () => {
  test('the total is the weights passed over all the weights, in percent with two decimals', () => {
    expect(
      weightedScore([
        { weight: 20, passed: true },
        { weight: 25, passed: false },
        { weight: 25, passed: true },
        { weight: 10, passed: false },
        { weight: 20, passed: true },
      ]),
    ).toBe(65);
    expect(
      weightedScore([
        { weight: 1, passed: true },
        { weight: 1, passed: false },
        { weight: 1, passed: false },
      ]),
    ).toBe(33.33);
    expect(weightedScore([{ weight: 30, passed: false }])).toBe(0);
  });

  test('INSPECTION_SCORE is a percentage in the ranking: its own sub-score, and a store without one is scored on its other figures', () => {
    const values = (inspection: number | null, resolution: number | null) => ({
      DISPATCH_COMPLIANCE: null,
      FIRST_CONTACT_COMPLIANCE: null,
      RESOLUTION_COMPLIANCE: resolution,
      PROGRESS_UPDATE_COMPLIANCE: null,
      CALLBACK_COMPLIANCE: null,
      FIRST_RESPONSE_WITHIN_24_HOURS: null,
      FIRST_RESPONSE_AVERAGE_MINUTES: null,
      INSPECTION_SCORE: inspection,
    });
    const stores = [
      { key: 1, storeId: 'a', slug: 'a', name: 'A', values: values(77.5, 90) },
      { key: 2, storeId: 'b', slug: 'b', name: 'B', values: values(null, 80) },
      { key: 3, storeId: 'c', slug: 'c', name: 'C', values: values(100, 60) },
    ];
    const weights = [
      { figure: RankingFigure.INSPECTION_SCORE, weight: 50 },
      { figure: RankingFigure.RESOLUTION_COMPLIANCE, weight: 50 },
    ];
    // a: (77.5 + 90) / 2 = 83.75; b: 80 (no inspection this month); c: (100 + 60) / 2 = 80.
    expect(scoreStores(stores, weights).map((store) => [store.slug, store.score, store.rank])).toEqual([
      ['a', 83.75, 1],
      ['b', 80, 2],
      ['c', 80, 2],
    ]);
  });
});
