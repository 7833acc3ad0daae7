import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { projectRoot } from '../core/project-root';
import { toGlobalId } from '../core/global-id';
import { startTestApi, TestApi } from './support/test-api';

/**
 * A complaint at a store shows its clocks, which flip to at risk and breached
 * as time passes; the test moves the clock instead of waiting.
 */
const clock = new ManualClock(new Date('2026-03-10T10:00:00+08:00')); // a Tuesday
let api: TestApi;
let key: string;
let hqKey: string;
let otherHqKey: string;
let ticketId: string;

const CLOCKS = `query($id: ID!) { ticket(id: $id) { slaVersion slaClocks { metric target state dueAt usedMinutes remainingMinutes breachedAt } } }`;
const byMetric = async () => {
  const res = await api.gql(CLOCKS, { id: ticketId }, key);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return Object.fromEntries(res.body.data.ticket.slaClocks.map((c: { metric: string }) => [c.metric, c]));
};
const at = (local: string) => new Date(`${local}+08:00`);

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const manager = await api.login('store-a', 'manager@store-a.test');
  const definition = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one');
  await api.gql(`mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code } } }`, { i: { definition } }, hqAdmin);
  // an API key does not expire, so the clock can move days ahead
  const created = await api.gql(`mutation { createApiKey(input: { name: "clocks", role: STORE_MANAGER }) { secret } }`, undefined, manager);
  key = created.body.data.createApiKey.secret;
  const hqCreated = await api.gql(`mutation { createApiKey(input: { name: "quality", role: HQ_SUPERVISOR }) { secret } }`, undefined, hqAdmin);
  hqKey = hqCreated.body.data.createApiKey.secret;
  const otherHq = await api.login('hq-two', 'admin@hq-two.test');
  otherHqKey = (await api.gql(`mutation { createApiKey(input: { name: "other", role: HQ_ADMIN }) { secret } }`, undefined, otherHq)).body.data.createApiKey
    .secret;
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const customer = await admin.query(
    `insert into customers (tenant_id, name, phone) select id, 'Unhappy', '13611112222' from tenants where slug = 'store-a' returning id`,
  );
  await admin.end();
  const registered = await api.gql(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`,
    { i: { type: 'COMPLAINT', channel: 'PHONE', problem: 'The part was late and nobody called', customerId: toGlobalId('Customer', customer.rows[0].id) } },
    key,
  );
  ticketId = registered.body.data.registerTicket.ticket.id;
}, 60000);

afterAll(async () => {
  await api.stop();
});

test('a fresh complaint has its clocks running under version 1 of the standard', async () => {
  const clocks = await byMetric();
  expect(Object.keys(clocks).sort()).toEqual(['DISPATCH', 'FIRST_CONTACT', 'PROGRESS_UPDATE', 'RESOLUTION']);
  expect(clocks.DISPATCH).toMatchObject({ target: '30 working minutes', state: 'RUNNING', dueAt: at('2026-03-10T10:30:00').toISOString() });
  expect(clocks.RESOLUTION).toMatchObject({
    target: '3 working days',
    state: 'RUNNING',
    dueAt: at('2026-03-13T10:00:00').toISOString(),
    remainingMinutes: 1350,
  });
});

test('dispatch flips to at risk past 75% and breaches at 30 minutes; assignment stops it', async () => {
  clock.set(at('2026-03-10T10:25:00'));
  expect((await byMetric()).DISPATCH.state).toBe('AT_RISK');
  clock.set(at('2026-03-10T10:31:00'));
  const breached = (await byMetric()).DISPATCH;
  expect(breached).toMatchObject({ state: 'BREACHED', breachedAt: at('2026-03-10T10:30:00').toISOString() });
  const tech = await api.gql(`{ staffUsers(first: 10) { edges { node { id email } } } }`, undefined, key);
  const techId = tech.body.data.staffUsers.edges.find((e: { node: { email: string } }) => e.node.email === 'tech@store-a.test').node.id;
  await api.gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`, { i: { ticketId, assigneeId: techId } }, key);
  clock.set(at('2026-03-10T11:00:00'));
  expect((await byMetric()).DISPATCH.state).toBe('BREACHED'); // stopped late: stays breached
});

test('first contact is met by a recorded contact; resolution turns at risk, then breached, as days pass', async () => {
  await api.gql(
    `mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code } } }`,
    { i: { ticketId, channel: 'PHONE', reached: true, outcome: 'Apologised, investigating' } },
    key,
  );
  clock.set(at('2026-03-12T15:00:00')); // Thursday: 1110 of 1350 working minutes used
  const thursday = await byMetric();
  expect(thursday.FIRST_CONTACT.state).toBe('MET');
  expect(thursday.RESOLUTION).toMatchObject({ state: 'AT_RISK', usedMinutes: 1110, remainingMinutes: 240 });
  clock.set(at('2026-03-13T11:00:00'));
  expect((await byMetric()).RESOLUTION).toMatchObject({ state: 'BREACHED', breachedAt: at('2026-03-13T10:00:00').toISOString() });
});

test('the escalation ladder is readable for the complaint, and it can be escalated by hand with the people told', async () => {
  const schedule = await api.gql(
    `query($id: ID!) { ticket(id: $id) { escalationSchedule { metric level name trigger dueAt reached } } }`,
    { id: ticketId },
    key,
  );
  const resolution = schedule.body.data.ticket.escalationSchedule.filter((s: { metric: string }) => s.metric === 'RESOLUTION');
  expect(resolution.map((s: { level: number; name: string; reached: boolean }) => [s.level, s.name, s.reached])).toEqual([
    [1, 'responsible person', true],
    [2, 'supervisor', true],
    [3, 'store manager', false],
    [4, 'HQ service quality', false],
  ]);
  expect(resolution[2]).toMatchObject({ trigger: '240 minutes after the breach', dueAt: at('2026-03-13T15:30:00').toISOString() });

  const ESCALATE = `mutation($i: EscalateTicketInput!) { escalateTicket(input: $i) { level levelName notified userErrors { code } } }`;
  const first = await api.gql(ESCALATE, { i: { ticketId, reason: 'Customer called again, still no answer' } }, key);
  expect(first.body.data.escalateTicket).toEqual({ level: 1, levelName: 'responsible person', notified: ['Tech A'], userErrors: [] });
  const second = await api.gql(ESCALATE, { i: { ticketId, reason: 'Breached' } }, key);
  expect(second.body.data.escalateTicket).toMatchObject({ level: 2, levelName: 'supervisor', notified: ['Manager A'] });
  const top = await api.gql(ESCALATE, { i: { ticketId, reason: 'Push it to the top', level: 4 } }, key);
  expect(top.body.data.escalateTicket).toMatchObject({ level: 4, notified: ['HQ_SUPERVISOR at HQ'] });
  const none = await api.gql(ESCALATE, { i: { ticketId, reason: 'x', level: 9 } }, key);
  expect(none.body.data.escalateTicket.userErrors[0].code).toBe('NO_SUCH_LEVEL');
  const timeline = await api.gql(`query($id: ID!) { ticket(id: $id) { timeline(first: 50) { edges { node { kind summary } } } } }`, { id: ticketId }, key);
  const escalations = timeline.body.data.ticket.timeline.edges.filter((e: { node: { kind: string } }) => e.node.kind === 'ESCALATED');
  expect(escalations).toHaveLength(3);
  expect(escalations[0].node.summary).toMatch(/level 1 \(responsible person\): Customer called again, still no answer; notified Tech A/);
});

test('tickets at risk or breached, for the store and for HQ across its stores, most urgent first', async () => {
  const AT_RISK = `{ ticketsAtRisk(first: 10) { number storeSlug status mostUrgent { metric state breachedAt } clocks { metric state breachedAt dueAt } } }`;
  const store = await api.gql(AT_RISK, undefined, key);
  expect(store.body.data.ticketsAtRisk).toHaveLength(1);
  const [listed] = store.body.data.ticketsAtRisk;
  expect(listed).toMatchObject({
    storeSlug: 'store-a',
    mostUrgent: { state: 'BREACHED', metric: 'DISPATCH', breachedAt: at('2026-03-10T10:30:00').toISOString() },
  });
  // Its clocks: the ones needing attention first, most urgent first (the first is `mostUrgent`), then the rest.
  type Listed = { metric: string; state: string; breachedAt: string | null; dueAt: string | null };
  const clocks: Listed[] = listed.clocks;
  expect(clocks.length).toBeGreaterThan(1);
  expect(clocks[0]).toMatchObject(listed.mostUrgent);
  const attention = (clock: Listed) => clock.state === 'BREACHED' || clock.state === 'AT_RISK';
  const firstCalm = clocks.findIndex((clock) => !attention(clock));
  expect(firstCalm).toBeGreaterThan(0);
  expect(clocks.slice(firstCalm).some(attention)).toBe(false);
  const urgency = (clock: Listed) => [clock.state === 'BREACHED' ? 0 : 1, Date.parse(clock.breachedAt ?? clock.dueAt ?? '')];
  const ranked = clocks.slice(0, firstCalm).map(urgency);
  expect(ranked).toEqual([...ranked].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  const hq = await api.gql(AT_RISK, undefined, hqKey);
  expect(hq.body.data.ticketsAtRisk.map((t: { storeSlug: string }) => t.storeSlug)).toEqual(['store-a']);
  const other = await api.gql(AT_RISK, undefined, otherHqKey);
  expect(other.body.data.ticketsAtRisk).toEqual([]);
  // Beside other network reads of the same request (they resolve at once over its one transaction), the list is the same.
  const beside = await api.gql(
    `{ ticketsAtRisk(first: 10) { storeSlug } tenants(first: 10) { edges { node { slug } } } networkStaff: tenants(first: 5, kind: STORE) { edges { node { slug } } } }`,
    undefined,
    hqKey,
  );
  expect(beside.body.errors).toBeUndefined();
  expect(beside.body.data.ticketsAtRisk.map((t: { storeSlug: string }) => t.storeSlug)).toEqual(['store-a']);
  const tooMany = await api.gql(`{ ticketsAtRisk(first: 101) { number } }`, undefined, key);
  expect(tooMany.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  // Priced by the work of each ticket it may return, a thousand is refused before anything runs.
  const farTooMany = await api.gql(`{ ticketsAtRisk(first: 1000) { number } }`, undefined, key);
  expect(farTooMany.body.errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');
});

test('each breached and each met target is on the timeline once, recorded when the ticket changed', async () => {
  const timeline = await api.gql(
    `query($id: ID!) { ticket(id: $id) { timeline(first: 100) { edges { node { kind summary data } } } } }`,
    { id: ticketId },
    key,
  );
  const outcomes = timeline.body.data.ticket.timeline.edges
    .map((e: { node: { kind: string; data: { metric: string } } }) => e.node)
    .filter((node: { kind: string }) => node.kind === 'SLA_MET' || node.kind === 'SLA_BREACHED')
    .map((node: { kind: string; data: { metric: string } }) => `${node.kind} ${node.data.metric}`);
  // dispatch breached before the assignment; first contact met by the call; the resolution breach showed at the next change
  expect(outcomes).toEqual(expect.arrayContaining(['SLA_BREACHED DISPATCH', 'SLA_MET FIRST_CONTACT', 'SLA_BREACHED RESOLUTION']));
  expect(outcomes.filter((o: string) => o === 'SLA_BREACHED DISPATCH')).toHaveLength(1);
});
