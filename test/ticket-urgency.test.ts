import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../core/clock';
import { projectRoot } from '../core/project-root';
import { startTestApi, TestApi } from './support/test-api';

/**
 * `tickets(sort: URGENCY)` is the desk's work queue order, computed by the
 * api from each ticket's clocks as of now: breached first, then by the next
 * deadline, then tickets with no clock running; pages follow one another in
 * that order.
 */
const at = (local: string) => new Date(`${local}+08:00`);
const clock = new ManualClock(at('2026-03-10T10:00:00')); // a Tuesday
let api: TestApi;
let key: string;
const numbers: Record<string, string> = {};

const QUEUE = `query($first: Int!, $after: String, $sort: TicketSort) {
  tickets(first: $first, after: $after, sort: $sort, status: [NEW, ASSIGNED, IN_PROGRESS, WAITING_PARTS, WAITING_CUSTOMER, REOPENED]) {
    edges { node { number slaClocks { metric state dueAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function call(query: string, variables: Record<string, unknown>) {
  const response = await api.gql(query, variables, key);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

async function register(name: string, phone: string): Promise<string> {
  const data = await call(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`, {
    i: { type: 'REPAIR', channel: 'WALK_IN', problem: `${name}'s laptop runs hot`, newCustomer: { name, phone } },
  });
  expect(data.registerTicket.userErrors).toEqual([]);
  numbers[name] = data.registerTicket.ticket.number;
  return data.registerTicket.ticket.id;
}

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const manager = await api.login('store-a', 'manager@store-a.test');
  const definition = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one');
  await api.gql(`mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code } } }`, { i: { definition } }, hqAdmin);
  // An API key does not expire while the clock moves.
  key = (await api.gql(`mutation { createApiKey(input: { name: "queue", role: STORE_MANAGER }) { secret } }`, undefined, manager)).body.data.createApiKey
    .secret;

  // Three walk-ins ten minutes apart; the last is assigned at once, which meets its dispatch target.
  await register('First', '13600000001');
  clock.set(at('2026-03-10T10:10:00'));
  await register('Second', '13600000002');
  clock.set(at('2026-03-10T10:20:00'));
  const third = await register('Third', '13600000003');
  const staff = await call(`{ staffUsers(first: 20) { edges { node { id email } } } }`, {});
  const tech = staff.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email === 'tech@store-a.test').node.id;
  const assigned = await call(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`, {
    i: { ticketId: third, assigneeId: tech },
  });
  expect(assigned.assignTicket.userErrors).toEqual([]);
  // 10:35: the first's dispatch target (10:30) is breached, the second's (10:40) is at risk.
  clock.set(at('2026-03-10T10:35:00'));
}, 60000);

afterAll(async () => {
  await api?.stop();
});

test('breached first, then the nearest deadline; the newest-first order is different', async () => {
  const urgent = await call(QUEUE, { first: 10, sort: 'URGENCY' });
  expect(urgent.tickets.edges.map((edge: { node: { number: string } }) => edge.node.number)).toEqual([numbers.First, numbers.Second, numbers.Third]);
  const states = urgent.tickets.edges.map(
    (edge: { node: { slaClocks: { metric: string; state: string }[] } }) => edge.node.slaClocks.find((c) => c.metric === 'DISPATCH')!.state,
  );
  expect(states).toEqual(['BREACHED', 'AT_RISK', 'MET']);
  const newest = await call(QUEUE, { first: 10, sort: 'NEWEST' });
  expect(newest.tickets.edges.map((edge: { node: { number: string } }) => edge.node.number)).toEqual([numbers.Third, numbers.Second, numbers.First]);
});

test('pages of one follow each other in the same order, and the last says so', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 3; page++) {
    const data = await call(QUEUE, { first: 1, after, sort: 'URGENCY' });
    seen.push(...data.tickets.edges.map((edge: { node: { number: string } }) => edge.node.number));
    expect(data.tickets.pageInfo.hasNextPage).toBe(page < 2);
    after = data.tickets.pageInfo.endCursor;
  }
  expect(seen).toEqual([numbers.First, numbers.Second, numbers.Third]);
});

test('as time passes the order follows the clocks: once the second breaches too, it stays behind the first, which breached earlier; a forged cursor is refused', async () => {
  clock.set(at('2026-03-10T10:45:00'));
  const data = await call(QUEUE, { first: 10, sort: 'URGENCY' });
  expect(data.tickets.edges.map((edge: { node: { number: string } }) => edge.node.number)).toEqual([numbers.First, numbers.Second, numbers.Third]);
  const forged = await api.gql(QUEUE, { first: 10, sort: 'URGENCY', after: 'not-a-cursor' }, key);
  expect(forged.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
});
