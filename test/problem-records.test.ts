import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { toGlobalId } from '../core/global-id';
import { insertTicket, staffGlobalId, tenantGlobalId, uuidOf } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';

/** Friday 4 December 2026, 10:00 in Shanghai (the stores' time zone). */
const clock = new ManualClock(new Date('2026-12-04T02:00:00Z'));

/**
 * Recurring problems: problem records with their linked tickets, the month's
 * top problems with the previous month's counts, the known error's workaround
 * offered at registration, and who may read and change what.
 */
let api: TestApi;
let admin: Client;
const token: Record<string, string> = {};
const tenantId: Record<string, string> = {};
const store: Record<string, string> = {};
const model: Record<string, string> = {};
/** Tickets of the two months, by name. */
const t: Record<string, string> = {};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function gql(query: string, variables: Record<string, unknown>, who: string): Promise<any> {
  clock.advance(1000); // time moves between one step and the next, as it does at a desk
  const res = await api.gql(query, variables, token[who]);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

async function errorCode(query: string, variables: Record<string, unknown>, who: string): Promise<string> {
  clock.advance(1000);
  const res = await api.gql(query, variables, token[who]);
  return res.body.errors?.[0]?.extensions?.code;
}

const PROBLEM = `problem { id title version status faultCategory rootCause workaround fix dueDate handlingSince
  model { modelCode } owner { name } tickets { number } }`;
const CREATE = `mutation($input: CreateProblemInput!) { createProblem(input: $input) { ${PROBLEM} userErrors { field code } } }`;
const UPDATE = `mutation($input: UpdateProblemInput!) { updateProblem(input: $input) { ${PROBLEM} userErrors { field code } } }`;
const LINK = `mutation($input: LinkProblemTicketsInput!) { linkProblemTickets(input: $input) { ${PROBLEM} userErrors { field code } } }`;
const UNLINK = `mutation($input: UnlinkProblemTicketInput!) { unlinkProblemTicket(input: $input) { ${PROBLEM} userErrors { field code } } }`;
const MARK = `mutation($input: MarkTopProblemHandledInput!) { markTopProblemHandled(input: $input) { ${PROBLEM} userErrors { field code } } }`;
const LIST = `query($first: Int!, $status: [ProblemStatus!], $overdue: Boolean, $store: ID) {
  problems(first: $first, status: $status, overdue: $overdue, store: $store) { edges { node { title } } pageInfo { hasNextPage } } }`;
const TOP = `query($month: String!, $store: ID) { topProblems(month: $month, store: $store) {
  rank model { modelCode } faultCategory count previousCount trend problem { title owner { name } dueDate } } }`;
const REGISTER = `mutation($input: RegisterTicketInput!) { registerTicket(input: $input) {
  ticket { number faultCategory knownErrors { title workaround } } userErrors { code } } }`;

/** A ticket of `slug` with a device of `modelCode`, registered at `at` (UTC) with a fault category. */
async function ticket(slug: string, modelCode: string, category: string | null, at: string, status = 'IN_PROGRESS'): Promise<string> {
  const id = await insertTicket(admin, { store: slug, status, device: { modelCode, serialNumber: `SN-${randomUUID().slice(0, 12)}` } });
  await admin.query(`update tickets set created_at = $1, fault_category = $2 where id = $3`, [at, category, uuidOf(id)]);
  return id;
}

async function numberOf(ticketId: string): Promise<string> {
  return (await admin.query<{ number: string }>(`select number from tickets where id = $1`, [uuidOf(ticketId)])).rows[0].number;
}

const titles = (data: { problems: { edges: { node: { title: string } }[] } }) => data.problems.edges.map((edge) => edge.node.title);

beforeAll(async () => {
  api = await startTestApi({ clock });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const logins: [string, string, string][] = [
    ['managerA', 'store-a', 'manager@store-a.test'],
    ['agentA', 'store-a', 'agent@store-a.test'],
    ['techA', 'store-a', 'tech@store-a.test'],
    ['managerB', 'store-b', 'manager@store-b.test'],
    ['hq', 'hq-one', 'admin@hq-one.test'],
    ['hqTwo', 'hq-two', 'admin@hq-two.test'],
    ['managerZ', 'store-z', 'manager@store-z.test'],
  ];
  for (const [who, slug, email] of logins) token[who] = await api.login(slug, email);
  for (const slug of ['hq-one', 'store-a', 'store-b', 'hq-two', 'store-z']) {
    store[slug] = await tenantGlobalId(admin, slug);
    tenantId[slug] = uuidOf(store[slug]);
  }
  const models = await admin.query<{ id: string; model_code: string }>(`select id, model_code from product_models`);
  for (const row of models.rows) model[row.model_code] = toGlobalId('ProductModel', row.id);

  // Store A, October 2026: laptop overheating 2, laptop battery 3, monitor display 2.
  for (let i = 0; i < 2; i += 1) await ticket('store-a', 'HQ1-LAPTOP-14', 'OVERHEATING', `2026-10-0${i + 2}T04:00:00Z`);
  for (let i = 0; i < 3; i += 1) await ticket('store-a', 'HQ1-LAPTOP-14', 'BATTERY', `2026-10-1${i}T04:00:00Z`);
  for (let i = 0; i < 2; i += 1) await ticket('store-a', 'HQ1-MONITOR-27', 'DISPLAY', `2026-10-2${i}T04:00:00Z`);
  // Store A, November 2026 (Shanghai time): laptop overheating 4, the first on 1 November at 01:00 local, which is
  // still 31 October in UTC; laptop battery 2; monitor display 2; monitor power 1; and what does not count: a
  // cancelled ticket, a ticket without a category, and one of 1 December 01:00 local (30 November in UTC).
  t.a1 = await ticket('store-a', 'HQ1-LAPTOP-14', 'OVERHEATING', '2026-10-31T17:00:00Z');
  t.a2 = await ticket('store-a', 'HQ1-LAPTOP-14', 'OVERHEATING', '2026-11-03T04:00:00Z');
  t.a3 = await ticket('store-a', 'HQ1-LAPTOP-14', 'OVERHEATING', '2026-11-04T04:00:00Z');
  await ticket('store-a', 'HQ1-LAPTOP-14', 'OVERHEATING', '2026-11-05T04:00:00Z');
  await ticket('store-a', 'HQ1-LAPTOP-14', 'OVERHEATING', '2026-11-06T04:00:00Z', 'CANCELLED');
  await ticket('store-a', 'HQ1-LAPTOP-14', null, '2026-11-06T04:00:00Z');
  await ticket('store-a', 'HQ1-LAPTOP-14', 'OVERHEATING', '2026-11-30T17:00:00Z');
  for (let i = 0; i < 2; i += 1) t.aBattery = await ticket('store-a', 'HQ1-LAPTOP-14', 'BATTERY', `2026-11-1${i}T04:00:00Z`);
  t.aMonitor = await ticket('store-a', 'HQ1-MONITOR-27', 'DISPLAY', '2026-11-12T04:00:00Z');
  await ticket('store-a', 'HQ1-MONITOR-27', 'DISPLAY', '2026-11-13T04:00:00Z');
  await ticket('store-a', 'HQ1-MONITOR-27', 'POWER', '2026-11-14T04:00:00Z');
  // Store B, November: monitor display 3 (none in October), laptop overheating 1.
  t.bMonitor = await ticket('store-b', 'HQ1-MONITOR-27', 'DISPLAY', '2026-11-02T04:00:00Z');
  for (let i = 0; i < 2; i += 1) await ticket('store-b', 'HQ1-MONITOR-27', 'DISPLAY', `2026-11-1${i}T04:00:00Z`);
  t.bLaptop = await ticket('store-b', 'HQ1-LAPTOP-14', 'OVERHEATING', '2026-11-20T04:00:00Z');
  // Store Z, of the other network, November: desktop storage 6.
  for (let i = 0; i < 6; i += 1) t.z = await ticket('store-z', 'HQ2-DESKTOP-5', 'STORAGE', `2026-11-1${i}T04:00:00Z`);
}, 120000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

describe('problem records and their tickets', () => {
  let problemA: string;

  test('a store records a problem with linked tickets; links, unlinks and moves it to a known error', async () => {
    const created = await gql(
      CREATE,
      {
        input: {
          title: 'Laptop 14 shuts down under load',
          modelId: model['HQ1-LAPTOP-14'],
          faultCategory: 'OVERHEATING',
          rootCause: 'Fan cable loosens in transport',
          ticketIds: [t.a1, t.a2],
        },
      },
      'managerA',
    );
    expect(created.createProblem.userErrors).toEqual([]);
    const problem = created.createProblem.problem;
    problemA = problem.id;
    expect(problem).toMatchObject({
      title: 'Laptop 14 shuts down under load',
      version: 1,
      status: 'OPEN',
      faultCategory: 'OVERHEATING',
      rootCause: 'Fan cable loosens in transport',
      workaround: null,
      model: { modelCode: 'HQ1-LAPTOP-14' },
      owner: null,
      tickets: [{ number: await numberOf(t.a1) }, { number: await numberOf(t.a2) }],
    });

    const linked = await gql(LINK, { input: { problemId: problemA, expectedVersion: 1, ticketIds: [t.a3, t.a2] } }, 'managerA');
    expect(linked.linkProblemTickets.userErrors).toEqual([]);
    expect(linked.linkProblemTickets.problem.version).toBe(2);
    expect(linked.linkProblemTickets.problem.tickets).toHaveLength(3);

    const stale = await gql(LINK, { input: { problemId: problemA, expectedVersion: 1, ticketIds: [t.a3] } }, 'managerA');
    expect(stale.linkProblemTickets).toEqual({ problem: null, userErrors: [{ field: ['expectedVersion'], code: 'STALE' }] });

    const unlinked = await gql(UNLINK, { input: { problemId: problemA, expectedVersion: 2, ticketId: t.a3 } }, 'managerA');
    expect(unlinked.unlinkProblemTicket.problem.version).toBe(3);
    expect(unlinked.unlinkProblemTicket.problem.tickets.map((x: { number: string }) => x.number)).toEqual([await numberOf(t.a1), await numberOf(t.a2)]);
    const notLinked = await gql(UNLINK, { input: { problemId: problemA, ticketId: t.a3 } }, 'managerA');
    expect(notLinked.unlinkProblemTicket.userErrors).toEqual([{ field: ['ticketId'], code: 'TICKET_NOT_LINKED' }]);

    const noWorkaround = await gql(UPDATE, { input: { problemId: problemA, status: 'KNOWN_ERROR' } }, 'managerA');
    expect(noWorkaround.updateProblem.userErrors).toEqual([{ field: ['workaround'], code: 'WORKAROUND_REQUIRED' }]);
    const known = await gql(
      UPDATE,
      { input: { problemId: problemA, expectedVersion: 3, status: 'KNOWN_ERROR', workaround: 'Reseat the fan cable and clean the vents' } },
      'managerA',
    );
    expect(known.updateProblem.userErrors).toEqual([]);
    expect(known.updateProblem.problem).toMatchObject({ version: 4, status: 'KNOWN_ERROR', workaround: 'Reseat the fan cable and clean the vents' });
    const noFix = await gql(UPDATE, { input: { problemId: problemA, status: 'RESOLVED' } }, 'managerA');
    expect(noFix.updateProblem.userErrors).toEqual([{ field: ['fix'], code: 'FIX_REQUIRED' }]);
  });

  test('user errors: another store’s ticket, unknown tickets, problems and models, an owner without a due date; nothing is linked', async () => {
    const foreign = await gql(LINK, { input: { problemId: problemA, ticketIds: [t.a3, t.bLaptop] } }, 'managerA');
    expect(foreign.linkProblemTickets).toEqual({ problem: null, userErrors: [{ field: ['ticketIds'], code: 'TICKET_NOT_FOUND' }] });
    const unknown = await gql(LINK, { input: { problemId: problemA, ticketIds: [toGlobalId('Ticket', randomUUID())] } }, 'managerA');
    expect(unknown.linkProblemTickets.userErrors).toEqual([{ field: ['ticketIds'], code: 'TICKET_NOT_FOUND' }]);
    const noProblem = await gql(LINK, { input: { problemId: toGlobalId('Problem', randomUUID()), ticketIds: [t.a3] } }, 'managerA');
    expect(noProblem.linkProblemTickets.userErrors).toEqual([{ field: ['problemId'], code: 'PROBLEM_NOT_FOUND' }]);
    const noModel = await gql(CREATE, { input: { title: 'X', modelId: toGlobalId('ProductModel', randomUUID()) } }, 'managerA');
    expect(noModel.createProblem.userErrors).toEqual([{ field: ['modelId'], code: 'MODEL_NOT_FOUND' }]);
    const otherCatalogue = await gql(CREATE, { input: { title: 'X', modelId: model['HQ2-DESKTOP-5'] } }, 'managerA');
    expect(otherCatalogue.createProblem.userErrors).toEqual([{ field: ['modelId'], code: 'MODEL_NOT_FOUND' }]);
    const ownerOnly = await gql(CREATE, { input: { title: 'X', ownerId: await staffGlobalId(admin, 'agent@store-a.test') } }, 'managerA');
    expect(ownerOnly.createProblem.userErrors).toEqual([{ field: ['dueDate'], code: 'OWNER_AND_DUE_DATE' }]);
    const otherOwner = await gql(
      CREATE,
      { input: { title: 'X', ownerId: await staffGlobalId(admin, 'manager@store-b.test'), dueDate: '2099-01-01' } },
      'managerA',
    );
    expect(otherOwner.createProblem.userErrors).toEqual([{ field: ['ownerId'], code: 'OWNER_NOT_FOUND' }]);
    const { rows } = await admin.query(`select count(*)::int as links from problem_tickets`);
    expect(rows[0].links).toBe(2);
    expect((await admin.query(`select count(*)::int as n from problems`)).rows[0].n).toBe(1);
  });

  test('another store cannot read, change or link to a store’s problem; a technician cannot record one', async () => {
    expect(await errorCode(`query($id: ID!) { problem(id: $id) { title } }`, { id: problemA }, 'managerB')).toBe('NOT_FOUND');
    expect(await errorCode(`query($id: ID!) { node(id: $id) { id } }`, { id: problemA }, 'managerB')).toBe('NOT_FOUND');
    const update = await gql(UPDATE, { input: { problemId: problemA, title: 'Taken over' } }, 'managerB');
    expect(update.updateProblem.userErrors).toEqual([{ field: ['problemId'], code: 'PROBLEM_NOT_FOUND' }]);
    const link = await gql(LINK, { input: { problemId: problemA, ticketIds: [t.bLaptop] } }, 'managerB');
    expect(link.linkProblemTickets.userErrors).toEqual([{ field: ['problemId'], code: 'PROBLEM_NOT_FOUND' }]);
    expect(await errorCode(CREATE, { input: { title: 'Mine' } }, 'techA')).toBe('FORBIDDEN');
    // Answered exactly as an id that exists nowhere.
    const missing = toGlobalId('Problem', randomUUID());
    for (const who of ['managerB', 'hqTwo', 'managerZ']) {
      for (const query of [`query($id: ID!) { problem(id: $id) { title } }`, `query($id: ID!) { node(id: $id) { id } }`]) {
        const [foreign, none] = [await api.gql(query, { id: problemA }, token[who]), await api.gql(query, { id: missing }, token[who])];
        expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
        expect(foreign.body.errors[0].message).toBe(none.body.errors[0].message);
        expect(foreign.body.data).toEqual(none.body.data);
      }
    }
  });

  test('HQ records a network known error linking tickets of its stores, never of another network’s', async () => {
    const created = await gql(
      CREATE,
      {
        input: {
          title: 'Monitor 27 flickers',
          modelId: model['HQ1-MONITOR-27'],
          faultCategory: 'DISPLAY',
          status: 'KNOWN_ERROR',
          workaround: 'Set the refresh rate to 60 Hz',
          ticketIds: [t.aMonitor, t.bMonitor],
        },
      },
      'hq',
    );
    expect(created.createProblem.userErrors).toEqual([]);
    expect(created.createProblem.problem.tickets).toEqual([{ number: await numberOf(t.aMonitor) }, { number: await numberOf(t.bMonitor) }]);
    const foreign = await gql(LINK, { input: { problemId: created.createProblem.problem.id, ticketIds: [t.z] } }, 'hq');
    expect(foreign.linkProblemTickets.userErrors).toEqual([{ field: ['ticketIds'], code: 'TICKET_NOT_FOUND' }]);
    const zLinks = await gql(LINK, { input: { problemId: created.createProblem.problem.id, ticketIds: [t.z] } }, 'hqTwo');
    expect(zLinks.linkProblemTickets.userErrors).toEqual([{ field: ['problemId'], code: 'PROBLEM_NOT_FOUND' }]);

    // Each reads what is its own to read.
    expect(titles(await gql(LIST, { first: 10 }, 'managerA'))).toEqual(['Monitor 27 flickers', 'Laptop 14 shuts down under load']);
    expect(titles(await gql(LIST, { first: 10 }, 'managerB'))).toEqual(['Monitor 27 flickers']);
    expect(titles(await gql(LIST, { first: 10 }, 'hq'))).toEqual(['Monitor 27 flickers', 'Laptop 14 shuts down under load']);
    expect(titles(await gql(LIST, { first: 10, store: store['store-a'] }, 'hq'))).toEqual(['Laptop 14 shuts down under load']);
    expect(titles(await gql(LIST, { first: 1 }, 'hq'))).toEqual(['Monitor 27 flickers']);
    expect((await gql(LIST, { first: 1 }, 'hq')).problems.pageInfo.hasNextPage).toBe(true);
    expect(titles(await gql(LIST, { first: 10, status: ['OPEN'] }, 'managerA'))).toEqual([]);
    expect(titles(await gql(LIST, { first: 10 }, 'hqTwo'))).toEqual([]);
    expect(titles(await gql(LIST, { first: 10 }, 'managerZ'))).toEqual([]);
    // A store reads its HQ's problem, but not the links to a sibling's tickets; HQ reads a store's links.
    const read = `query($id: ID!) { problem(id: $id) { title tickets { number } } }`;
    expect((await gql(read, { id: created.createProblem.problem.id }, 'managerB')).problem.tickets).toEqual([]);
    expect((await gql(read, { id: problemA }, 'hq')).problem.tickets).toHaveLength(2);
    // Only the record's owner may change it, and is told so.
    const mine = `query($id: ID!) { problem(id: $id) { mine } }`;
    expect((await gql(mine, { id: created.createProblem.problem.id }, 'hq')).problem.mine).toBe(true);
    expect((await gql(mine, { id: created.createProblem.problem.id }, 'managerB')).problem.mine).toBe(false);
    expect((await gql(mine, { id: problemA }, 'hq')).problem.mine).toBe(false);
    expect((await gql(mine, { id: problemA }, 'managerA')).problem.mine).toBe(true);
  });

  test('tickets are linked by the number on the receipt: an HQ its stores’, a store its own, never another’s', async () => {
    const hqProblem = (await gql(LIST.replace('title', 'id title'), { first: 10 }, 'hq')).problems.edges[0].node;
    expect(hqProblem.title).toBe('Monitor 27 flickers');
    const byNumber = await gql(LINK, { input: { problemId: hqProblem.id, ticketNumbers: [` ${await numberOf(t.bLaptop)} `] } }, 'hq');
    expect(byNumber.linkProblemTickets.userErrors).toEqual([]);
    expect(byNumber.linkProblemTickets.problem.tickets).toEqual([
      { number: await numberOf(t.aMonitor) },
      { number: await numberOf(t.bMonitor) },
      { number: await numberOf(t.bLaptop) },
    ]);
    const foreign = await gql(LINK, { input: { problemId: hqProblem.id, ticketNumbers: [await numberOf(t.z)] } }, 'hq');
    expect(foreign.linkProblemTickets).toEqual({ problem: null, userErrors: [{ field: ['ticketNumbers'], code: 'TICKET_NOT_FOUND' }] });
    const sibling = await gql(LINK, { input: { problemId: problemA, ticketNumbers: [await numberOf(t.a3), await numberOf(t.bLaptop)] } }, 'managerA');
    expect(sibling.linkProblemTickets).toEqual({ problem: null, userErrors: [{ field: ['ticketNumbers'], code: 'TICKET_NOT_FOUND' }] });
    const unlinked = await gql(UNLINK, { input: { problemId: hqProblem.id, ticketId: t.bLaptop } }, 'hq');
    expect(unlinked.unlinkProblemTicket.problem.tickets).toHaveLength(2);
  });
});

describe("the month's top problems", () => {
  test("a store's top three of November 2026, with October's counts and the trend", async () => {
    const top = (await gql(TOP, { month: '2026-11' }, 'managerA')).topProblems;
    expect(
      top.map((p: { rank: number; model: { modelCode: string }; faultCategory: string; count: number; previousCount: number; trend: string }) => [
        p.rank,
        p.model.modelCode,
        p.faultCategory,
        p.count,
        p.previousCount,
        p.trend,
      ]),
    ).toEqual([
      [1, 'HQ1-LAPTOP-14', 'OVERHEATING', 4, 2, 'UP'],
      [2, 'HQ1-LAPTOP-14', 'BATTERY', 2, 3, 'DOWN'],
      [3, 'HQ1-MONITOR-27', 'DISPLAY', 2, 2, 'SAME'],
    ]);
    // The store's own record for the first, its HQ's known error for the third.
    expect(top.map((p: { problem: { title: string } | null }) => p.problem?.title ?? null)).toEqual([
      'Laptop 14 shuts down under load',
      null,
      'Monitor 27 flickers',
    ]);
    const b = (await gql(TOP, { month: '2026-11', store: store['store-b'] }, 'managerB')).topProblems;
    expect(
      b.map((p: { model: { modelCode: string }; faultCategory: string; count: number; previousCount: number; trend: string }) => [
        p.model.modelCode,
        p.faultCategory,
        p.count,
        p.previousCount,
        p.trend,
      ]),
    ).toEqual([
      ['HQ1-MONITOR-27', 'DISPLAY', 3, 0, 'NEW'],
      ['HQ1-LAPTOP-14', 'OVERHEATING', 1, 0, 'NEW'],
    ]);
    expect((await gql(TOP, { month: '2026-10' }, 'managerB')).topProblems).toEqual([]);
  });

  test('the network of HQ One, one of its stores, and the other network', async () => {
    const network = (await gql(TOP, { month: '2026-11' }, 'hq')).topProblems;
    expect(
      network.map((p: { model: { modelCode: string }; faultCategory: string; count: number; previousCount: number; trend: string }) => [
        p.model.modelCode,
        p.faultCategory,
        p.count,
        p.previousCount,
        p.trend,
      ]),
    ).toEqual([
      ['HQ1-LAPTOP-14', 'OVERHEATING', 5, 2, 'UP'],
      ['HQ1-MONITOR-27', 'DISPLAY', 5, 2, 'UP'],
      ['HQ1-LAPTOP-14', 'BATTERY', 2, 3, 'DOWN'],
    ]);
    const storeB = (await gql(TOP, { month: '2026-11', store: store['store-b'] }, 'hq')).topProblems;
    expect(storeB.map((p: { count: number }) => p.count)).toEqual([3, 1]);
    const other = (await gql(TOP, { month: '2026-11' }, 'hqTwo')).topProblems;
    expect(other.map((p: { model: { modelCode: string }; count: number; trend: string }) => [p.model.modelCode, p.count, p.trend])).toEqual([
      ['HQ2-DESKTOP-5', 6, 'NEW'],
    ]);
    expect(await errorCode(TOP, { month: '2026-11', store: store['store-a'] }, 'hqTwo')).toBe('NOT_FOUND');
    expect(await errorCode(TOP, { month: '2026-11', store: store['store-a'] }, 'managerB')).toBe('NOT_FOUND');
    expect(await errorCode(TOP, { month: '2026-13' }, 'managerA')).toBe('BAD_USER_INPUT');
  });

  test('HQ marks the first as being handled, with an owner and a due date; overdue problems are listed', async () => {
    const owner = await staffGlobalId(admin, 'supervisor@hq-one.test');
    const marked = await gql(MARK, { input: { modelId: model['HQ1-LAPTOP-14'], faultCategory: 'OVERHEATING', ownerId: owner, dueDate: '2099-12-15' } }, 'hq');
    expect(marked.markTopProblemHandled.userErrors).toEqual([]);
    expect(marked.markTopProblemHandled.problem).toMatchObject({
      title: 'HQ1-LAPTOP-14: OVERHEATING',
      status: 'OPEN',
      owner: { name: 'HQ Supervisor' },
      dueDate: '2099-12-15',
    });
    expect(marked.markTopProblemHandled.problem.handlingSince).not.toBeNull();
    // Marked again, the same record is handed over.
    const again = await gql(MARK, { input: { modelId: model['HQ1-LAPTOP-14'], faultCategory: 'OVERHEATING', ownerId: owner, dueDate: '2099-12-20' } }, 'hq');
    expect(again.markTopProblemHandled.problem).toMatchObject({ id: marked.markTopProblemHandled.problem.id, dueDate: '2099-12-20', version: 2 });
    const network = (await gql(TOP, { month: '2026-11' }, 'hq')).topProblems;
    expect(network.map((p: { problem: { title: string; owner: { name: string } | null; dueDate: string | null } | null }) => p.problem)).toEqual([
      { title: 'HQ1-LAPTOP-14: OVERHEATING', owner: { name: 'HQ Supervisor' }, dueDate: '2099-12-20' },
      { title: 'Monitor 27 flickers', owner: null, dueDate: null },
      null,
    ]);
    const badOwner = await gql(
      MARK,
      {
        input: {
          modelId: model['HQ1-LAPTOP-14'],
          faultCategory: 'BATTERY',
          ownerId: await staffGlobalId(admin, 'manager@store-a.test'),
          dueDate: '2099-12-15',
        },
      },
      'hq',
    );
    expect(badOwner.markTopProblemHandled.userErrors).toEqual([{ field: ['ownerId'], code: 'OWNER_NOT_FOUND' }]);
    // Counted in working days on the HQ's calendar, like other deadlines: from Friday 10:00, three working days
    // are Saturday (open 10:00-16:00), Monday and Tuesday 8 December.
    const inWorkingDays = await gql(
      MARK,
      { input: { modelId: model['HQ1-LAPTOP-14'], faultCategory: 'OVERHEATING', ownerId: owner, dueInWorkingDays: 3 } },
      'hq',
    );
    expect(inWorkingDays.markTopProblemHandled.problem).toMatchObject({ dueDate: '2026-12-08', version: 3 });
    const both = await gql(
      MARK,
      { input: { modelId: model['HQ1-LAPTOP-14'], faultCategory: 'OVERHEATING', ownerId: owner, dueDate: '2099-12-20', dueInWorkingDays: 3 } },
      'hq',
    );
    expect(both.markTopProblemHandled.userErrors).toEqual([{ field: ['dueInWorkingDays'], code: 'DUE_DATE_AMBIGUOUS' }]);
    const badDate = await gql(MARK, { input: { modelId: model['HQ1-LAPTOP-14'], faultCategory: 'BATTERY', ownerId: owner, dueDate: '2099-02-30' } }, 'hq');
    expect(badDate.markTopProblemHandled.userErrors).toEqual([{ field: ['dueDate'], code: 'INVALID_DATE' }]);

    // The network's known errors: the HQ's and its stores'.
    expect(titles(await gql(LIST, { first: 10, status: ['KNOWN_ERROR'] }, 'hq'))).toEqual(['Monitor 27 flickers', 'Laptop 14 shuts down under load']);
    const { rows } = await admin.query<{ id: string }>(`select id from problems where title = 'Monitor 27 flickers'`);
    const overdue = await gql(UPDATE, { input: { problemId: toGlobalId('Problem', rows[0].id), ownerId: owner, dueDate: '2026-01-15' } }, 'hq');
    expect(overdue.updateProblem.userErrors).toEqual([]);
    expect(titles(await gql(LIST, { first: 10, overdue: true }, 'hq'))).toEqual(['Monitor 27 flickers']);
    expect(titles(await gql(LIST, { first: 10, overdue: true }, 'managerA'))).toEqual(['Monitor 27 flickers']);
  });
});

describe('known errors at registration', () => {
  const register = async (who: string, modelCode: string, faultCategory: string | null, serial: string) =>
    (
      await gql(
        REGISTER,
        {
          input: {
            type: 'REPAIR',
            channel: 'WALK_IN',
            problem: 'It misbehaves',
            faultCategory,
            newCustomer: { name: `Customer ${serial}`, phone: `1390000${serial.slice(-4)}` },
            newDevice: { modelId: model[modelCode], serialNumber: serial, purchaseSource: 'ELSEWHERE' },
          },
        },
        who,
      )
    ).registerTicket;

  test("the workaround of a matching known error, the store's own or its HQ's, comes back with the registration", async () => {
    const monitor = await register('agentA', 'HQ1-MONITOR-27', 'DISPLAY', 'REG-0001');
    expect(monitor.userErrors).toEqual([]);
    expect(monitor.ticket).toMatchObject({
      faultCategory: 'DISPLAY',
      knownErrors: [{ title: 'Monitor 27 flickers', workaround: 'Set the refresh rate to 60 Hz' }],
    });
    // Another category of the same model: nothing; no category given: every known error of the model.
    expect((await register('agentA', 'HQ1-MONITOR-27', 'POWER', 'REG-0002')).ticket.knownErrors).toEqual([]);
    expect((await register('agentA', 'HQ1-LAPTOP-14', null, 'REG-0003')).ticket.knownErrors).toEqual([
      { title: 'Laptop 14 shuts down under load', workaround: 'Reseat the fan cable and clean the vents' },
    ]);
    // Store A's own known error is not store B's; the HQ's is.
    expect((await register('managerB', 'HQ1-LAPTOP-14', 'OVERHEATING', 'REG-0004')).ticket.knownErrors).toEqual([]);
    expect((await register('managerB', 'HQ1-MONITOR-27', 'DISPLAY', 'REG-0005')).ticket.knownErrors).toEqual([
      { title: 'Monitor 27 flickers', workaround: 'Set the refresh rate to 60 Hz' },
    ]);
    expect((await register('managerZ', 'HQ2-DESKTOP-5', 'STORAGE', 'REG-0006')).ticket.knownErrors).toEqual([]);
  });

  test('tickets read together each get their own known errors', async () => {
    const read = `query($a: ID!, $b: ID!, $c: ID!, $d: ID!) {
      a: ticket(id: $a) { knownErrors { title } } b: ticket(id: $b) { knownErrors { title } }
      c: ticket(id: $c) { knownErrors { title } } d: ticket(id: $d) { knownErrors { title } } }`;
    const data = await gql(read, { a: t.a1, b: t.aMonitor, c: t.aBattery, d: t.a2 }, 'agentA');
    expect(data).toEqual({
      a: { knownErrors: [{ title: 'Laptop 14 shuts down under load' }] },
      b: { knownErrors: [{ title: 'Monitor 27 flickers' }] },
      c: { knownErrors: [] },
      d: { knownErrors: [{ title: 'Laptop 14 shuts down under load' }] },
    });
  });

  test('the fault category is set later with updateTicket', async () => {
    const registered = await register('agentA', 'HQ1-LAPTOP-14', null, 'REG-0007');
    const { rows } = await admin.query<{ id: string; version: number }>(`select id, version from tickets where number = $1`, [registered.ticket.number]);
    const updated = await gql(
      `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { faultCategory knownErrors { title } } userErrors { code } } }`,
      { input: { ticketId: toGlobalId('Ticket', rows[0].id), expectedVersion: rows[0].version, faultCategory: 'BATTERY' } },
      'agentA',
    );
    expect(updated.updateTicket).toEqual({ ticket: { faultCategory: 'BATTERY', knownErrors: [] }, userErrors: [] });
  });
});

describe('audit and the database rules', () => {
  test('every problem mutation is in the audit trail, refusals included', async () => {
    const { rows } = await admin.query<{ action: string; outcome: string; n: number }>(
      `select action, outcome, count(*)::int as n from audit_events
        where action in ('createProblem', 'updateProblem', 'linkProblemTickets', 'unlinkProblemTicket', 'markTopProblemHandled')
        group by 1, 2 order by 1, 2`,
    );
    expect(rows).toEqual([
      { action: 'createProblem', outcome: 'OK', n: 2 },
      { action: 'createProblem', outcome: 'USER_ERRORS', n: 4 },
      { action: 'linkProblemTickets', outcome: 'OK', n: 2 },
      { action: 'linkProblemTickets', outcome: 'USER_ERRORS', n: 9 },
      { action: 'markTopProblemHandled', outcome: 'OK', n: 3 },
      { action: 'markTopProblemHandled', outcome: 'USER_ERRORS', n: 3 },
      { action: 'unlinkProblemTicket', outcome: 'OK', n: 2 },
      { action: 'unlinkProblemTicket', outcome: 'USER_ERRORS', n: 1 },
      { action: 'updateProblem', outcome: 'OK', n: 2 },
      { action: 'updateProblem', outcome: 'USER_ERRORS', n: 3 },
    ]);
  });

  test('for the runtime role, problems and links are their owner’s; stores read their HQ’s problems, the HQ its stores’ with the scope', async () => {
    const app = new Client({ connectionString: api.db.appUrl });
    await app.connect();
    const actingFor = async <T>(slug: string, hqScope: boolean, work: () => Promise<T>): Promise<T> => {
      await app.query('begin');
      try {
        await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId[slug]]);
        if (hqScope) await app.query(`select set_config('app.hq_scope', 'on', true)`);
        return await work();
      } finally {
        await app.query('rollback');
      }
    };
    const owners = async (table: string) =>
      [...new Set((await app.query<{ tenant_id: string }>(`select tenant_id from ${table}`)).rows.map((r) => r.tenant_id))].sort();
    try {
      expect(await actingFor('store-b', true, () => owners('problems'))).toEqual([tenantId['hq-one']]);
      expect(await actingFor('store-b', true, () => owners('problem_tickets'))).toEqual([]);
      expect(await actingFor('store-a', false, () => owners('problem_tickets'))).toEqual([tenantId['store-a']]);
      expect(await actingFor('hq-one', false, () => owners('problems'))).toEqual([tenantId['hq-one']]);
      expect(await actingFor('hq-one', true, () => owners('problems'))).toEqual([tenantId['hq-one'], tenantId['store-a']].sort());
      expect(await actingFor('hq-one', true, () => owners('problem_tickets'))).toEqual([tenantId['hq-one'], tenantId['store-a']].sort());
      expect(await actingFor('hq-two', true, () => owners('problems'))).toEqual([]);
      expect(await actingFor('store-z', false, () => owners('problems'))).toEqual([]);
      const changed = await actingFor('store-b', true, async () => {
        const update = await app.query(`update problems set title = 'Moved'`);
        const remove = await app.query(`delete from problem_tickets`);
        return [update.rowCount, remove.rowCount];
      });
      expect(changed).toEqual([0, 0]);
      await expect(
        actingFor('store-b', false, () => app.query(`insert into problems (tenant_id, title) values ($1, 'Planted')`, [tenantId['store-a']])),
      ).rejects.toThrow(/row-level security/);
      await expect(
        actingFor('hq-one', true, () => app.query(`insert into problems (tenant_id, title) values ($1, 'Planted')`, [tenantId['store-a']])),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await app.end();
    }
  });
});
