import { ManualClock } from '../core/clock';
import { tenantGlobalId } from './support/desk-fixtures';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/** Friday 4 December 2026, 10:30 in Shanghai (the stores' time zone; Saturdays are working days, Sundays not). */
const clock = new ManualClock(new Date('2026-12-04T02:30:00Z'));

/**
 * A failed inspection item's corrective action, kept by the worker: the
 * reminder to the store's managers one working day before the deadline and
 * the escalation to HQ service quality at it, both run by the production
 * processors through the durable scheduled actions, in the store's language;
 * an action the store resolved in time, or that HQ withdrew, stays silent.
 */
let desk: WorkerDesk;
let hqKey: string;

async function asHq<T = Record<string, never>>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await desk.api.gql(query, variables, hqKey);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  const payload = Object.values(res.body.data as Record<string, { userErrors?: unknown[] }>)[0];
  if (payload?.userErrors?.length) throw new Error(JSON.stringify(payload.userErrors));
  return res.body.data;
}

const mailTo = (address: string) => desk.smtp.messages.filter((message) => message.to.includes(address));

interface Action {
  id: string;
  result: { item: { textEn: string } };
}

const items = [
  { weight: 40, textZhCn: '服务登记单填写完整', textEn: 'The registration form is complete' },
  { weight: 30, textZhCn: '工作台面整洁', textEn: 'The workplace is tidy' },
  { weight: 30, textZhCn: '价目表在显眼位置公示', textEn: 'Prices are displayed' },
];
const actionFor: Record<string, string> = {};

beforeAll(async () => {
  desk = await startWorkerDesk(clock);
  const hqAdmin = await desk.api.login('hq-one', 'admin@hq-one.test');
  hqKey = (await desk.api.gql(`mutation { createApiKey(input: { name: "quality", role: HQ_SUPERVISOR }) { secret } }`, undefined, hqAdmin)).body.data
    .createApiKey.secret;
  const published = await asHq<{ publishInspectionChecklist: { checklist: { id: string; items: { id: string; textEn: string }[] } } }>(
    `mutation($i: PublishInspectionChecklistInput!) { publishInspectionChecklist(input: $i) { checklist { id items { id textEn } } userErrors { code } } }`,
    { i: { code: 'COUNTER', titleZhCn: '前台服务巡检', titleEn: 'Counter service', items } },
  );
  const checklist = published.publishInspectionChecklist.checklist;
  const scheduled = await asHq<{ scheduleInspection: { inspection: { id: string } } }>(
    `mutation($i: ScheduleInspectionInput!) { scheduleInspection(input: $i) { inspection { id } userErrors { code } } }`,
    { i: { storeId: await tenantGlobalId(desk.admin, 'store-a'), checklistId: checklist.id, scheduledOn: '2026-12-04', announced: false } },
  );
  const inspectionId = scheduled.scheduleInspection.inspection.id;
  // The form and the workplace fail; the prices pass.
  await asHq(`mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { inspection { id } userErrors { code } } }`, {
    i: { inspectionId, results: checklist.items.map((item) => ({ itemId: item.id, passed: item.textEn.startsWith('Prices') })) },
  });
  const submitted = await asHq<{ submitInspection: { inspection: { scorePercent: number; correctiveActions: Action[] } } }>(
    `mutation($i: SubmitInspectionInput!) { submitInspection(input: $i) {
       inspection { scorePercent correctiveActions { id result { item { textEn } } } } userErrors { code } } }`,
    { i: { inspectionId } },
  );
  expect(submitted.submitInspection.inspection.scorePercent).toBe(30);
  for (const action of submitted.submitInspection.inspection.correctiveActions) actionFor[action.result.item.textEn.split(' ')[1]] = action.id;
}, 60000);

afterAll(async () => {
  await desk?.close();
});

test('nothing is sent before the reminder is due', async () => {
  await desk.drain();
  expect(desk.smtp.messages).toEqual([]);
});

test('the store resolves the form before its reminder; the worker reminds the managers of the workplace one working day before its deadline', async () => {
  await desk.gql(`mutation($i: ResolveCorrectiveActionInput!) { resolveCorrectiveAction(input: $i) { correctiveAction { status } userErrors { code } } }`, {
    i: { correctiveActionId: actionFor.registration, note: 'Forms are checked by a second agent' },
  });
  clock.set(new Date('2026-12-07T02:29:00Z')); // Monday 10:29: a minute early
  await desk.drain();
  expect(desk.smtp.messages).toEqual([]);
  clock.set(new Date('2026-12-07T02:30:00Z')); // Monday 10:30: one working day before Tuesday 10:30
  await desk.drain();
  await desk.smtp.waitFor(1);
  expect(desk.smtp.messages.map((m) => [m.to, m.subject])).toEqual([[['manager@store-a.test'], '【Store A】整改事项将于 2026-12-08 10:30 到期']]);
  expect(desk.smtp.messages[0].text).toContain('工作台面整洁');
  expect(desk.smtp.messages[0].text).toContain('2026-12-04');
  const { rows } = await desk.admin.query(
    `select idempotency_key, state, result from scheduled_actions where kind = 'CORRECTIVE_ACTION_REMINDER' order by idempotency_key`,
  );
  expect(rows.map((r) => [r.idempotency_key, r.state, r.result])).toEqual(
    [
      [`corrective-action:${uuidOfGlobal(actionFor.registration)}:reminder`, 'DONE', { skipped: 'resolved by the store' }],
      [
        `corrective-action:${uuidOfGlobal(actionFor.workplace)}:reminder`,
        'DONE',
        { correctiveActionId: uuidOfGlobal(actionFor.workplace), reminded: 'managers' },
      ],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
});

test("at the deadline the open action is escalated to HQ service quality and the store's managers; the resolved one stays silent", async () => {
  desk.smtp.clear();
  clock.set(new Date('2026-12-08T02:30:00Z')); // Tuesday 10:30
  await desk.drain();
  await desk.smtp.waitFor(2);
  expect(mailTo('supervisor@hq-one.test').map((m) => m.subject)).toEqual(['【Store A】整改事项已逾期（2026-12-08 10:30 到期）']);
  expect(mailTo('supervisor@hq-one.test')[0].text).toContain('工作台面整洁');
  expect(mailTo('manager@store-a.test').map((m) => m.subject)).toEqual(['【Store A】整改事项已逾期（2026-12-08 10:30 到期）']);
  expect(desk.smtp.messages).toHaveLength(2);
  const { rows } = await desk.admin.query(
    `select state, result from scheduled_actions where kind = 'CORRECTIVE_ACTION_ESCALATION' order by (result ? 'skipped')`,
  );
  expect(rows.map((r) => [r.state, r.result])).toEqual([
    ['DONE', { correctiveActionId: uuidOfGlobal(actionFor.workplace), escalatedTo: ['HQ_SUPERVISOR', 'managers'] }],
    ['DONE', { skipped: 'resolved by the store' }],
  ]);
  // A minute past its deadline, HQ lists it among the overdue.
  clock.advance(60_000);
  const overdue = await asHq<{ correctiveActions: { edges: { node: { id: string; overdue: boolean } }[] } }>(
    `{ correctiveActions(first: 10, overdue: true) { edges { node { id overdue } } } }`,
    {},
  );
  expect(overdue.correctiveActions.edges.map((e) => e.node)).toEqual([{ id: actionFor.workplace, overdue: true }]);
  // Draining again sends nothing more: each step runs once.
  await desk.drain();
  expect(desk.smtp.messages).toHaveLength(2);
});

function uuidOfGlobal(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}
