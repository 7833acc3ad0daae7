import { Client } from 'pg';
import { processCallbackExpiry } from '../domain/callbacks/callback-expiry.processor';
import { callbackPolicyOf, DEFAULT_CALLBACK_POLICY, isCalledBack, sampleOf } from '../domain/standards/callback-policy';
import { processCallbackReminder } from '../domain/callbacks/callback-reminder.processor';
import { processCallbackSurvey } from '../domain/callbacks/callback-survey.processor';
import { hashSurveyToken } from '../domain/callbacks/survey-token';
import { ManualClock } from '../core/clock';
import { ActionKind } from '../core/action-enums';
import type { ProcessorDeps } from '../domain/scheduling/processor';
import { parseTemplate } from '../domain/standards/sla-template-file';
import { historyOf } from '../domain/standards/ticket-clocks';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { SmtpEmailSender } from '../infra/mail/smtp-email-sender';
import { TicketType } from '../core/desk-enums';
import { Callback, Ticket, TicketEvent } from '../schema/entities';
import { toGlobalId } from '../core/global-id';
import { ACTION_PROCESSORS } from '../worker/actions/processors';
import { uuidOf } from './support/desk-fixtures';
import { drainDueActions } from './support/action-driver';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Satisfaction callbacks end to end: a resolution plans the callback, the
 * survey goes out by real SMTP with a single-use link, the customer answers
 * anonymously through GraphQL (or a colleague records a phone call), and the
 * answer closes the ticket or reopens it for a complaint follow-up. Time is
 * moved with a ManualClock for the reminder and "no response".
 */
const BASE_URL = 'https://service.example.test';
const DAY = 24 * 3600_000;
const LINK = /https:\/\/service\.example\.test\/survey\/([A-Za-z0-9_-]{43})/;

let api: TestApi;
let admin: Client;
let smtp: SmtpCatcher;
let sender: SmtpEmailSender;
let processorDeps: ProcessorDeps;
let techAId: string;
let storeA: string;
let storeB: string;
const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));

/** The production registry, with the callback steps this work adds. */
const processors = {
  ...ACTION_PROCESSORS,
  [ActionKind.CALLBACK_SURVEY]: processCallbackSurvey,
  [ActionKind.CALLBACK_REMINDER]: processCallbackReminder,
  [ActionKind.CALLBACK_EXPIRY]: processCallbackExpiry,
};
const drain = () => drainDueActions(api.orm, clock, processorDeps, { processors });

const REGISTER = `mutation($input: RegisterTicketInput!) { registerTicket(input: $input) { ticket { id } userErrors { code message } } }`;
const ASSIGN = `mutation($input: AssignTicketInput!) { assignTicket(input: $input) { userErrors { code message } } }`;
const MOVE = `mutation($input: MoveTicketInput!) { moveTicket(input: $input) { ticket { status } userErrors { code message } } }`;
const INVESTIGATION = `mutation($input: RecordComplaintInvestigationInput!) { recordComplaintInvestigation(input: $input) { userErrors { code message } } }`;
const REPORT = `mutation($input: ReportComplaintResultInput!) { reportComplaintResult(input: $input) { userErrors { code message } } }`;
const ANSWER = `mutation($input: AnswerSurveyInput!) { answerSurvey(input: $input) { accepted userErrors { field code message } } }`;
const PHONE = `mutation($input: RecordPhoneCallbackInput!) {
  recordPhoneCallback(input: $input) { callback { state score comment channel calledBy { name } } ticket { status } userErrors { field code message } } }`;
const READ = `query($id: ID!) { ticket(id: $id) { status callback { state score comment answeredAt channel sentAt remindedAt calledBy { name } } } }`;

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  smtp = await startSmtpCatcher();
  sender = new SmtpEmailSender({ url: smtp.url, from: 'Aftersales <no-reply@example.test>' });
  processorDeps = { channels: { email: sender, sms: null }, fetch, publicBaseUrl: BASE_URL, webhookTimeoutMs: 1000 };
  const ids = await admin.query<{ slug: string; id: string }>(`select slug, id from tenants where slug in ('store-a', 'store-b')`);
  storeA = ids.rows.find((row) => row.slug === 'store-a')!.id;
  storeB = ids.rows.find((row) => row.slug === 'store-b')!.id;
  const tech = await admin.query<{ id: string }>(`select id from staff_users where email = 'tech@store-a.test'`);
  techAId = toGlobalId('StaffUser', tech.rows[0].id);
}, 60000);

afterAll(async () => {
  sender?.close();
  await smtp?.close();
  await admin?.end();
  await api?.stop();
});

beforeEach(() => smtp.clear());

/** Access tokens expire as the clock moves on by days: each call logs in afresh. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function as(store: 'store-a' | 'store-b', email: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await api.gql(query, variables, await api.login(store, email));
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

async function answer(token: string, score: number, comment?: string) {
  const res = await api.gql(ANSWER, { input: { token, score, comment } });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.answerSurvey;
}

let customers = 0;

/** A ticket registered, worked and resolved through the API; a complaint gets its investigation and (unless told not to) its result report. */
async function resolvedTicket(
  type: TicketType,
  options: { store?: 'store-a' | 'store-b'; reportResult?: boolean } = {},
): Promise<{ id: string; email: string }> {
  const store = options.store ?? 'store-a';
  const agent = `agent@${store}.test`;
  customers += 1;
  const email = `customer${customers}@example.test`;
  const registered = await as(store, agent, REGISTER, {
    input: {
      type,
      channel: 'WALK_IN',
      newCustomer: { name: `Customer ${customers}`, phone: `1390000${String(customers).padStart(4, '0')}`, email, locale: 'EN' },
      problem: 'The screen flickers after the repair',
    },
  });
  expect(registered.registerTicket.userErrors).toEqual([]);
  const id = registered.registerTicket.ticket.id;
  if (type === TicketType.COMPLAINT) {
    await as(store, agent, INVESTIGATION, {
      input: { ticketId: id, findings: 'The cable was not reseated', substantiated: true, actionTaken: 'Reseated the cable' },
    });
    if (options.reportResult !== false)
      await as(store, agent, REPORT, { input: { ticketId: id, via: 'PHONE', message: 'We reseated the cable; sorry for the trouble' } });
  }
  const assignee =
    store === 'store-a' ? techAId : toGlobalId('StaffUser', (await admin.query(`select id from staff_users where email = $1`, [agent])).rows[0].id);
  expect((await as(store, agent, ASSIGN, { input: { ticketId: id, assigneeId: assignee } })).assignTicket.userErrors).toEqual([]);
  expect((await as(store, agent, MOVE, { input: { ticketId: id, to: 'IN_PROGRESS' } })).moveTicket.userErrors).toEqual([]);
  const resolved = await as(store, agent, MOVE, { input: { ticketId: id, to: 'RESOLVED', note: 'Replaced the display cable' } });
  expect(resolved.moveTicket.ticket.status).toBe('RESOLVED');
  return { id, email };
}

async function actionsOf(ticketId: string): Promise<{ kind: string; state: string; payload: Record<string, unknown>; due_at: Date }[]> {
  const { rows } = await admin.query(`select kind, state, payload, due_at from scheduled_actions where ticket_id = $1 order by created_at, due_at`, [
    uuidOf(ticketId),
  ]);
  return rows;
}

async function callbackRow(ticketId: string) {
  const { rows } = await admin.query(`select * from callbacks where ticket_id = $1 order by created_at desc`, [uuidOf(ticketId)]);
  return rows[0];
}

/** The latest survey link the customer received by e-mail, read from the message itself. */
function linkSentTo(email: string): string {
  const withLink = smtp.messages.filter((m) => m.to.includes(email) && LINK.test(m.text));
  const latest = withLink[withLink.length - 1];
  if (!latest) throw new Error(`no survey link sent to ${email}: ${JSON.stringify(smtp.messages.map((m) => [m.to, m.subject]))}`);
  return LINK.exec(latest.text)![1];
}

/** The timeline in the order it was written (entries of one transaction share their instant). */
async function timelineOf(ticketId: string): Promise<{ kind: string; summary: string; data: Record<string, unknown>; actor_kind: string }[]> {
  const { rows } = await admin.query(`select kind, summary, data, actor_kind from ticket_events where ticket_id = $1 order by occurred_at, seq`, [
    uuidOf(ticketId),
  ]);
  return rows;
}

async function kinds(ticketId: string): Promise<string[]> {
  return (await timelineOf(ticketId)).map((entry) => entry.kind);
}

describe('the policy', () => {
  test('complaints and paid services always; other types by a share chosen from the ticket id; defaults when the standard says nothing', () => {
    expect(callbackPolicyOf({ slaStandard: null })).toEqual(DEFAULT_CALLBACK_POLICY);
    expect(callbackPolicyOf({ slaStandard: { callbacks: { otherTypesShare: 1 } } })).toEqual({ ...DEFAULT_CALLBACK_POLICY, otherTypesShare: 1 });
    const none = { ...DEFAULT_CALLBACK_POLICY, otherTypesShare: 0 };
    const id = '6f9c1e0a-8a4b-4f7e-9a57-2f1d3c4b5a69';
    expect(isCalledBack({ id, type: TicketType.COMPLAINT }, none)).toBe(true);
    expect(isCalledBack({ id, type: TicketType.PAID_SERVICE }, none)).toBe(true);
    expect(isCalledBack({ id, type: TicketType.REPAIR }, none)).toBe(false);
    expect(isCalledBack({ id, type: TicketType.REPAIR }, { ...none, otherTypesShare: 1 })).toBe(true);
    // The same ticket is always decided the same way, and the share holds over many tickets.
    expect(sampleOf(id)).toBe(sampleOf(id));
    const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const picked = ids.filter((ticketId) => isCalledBack({ id: ticketId, type: TicketType.REPAIR }, DEFAULT_CALLBACK_POLICY)).length / ids.length;
    expect(picked).toBeGreaterThan(0.25);
    expect(picked).toBeLessThan(0.35);
  });

  test('HQ may set the callback rules in its standard; a reminder after "no response" is refused', () => {
    const base = 'template: t\nowner: hq\nversion: 1\ntargets:\n  - { metric: DISPATCH, amount: 30, unit: WORKING_MINUTES }\n';
    expect(parseTemplate(base).callbacks).toBeUndefined();
    expect(parseTemplate(`${base}callbacks: { otherTypesShare: 0.5, closeWhenCompleted: false }\n`).callbacks).toEqual({
      otherTypesShare: 0.5,
      closeWhenCompleted: false,
    });
    expect(() => parseTemplate(`${base}callbacks: { reminderAfterDays: 6, noResponseAfterDays: 5 }\n`)).toThrow(/reminder must come before/);
  });
});

describe('a complaint called back', () => {
  test('resolving plans the survey; it goes out by e-mail with a single-use link whose token is stored only as a hash', async () => {
    const ticket = await resolvedTicket(TicketType.COMPLAINT);
    expect(await actionsOf(ticket.id)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'CALLBACK_SURVEY', state: 'PENDING' })]));
    expect((await as('store-a', 'agent@store-a.test', READ, { id: ticket.id })).ticket.callback).toMatchObject({ state: 'PENDING', score: null });

    await drain();
    const actions = await actionsOf(ticket.id);
    const request = actions.find((a) => a.kind === 'NOTIFICATION' && (a.payload as { template: string }).template === 'SURVEY_REQUEST');
    expect(request).toMatchObject({ state: 'DONE', payload: { params: { surveyUrl: expect.stringMatching(LINK) } } });
    const reminder = actions.find((a) => a.kind === 'CALLBACK_REMINDER')!;
    const expiry = actions.find((a) => a.kind === 'CALLBACK_EXPIRY')!;
    expect(reminder.due_at.getTime() - clock.now().getTime()).toBe(2 * DAY);
    expect(expiry.due_at.getTime() - clock.now().getTime()).toBe(5 * DAY);

    const token = linkSentTo(ticket.email);
    const row = await callbackRow(ticket.id);
    expect(row).toMatchObject({ state: 'SENT', token_hash: hashSurveyToken(token) });
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await as('store-a', 'agent@store-a.test', READ, { id: ticket.id })).ticket.callback).toMatchObject({
      state: 'SENT',
      sentAt: clock.now().toISOString(),
    });
  });

  test('answered 5/5: the ticket closes, the answer is on the timeline and the webhook event, the schedule ends, the link is used up', async () => {
    const ticket = await resolvedTicket(TicketType.COMPLAINT);
    await drain();
    const token = linkSentTo(ticket.email);
    expect(await answer(token, 5, '  Fixed quickly, thank you  ')).toEqual({ accepted: true, userErrors: [] });

    const read = (await as('store-a', 'agent@store-a.test', READ, { id: ticket.id })).ticket;
    expect(read).toMatchObject({
      status: 'CLOSED',
      callback: { state: 'ANSWERED', score: 5, comment: 'Fixed quickly, thank you', channel: 'SURVEY_LINK', calledBy: null },
    });
    const timeline = await timelineOf(ticket.id);
    expect(timeline.find((e) => e.kind === 'CALLBACK_COMPLETED')).toMatchObject({
      actor_kind: 'SYSTEM',
      data: { score: 5, channel: 'SURVEY_LINK', followUp: false },
    });
    expect(timeline.map((e) => e.kind).slice(-2)).toEqual(['CALLBACK_COMPLETED', 'STATUS_CHANGED']);
    const events = await admin.query(`select type, data from webhook_events where ticket_id = $1 and type = 'callback.answered'`, [uuidOf(ticket.id)]);
    expect(events.rows).toEqual([{ type: 'callback.answered', data: expect.objectContaining({ score: 5, channel: 'SURVEY_LINK' }) }]);
    expect(JSON.stringify(events.rows[0].data)).not.toContain('thank you');
    const pending = (await actionsOf(ticket.id)).filter((a) => a.kind === 'CALLBACK_REMINDER' || a.kind === 'CALLBACK_EXPIRY');
    expect(pending.map((a) => a.state)).toEqual(['CANCELLED', 'CANCELLED']);
    expect((await callbackRow(ticket.id)).token_hash).toBeNull();
    // The answer stops the ticket's CALLBACK clock.
    const history = await inTenantTransaction(api.orm, storeA, async (em) => {
      const row = await em.findOneOrFail(Ticket, { tenantId: storeA, id: uuidOf(ticket.id) });
      return historyOf(row, await em.find(TicketEvent, { tenantId: storeA, ticketId: row.id }), [], 'Asia/Shanghai');
    });
    expect(history.callbackDoneAt?.toISOString()).toBe(read.callback.answeredAt);

    // Single use, and nothing tells a used link from one that never existed.
    const again = await answer(token, 1);
    const unknown = await answer('A'.repeat(43), 1);
    const malformed = await answer('not-a-token', 1);
    for (const refused of [again, unknown, malformed])
      expect(refused).toEqual({ accepted: false, userErrors: [{ field: ['token'], code: 'INVALID_TOKEN', message: again.userErrors[0].message }] });
    expect((await as('store-a', 'agent@store-a.test', READ, { id: ticket.id })).ticket.status).toBe('CLOSED');
  });

  test('answered 2/5: the ticket is reopened and handed to the store manager, who owns complaint follow-up and is told the score and the comment', async () => {
    const ticket = await resolvedTicket(TicketType.COMPLAINT);
    await drain();
    const token = linkSentTo(ticket.email);
    expect((await answer(token, 6)).userErrors).toEqual([expect.objectContaining({ field: ['score'], code: 'INVALID_SCORE' })]);
    expect((await answer(token, 2, 'x'.repeat(2001))).userErrors).toEqual([expect.objectContaining({ field: ['comment'], code: 'INVALID_COMMENT' })]);
    // A refused answer leaves the link usable.
    expect(await answer(token, 2, 'Still flickers')).toEqual({ accepted: true, userErrors: [] });

    const read = (await as('store-a', 'agent@store-a.test', READ, { id: ticket.id })).ticket;
    // Reopened, then handed to the follow-up owner (the standard's default: the store manager), which makes it ASSIGNED.
    expect(read).toMatchObject({ status: 'ASSIGNED', callback: { state: 'ANSWERED', score: 2, comment: 'Still flickers' } });
    const timeline = await timelineOf(ticket.id);
    const reopened = timeline.filter((e) => e.kind === 'STATUS_CHANGED').pop()!;
    expect(reopened).toMatchObject({ actor_kind: 'SYSTEM', data: { to: 'REOPENED', note: expect.stringContaining('2/5') } });
    expect(timeline.find((e) => e.kind === 'REASSIGNED')).toMatchObject({
      summary: expect.stringContaining('Reassigned to Manager A: STORE_MANAGER owns the follow-up'),
    });
    expect(timeline.find((e) => e.kind === 'COMPLAINT_FOLLOW_UP')).toMatchObject({
      summary: expect.stringContaining('handed to Manager A (STORE_MANAGER)'),
      data: { score: 2, comment: 'Still flickers', ownerRole: 'STORE_MANAGER' },
    });

    await drain();
    const toManager = smtp.messages.filter((m) => m.to.includes('manager@store-a.test'));
    const followUp = toManager.filter((m) => m.subject.includes('2/5'));
    expect(followUp).toHaveLength(1);
    // Named for what it is (not a missed deadline of some escalation level), with the score and the customer's own words.
    expect(followUp[0].subject).not.toMatch(/level|escalat/i);
    expect(followUp[0].text).toContain('Still flickers');
    expect(followUp[0].text).toMatch(/2\/5/);
    expect(followUp[0].text).toContain('Manager A');

    // Worked and resolved again, the ticket gets a callback of its own for the new resolution.
    clock.advance(3600_000);
    expect((await as('store-a', 'agent@store-a.test', MOVE, { input: { ticketId: ticket.id, to: 'IN_PROGRESS' } })).moveTicket.userErrors).toEqual([]);
    expect(
      (await as('store-a', 'agent@store-a.test', MOVE, { input: { ticketId: ticket.id, to: 'RESOLVED', note: 'Replaced the panel' } })).moveTicket.userErrors,
    ).toEqual([]);
    const { rows } = await admin.query(`select state, score from callbacks where ticket_id = $1 order by created_at`, [uuidOf(ticket.id)]);
    expect(rows).toEqual([
      { state: 'ANSWERED', score: 2 },
      { state: 'PENDING', score: null },
    ]);
    expect((await as('store-a', 'agent@store-a.test', READ, { id: ticket.id })).ticket.callback.state).toBe('PENDING');
  });

  test('the same link answered twice at once: exactly one answer is recorded', async () => {
    const ticket = await resolvedTicket(TicketType.COMPLAINT);
    await drain();
    const token = linkSentTo(ticket.email);
    const results = await Promise.all([answer(token, 5), answer(token, 1), answer(token, 3)]);
    expect(results.filter((r) => r.accepted)).toHaveLength(1);
    expect(results.filter((r) => !r.accepted).map((r) => r.userErrors[0].code)).toEqual(['INVALID_TOKEN', 'INVALID_TOKEN']);
    expect((await kinds(ticket.id)).filter((kind) => kind === 'CALLBACK_COMPLETED')).toHaveLength(1);
  });

  test('a good score leaves a complaint resolved while its result has not been reported, and says why', async () => {
    const ticket = await resolvedTicket(TicketType.COMPLAINT, { reportResult: false });
    await drain();
    expect(await answer(linkSentTo(ticket.email), 4)).toEqual({ accepted: true, userErrors: [] });
    expect((await as('store-a', 'agent@store-a.test', READ, { id: ticket.id })).ticket.status).toBe('RESOLVED');
    expect((await kinds(ticket.id)).slice(-2)).toEqual(['CALLBACK_COMPLETED', 'CALLBACK_NOT_CLOSED']);
  });
});

describe('no answer', () => {
  test('one reminder with a new link after 2 days (the first link stops working), then "no response" after 5; staff then call', async () => {
    const ticket = await resolvedTicket(TicketType.PAID_SERVICE);
    await drain();
    const first = linkSentTo(ticket.email);

    clock.advance(2 * DAY);
    await drain();
    await drain();
    const reminders = smtp.messages.filter((m) => m.to.includes(ticket.email) && LINK.test(m.text) && LINK.exec(m.text)![1] !== first);
    expect(reminders).toHaveLength(1);
    const second = LINK.exec(reminders[0].text)![1];
    expect((await callbackRow(ticket.id)).state).toBe('REMINDED');
    expect((await answer(first, 5)).userErrors[0].code).toBe('INVALID_TOKEN');

    clock.advance(3 * DAY);
    await drain();
    const row = await callbackRow(ticket.id);
    expect(row).toMatchObject({ state: 'NO_RESPONSE', token_hash: null });
    expect((await answer(second, 5)).userErrors[0].code).toBe('INVALID_TOKEN');
    expect((await kinds(ticket.id)).filter((kind) => kind.startsWith('CALLBACK_'))).toEqual(['CALLBACK_SENT', 'CALLBACK_REMINDED', 'CALLBACK_NO_RESPONSE']);
    // Exactly two messages with a link: the survey and its one reminder.
    expect(smtp.messages.filter((m) => m.to.includes(ticket.email) && LINK.test(m.text))).toHaveLength(2);

    const phoned = (await as('store-a', 'tech@store-a.test', PHONE, { input: { ticketId: ticket.id, score: 4, comment: 'Happy now' } })).recordPhoneCallback;
    expect(phoned).toEqual({
      callback: { state: 'CALLED_BY_PHONE', score: 4, comment: 'Happy now', channel: 'PHONE', calledBy: { name: 'Tech A' } },
      ticket: { status: 'CLOSED' },
      userErrors: [],
    });
    const twice = (await as('store-a', 'tech@store-a.test', PHONE, { input: { ticketId: ticket.id, score: 5 } })).recordPhoneCallback;
    expect(twice).toMatchObject({ callback: null, userErrors: [{ code: 'CALLBACK_DONE' }] });
  });

  test('a phone callback while the survey is out ends the survey: its link and its reminder', async () => {
    const ticket = await resolvedTicket(TicketType.COMPLAINT);
    await drain();
    const token = linkSentTo(ticket.email);
    const phoned = (await as('store-a', 'agent@store-a.test', PHONE, { input: { ticketId: ticket.id, score: 1, comment: 'Very unhappy' } }))
      .recordPhoneCallback;
    expect(phoned).toMatchObject({ callback: { state: 'CALLED_BY_PHONE', calledBy: { name: 'Agent A' } }, ticket: { status: 'ASSIGNED' }, userErrors: [] });
    expect((await answer(token, 5)).userErrors[0].code).toBe('INVALID_TOKEN');
    expect((await actionsOf(ticket.id)).filter((a) => a.kind === 'CALLBACK_REMINDER').map((a) => a.state)).toEqual(['CANCELLED']);
    expect(await kinds(ticket.id)).toContain('COMPLAINT_FOLLOW_UP');
  });

  test('a reopened ticket cancels its survey: the reminder does nothing and the link stops working', async () => {
    const ticket = await resolvedTicket(TicketType.COMPLAINT);
    await drain();
    const token = linkSentTo(ticket.email);
    await as('store-a', 'agent@store-a.test', MOVE, { input: { ticketId: ticket.id, to: 'REOPENED', note: 'Customer called: it flickers again' } });
    expect((await answer(token, 5)).userErrors[0].code).toBe('INVALID_TOKEN');
    clock.advance(2 * DAY);
    await drain();
    expect((await callbackRow(ticket.id)).state).toBe('CANCELLED');
    expect(smtp.messages.filter((m) => m.to.includes(ticket.email) && LINK.test(m.text))).toHaveLength(1);
  });
});

describe('tickets the policy does not pick', () => {
  test('a repair outside the share gets no callback; a phone callback can still be recorded', async () => {
    let ticket: { id: string; email: string } | null = null;
    for (let attempt = 0; attempt < 20 && !ticket; attempt++) {
      const candidate = await resolvedTicket(TicketType.REPAIR);
      if (sampleOf(uuidOf(candidate.id)) >= DEFAULT_CALLBACK_POLICY.otherTypesShare) ticket = candidate;
    }
    expect(ticket).not.toBeNull();
    const { id } = ticket!;
    expect((await actionsOf(id)).filter((a) => a.kind.startsWith('CALLBACK_'))).toEqual([]);
    expect((await as('store-a', 'agent@store-a.test', READ, { id })).ticket.callback).toBeNull();
    const phoned = (await as('store-a', 'agent@store-a.test', PHONE, { input: { ticketId: id, score: 5 } })).recordPhoneCallback;
    expect(phoned).toMatchObject({ callback: { state: 'CALLED_BY_PHONE', score: 5 }, ticket: { status: 'CLOSED' } });
  });

  test('a phone callback needs a resolved ticket', async () => {
    const registered = await as('store-a', 'agent@store-a.test', REGISTER, {
      input: { type: 'INQUIRY', channel: 'PHONE', newCustomer: { name: 'Open Ticket', phone: '13911112222' }, problem: 'Which charger fits?' },
    });
    const phoned = (await as('store-a', 'agent@store-a.test', PHONE, { input: { ticketId: registered.registerTicket.ticket.id, score: 5 } }))
      .recordPhoneCallback;
    expect(phoned.userErrors).toEqual([expect.objectContaining({ code: 'TICKET_NOT_RESOLVED' })]);
  });
});

describe('tenant isolation', () => {
  test("a token of store A touches only store A's callback; store B can neither read nor record A's callback", async () => {
    const a = await resolvedTicket(TicketType.COMPLAINT);
    const b = await resolvedTicket(TicketType.COMPLAINT, { store: 'store-b' });
    await drain();
    expect(await answer(linkSentTo(a.email), 5)).toEqual({ accepted: true, userErrors: [] });
    expect((await callbackRow(b.id)).state).toBe('SENT');

    const read = await api.gql(READ, { id: a.id }, await api.login('store-b', 'agent@store-b.test'));
    expect(read.body.data?.ticket ?? null).toBeNull();
    const phoned = await api.gql(PHONE, { input: { ticketId: a.id, score: 1 } }, await api.login('store-b', 'manager@store-b.test'));
    expect(phoned.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Under the runtime role, store B's transaction sees its own callbacks only.
    const seenByB = await inTenantTransaction(api.orm, storeB, (em) => em.find(Callback, {}));
    expect(seenByB.map((c) => c.tenantId)).toEqual(seenByB.map(() => storeB));
    expect(seenByB.map((c) => c.ticketId)).toContain(uuidOf(b.id));
    const seenByA = await inTenantTransaction(api.orm, storeA, (em) => em.find(Callback, { ticketId: uuidOf(b.id) }));
    expect(seenByA).toEqual([]);
  });
});
