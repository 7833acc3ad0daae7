import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ActionKind } from '../core/action-enums';
import { ManualClock } from '../core/clock';
import { toGlobalId } from '../core/global-id';
import { projectRoot } from '../core/project-root';
import { processCallbackExpiry } from '../domain/callbacks/callback-expiry.processor';
import { processCallbackReminder } from '../domain/callbacks/callback-reminder.processor';
import { processCallbackSurvey } from '../domain/callbacks/callback-survey.processor';
import type { ProcessorDeps } from '../domain/scheduling/processor';
import { SmtpEmailSender } from '../infra/mail/smtp-email-sender';
import { rebuildStoreFigures } from '../tenants/store-figures';
import { ACTION_PROCESSORS } from '../worker/actions/processors';
import { drainDueActions } from './support/action-driver';
import { parseCsv } from './support/csv';
import { uuidOf } from './support/desk-fixtures';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The customer-care figures, counted from the facts kept as tickets,
 * callbacks and orders change. Tickets written out by hand at known instants
 * (Asia/Shanghai, weekdays 09:00-12:00 and 13:30-18:00) under the demo
 * standard (a complaint resolved and answered within 3 working days), every
 * resolved ticket called back, the survey's one reminder after half a day and
 * "no response" after one day; read on Friday 2026-03-13 at 12:00 for ISO
 * week 2026-W11 (Monday 03-09 to Sunday 03-15):
 *
 * store-a
 *   X1 repair      Sun 03-08 20:00 (the week before), nothing since
 *   C1 complaint   Mon 09:00; result reported Tue 10:00 (due Thu 09:00); resolved Tue 11:00, survey sent, called back 5
 *   C2 complaint   Mon 10:00; nothing since (due Thu 10:00: past due at the reading)
 *   R1 repair      Mon 11:00 on a new device D1; resolved Mon 15:00, survey sent, called back 4 (closed)
 *   P1 paid svc    Mon 14:00 on a new device D2; resolved Tue 14:00, survey sent, called back 2 (reopened)
 *   I1 inquiry     Tue 09:00; resolved Tue 10:00, survey sent, reminded, no response Wed 10:00
 *   C3 complaint   Wed 09:00; nothing since (due Mon 03-16 09:00)
 *   R2 repair      Wed 10:00 on D1 again: R1's device back 2 days after its resolution
 * store-b
 *   B1 repair      Mon 09:00; resolved Mon 10:00, survey sent, called back 1 (reopened)
 *
 * Every expected number below is worked out from those lines.
 */
const at = (local: string) => new Date(`${local}+08:00`);
const clock = new ManualClock(at('2026-03-08T20:00:00'));
let api: TestApi;
let admin: Client;
let smtp: SmtpCatcher;
let sender: SmtpEmailSender;
let processorDeps: ProcessorDeps;
const token: Record<string, string> = {};
const ids: Record<string, string> = {};
const storeId: Record<string, string> = {};
let modelId: string;

const processors = {
  ...ACTION_PROCESSORS,
  [ActionKind.CALLBACK_SURVEY]: processCallbackSurvey,
  [ActionKind.CALLBACK_REMINDER]: processCallbackReminder,
  [ActionKind.CALLBACK_EXPIRY]: processCallbackExpiry,
};
const drain = () => drainDueActions(api.orm, clock, processorDeps, { processors });

const SURVEY = `surveys sent answered noResponse scores { score count } satisfied csatPercent lowScores lowScoresReopened lowScoresNotReopened`;
const SET = `tickets
  complaints { complaints per1000Tickets answered answeredWithinStandard decidedOnStandard withinStandardPercent calledBack calledBackPercent }
  surveys { ${SURVEY} }
  paidServiceSurveys { ${SURVEY} }
  repeatRepairs { resolutions backWithin30Days backWithin30DaysPercent backWithin90Days backWithin90DaysPercent }`;
const FIGURES = `query($filter: ServiceFigureFilter!, $groupBy: FigureInterval) {
  careFigures(filter: $filter, groupBy: $groupBy) { from to storeCount ${SET} series { start ${SET} } }
}`;
const DRILL = `query($filter: ServiceFigureFilter!, $figure: CareFigure!, $score: Int, $paid: Boolean, $first: Int!, $after: String) {
  careFigureTickets(filter: $filter, figure: $figure, score: $score, paidServicesOnly: $paid, first: $first, after: $after) {
    edges { node { ticketId number storeSlug type localDate countedAt resultReportedAt complaintDueAt returnedAt callbackState score reopened } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const WEEK = { period: { week: '2026-W11' } };

async function call(credential: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

async function errorOf(credential: string, query: string, variables: Record<string, unknown>): Promise<string> {
  const response = await api.gql(query, variables, credential);
  return response.body.errors?.[0]?.extensions?.code ?? 'none';
}

async function act(store: string, mutation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const data = await call(
    token[store],
    `mutation($i: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { userErrors { code message } } }`,
    { i: input },
  );
  expect(data[mutation].userErrors).toEqual([]);
  return data[mutation];
}

let customers = 0;

async function register(store: string, name: string, type: string, device?: { serial: string } | { sameAs: string }): Promise<void> {
  customers += 1;
  const deviceInput =
    device && 'serial' in device
      ? { newDevice: { modelId, serialNumber: device.serial, purchaseSource: 'ELSEWHERE' } }
      : device
        ? { customerId: ids[`${device.sameAs}:customer`], deviceId: ids[`${device.sameAs}:device`] }
        : {};
  const data = await call(
    token[store],
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id customer { id } device { id } } userErrors { code message } } }`,
    {
      i: {
        type,
        channel: 'WALK_IN',
        problem: `${name}: the laptop runs hot`,
        ...(device && 'sameAs' in device
          ? {}
          : { newCustomer: { name, phone: `1380000${String(customers).padStart(4, '0')}`, email: `${name.toLowerCase()}@example.test`, locale: 'EN' } }),
        ...deviceInput,
      },
    },
  );
  expect(data.registerTicket.userErrors).toEqual([]);
  ids[name] = data.registerTicket.ticket.id;
  ids[`${name}:customer`] = data.registerTicket.ticket.customer.id;
  ids[`${name}:device`] = data.registerTicket.ticket.device?.id;
}

async function resolve(store: string, name: string): Promise<void> {
  const staff = await call(token[store], `{ staffUsers(first: 20) { edges { node { id email } } } }`);
  const agent = staff.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email.startsWith('agent@')).node.id;
  await act(store, 'assignTicket', { ticketId: ids[name], assigneeId: agent });
  await act(store, 'moveTicket', { ticketId: ids[name], to: 'IN_PROGRESS' });
  await act(store, 'moveTicket', { ticketId: ids[name], to: 'RESOLVED', note: 'Done' });
  // The survey goes out now.
  await drain();
}

const calledBack = (store: string, name: string, score: number) => act(store, 'recordPhoneCallback', { ticketId: ids[name], score });

async function reportResult(name: string): Promise<void> {
  await act('store-a', 'recordComplaintInvestigation', {
    ticketId: ids[name],
    findings: 'The agent promised without checking stock',
    substantiated: true,
    actionTaken: 'Coaching',
  });
  await act('store-a', 'reportComplaintResult', { ticketId: ids[name], via: 'PHONE', message: 'You were right; the part comes Friday' });
}

async function facts(): Promise<{ tickets: unknown[]; callbacks: unknown[] }> {
  const tickets = await admin.query(
    `select tenant_id, ticket_id, registered_at, local_date::text, ticket_type, channel, priority, device_id, result_reported_at, called_back,
            resolved_at, resolved_local_date::text, returned_at
       from ticket_care_facts order by ticket_id`,
  );
  const callbacks = await admin.query(
    `select tenant_id, callback_id, ticket_id, resolved_at, local_date::text, ticket_type, channel, priority, paid_service, state, sent_at, score,
            answered_at, reopened
       from callback_care_facts order by callback_id`,
  );
  return { tickets: tickets.rows, callbacks: callbacks.rows };
}

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  smtp = await startSmtpCatcher();
  sender = new SmtpEmailSender({ url: smtp.url, from: 'Aftersales <no-reply@example.test>' });
  processorDeps = { channels: { email: sender, sms: null }, fetch, publicBaseUrl: 'https://service.example.test', webhookTimeoutMs: 1000 };
  for (const row of (await admin.query<{ slug: string; id: string }>(`select slug, id from tenants`)).rows) storeId[row.slug] = row.id;
  const model = await admin.query<{ id: string }>(
    `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months)
     values ($1, 'CARE-14', 'Care 14', 'LAPTOP', 12, 24) returning id`,
    [storeId['hq-one']],
  );
  modelId = toGlobalId('ProductModel', model.rows[0].id);
  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const definition = `${readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one')}
callbacks:
  otherTypesShare: 1
  reminderAfterDays: 0.5
  noResponseAfterDays: 1
`;
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code message } } }`,
    { i: { definition } },
    hqAdmin,
  );
  expect(published.body.data.publishSlaTemplate.userErrors).toEqual([]);
  // API keys do not expire while the clock moves.
  const keyOf = async (tenant: string, email: string, role: string) =>
    (await api.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, { i: { name: 'care', role } }, await api.login(tenant, email)))
      .body.data.createApiKey.secret;
  token['store-a'] = await keyOf('store-a', 'manager@store-a.test', 'STORE_MANAGER');
  token['store-b'] = await keyOf('store-b', 'manager@store-b.test', 'STORE_MANAGER');
  token['hq-one'] = await keyOf('hq-one', 'admin@hq-one.test', 'HQ_SUPERVISOR');
  token['hq-two'] = await keyOf('hq-two', 'admin@hq-two.test', 'HQ_ADMIN');

  clock.set(at('2026-03-08T20:00:00'));
  await register('store-a', 'X1', 'REPAIR');
  clock.set(at('2026-03-09T09:00:00'));
  await register('store-a', 'C1', 'COMPLAINT');
  await register('store-b', 'B1', 'REPAIR');
  clock.set(at('2026-03-09T10:00:00'));
  await register('store-a', 'C2', 'COMPLAINT');
  await resolve('store-b', 'B1');
  clock.set(at('2026-03-09T10:30:00'));
  await calledBack('store-b', 'B1', 1);
  clock.set(at('2026-03-09T11:00:00'));
  await register('store-a', 'R1', 'REPAIR', { serial: 'CARE-D1' });
  clock.set(at('2026-03-09T14:00:00'));
  await register('store-a', 'P1', 'PAID_SERVICE', { serial: 'CARE-D2' });
  clock.set(at('2026-03-09T15:00:00'));
  await resolve('store-a', 'R1');
  clock.set(at('2026-03-09T16:00:00'));
  await calledBack('store-a', 'R1', 4);
  clock.set(at('2026-03-10T09:00:00'));
  await register('store-a', 'I1', 'INQUIRY');
  clock.set(at('2026-03-10T10:00:00'));
  await reportResult('C1');
  await resolve('store-a', 'I1');
  clock.set(at('2026-03-10T11:00:00'));
  await resolve('store-a', 'C1');
  clock.set(at('2026-03-10T11:30:00'));
  await calledBack('store-a', 'C1', 5);
  clock.set(at('2026-03-10T14:00:00'));
  await resolve('store-a', 'P1');
  clock.set(at('2026-03-10T15:00:00'));
  await calledBack('store-a', 'P1', 2);
  clock.set(at('2026-03-10T22:00:00'));
  await drain(); // I1's reminder
  clock.set(at('2026-03-11T09:00:00'));
  await register('store-a', 'C3', 'COMPLAINT');
  clock.set(at('2026-03-11T10:00:00'));
  await drain(); // I1: no response
  await register('store-a', 'R2', 'REPAIR', { sameAs: 'R1' });
  clock.set(at('2026-03-13T12:00:00'));
}, 240000);

afterAll(async () => {
  sender?.close();
  await smtp?.close();
  await admin?.end();
  await api?.stop();
});

const scores = (...counts: number[]) => counts.map((count, index) => ({ score: index + 1, count }));

const STORE_A_WEEK = {
  // C1, C2, R1, P1, I1, C3, R2: X1 came the Sunday before.
  tickets: 7,
  complaints: {
    complaints: 3,
    per1000Tickets: 428.57,
    // C1 answered Tue 10:00, before its Thu 09:00 due; C2 is past its Thu 10:00 due unanswered; C3 is due next Monday.
    answered: 1,
    answeredWithinStandard: 1,
    decidedOnStandard: 2,
    withinStandardPercent: 50,
    calledBack: 1,
    calledBackPercent: 33.33,
  },
  // R1 resolved Monday; C1, P1 and I1 on Tuesday: all four surveys sent.
  surveys: {
    surveys: 4,
    sent: 4,
    answered: 3,
    noResponse: 1,
    scores: scores(0, 1, 0, 1, 1),
    satisfied: 2,
    csatPercent: 66.67,
    lowScores: 1,
    lowScoresReopened: 1,
    lowScoresNotReopened: 0,
  },
  paidServiceSurveys: {
    surveys: 1,
    sent: 1,
    answered: 1,
    noResponse: 0,
    scores: scores(0, 1, 0, 0, 0),
    satisfied: 0,
    csatPercent: 0,
    lowScores: 1,
    lowScoresReopened: 1,
    lowScoresNotReopened: 0,
  },
  // R1 on D1 is the one resolution on a device that stands (P1 was reopened); D1 came back Wednesday.
  repeatRepairs: { resolutions: 1, backWithin30Days: 1, backWithin30DaysPercent: 100, backWithin90Days: 1, backWithin90DaysPercent: 100 },
};

test("a store's week: complaints, surveys, paid-service surveys and repeat repairs", async () => {
  const { careFigures } = await call(token['store-a'], FIGURES, { filter: WEEK });
  expect(careFigures).toEqual({ from: '2026-03-09', to: '2026-03-15', storeCount: 1, ...STORE_A_WEEK, series: [] });
});

test("HQ's network adds store-b's B1 (a repair scored 1 and reopened); naming one store reads only it", async () => {
  const { careFigures } = await call(token['hq-one'], FIGURES, { filter: WEEK });
  expect(careFigures).toMatchObject({
    storeCount: 2,
    tickets: 8,
    complaints: { complaints: 3, per1000Tickets: 375, answered: 1, answeredWithinStandard: 1, decidedOnStandard: 2, calledBack: 1 },
    surveys: {
      surveys: 5,
      sent: 5,
      answered: 4,
      noResponse: 1,
      scores: scores(1, 1, 0, 1, 1),
      satisfied: 2,
      csatPercent: 50,
      lowScores: 2,
      lowScoresReopened: 2,
      lowScoresNotReopened: 0,
    },
    paidServiceSurveys: STORE_A_WEEK.paidServiceSurveys,
    repeatRepairs: STORE_A_WEEK.repeatRepairs,
  });
  const one = await call(token['hq-one'], FIGURES, { filter: { ...WEEK, stores: [toGlobalId('Tenant', storeId['store-a'])] } });
  expect(one.careFigures).toEqual({ from: '2026-03-09', to: '2026-03-15', storeCount: 1, ...STORE_A_WEEK, series: [] });
});

test('the series cuts the week by day; the week before holds X1 alone', async () => {
  const { careFigures } = await call(token['store-a'], FIGURES, { filter: WEEK, groupBy: 'DAY' });
  expect(careFigures.series.map((bucket: { start: string }) => bucket.start)).toEqual([
    '2026-03-09',
    '2026-03-10',
    '2026-03-11',
    '2026-03-12',
    '2026-03-13',
    '2026-03-14',
    '2026-03-15',
  ]);
  const [monday, tuesday, wednesday, thursday] = careFigures.series;
  expect([monday.tickets, tuesday.tickets, wednesday.tickets, thursday.tickets]).toEqual([4, 1, 2, 0]);
  expect([monday.complaints.complaints, tuesday.complaints.complaints, wednesday.complaints.complaints]).toEqual([2, 0, 1]);
  expect(monday.surveys).toMatchObject({ surveys: 1, answered: 1, scores: scores(0, 0, 0, 1, 0) });
  expect(tuesday.surveys).toMatchObject({ surveys: 3, answered: 2, noResponse: 1, scores: scores(0, 1, 0, 0, 1) });
  expect(monday.repeatRepairs).toMatchObject({ resolutions: 1, backWithin30Days: 1 });
  expect(tuesday.repeatRepairs).toMatchObject({ resolutions: 0, backWithin30Days: 0 });
  const before = await call(token['store-a'], FIGURES, { filter: { period: { week: '2026-W10' } } });
  expect(before.careFigures).toMatchObject({ tickets: 1, complaints: { complaints: 0, per1000Tickets: 0 }, surveys: { surveys: 0 } });
});

async function drill(credential: string, figure: string, extra: Record<string, unknown> = {}, filter: Record<string, unknown> = WEEK) {
  const { careFigureTickets } = await call(credential, DRILL, { filter, figure, first: 50, ...extra });
  return careFigureTickets.edges.map((edge: { node: Record<string, unknown> }) => edge.node);
}

const numbersOf = (nodes: { ticketId: string }[]) => nodes.map((node) => Object.entries(ids).find(([, id]) => id === node.ticketId)?.[0]);

test('each figure drills into as many tickets as it counts, newest first', async () => {
  expect(numbersOf(await drill(token['store-a'], 'COMPLAINTS'))).toEqual(['C3', 'C2', 'C1']);
  expect(numbersOf(await drill(token['store-a'], 'COMPLAINTS_DECIDED_ON_STANDARD'))).toEqual(['C2', 'C1']);
  const within = await drill(token['store-a'], 'COMPLAINTS_ANSWERED_WITHIN_STANDARD');
  expect(within).toEqual([
    expect.objectContaining({
      ticketId: ids.C1,
      localDate: '2026-03-09',
      resultReportedAt: at('2026-03-10T10:00:00').toISOString(),
      // 3 working days from Monday 09:00.
      complaintDueAt: at('2026-03-12T09:00:00').toISOString(),
    }),
  ]);
  expect(numbersOf(await drill(token['store-a'], 'COMPLAINTS_CALLED_BACK'))).toEqual(['C1']);
  expect(numbersOf(await drill(token['store-a'], 'SURVEYS_SENT'))).toEqual(['P1', 'C1', 'I1', 'R1']);
  expect(numbersOf(await drill(token['store-a'], 'SURVEYS_NO_RESPONSE'))).toEqual(['I1']);
  expect(numbersOf(await drill(token['store-a'], 'SURVEYS_SATISFIED'))).toEqual(['C1', 'R1']);
  expect(await drill(token['store-a'], 'SURVEYS_ANSWERED', { score: 2 })).toEqual([
    expect.objectContaining({ ticketId: ids.P1, callbackState: 'CALLED_BY_PHONE', score: 2, reopened: true, localDate: '2026-03-10' }),
  ]);
  expect(numbersOf(await drill(token['store-a'], 'SURVEYS', { paid: true }))).toEqual(['P1']);
  expect(numbersOf(await drill(token['hq-one'], 'LOW_SCORES_REOPENED'))).toEqual(['P1', 'B1']);
  expect(await drill(token['hq-one'], 'LOW_SCORES_NOT_REOPENED')).toEqual([]);
  expect(await drill(token['store-a'], 'BACK_WITHIN_90_DAYS')).toEqual([
    expect.objectContaining({ ticketId: ids.R1, countedAt: at('2026-03-09T15:00:00').toISOString(), returnedAt: at('2026-03-11T10:00:00').toISOString() }),
  ]);
  // A score narrows the survey figures only.
  expect(await errorOf(token['store-a'], DRILL, { filter: WEEK, figure: 'COMPLAINTS', score: 2, first: 5 })).toBe('BAD_USER_INPUT');
});

test('the drill-down pages through the same tickets the figure counts', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const { careFigureTickets } = await call(token['store-a'], DRILL, { filter: WEEK, figure: 'TICKETS', first: 3, after });
    seen.push(...careFigureTickets.edges.map((edge: { node: { ticketId: string } }) => edge.node.ticketId));
    after = careFigureTickets.pageInfo.hasNextPage ? careFigureTickets.pageInfo.endCursor : null;
    pages += 1;
  } while (after);
  expect(pages).toBe(3);
  expect(numbersOf(seen.map((ticketId) => ({ ticketId })))).toEqual(['R2', 'C3', 'I1', 'P1', 'R1', 'C2', 'C1']);
});

async function download(path: string, credential: string): Promise<Response> {
  return fetch(new URL(path, api.url), { headers: { authorization: `Bearer ${credential}` } });
}

test('care-figures.csv in UTF-8 with a BOM, and care-figures.json, say what the query says', async () => {
  const csv = await download('/exports/care-figures.csv?week=2026-W11&groupBy=DAY', token['store-a']);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = Buffer.from(await csv.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
  const lines = rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]])));
  expect(lines.length).toBe(1 + 7);
  expect(lines[0]).toMatchObject({
    interval: 'PERIOD',
    start: '2026-03-09',
    end: '2026-03-15',
    tickets: '7',
    complaints: '3',
    complaintsPer1000Tickets: '428.57',
    complaintsWithinStandardPercent: '50',
    surveySent: '4',
    surveyScore2: '1',
    surveyCsatPercent: '66.67',
    paidSurveyLowScoresReopened: '1',
    backWithin30Days: '1',
  });
  expect(lines[2]).toMatchObject({ interval: 'DAY', start: '2026-03-10', end: '2026-03-10', tickets: '1', surveySurveys: '3' });

  const json = await download('/exports/care-figure-tickets.json?week=2026-W11&figure=SURVEYS_ANSWERED', token['hq-one']);
  expect(json.status).toBe(200);
  const answered = (await json.json()) as { ticketId: string; storeSlug: string; score: number }[];
  expect(Object.keys(answered[0]).sort()).toEqual(
    [
      'ticketId',
      'number',
      'storeSlug',
      'storeName',
      'type',
      'status',
      'priority',
      'channel',
      'localDate',
      'countedAt',
      'resultReportedAt',
      'complaintDueAt',
      'returnedAt',
      'callbackState',
      'score',
      'reopened',
    ].sort(),
  );
  expect(answered.map((row) => [numbersOf([row])[0], row.storeSlug, row.score])).toEqual([
    ['P1', 'store-a', 2],
    ['C1', 'store-a', 5],
    ['R1', 'store-a', 4],
    ['B1', 'store-b', 1],
  ]);
});

test('a store reads only its own figures; another network’s HQ sees none of this one', async () => {
  const storeA = toGlobalId('Tenant', storeId['store-a']);
  expect(await errorOf(token['store-b'], FIGURES, { filter: { ...WEEK, stores: [storeA] } })).toBe('NOT_FOUND');
  expect(await errorOf(token['store-b'], DRILL, { filter: { ...WEEK, stores: [storeA] }, figure: 'COMPLAINTS', first: 5 })).toBe('NOT_FOUND');
  expect(await errorOf(token['hq-two'], FIGURES, { filter: { ...WEEK, stores: [storeA] } })).toBe('NOT_FOUND');
  const own = await call(token['store-b'], FIGURES, { filter: WEEK });
  expect(own.careFigures).toMatchObject({ storeCount: 1, tickets: 1, complaints: { complaints: 0 }, surveys: { surveys: 1, scores: scores(1, 0, 0, 0, 0) } });
  expect(numbersOf(await drill(token['store-b'], 'SURVEYS'))).toEqual(['B1']);
  const other = await call(token['hq-two'], FIGURES, { filter: WEEK });
  expect(other.careFigures).toMatchObject({ tickets: 0, surveys: { surveys: 0 }, repeatRepairs: { resolutions: 0 } });
  expect(await drill(token['hq-two'], 'TICKETS')).toEqual([]);
  const refused = await download(`/exports/care-figure-tickets.csv?week=2026-W11&figure=TICKETS&stores=${encodeURIComponent(storeA)}`, token['store-b']);
  expect(refused.status).toBe(404);
});

test('figures rebuild writes the same care facts again, and the figures read the same', async () => {
  const before = await facts();
  const figures = (await call(token['hq-one'], FIGURES, { filter: WEEK, groupBy: 'DAY' })).careFigures;
  expect(before.tickets.length).toBe(9);
  expect(before.callbacks.length).toBe(5);
  await admin.query('delete from callback_care_facts');
  await admin.query('delete from ticket_care_facts');
  expect((await call(token['hq-one'], FIGURES, { filter: WEEK })).careFigures.tickets).toBe(0);
  await rebuildStoreFigures(api.orm, storeId['store-a'], clock);
  await rebuildStoreFigures(api.orm, storeId['store-b'], clock);
  expect(await facts()).toEqual(before);
  expect((await call(token['hq-one'], FIGURES, { filter: WEEK, groupBy: 'DAY' })).careFigures).toEqual(figures);
});

test('reporting a complaint’s result reads its clocks again at once: the first contact stops with it, and the complaint counts as answered', async () => {
  clock.set(at('2026-03-23T09:00:00'));
  await register('store-a', 'C9', 'COMPLAINT');
  await act('store-a', 'recordComplaintInvestigation', { ticketId: ids.C9, findings: 'Promised too early', substantiated: true, actionTaken: 'Coaching' });
  const firstContact = async () =>
    (
      await admin.query<{ outcome: string; stopped_at: Date | null }>(
        `select outcome, stopped_at from ticket_metric_facts where ticket_id = $1 and metric = 'FIRST_CONTACT'`,
        [uuidOf(ids.C9)],
      )
    ).rows;
  clock.set(at('2026-03-23T09:30:00'));
  expect(await firstContact()).toEqual([{ outcome: 'RUNNING', stopped_at: null }]);
  await act('store-a', 'reportComplaintResult', { ticketId: ids.C9, via: 'PHONE', message: 'Sorry: the part comes Friday' });
  // Nothing else ran since: the report's own transaction read the clocks again.
  expect(await firstContact()).toEqual([{ outcome: 'MET', stopped_at: at('2026-03-23T09:30:00') }]);
  const met = await admin.query(`select occurred_at from ticket_events where ticket_id = $1 and kind = 'SLA_MET' and data->>'metric' = 'FIRST_CONTACT'`, [
    uuidOf(ids.C9),
  ]);
  expect(met.rows).toEqual([{ occurred_at: at('2026-03-23T09:30:00') }]);
  const { careFigures } = await call(token['store-a'], FIGURES, { filter: { period: { week: '2026-W13' } } });
  expect(careFigures.complaints).toEqual({
    complaints: 1,
    per1000Tickets: 1000,
    answered: 1,
    answeredWithinStandard: 1,
    decidedOnStandard: 1,
    withinStandardPercent: 100,
    calledBack: 0,
    calledBackPercent: 0,
  });
});
