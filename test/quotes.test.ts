import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { UserInputError } from '../domain/errors';
import { payableQuote } from '../domain/quotes/payable-quote';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { TenantKind } from '../core/enums';
import { insertTicket, TimelineRow, uuidOf } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Out-of-warranty repair quotes on tickets: lines priced by the server, the
 * moves from draft to the customer's answer, expiry by the store's calendar
 * (moved with a ManualClock), and isolation between stores.
 */
let api: TestApi;
let admin: Client;
let storeAId: string;
// 10:00 in Shanghai on 10 March 2026.
const clock = new ManualClock(new Date('2026-03-10T02:00:00Z'));

const QUOTE_FIELDS = `id state currency validUntil note sentAt decidedAt reason version
  partsTotal { amountMinor } labourTotal { amountMinor } total { amountMinor currency formatted }
  lines { position kind description quantity unitPrice { amountMinor currency } amount { amountMinor formatted } }`;
const CREATE = `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { ${QUOTE_FIELDS} } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateQuoteInput!) { updateQuote(input: $input) { quote { ${QUOTE_FIELDS} } userErrors { field code message } } }`;
const step = (name: string, input = 'QuoteStepInput') =>
  `mutation($input: ${input}!) { ${name}(input: $input) { quote { ${QUOTE_FIELDS} } userErrors { field code message } } }`;
const SEND = step('sendQuote');
const ACCEPT = step('acceptQuote');
const DECLINE = step('declineQuote', 'DeclineQuoteInput');
const WITHDRAW = step('withdrawQuote', 'WithdrawQuoteInput');
const QUOTES = `query($id: ID!) { ticket(id: $id) { quotes { id state total { amountMinor } ticket { id } } } }`;

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const LINES = [
  { kind: 'PARTS', description: 'Motherboard', quantity: 1, unitPrice: cny(89900) },
  { kind: 'PARTS', description: 'Thermal pad', quantity: 2, unitPrice: cny(1500) },
  { kind: 'LABOUR', description: 'Replace motherboard, 1.5 h', quantity: 1, unitPrice: cny(15000) },
];

/** Tokens expire as the clock moves on by days: each call logs in afresh. */
async function run(store: string, email: string, query: string, variables: Record<string, unknown>) {
  const res = await api.gql(query, variables, await api.login(store, email));
  return res.body;
}

async function asAgentA(query: string, variables: Record<string, unknown>) {
  const body = await run('store-a', 'agent@store-a.test', query, variables);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function draft(ticketId: string, input: Record<string, unknown> = {}) {
  return (await asAgentA(CREATE, { input: { ticketId, lines: LINES, validUntil: '2026-03-20', ...input } })).createQuote;
}

/** The ticket's timeline in the order it was written (the clock stands still between steps here). */
async function timelineOf(ticketId: string): Promise<TimelineRow[]> {
  const { rows } = await admin.query<TimelineRow>(
    `select kind, visibility, summary, data, actor_kind from ticket_events where ticket_id = $1 order by occurred_at, seq`,
    [uuidOf(ticketId)],
  );
  return rows;
}

async function storedState(quoteId: string): Promise<string> {
  return (await admin.query(`select state from repair_quotes where id = $1`, [uuidOf(quoteId)])).rows[0].state;
}

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  storeAId = (await admin.query(`select id from tenants where slug = 'store-a'`)).rows[0].id;
}, 60000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

beforeEach(() => clock.set(new Date('2026-03-10T02:00:00Z')));

describe('drafting', () => {
  test('the server prices every line and the totals; the quote is on the ticket', async () => {
    const ticketId = await insertTicket(admin);
    const created = await draft(ticketId, { note: 'Motherboard short-circuited by liquid: not covered by the warranty.' });
    expect(created.userErrors).toEqual([]);
    expect(created.quote).toMatchObject({
      state: 'DRAFT',
      currency: 'CNY',
      validUntil: '2026-03-20',
      sentAt: null,
      version: 1,
      partsTotal: { amountMinor: 92900 },
      labourTotal: { amountMinor: 15000 },
      total: { amountMinor: 107900, currency: 'CNY', formatted: '¥1,079.00' },
    });
    expect(created.quote.lines).toEqual([
      { position: 1, kind: 'PARTS', description: 'Motherboard', quantity: 1, unitPrice: cny(89900), amount: { amountMinor: 89900, formatted: '¥899.00' } },
      { position: 2, kind: 'PARTS', description: 'Thermal pad', quantity: 2, unitPrice: cny(1500), amount: { amountMinor: 3000, formatted: '¥30.00' } },
      {
        position: 3,
        kind: 'LABOUR',
        description: 'Replace motherboard, 1.5 h',
        quantity: 1,
        unitPrice: cny(15000),
        amount: { amountMinor: 15000, formatted: '¥150.00' },
      },
    ]);
    const onTicket = await asAgentA(QUOTES, { id: ticketId });
    expect(onTicket.ticket.quotes).toEqual([{ id: created.quote.id, state: 'DRAFT', total: { amountMinor: 107900 }, ticket: { id: ticketId } }]);
    const timeline = await timelineOf(ticketId);
    expect(timeline.map((e) => [e.kind, e.visibility])).toEqual([['QUOTE_DRAFTED', 'INTERNAL']]);
  });

  test('a total from the client is not even accepted', async () => {
    const ticketId = await insertTicket(admin);
    const body = await run('store-a', 'agent@store-a.test', CREATE, { input: { ticketId, lines: LINES, validUntil: '2026-03-20', total: cny(1) } });
    expect(body.errors[0].message).toMatch(/"total" is not defined/);
    const line = await run('store-a', 'agent@store-a.test', CREATE, {
      input: { ticketId, lines: [{ ...LINES[0], amount: cny(1) }], validUntil: '2026-03-20' },
    });
    expect(line.errors[0].message).toMatch(/"amount" is not defined/);
  });

  test.each([
    ['a quantity of 0', { lines: [{ ...LINES[0], quantity: 0 }] }, 'INVALID_QUANTITY', ['lines', '0', 'quantity']],
    ['a negative unit price', { lines: [LINES[0], { ...LINES[2], unitPrice: cny(-100) }] }, 'INVALID_AMOUNT', ['lines', '1', 'unitPrice', 'amountMinor']],
    ['a unit price above ¥100,000.00', { lines: [{ ...LINES[0], unitPrice: cny(10_000_001) }] }, 'INVALID_AMOUNT', ['lines', '0', 'unitPrice', 'amountMinor']],
    ['a line above ¥1,000,000.00', { lines: [{ ...LINES[0], quantity: 11, unitPrice: cny(10_000_000) }] }, 'TOTAL_TOO_LARGE', ['lines', '0', 'quantity']],
    ['a total above ¥1,000,000.00', { lines: Array.from({ length: 11 }, () => ({ ...LINES[0], unitPrice: cny(10_000_000) })) }, 'TOTAL_TOO_LARGE', ['lines']],
    ['51 lines', { lines: Array.from({ length: 51 }, () => LINES[2]) }, 'TOO_MANY_LINES', ['lines']],
    ['an empty description', { lines: [{ ...LINES[0], description: '  ' }] }, 'INVALID_TEXT', ['lines[0].description']],
    ['a last valid day before today', { validUntil: '2026-03-09' }, 'VALID_UNTIL_PAST', ['validUntil']],
    ['a last valid day more than 90 days ahead', { validUntil: '2026-06-09' }, 'VALID_UNTIL_TOO_FAR', ['validUntil']],
    ['a day that does not exist', { validUntil: '2026-02-30' }, 'INVALID_DATE', ['validUntil']],
  ])('refuses %s', async (_what, input, code, field) => {
    const ticketId = await insertTicket(admin);
    const refused = await draft(ticketId, input);
    expect(refused).toEqual({ quote: null, userErrors: [{ field, code, message: expect.any(String) }] });
  });

  test('one quote at a time is in the works on a ticket; a finished ticket takes none', async () => {
    const ticketId = await insertTicket(admin);
    expect((await draft(ticketId)).userErrors).toEqual([]);
    const second = await draft(ticketId);
    expect(second.userErrors).toEqual([{ field: ['ticketId'], code: 'QUOTE_ALREADY_OPEN', message: expect.any(String) }]);
    const closed = await insertTicket(admin, { status: 'CLOSED' });
    expect((await draft(closed)).userErrors[0].code).toBe('TICKET_FINISHED');
  });

  test('a draft is revised: lines replaced and repriced, omitted fields kept, a stale version refused', async () => {
    const ticketId = await insertTicket(admin);
    const { quote } = await draft(ticketId, { note: 'First diagnosis' });
    const revised = (await asAgentA(UPDATE, { input: { quoteId: quote.id, expectedVersion: 1, lines: [LINES[2], { ...LINES[1], quantity: 4 }] } })).updateQuote;
    expect(revised.userErrors).toEqual([]);
    expect(revised.quote).toMatchObject({
      note: 'First diagnosis',
      validUntil: '2026-03-20',
      version: 2,
      partsTotal: { amountMinor: 6000 },
      labourTotal: { amountMinor: 15000 },
      total: { amountMinor: 21000 },
    });
    expect(revised.quote.lines.map((l: { position: number; kind: string }) => [l.position, l.kind])).toEqual([
      [1, 'LABOUR'],
      [2, 'PARTS'],
    ]);
    const stale = (await asAgentA(UPDATE, { input: { quoteId: quote.id, expectedVersion: 1, note: 'Lost update' } })).updateQuote;
    expect(stale.userErrors[0]).toMatchObject({ code: 'STALE', field: ['expectedVersion'] });
    const noted = (await asAgentA(UPDATE, { input: { quoteId: quote.id, note: '', validUntil: '2026-03-31' } })).updateQuote;
    expect(noted.quote).toMatchObject({ note: null, validUntil: '2026-03-31', total: { amountMinor: 21000 }, version: 3 });
    const rows = await admin.query(`select position, amount_minor from repair_quote_lines where quote_id = $1 order by position`, [uuidOf(quote.id)]);
    expect(rows.rows).toEqual([
      { position: 1, amount_minor: 15000 },
      { position: 2, amount_minor: 6000 },
    ]);
  });
});

describe('sending and answering', () => {
  test('sent, the customer sees the quote on the timeline; accepted, it can be paid; nothing moves after', async () => {
    const ticketId = await insertTicket(admin);
    const { quote } = await draft(ticketId, { note: 'Liquid damage.' });
    const sent = (await asAgentA(SEND, { input: { quoteId: quote.id, expectedVersion: 1 } })).sendQuote;
    expect(sent.quote).toMatchObject({ state: 'SENT', sentAt: '2026-03-10T02:00:00.000Z', decidedAt: null, version: 2 });
    const customerEntry = (await timelineOf(ticketId)).find((e) => e.kind === 'QUOTE_SENT')!;
    expect(customerEntry.visibility).toBe('CUSTOMER');
    expect(customerEntry.summary).toBe('Repair quote: ¥1,079.00 (parts ¥929.00, labour ¥150.00), valid until 2026-03-20. Liquid damage.');
    // and the customer is written to, with the figures
    const message = await admin.query(
      `select payload from scheduled_actions where kind = 'NOTIFICATION' and ticket_id = $1 and payload->>'template' = 'QUOTE_SENT'`,
      [uuidOf(ticketId)],
    );
    expect(message.rows).toHaveLength(1);
    expect(message.rows[0].payload.params).toMatchObject({
      quoteTotal: '¥1,079.00',
      partsTotal: '¥929.00',
      labourTotal: '¥150.00',
      validUntil: '2026-03-20',
      note: 'Liquid damage.',
    });

    const changed = (await asAgentA(UPDATE, { input: { quoteId: quote.id, note: 'Cheaper now' } })).updateQuote;
    expect(changed.userErrors[0].code).toBe('QUOTE_NOT_DRAFT');

    const ctx = (em: never) => ({ tenantId: storeAId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock });
    const payable = await inTenantTransaction(api.orm, storeAId, (em) => payableQuote(ctx(em as never), uuidOf(quote.id)));
    expect(payable.total).toEqual({ amountMinor: 107900, currency: 'CNY' });

    clock.set(new Date('2026-03-12T02:00:00Z'));
    const accepted = (await asAgentA(ACCEPT, { input: { quoteId: quote.id } })).acceptQuote;
    expect(accepted.quote).toMatchObject({ state: 'ACCEPTED', decidedAt: '2026-03-12T02:00:00.000Z', version: 3 });
    const again = (await asAgentA(DECLINE, { input: { quoteId: quote.id } })).declineQuote;
    expect(again.userErrors).toEqual([{ field: ['quoteId'], code: 'INVALID_QUOTE_STATE', message: 'The quote is ACCEPTED; it cannot become DECLINED' }]);
    expect((await timelineOf(ticketId)).map((e) => [e.kind, e.visibility])).toEqual([
      ['QUOTE_DRAFTED', 'INTERNAL'],
      ['QUOTE_SENT', 'CUSTOMER'],
      ['QUOTE_ACCEPTED', 'CUSTOMER'],
    ]);
  });

  test('an empty quote is not sent; a draft cannot be accepted nor paid', async () => {
    const ticketId = await insertTicket(admin);
    const { quote } = await draft(ticketId, { lines: [] });
    expect(quote.total.amountMinor).toBe(0);
    expect((await asAgentA(SEND, { input: { quoteId: quote.id } })).sendQuote.userErrors[0]).toMatchObject({ code: 'QUOTE_EMPTY', field: ['lines'] });
    expect((await asAgentA(ACCEPT, { input: { quoteId: quote.id } })).acceptQuote.userErrors[0].code).toBe('INVALID_QUOTE_STATE');
    const refused = await inTenantTransaction(api.orm, storeAId, (em) =>
      payableQuote({ tenantId: storeAId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock }, uuidOf(quote.id)).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(refused).toBeInstanceOf(UserInputError);
    expect(refused).toMatchObject({ code: 'QUOTE_NOT_PAYABLE' });
  });

  test("declined with the customer's reason, then a revised quote; withdrawn quietly as a draft, openly once sent", async () => {
    const ticketId = await insertTicket(admin);
    const first = (await draft(ticketId)).quote;
    await asAgentA(SEND, { input: { quoteId: first.id } });
    const declined = (await asAgentA(DECLINE, { input: { quoteId: first.id, reason: 'Too expensive' } })).declineQuote;
    expect(declined.quote).toMatchObject({ state: 'DECLINED', reason: 'Too expensive' });

    clock.advance(60_000);
    const second = (await draft(ticketId, { lines: [LINES[2]] })).quote;
    const noReason = await run('store-a', 'agent@store-a.test', WITHDRAW, { input: { quoteId: second.id, reason: ' ' } });
    expect(noReason.data.withdrawQuote.userErrors[0].code).toBe('INVALID_TEXT');
    const withdrawnDraft = (await asAgentA(WITHDRAW, { input: { quoteId: second.id, reason: 'Wrong labour rate' } })).withdrawQuote;
    expect(withdrawnDraft.quote).toMatchObject({ state: 'WITHDRAWN', sentAt: null, reason: 'Wrong labour rate' });

    clock.advance(60_000);
    const third = (await draft(ticketId, { lines: [LINES[0]] })).quote;
    await asAgentA(SEND, { input: { quoteId: third.id } });
    const withdrawnSent = (await asAgentA(WITHDRAW, { input: { quoteId: third.id, reason: 'The part price went down, a new quote follows' } })).withdrawQuote;
    expect(withdrawnSent.quote.state).toBe('WITHDRAWN');

    const timeline = (await timelineOf(ticketId)).map((e) => [e.kind, e.visibility]);
    expect(timeline).toEqual([
      ['QUOTE_DRAFTED', 'INTERNAL'],
      ['QUOTE_SENT', 'CUSTOMER'],
      ['QUOTE_DECLINED', 'CUSTOMER'],
      ['QUOTE_DRAFTED', 'INTERNAL'],
      ['QUOTE_WITHDRAWN', 'INTERNAL'],
      ['QUOTE_DRAFTED', 'INTERNAL'],
      ['QUOTE_SENT', 'CUSTOMER'],
      ['QUOTE_WITHDRAWN', 'CUSTOMER'],
    ]);
    expect((await asAgentA(QUOTES, { id: ticketId })).ticket.quotes.map((q: { state: string }) => q.state)).toEqual(['DECLINED', 'WITHDRAWN', 'WITHDRAWN']);
  });
});

describe('expiry by the calendar', () => {
  test("a sent quote is valid through its last day in the store's time zone, then reads EXPIRED and cannot be accepted", async () => {
    const ticketId = await insertTicket(admin);
    const { quote } = await draft(ticketId, { validUntil: '2026-03-12' });
    await asAgentA(SEND, { input: { quoteId: quote.id } });

    // 23:30 on 12 March in Shanghai (15:30 UTC): still its last day.
    clock.set(new Date('2026-03-12T15:30:00Z'));
    expect((await asAgentA(QUOTES, { id: ticketId })).ticket.quotes[0].state).toBe('SENT');

    // 00:30 on 13 March in Shanghai.
    clock.set(new Date('2026-03-12T16:30:00Z'));
    expect((await asAgentA(QUOTES, { id: ticketId })).ticket.quotes[0].state).toBe('EXPIRED');
    expect(await storedState(quote.id)).toBe('SENT');

    const late = (await asAgentA(ACCEPT, { input: { quoteId: quote.id } })).acceptQuote;
    expect(late).toEqual({
      quote: null,
      userErrors: [{ field: ['quoteId'], code: 'QUOTE_EXPIRED', message: 'The quote was valid until 2026-03-12; draft a new one' }],
    });
    // The refusal kept the expiry it found.
    expect(await storedState(quote.id)).toBe('EXPIRED');
    const expiry = (await timelineOf(ticketId)).find((e) => e.kind === 'QUOTE_EXPIRED')!;
    expect(expiry).toMatchObject({ visibility: 'INTERNAL', actor_kind: 'USER' });
    expect(expiry.summary).toContain('its last valid day was 2026-03-12');
  });

  test('an expired quote no longer blocks a new one; a draft whose day passed must get a new day before it is sent', async () => {
    const ticketId = await insertTicket(admin);
    const old = (await draft(ticketId, { validUntil: '2026-03-11' })).quote;
    await asAgentA(SEND, { input: { quoteId: old.id } });
    clock.set(new Date('2026-03-15T02:00:00Z'));
    const fresh = await draft(ticketId, { validUntil: '2026-03-16' });
    expect(fresh.userErrors).toEqual([]);
    expect(await storedState(old.id)).toBe('EXPIRED');

    clock.set(new Date('2026-03-17T02:00:00Z'));
    const tooLate = (await asAgentA(SEND, { input: { quoteId: fresh.quote.id } })).sendQuote;
    expect(tooLate.userErrors[0]).toMatchObject({ code: 'VALID_UNTIL_PAST', field: ['validUntil'] });
    await asAgentA(UPDATE, { input: { quoteId: fresh.quote.id, validUntil: '2026-03-24' } });
    expect((await asAgentA(SEND, { input: { quoteId: fresh.quote.id } })).sendQuote.quote.state).toBe('SENT');
  });
});

describe('who may do what', () => {
  test('a technician reads quotes but does not write them; another store sees nothing of them', async () => {
    const ticketId = await insertTicket(admin);
    const { quote } = await draft(ticketId);

    const tech = await run('store-a', 'tech@store-a.test', QUOTES, { id: ticketId });
    expect(tech.data.ticket.quotes).toHaveLength(1);
    const techWrite = await run('store-a', 'tech@store-a.test', SEND, { input: { quoteId: quote.id } });
    expect(techWrite.errors[0].extensions.code).toBe('FORBIDDEN');
    const manager = await run('store-a', 'manager@store-a.test', SEND, { input: { quoteId: quote.id } });
    expect(manager.data.sendQuote.quote.state).toBe('SENT');

    for (const [store, email] of [
      ['store-b', 'manager@store-b.test'],
      ['store-z', 'manager@store-z.test'],
    ]) {
      const node = await run(store, email, `query($id: ID!) { node(id: $id) { id } }`, { id: quote.id });
      expect(node.errors[0].extensions.code).toBe('NOT_FOUND');
      const accept = await run(store, email, ACCEPT, { input: { quoteId: quote.id } });
      expect(accept.errors[0].extensions.code).toBe('NOT_FOUND');
      const onTheirTicket = await run(store, email, CREATE, { input: { ticketId, lines: LINES, validUntil: '2026-03-20' } });
      expect(onTheirTicket.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect(await storedState(quote.id)).toBe('SENT');
    const own = await run('store-a', 'agent@store-a.test', `query($id: ID!) { node(id: $id) { ... on RepairQuote { state total { formatted } } } }`, {
      id: quote.id,
    });
    expect(own.data.node).toEqual({ state: 'SENT', total: { formatted: '¥1,079.00' } });

    const storeB = (await admin.query(`select id from tenants where slug = 'store-b'`)).rows[0].id;
    const seen = await inTenantTransaction(api.orm, storeB, (em) => em.execute<{ n: number }[]>('select count(*)::int as n from repair_quotes'));
    expect(seen[0].n).toBe(0);
  });
});
