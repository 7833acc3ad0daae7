import { ManualClock } from '../core/clock';
import { toGlobalId } from '../core/global-id';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/** Monday 7 December 2026, 10:00 in Shanghai (the stores' time zone). */
const clock = new ManualClock(new Date('2026-12-07T02:00:00Z'));
/** 10:00 in Shanghai on a day of that week. */
const tenOClockOn = (day: string) => new Date(`${day}T02:00:00Z`);

/**
 * A problem being handled has a clock like a ticket's standard: its owner is
 * reminded on the due date, and once the date has passed unresolved the
 * owner, the store's managers and HQ's supervisors are told, and the
 * problem shows when it was escalated. A resolved problem, or one given a new
 * date, leaves the old date's actions without effect.
 */
let desk: WorkerDesk;

const PROBLEM = `problem { id version dueDate escalatedAt owner { name } }`;
const CREATE = `mutation($input: CreateProblemInput!) { createProblem(input: $input) { ${PROBLEM} userErrors { code } } }`;
const UPDATE = `mutation($input: UpdateProblemInput!) { updateProblem(input: $input) { ${PROBLEM} userErrors { code } } }`;
const READ = `query($id: ID!) { problem(id: $id) { dueDate escalatedAt } }`;

/** The messages caught so far about the problem titled `title`, as "recipients: subject". */
function mailsAbout(title: string): string[] {
  return desk.smtp.messages.filter((message) => message.subject.includes(title)).map((message) => `${message.to.join(', ')}: ${message.subject}`);
}

async function staffId(email: string): Promise<string> {
  const row = await desk.admin.query<{ id: string }>(`select id from staff_users where email = $1`, [email]);
  return toGlobalId('StaffUser', row.rows[0].id);
}

async function at(day: string): Promise<void> {
  clock.set(tenOClockOn(day));
  await desk.drain();
}

beforeAll(async () => {
  desk = await startWorkerDesk(clock);
});

afterAll(async () => {
  await desk?.close();
});

test("a store's problem: the owner is reminded on the due date, then the managers and HQ's supervisors are told it is overdue", async () => {
  const { createProblem } = await desk.gql(CREATE, { input: { title: 'Hinges crack', ownerId: desk.techId, dueDate: '2026-12-09' } });
  expect(createProblem.problem.dueDate).toBe('2026-12-09');

  await at('2026-12-08');
  expect(mailsAbout('Hinges crack')).toEqual([]);

  await at('2026-12-09');
  expect(mailsAbout('Hinges crack')).toEqual(['tech@store-a.test: 问题“Hinges crack”今天到期']);
  expect((await desk.gql(READ, { id: createProblem.problem.id })).problem.escalatedAt).toBeNull();

  await at('2026-12-10');
  const mails = mailsAbout('Hinges crack');
  expect(mails.slice(1).sort()).toEqual(
    [
      'manager@store-a.test: 问题“Hinges crack”已逾期未解决',
      'supervisor@hq-one.test: 问题“Hinges crack”已逾期未解决',
      'tech@store-a.test: 问题“Hinges crack”已逾期未解决',
    ].sort(),
  );
  const read = await desk.gql(READ, { id: createProblem.problem.id });
  expect(new Date(read.problem.escalatedAt).getTime()).toBeGreaterThanOrEqual(tenOClockOn('2026-12-10').getTime() - 3_600_000);
  const audit = await desk.admin.query(`select 1 from audit_events where action = 'PROBLEM_ESCALATED' and detail->>'dueDate' = '2026-12-09'`);
  expect(audit.rowCount).toBe(1);

  // Draining again tells nobody twice.
  await at('2026-12-11');
  expect(mailsAbout('Hinges crack')).toHaveLength(4);
});

test('a problem resolved before its date, or given a new date, is not reminded of the old one; the new date has its own clock', async () => {
  clock.set(tenOClockOn('2026-12-14'));
  const resolved = (await desk.gql(CREATE, { input: { title: 'Fan rattles', ownerId: desk.techId, dueDate: '2026-12-16' } })).createProblem.problem;
  const moved = (await desk.gql(CREATE, { input: { title: 'Screen flickers', ownerId: desk.techId, dueDate: '2026-12-16' } })).createProblem.problem;

  await at('2026-12-15');
  await desk.gql(UPDATE, { input: { problemId: resolved.id, expectedVersion: resolved.version, status: 'RESOLVED', fix: 'New fan bracket' } });
  const later = (await desk.gql(UPDATE, { input: { problemId: moved.id, expectedVersion: moved.version, ownerId: desk.techId, dueDate: '2026-12-18' } }))
    .updateProblem.problem;
  expect(later.dueDate).toBe('2026-12-18');

  await at('2026-12-16');
  await at('2026-12-17');
  expect(mailsAbout('Fan rattles')).toEqual([]);
  expect(mailsAbout('Screen flickers')).toEqual([]);
  const stale = await desk.admin.query<{ result: { skipped?: string } }>(
    `select result from scheduled_actions where kind = 'PROBLEM_DUE' and idempotency_key like $1 and state = 'DONE'`,
    [`%:2026-12-16:%`],
  );
  expect(stale.rows.map((row) => row.result.skipped).sort()).toEqual([
    'the problem has another due date',
    'the problem has another due date',
    'the problem is resolved',
    'the problem is resolved',
  ]);

  await at('2026-12-18');
  expect(mailsAbout('Screen flickers')).toEqual(['tech@store-a.test: 问题“Screen flickers”今天到期']);
  expect((await desk.gql(READ, { id: moved.id })).problem.escalatedAt).toBeNull();
});

test("HQ's own problem escalates to HQ's admins", async () => {
  clock.set(tenOClockOn('2026-12-21'));
  const hqAdmin = await desk.api.login('hq-one', 'admin@hq-one.test'); // a sign-in of today: the clock moved weeks
  const supervisor = await staffId('supervisor@hq-one.test');
  const created = await desk.api.gql(CREATE, { input: { title: 'Network-wide battery swelling', ownerId: supervisor, dueInWorkingDays: 1 } }, hqAdmin);
  expect(created.body.data.createProblem.userErrors).toEqual([]);
  expect(created.body.data.createProblem.problem.dueDate).toBe('2026-12-22');

  await at('2026-12-22');
  await at('2026-12-23');
  expect(mailsAbout('Network-wide battery swelling').sort()).toEqual(
    [
      'supervisor@hq-one.test: 问题“Network-wide battery swelling”今天到期',
      'supervisor@hq-one.test: 问题“Network-wide battery swelling”已逾期未解决',
      'admin@hq-one.test: 问题“Network-wide battery swelling”已逾期未解决',
    ].sort(),
  );
});
