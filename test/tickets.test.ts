import { Client } from 'pg';
import { toGlobalId } from '../core/global-id';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The desk end to end through GraphQL: registration with the form's fields,
 * numbering, the state machine, assignment, the timeline, optimistic locking,
 * atomic registration and finding tickets again.
 */
let api: TestApi;
let admin: Client;
let agentA: string;
let managerA: string;
let techA: string;
let agentB: string;
let modelId: string;
let techAId: string;
let agentAId: string;

const TICKET_FIELDS = `id number type channel priority status version problem contactName contactPhone allowedTransitions
  customer { id name phone } device { id serialNumber } assignee { id name }`;

const REGISTER = `mutation($input: RegisterTicketInput!) { registerTicket(input: $input) { ticket { ${TICKET_FIELDS} } userErrors { field code message } } }`;
const ASSIGN = `mutation($input: AssignTicketInput!) { assignTicket(input: $input) { ticket { status version assignee { name } } userErrors { code message } } }`;
const MOVE = `mutation($input: MoveTicketInput!) { moveTicket(input: $input) { ticket { status version allowedTransitions } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { version priority problem } userErrors { code message } } }`;

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
}

async function data(query: string, variables: Record<string, unknown>, token: string) {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

async function register(token: string, overrides: Record<string, unknown> = {}, phone = '13800000001') {
  const input = {
    type: 'REPAIR',
    channel: 'WALK_IN',
    newCustomer: { name: 'Walk-in Customer', phone },
    newDevice: { modelId, serialNumber: `SN-${Math.random().toString(36).slice(2, 10)}`, purchaseDate: isoDaysAgo(3), purchaseSource: 'THIS_STORE' },
    problem: 'Laptop runs hot and shuts down under load',
    suspectedCause: 'dust in the fan',
    ...overrides,
  };
  return (await data(REGISTER, { input }, token)).registerTicket;
}

async function staffId(email: string): Promise<string> {
  const { rows } = await admin.query('select id from staff_users where email = $1', [email]);
  return toGlobalId('StaffUser', rows[0].id);
}

beforeAll(async () => {
  // Big buckets: this file is about the desk, not the rate limit (which has tests of its own).
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const { rows } = await admin.query(
    `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months, main_part_categories)
     select id, 'TK-14', 'ThinkBook 14', 'LAPTOP', 12, 24, '{CPU,MOTHERBOARD,DISK,SCREEN}' from tenants where slug = 'hq-one' returning id`,
  );
  modelId = toGlobalId('ProductModel', rows[0].id);
  [agentA, managerA, techA, agentB] = await Promise.all([
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-a', 'manager@store-a.test'),
    api.login('store-a', 'tech@store-a.test'),
    api.login('store-b', 'agent@store-b.test'),
  ]);
  techAId = await staffId('tech@store-a.test');
  agentAId = await staffId('agent@store-a.test');
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

describe('registration', () => {
  test('a walk-in repair with a new customer and device gets a store number, the warranty decision and a timeline', async () => {
    const result = await register(agentA);
    expect(result.userErrors).toEqual([]);
    const ticket = result.ticket;
    expect(ticket.number).toMatch(/^A-\d{4}-\d{6}$/);
    expect(ticket).toMatchObject({
      type: 'REPAIR',
      channel: 'WALK_IN',
      priority: 'NORMAL',
      status: 'NEW',
      version: 1,
      contactName: 'Walk-in Customer',
      contactPhone: '13800000001',
    });
    expect(ticket.allowedTransitions).toEqual(expect.arrayContaining(['ASSIGNED', 'CANCELLED']));
    const { rows } = await admin.query(`select warranty from tickets where number = $1`, [ticket.number]);
    expect(rows[0].warranty.status).toBe('RETURN_ELIGIBLE');
    const read = await data(
      `query($id: ID!) { ticket(id: $id) { timeline(first: 10) { edges { node { kind visibility summary actorKind } } } } }`,
      { id: ticket.id },
      agentA,
    );
    expect(read.ticket.timeline.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['REGISTERED']);
  });

  test('numbers follow each other per store', async () => {
    const first = (await register(agentA, {}, '13800000002')).ticket.number;
    const second = (await register(agentA, {}, '13800000003')).ticket.number;
    expect(Number(second.slice(-6))).toBe(Number(first.slice(-6)) + 1);
    const other = (await register(agentB, { newDevice: null }, '13800000004')).ticket.number;
    expect(other).toMatch(/^B-\d{4}-000001$/);
  });

  test("a store's registrations never wait for each other's number; a rolled-back one leaves a gap; no tenant takes another's numbers", async () => {
    const tenants = Object.fromEntries(
      (await admin.query<{ slug: string; id: string }>(`select slug, id from tenants where slug in ('store-a', 'store-b')`)).rows.map((row) => [
        row.slug,
        row.id,
      ]),
    );
    const asStore = async (slug: string) => {
      const client = new Client({ connectionString: api.db.appUrl });
      await client.connect();
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenants[slug]]);
      return client;
    };
    const take = async (client: Client, slug: string) =>
      Number((await client.query<{ n: string }>(`select next_ticket_number($1, $2) as n`, [tenants[slug], year])).rows[0].n);
    const first = (await register(agentA, {}, '13800000006')).ticket.number as string;
    // The year in the store's time zone, as the number says it.
    const [year, before] = [Number(first.split('-')[1]), Number(first.slice(-6))];
    // A registration still open holds its number...
    const open = await asStore('store-a');
    const held = await take(open, 'store-a');
    expect(held).toBe(before + 1);
    // ...and another one of the same store takes the next at once (it would time out waiting on a lock).
    const other = await asStore('store-a');
    await other.query(`set local statement_timeout = '2s'`);
    expect(await take(other, 'store-a')).toBe(before + 2);
    await other.query('commit');
    await other.end();
    const meanwhile = (await register(agentA, {}, '13800000007')).ticket.number;
    expect(Number(meanwhile.slice(-6))).toBe(before + 3);
    await open.query('rollback');
    await open.end();
    // The rolled-back number is not handed out again.
    expect(Number((await register(agentA, {}, '13800000008')).ticket.number.slice(-6))).toBe(before + 4);
    // A store cannot take (and so burn) another store's numbers.
    const intruder = await asStore('store-a');
    await expect(take(intruder, 'store-b')).rejects.toMatchObject({ code: '42501' });
    await intruder.end();
    // Nor reach the sequences themselves.
    const direct = await asStore('store-a');
    await expect(direct.query(`select nextval(format('ticket_numbers.%I', $1::text)::regclass)`, [`${tenants['store-a']}:${year}`])).rejects.toMatchObject({
      code: '42501',
    });
    await direct.end();
  });

  test('a registration that fails halfway leaves no customer, device or ticket behind', async () => {
    const taken = (await register(agentA, {}, '13800000005')).ticket.device.serialNumber;
    const before = await admin.query(`select (select count(*) from tickets) t, (select count(*) from customers) c, (select count(*) from devices) d`);
    const failed = await register(agentA, { newDevice: { modelId, serialNumber: taken, purchaseSource: 'ELSEWHERE' } }, '13900000099');
    expect(failed.ticket).toBeNull();
    expect(failed.userErrors[0].code).toBe('SERIAL_TAKEN');
    const after = await admin.query(`select (select count(*) from tickets) t, (select count(*) from customers) c, (select count(*) from devices) d`);
    expect(after.rows).toEqual(before.rows);
    expect((await admin.query(`select 1 from customers where phone = '13900000099'`)).rows).toEqual([]);
  });

  test('an existing customer, and bad input refused with a code', async () => {
    const first = (await register(agentA, {}, '13800000006')).ticket;
    const again = await register(agentA, {
      newCustomer: null,
      customerId: first.customer.id,
      newDevice: null,
      deviceId: first.device.id,
      type: 'INQUIRY',
      channel: 'PHONE',
    });
    expect(again.userErrors).toEqual([]);
    expect(again.ticket.customer.id).toBe(first.customer.id);
    const neither = await register(agentA, { newCustomer: null });
    expect(neither.userErrors[0].code).toBe('CUSTOMER_REQUIRED');
    const empty = await register(agentA, { problem: '   ' });
    expect(empty.userErrors[0].code).toBe('INVALID_PROBLEM');
  });
});

describe('lifecycle', () => {
  test('assign, work, wait for parts, resolve, close and reopen; every step on the timeline', async () => {
    const ticket = (await register(agentA, {}, '13800000010')).ticket;
    const illegal = (await data(MOVE, { input: { ticketId: ticket.id, to: 'RESOLVED', note: 'x' } }, agentA)).moveTicket;
    expect(illegal.userErrors[0].code).toBe('ILLEGAL_TRANSITION');
    expect(illegal.userErrors[0].message).toMatch(/from NEW to RESOLVED; allowed next: ASSIGNED, CANCELLED/);

    const assigned = (await data(ASSIGN, { input: { ticketId: ticket.id, assigneeId: techAId } }, agentA)).assignTicket;
    expect(assigned.ticket).toMatchObject({ status: 'ASSIGNED', assignee: { name: 'Tech A' } });
    const reassigned = (await data(ASSIGN, { input: { ticketId: ticket.id, assigneeId: agentAId, reason: 'tech on leave' } }, agentA)).assignTicket;
    expect(reassigned.ticket.assignee.name).toBe('Agent A');

    for (const to of ['IN_PROGRESS', 'WAITING_PARTS', 'IN_PROGRESS']) {
      const moved = (await data(MOVE, { input: { ticketId: ticket.id, to } }, techA)).moveTicket;
      expect(moved.userErrors).toEqual([]);
      expect(moved.ticket.status).toBe(to);
    }
    const noNote = (await data(MOVE, { input: { ticketId: ticket.id, to: 'RESOLVED' } }, techA)).moveTicket;
    expect(noNote.userErrors[0].code).toBe('RESOLUTION_REQUIRED');
    expect(
      (await data(MOVE, { input: { ticketId: ticket.id, to: 'RESOLVED', note: 'Cleaned the fan, new thermal paste' } }, techA)).moveTicket.ticket.status,
    ).toBe('RESOLVED');
    expect((await data(MOVE, { input: { ticketId: ticket.id, to: 'CLOSED' } }, agentA)).moveTicket.ticket.status).toBe('CLOSED');
    expect((await data(MOVE, { input: { ticketId: ticket.id, to: 'REOPENED', note: 'Hot again after a week' } }, agentA)).moveTicket.ticket.status).toBe(
      'REOPENED',
    );

    await data(
      `mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { userErrors { code } } }`,
      { i: { ticketId: ticket.id, body: 'Customer asked for a loaner', visibility: 'INTERNAL' } },
      agentA,
    );
    await data(
      `mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code } } }`,
      { i: { ticketId: ticket.id, channel: 'PHONE', reached: true, outcome: 'Told her it is reopened' } },
      agentA,
    );

    const read = await data(
      `query($id: ID!) { ticket(id: $id) { timeline(first: 50) { edges { node { kind visibility } } } recentTimeline(limit: 2) { kind } } }`,
      { id: ticket.id },
      agentA,
    );
    const kinds = read.ticket.timeline.edges.map((e: { node: { kind: string } }) => e.node.kind);
    expect(kinds).toEqual([
      'REGISTERED',
      'ASSIGNED',
      'REASSIGNED',
      'STATUS_CHANGED',
      'STATUS_CHANGED',
      'STATUS_CHANGED',
      'STATUS_CHANGED',
      'STATUS_CHANGED',
      'STATUS_CHANGED',
      'NOTE',
      'CUSTOMER_CONTACT',
    ]);
    expect(read.ticket.recentTimeline.map((e: { kind: string }) => e.kind)).toEqual(['CUSTOMER_CONTACT', 'NOTE']);
    const visibilities = read.ticket.timeline.edges.map((e: { node: { visibility: string } }) => e.node.visibility);
    expect(visibilities[3]).toBe('CUSTOMER'); // IN_PROGRESS is news for the customer
    expect(visibilities[9]).toBe('INTERNAL');
  });

  test('the timeline is append-only, even for the runtime role itself', async () => {
    const ticket = (await register(agentA, {}, '13800000011')).ticket;
    const app = new Client({ connectionString: api.db.appUrl });
    await app.connect();
    try {
      const { rows } = await admin.query(`select tenant_id from tickets where number = $1`, [ticket.number]);
      await app.query('begin');
      await app.query(`select set_config('app.tenant_id', $1, true)`, [rows[0].tenant_id]);
      expect((await app.query(`update ticket_events set summary = 'rewritten'`)).rowCount).toBe(0);
      expect((await app.query(`delete from ticket_events`)).rowCount).toBe(0);
      await app.query('commit');
    } finally {
      await app.end();
    }
  });

  test('a return outside the window needs a manager override with a reason', async () => {
    const ticket = (
      await register(
        agentA,
        {
          type: 'RETURN_EXCHANGE',
          newDevice: { modelId, serialNumber: 'SN-RET-OLD', purchaseDate: isoDaysAgo(40), purchaseSource: 'THIS_STORE' },
        },
        '13800000012',
      )
    ).ticket;
    await data(ASSIGN, { input: { ticketId: ticket.id, assigneeId: agentAId } }, agentA);
    await data(MOVE, { input: { ticketId: ticket.id, to: 'IN_PROGRESS' } }, agentA);
    const blocked = (await data(MOVE, { input: { ticketId: ticket.id, to: 'RESOLVED', note: 'exchanged' } }, agentA)).moveTicket;
    expect(blocked.userErrors[0].code).toBe('TRANSITION_BLOCKED');
    const byAgent = await api.gql(
      `mutation { overrideReturnDecision(input: { ticketId: "${ticket.id}", reason: "goodwill" }) { userErrors { code } } }`,
      undefined,
      agentA,
    );
    expect(byAgent.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const byManager = await data(
      `mutation($i: OverrideReturnInput!) { overrideReturnDecision(input: $i) { userErrors { code } } }`,
      { i: { ticketId: ticket.id, reason: 'Known faulty batch, goodwill exchange' } },
      managerA,
    );
    expect(byManager.overrideReturnDecision.userErrors).toEqual([]);
    expect((await data(MOVE, { input: { ticketId: ticket.id, to: 'RESOLVED', note: 'exchanged' } }, agentA)).moveTicket.ticket.status).toBe('RESOLVED');
  });
});

describe('concurrent edits', () => {
  test('two updates of the same version: one wins, the other gets STALE, nothing is lost', async () => {
    const ticket = (await register(agentA, {}, '13800000020')).ticket;
    const [first, second] = await Promise.all([
      data(UPDATE, { input: { ticketId: ticket.id, expectedVersion: 1, priority: 'HIGH' } }, agentA),
      data(UPDATE, { input: { ticketId: ticket.id, expectedVersion: 1, problem: 'Also the screen flickers' } }, managerA),
    ]);
    const outcomes = [first.updateTicket, second.updateTicket];
    const winners = outcomes.filter((o) => o.userErrors.length === 0);
    const losers = outcomes.filter((o) => o.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].userErrors[0].code).toBe('STALE');
    expect(winners[0].ticket.version).toBe(2);
    const { rows } = await admin.query(`select version, priority, problem from tickets where number = $1`, [ticket.number]);
    expect(rows[0].version).toBe(2);
    const changes = await admin.query(
      `select count(*)::int n from ticket_events e join tickets t on t.id = e.ticket_id where t.number = $1 and e.kind = 'DETAILS_CHANGED'`,
      [ticket.number],
    );
    expect(changes.rows[0].n).toBe(1);
    // The loser reloads and retries: its change lands on top of the winner's, and both are kept.
    const agentLost = first.updateTicket.userErrors.length > 0;
    const retry = agentLost
      ? await data(UPDATE, { input: { ticketId: ticket.id, expectedVersion: 2, priority: 'HIGH' } }, agentA)
      : await data(UPDATE, { input: { ticketId: ticket.id, expectedVersion: 2, problem: 'Also the screen flickers' } }, managerA);
    expect(retry.updateTicket.ticket).toMatchObject({ version: 3, priority: 'HIGH', problem: 'Also the screen flickers' });
  });
});

describe('finding tickets', () => {
  test('by number, phone and serial (a re-contacting customer), by filters, sorted, paged stably', async () => {
    const hot = (await register(agentA, { priority: 'URGENT', problem: 'Overheating again' }, '13811112222')).ticket;
    const found = async (args: string) =>
      (await data(`{ tickets(first: 50, ${args}) { edges { node { number } } } }`, {}, agentA)).tickets.edges.map(
        (e: { node: { number: string } }) => e.node.number,
      );
    expect(await found(`number: "${hot.number}"`)).toEqual([hot.number]);
    expect(await found(`customerPhone: "138 1111 2222"`)).toEqual([hot.number]);
    expect(await found(`deviceSerial: "${hot.device.serialNumber}"`)).toEqual([hot.number]);
    expect(await found(`text: "overheating"`)).toContain(hot.number);
    expect(await found(`priority: [URGENT]`)).toEqual([hot.number]);
    expect(await found(`customerId: "${hot.customer.id}"`)).toEqual([hot.number]);
    expect((await found(`sort: PRIORITY`))[0]).toBe(hot.number);
    expect(await found(`status: [CANCELLED]`)).toEqual([]);

    const pageOne = (await data(`{ tickets(first: 3, sort: OLDEST) { edges { node { number } cursor } pageInfo { hasNextPage endCursor } } }`, {}, agentA))
      .tickets;
    await register(agentA, {}, '13800000030'); // registered between two pages
    const pageTwo = (
      await data(
        `query($after: String) { tickets(first: 3, sort: OLDEST, after: $after) { edges { node { number } } } }`,
        { after: pageOne.pageInfo.endCursor },
        agentA,
      )
    ).tickets;
    const seen = [...pageOne.edges, ...pageTwo.edges].map((e: { node: { number: string } }) => e.node.number);
    expect(new Set(seen).size).toBe(6);
    expect([...seen].sort()).toEqual(seen);
  });
});

describe('isolation', () => {
  test("another store's ticket is NOT_FOUND for reads and for every change, and never listed", async () => {
    const ticket = (await register(agentA, {}, '13800000040')).ticket;
    const read = await api.gql(`query($id: ID!) { ticket(id: $id) { number } }`, { id: ticket.id }, agentB);
    expect(read.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const node = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: ticket.id }, agentB);
    expect(node.body.errors[0].extensions.code).toBe('NOT_FOUND');
    for (const [query, input] of [
      [MOVE, { ticketId: ticket.id, to: 'CANCELLED', note: 'x' }],
      [UPDATE, { ticketId: ticket.id, priority: 'LOW' }],
      [ASSIGN, { ticketId: ticket.id, assigneeId: agentAId }],
    ] as const) {
      const res = await api.gql(query, { input }, agentB);
      expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    const list = await data(`{ tickets(first: 100) { edges { node { number } } } }`, {}, agentB);
    expect(list.tickets.edges.map((e: { node: { number: string } }) => e.node.number).every((n: string) => n.startsWith('B-'))).toBe(true);
    const { rows } = await admin.query(`select status, version from tickets where number = $1`, [ticket.number]);
    expect(rows[0]).toEqual({ status: 'NEW', version: 1 });
  });
});
