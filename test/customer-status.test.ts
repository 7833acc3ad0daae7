import { ManualClock } from '../core/clock';
import { firstNameOf } from '../domain/customer-status/first-name';
import { hashStatusToken } from '../domain/notifications/status-token';
import { Locale } from '../core/enums';
import { applyTenants } from '../tenants/provisioning/apply';
import { loadTenantFiles } from '../tenants/provisioning/load';
import { uuidOf } from './support/desk-fixtures';
import { PASSWORD, writeTempYaml } from './support/network';
import type { GqlResponse } from './support/test-api';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/**
 * The customer's status page, end to end: a desk and its worker on a manual
 * clock (the demo HQ's standard), a real SMTP server, the public queries over
 * HTTP with no login. Every message to the customer carries a link of its own
 * that opens the ticket's page; the page shows a part's slip with its reason,
 * then the part late with no new date; it shows no colleague's family name,
 * no internal note, no internal reason, nothing of another ticket or store;
 * the ticket number with the phone's last 4 digits opens it too, a wrong
 * suffix answers exactly like an unknown number, and guessing is slowed down
 * per ticket number and per address.
 */
const clock = new ManualClock(new Date('2026-03-10T10:00:00+08:00')); // a Tuesday, in working hours
const HOUR = 3600_000;
const at = (local: string) => new Date(`${local}+08:00`);
const LINK = /https:\/\/service\.example\.test\/console\/status\/([A-Za-z0-9_-]{43})/;

let desk: WorkerDesk;
const gql = (query: string, variables?: Record<string, unknown>) => desk.gql(query, variables);

const PAGE = `
  ticketNumber type status statusSince registeredAt resolvedAt closedAt assigneeFirstName
  store { name phone address timeZone hours { weekday intervals } }
  promises { metric state dueAt doneAt missedAt provisional }
  promiseHistory { kind at partDescription previousDate date reason previousWindowStart previousWindowEnd windowStart windowEnd nextUpdateBy }
  parts { description quantity status expectedOn firstPromisedOn arrivedAt late }
  visits { windowStart windowEnd status technicianFirstName }
  nextStep { kind dueAt expectedOn nextUpdateBy }
  timeline { kind occurredAt summary status previousStatus text partDescription previousDate date reason windowStart windowEnd previousWindowStart previousWindowEnd channel message reached }
`;

let addressCounter = 0;
/** A fresh client address for each caller, unless one is given: the address limit has tests of its own. */
const freshAddress = () => `198.51.100.${++addressCounter}`;

/** A public request with no credential, from `from` (the api trusts X-Forwarded-For from the test's loopback proxy). */
async function anonymous(body: { query: string; variables?: Record<string, unknown> }, from = freshAddress()): Promise<GqlResponse> {
  const response = await fetch(desk.api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const byLink = (token: string, from?: string) =>
  anonymous({ query: `query($token: String!) { customerTicketStatus(token: $token) { ${PAGE} } }`, variables: { token } }, from);

const byNumber = (ticketNumber: string, phoneLast4: string, from?: string) =>
  anonymous(
    {
      query: `query($n: String!, $p: String!) { customerTicketStatusByNumber(ticketNumber: $n, phoneLast4: $p) { ${PAGE} } }`,
      variables: { n: ticketNumber, p: phoneLast4 },
    },
    from,
  );

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function pageOf(response: GqlResponse): any {
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return Object.values(response.body.data as Record<string, unknown>)[0];
}

/** The one answer for every wrong way in: the same status, message and code, and no data. */
function expectNotFound(response: GqlResponse): { message: string; extensions: unknown } {
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors;
  expect(error.extensions.code).toBe('NOT_FOUND');
  return { message: error.message, extensions: error.extensions };
}

function expectThrottled(response: GqlResponse): number {
  expect(response.status).toBe(429);
  expect(response.body.data ?? null).toBeNull();
  const [error] = response.body.errors;
  expect(error.extensions).toMatchObject({ code: 'THROTTLED', reason: 'STATUS_LOOKUPS', retryAfterMs: expect.any(Number) });
  expect(Number(response.headers.get('retry-after'))).toBe(Math.max(1, Math.ceil(error.extensions.retryAfterMs / 1000)));
  return error.extensions.retryAfterMs;
}

/** Lives through time hour by hour, letting the worker act at every step as the real clock would. */
async function liveUntil(until: Date): Promise<void> {
  while (clock.now() < until) {
    clock.set(new Date(Math.min(clock.now().getTime() + HOUR, until.getTime())));
    await desk.drain();
  }
}

const messagesTo = (email: string) => desk.smtp.messages.filter((message) => message.to.includes(email));

async function register(email: string, phone: string, extra: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  const data = await gql(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`, {
    i: {
      type: 'REPAIR',
      channel: 'WALK_IN',
      problem: 'The screen flickers and goes dark',
      ...extra,
      ...(extra.customerId ? {} : { newCustomer: { name: 'Li Hua', phone, email, locale: 'EN' } }),
    },
  });
  await desk.drain();
  return data.registerTicket.ticket;
}

/** The token of the latest message to `email` about `ticketNumber`. */
function latestLinkTo(email: string, ticketNumber: string): string {
  const message = messagesTo(email)
    .filter((m) => m.subject.includes(ticketNumber) || m.text.includes(ticketNumber))
    .at(-1)!;
  return LINK.exec(message.text)![1];
}

// The story's ticket: a screen repair whose part slips, then does not come.
const CUSTOMER_EMAIL = 'li.hua@example.test';
const PHONE = '138-0013-8001';
let story: { id: string; number: string };
let partId: string;

beforeAll(async () => {
  desk = await startWorkerDesk(clock, { env: { TRUST_PROXY: '127.0.0.1' } });
  // The technician's full name, the store's contact details: what the page may and may not show of them.
  await desk.admin.query(`update staff_users set name = 'Zhao Lei' where email = 'tech@store-a.test'`);
  await desk.admin.query(`update tenants set contact_phone = '+86 10 0000 0101', contact_address = '1 Demo Road, Haidian, Beijing' where slug = 'store-a'`);
}, 60000);

afterAll(() => desk?.close());

describe('the link in every message', () => {
  test('every message of the desk story carries a link of its own that opens the ticket; the page shows the slip with its reason, then the part late with no new date', async () => {
    story = await register(CUSTOMER_EMAIL, PHONE);
    const ticketId = story.id;
    await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, assigneeId: desk.techId } });
    await gql(`mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code message } } }`, {
      i: { ticketId, channel: 'PHONE', reached: true, outcome: 'Customer sounded annoyed; offered a loan laptop' },
    });
    await gql(`mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { userErrors { code message } } }`, {
      i: { ticketId, visibility: 'INTERNAL', body: 'Suspect liquid damage: check the warranty seal' },
    });
    await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to: 'IN_PROGRESS' } });
    const ordered = await gql(`mutation($i: OrderPartInput!) { orderPart(input: $i) { partsOrder { id } userErrors { code message } } }`, {
      i: { ticketId, partNumber: 'SCR-14-778', description: 'XBook 14 screen', quantity: 1, supplier: 'Shenzhen Panel Supply Co', expectedOn: '2026-03-12' },
    });
    partId = ordered.orderPart.partsOrder.id;
    await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to: 'WAITING_PARTS' } });
    const booked = await gql(`mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { appointment { id } userErrors { code message } } }`, {
      i: { ticketId, technicianId: desk.techId, windowStart: at('2026-03-13T14:00:00'), windowEnd: at('2026-03-13T16:00:00'), address: 'Flat 5, 12 Demo Lane' },
    });
    await gql(`mutation($i: RescheduleAppointmentInput!) { rescheduleAppointment(input: $i) { userErrors { code message } } }`, {
      i: {
        appointmentId: booked.scheduleAppointment.appointment.id,
        windowStart: at('2026-03-13T16:00:00'),
        windowEnd: at('2026-03-13T18:00:00'),
        reason: 'Technician double-booked by the dispatcher',
      },
    });
    await desk.drain();

    // The supplier moves the date: the page shows the slip and its reason.
    clock.set(at('2026-03-11T11:00:00'));
    await gql(`mutation($i: ChangePartExpectedDateInput!) { changePartExpectedDate(input: $i) { userErrors { code message } } }`, {
      i: { partsOrderId: partId, expectedOn: '2026-03-16', reason: "The supplier's warehouse ran out of panels" },
    });
    await desk.drain();
    const slipped = pageOf(await byLink(latestLinkTo(CUSTOMER_EMAIL, story.number)));
    expect(slipped).toMatchObject({ ticketNumber: story.number, status: 'WAITING_PARTS', assigneeFirstName: 'Lei' });
    expect(slipped.parts).toEqual([
      { description: 'XBook 14 screen', quantity: 1, status: 'ORDERED', expectedOn: '2026-03-16', firstPromisedOn: '2026-03-12', arrivedAt: null, late: false },
    ]);
    expect(slipped.promiseHistory.map((change: { kind: string }) => change.kind)).toEqual(['PART_ORDERED', 'VISIT_BOOKED', 'VISIT_MOVED', 'PART_DATE_CHANGED']);
    expect(slipped.promiseHistory[0]).toMatchObject({ partDescription: 'XBook 14 screen', date: '2026-03-12' });
    expect(slipped.promiseHistory[2]).toMatchObject({
      previousWindowStart: at('2026-03-13T14:00:00').toISOString(),
      windowStart: at('2026-03-13T16:00:00').toISOString(),
      reason: null,
    });
    expect(slipped.promiseHistory[3]).toMatchObject({
      partDescription: 'XBook 14 screen',
      previousDate: '2026-03-12',
      date: '2026-03-16',
      reason: "The supplier's warehouse ran out of panels",
    });
    expect(slipped.timeline.find((entry: { kind: string }) => entry.kind === 'PART_DELAYED')).toMatchObject({
      partDescription: 'XBook 14 screen',
      previousDate: '2026-03-12',
      date: '2026-03-16',
      reason: "The supplier's warehouse ran out of panels",
    });
    expect(slipped.nextStep).toMatchObject({ kind: 'VISIT', dueAt: at('2026-03-13T16:00:00').toISOString() });
    expect(slipped.nextStep.nextUpdateBy).toEqual(expect.any(String));
    expect(slipped.visits).toEqual([
      {
        windowStart: at('2026-03-13T16:00:00').toISOString(),
        windowEnd: at('2026-03-13T18:00:00').toISOString(),
        status: 'SCHEDULED',
        technicianFirstName: 'Lei',
      },
    ]);
    expect(slipped.promises.map((promise: { metric: string }) => promise.metric)).toEqual(['FIRST_CONTACT', 'RESOLUTION']);
    expect(slipped.promises[0]).toMatchObject({ state: 'KEPT', doneAt: expect.any(String) });

    // The new date passes too, and nobody records another: the page says the part is late, not "waiting for parts".
    await liveUntil(at('2026-03-17T12:00:00'));
    const late = pageOf(await byLink(latestLinkTo(CUSTOMER_EMAIL, story.number)));
    expect(late.parts[0]).toMatchObject({ expectedOn: '2026-03-16', late: true });
    expect(late.nextStep).toMatchObject({ kind: 'PART_LATE', expectedOn: null });
    const flagged = late.promiseHistory.find((change: { kind: string }) => change.kind === 'PART_LATE');
    expect(flagged).toMatchObject({ partDescription: 'XBook 14 screen', date: '2026-03-16', nextUpdateBy: expect.any(String) });
    expect(late.timeline).toContainEqual(expect.objectContaining({ kind: 'NOTIFICATION_SENT', message: 'PART_LATE', channel: 'EMAIL' }));

    // It arrives at last; the work is done.
    await gql(`mutation($i: MarkPartArrivedInput!) { markPartArrived(input: $i) { userErrors { code message } } }`, { i: { partsOrderId: partId } });
    await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to: 'IN_PROGRESS' } });
    await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, {
      i: { ticketId, to: 'RESOLVED', note: 'Screen replaced and tested' },
    });
    await desk.drain();

    // Every message to the customer, whatever it was about, carries a link of its own, and every one of them opens this ticket.
    const messages = messagesTo(CUSTOMER_EMAIL);
    const subjects = messages.map((m) => m.subject).join('\n');
    for (const expected of [
      'we have received your request',
      'is now in progress',
      'is now waiting for parts',
      'your on-site visit is booked',
      'your on-site visit moved',
      'is delayed',
      'reminder of your on-site visit',
      'progress on ticket',
      'is late, no new date yet',
      'is now resolved',
    ]) {
      expect(subjects).toContain(expected);
    }
    const tokens = messages.map((message) => {
      const match = LINK.exec(message.text);
      expect({ subject: message.subject, link: match?.[0] ?? null }).toEqual({ subject: message.subject, link: expect.any(String) });
      return match![1];
    });
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      const page = pageOf(await byLink(token));
      expect(page.ticketNumber).toBe(story.number);
    }
    const resolved = pageOf(await byLink(tokens.at(-1)!));
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedAt: expect.any(String), nextStep: { kind: 'RESOLVED', nextUpdateBy: null } });
    expect(resolved.parts[0]).toMatchObject({ status: 'ARRIVED', late: false, arrivedAt: expect.any(String) });
    expect(resolved.timeline).toContainEqual(expect.objectContaining({ kind: 'STATUS_CHANGED', status: 'RESOLVED', text: 'Screen replaced and tested' }));

    // Only the hashes are kept: the raw tokens are in the messages alone.
    const stored = await desk.admin.query<{ token_hash: string }>('select token_hash from ticket_status_links where ticket_id = $1', [uuidOf(ticketId)]);
    expect(stored.rows.map((row) => row.token_hash).sort()).toEqual(expect.arrayContaining(tokens.map(hashStatusToken).sort()));
    const leftovers = await desk.admin.query(
      `select id from scheduled_actions where ticket_id = $1 and state = 'DONE' and payload::text like '%statusToken%'`,
      [uuidOf(ticketId)],
    );
    expect(leftovers.rows).toEqual([]);
    const everywhere = JSON.stringify((await desk.admin.query('select summary, data from ticket_events where ticket_id = $1', [uuidOf(ticketId)])).rows);
    for (const token of tokens) expect(everywhere).not.toContain(token);
  }, 240000);

  test('the page shows the store, first names only, and nothing internal: no family name, note, reason, supplier, address or contact detail', async () => {
    const page = pageOf(await byLink(latestLinkTo(CUSTOMER_EMAIL, story.number)));
    expect(page.store).toEqual({
      name: 'Store A',
      phone: '+86 10 0000 0101',
      address: '1 Demo Road, Haidian, Beijing',
      timeZone: 'Asia/Shanghai',
      hours: [
        { weekday: 1, intervals: ['09:00-12:00', '13:30-18:00'] },
        { weekday: 2, intervals: ['09:00-12:00', '13:30-18:00'] },
        { weekday: 3, intervals: ['09:00-12:00', '13:30-18:00'] },
        { weekday: 4, intervals: ['09:00-12:00', '13:30-18:00'] },
        { weekday: 5, intervals: ['09:00-12:00', '13:30-18:00'] },
        { weekday: 6, intervals: ['10:00-16:00'] },
      ],
    });
    expect(page.assigneeFirstName).toBe('Lei');
    const text = JSON.stringify(page);
    for (const secret of [
      'Zhao', // the technician's family name
      'annoyed', // the outcome of a call, written by staff
      'liquid', // an internal note
      'double-booked', // the staff's reason for moving the visit
      'Shenzhen Panel', // the supplier
      'SCR-14-778', // the part number
      'Flat 5', // the visit's address
      '8001', // the customer's phone
      CUSTOMER_EMAIL,
      'Li Hua', // the customer's own name is not needed to find the page either
      'Manager A',
    ]) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
    // Only what the customer was told is on the page's timeline.
    const kinds = new Set(page.timeline.map((entry: { kind: string }) => entry.kind));
    for (const internal of ['NOTE', 'ASSIGNED', 'PART_LATE', 'SLA_AT_RISK', 'SLA_BREACHED', 'ESCALATED', 'REGISTERED']) expect(kinds.has(internal)).toBe(false);
    expect(page.timeline.find((entry: { kind: string }) => entry.kind === 'CUSTOMER_CONTACT')).toMatchObject({ channel: 'PHONE', reached: true, text: null });
  });
});

describe('by ticket number and the last 4 digits of the phone', () => {
  test('the right digits open the page; wrong digits and an unknown number answer exactly alike; a typo is told as such', async () => {
    expect(pageOf(await byNumber(story.number, '8001')).ticketNumber).toBe(story.number);
    expect(pageOf(await byNumber(` ${story.number.toLowerCase()} `, ' 8001 ')).ticketNumber).toBe(story.number);
    const wrongDigits = expectNotFound(await byNumber(story.number, '8002'));
    const unknownNumber = expectNotFound(await byNumber('A-2026-999999', '8001'));
    const wrongLink = expectNotFound(await byLink('x'.repeat(43)));
    expect(wrongDigits).toEqual(unknownNumber);
    expect(wrongLink).toEqual(unknownNumber);

    const typo = await byNumber(story.number, '80a1');
    expect(typo.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_PHONE_DIGITS', field: ['phoneLast4'] });
  });

  test('another ticket of the same customer has its own page: neither shows anything of the other', async () => {
    const customerId = (await gql(`query($id: ID!) { ticket(id: $id) { customer { id } } }`, { id: story.id })).ticket.customer.id;
    const second = await register(CUSTOMER_EMAIL, PHONE, { customerId, problem: 'The charger is broken', contactPhone: PHONE });
    const secondPage = pageOf(await byLink(latestLinkTo(CUSTOMER_EMAIL, second.number)));
    expect(secondPage.ticketNumber).toBe(second.number);
    expect(secondPage.parts).toEqual([]);
    expect(JSON.stringify(secondPage)).not.toContain(story.number);
    expect(JSON.stringify(secondPage)).not.toContain('XBook 14 screen');
    expect(pageOf(await byNumber(second.number, '8001')).ticketNumber).toBe(second.number);
    const firstPage = pageOf(await byNumber(story.number, '8001'));
    expect(JSON.stringify(firstPage)).not.toContain(second.number);
  });

  test('two stores: a number both stores gave opens the ticket whose phone matches, and neither when both match', async () => {
    // A store of another brand whose tickets are numbered like Store A's (A-2026-...).
    await applyTenants(
      desk.api.orm,
      loadTenantFiles(
        writeTempYaml(`
tenants:
  - slug: north-a
    name: North A
    kind: STORE
    parent: hq-two
    staff:
      - { email: manager@north-a.test, name: Manager North, role: STORE_MANAGER, password: ${PASSWORD} }
`),
      ),
      clock,
    );
    const manager = await desk.api.login('north-a', 'manager@north-a.test');
    const registered = await desk.api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`,
      {
        i: {
          type: 'REPAIR',
          channel: 'WALK_IN',
          problem: 'No picture',
          newCustomer: { name: 'Zhou Yu', phone: '13900007777', email: 'zhou.yu@example.test', locale: 'EN' },
        },
      },
      manager,
    );
    const other = registered.body.data.registerTicket.ticket;
    expect(other.number).toBe(story.number); // both stores' first ticket of the year
    await desk.drain();

    expect(pageOf(await byNumber(story.number, '7777')).store.name).toBe('North A');
    expect(pageOf(await byNumber(story.number, '8001')).store.name).toBe('Store A');
    // North A's link opens North A's ticket, never Store A's.
    const northPage = pageOf(await byLink(latestLinkTo('zhou.yu@example.test', other.number)));
    expect(northPage.store.name).toBe('North A');
    expect(JSON.stringify(northPage)).not.toContain('XBook');

    // Both tickets now end in 8001: the page does not guess which one is meant.
    await desk.admin.query(`update tickets set contact_phone = '139-0000-8001' where id = $1`, [uuidOf(other.id)]);
    expectNotFound(await byNumber(story.number, '8001'));
    await desk.admin.query(`update tickets set contact_phone = '13900007777' where id = $1`, [uuidOf(other.id)]);
  });

  test('a request may hold one look-up: aliases and fragments are refused whole', async () => {
    const one = (alias: string, digits: string) =>
      `${alias}: customerTicketStatusByNumber(ticketNumber: "${story.number}", phoneLast4: "${digits}") { ticketNumber }`;
    for (const query of [
      `{ ${one('a', '0000')} ${one('b', '0001')} }`,
      `{ ...Guess ${one('b', '0001')} } fragment Guess on Query { ${one('a', '0000')} }`,
      `{ ${one('a', '0000')} customerTicketStatus(token: "${'y'.repeat(43)}") { ticketNumber } }`,
    ]) {
      const response = await anonymous({ query });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions.code).toBe('MAX_CREDENTIAL_CHECKS_EXCEEDED');
    }
  });
});

describe('guessing is slowed down', () => {
  test('after 5 wrong suffixes for a number, from anywhere, each try waits (the right one too): 15 minutes, then twice as long', async () => {
    const guessed = await register('guessed@example.test', '137-0000-4321');
    // Looking the ticket up with the right digits is never counted, however often.
    for (let i = 0; i < 6; i++) expect(pageOf(await byNumber(guessed.number, '4321')).ticketNumber).toBe(guessed.number);
    for (let i = 0; i < 5; i++) expectNotFound(await byNumber(guessed.number, `000${i}`));
    expect(expectThrottled(await byNumber(guessed.number, '4321'))).toBe(15 * 60_000);
    // Another number is not held up.
    expect(pageOf(await byNumber(story.number, '8001')).ticketNumber).toBe(story.number);

    clock.advance(15 * 60_000);
    expectNotFound(await byNumber(guessed.number, '0005'));
    expect(expectThrottled(await byNumber(guessed.number, '4321'))).toBe(30 * 60_000);
    clock.advance(30 * 60_000);
    // The right digits once the wait is over; its six failures still count, so the next try waits as long again.
    expect(pageOf(await byNumber(guessed.number, '4321')).ticketNumber).toBe(guessed.number);
    expect(expectThrottled(await byNumber(guessed.number, '4321'))).toBe(30 * 60_000);
    // The link in the messages is not held up by guesses at the number.
    expect(pageOf(await byLink(latestLinkTo('guessed@example.test', guessed.number))).ticketNumber).toBe(guessed.number);
  });

  test('an intruder trying number after number from one address is held after 20 misses; other addresses are not', async () => {
    const intruder = '203.0.113.9';
    const answers: unknown[] = [];
    for (let n = 100; n < 120; n++) answers.push(expectNotFound(await byNumber(`A-2026-000${n}`, String(1000 + n), intruder)));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    // The 21st try, even with a real link, waits a minute.
    const token = latestLinkTo(CUSTOMER_EMAIL, story.number);
    expect(expectThrottled(await byLink(token, intruder))).toBe(60_000);
    expect(pageOf(await byLink(token, '203.0.113.10')).ticketNumber).toBe(story.number);
    clock.advance(60_000);
    expect(pageOf(await byLink(token, intruder)).ticketNumber).toBe(story.number);
  });
});

describe("a colleague's name on the page", () => {
  test('is the given name alone, whichever order the name is written in; a name that cannot be split shows none', () => {
    expect(firstNameOf('赵磊', Locale.ZH_CN)).toBe('磊');
    expect(firstNameOf('欧阳娜娜', Locale.EN)).toBe('娜娜');
    expect(firstNameOf('Zhao Lei', Locale.ZH_CN)).toBe('Lei');
    expect(firstNameOf('Mary Jones', Locale.EN)).toBe('Mary');
    expect(firstNameOf('Wang Li (service quality admin)', Locale.ZH_CN)).toBe('Li');
    expect(firstNameOf('赵', Locale.ZH_CN)).toBeNull();
    expect(firstNameOf('Zhao', Locale.ZH_CN)).toBeNull();
  });
});
