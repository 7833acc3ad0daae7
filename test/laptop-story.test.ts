import { spawn, ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { createLogger } from '../infra/logger';
import { projectRoot } from '../core/project-root';
import { toGlobalId } from '../core/global-id';
import { RunningWorker, startWorker } from '../worker/worker';
import { CaughtMessage, SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { startTestApi, TestApi } from './support/test-api';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * The story this product exists for: a laptop runs hot; the part is promised
 * in 2 days, then 5; it does not come. Every promise is kept by the worker on
 * real BullMQ, with a real SMTP server and a partner's webhook receiver in the
 * test process: the customer hears of every step, the technician is reminded,
 * the breach climbs the ladder to HQ, and after the repair the survey goes out
 * and a 2/5 reopens the ticket for the store manager. Halfway through, Redis
 * loses everything (FLUSHALL on a Redis of the test's own); afterwards every
 * due action has run and nothing was sent twice. Time moves on a ManualClock.
 */
const HOUR = 3600_000;
const clock = new ManualClock(new Date('2026-03-10T10:00:00+08:00')); // a Tuesday, in working hours
let redisServer: ChildProcess;
let redis: Redis;
let api: TestApi;
let worker: RunningWorker;
let admin: Client;
let smtp: SmtpCatcher;
let partner: WebhookReceiver;
let key: string;
let ticketId: string;
let ticketUuid: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startPrivateRedis(): Promise<string> {
  const port = await freePort();
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  for (let i = 0; i < 100; i++) {
    try {
      await redis.connect();
      await redis.ping();
      return url;
    } catch {
      redis.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error('the private Redis did not start');
}

const gql = async (query: string, variables?: Record<string, unknown>) => {
  const response = await api.gql(query, variables, key);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  const payload = Object.values(response.body.data as Record<string, { userErrors?: unknown[] }>)[0];
  if (payload?.userErrors?.length) throw new Error(JSON.stringify(payload.userErrors));
  return response.body.data;
};

interface TimelineRow {
  kind: string;
  visibility: string;
  summary: string;
  data: Record<string, unknown>;
}

async function timeline(): Promise<TimelineRow[]> {
  const rows = await admin.query<TimelineRow>(`select kind, visibility, summary, data from ticket_events where ticket_id = $1 order by occurred_at, seq`, [
    ticketUuid,
  ]);
  return rows.rows;
}

/** The templates of the messages sent to the customer, in order, as the timeline records them. */
const sentToCustomer = async () =>
  (await timeline()).filter((row) => row.kind === 'NOTIFICATION_SENT' && row.visibility === 'CUSTOMER').map((row) => row.data.template as string);

/** Hands due actions over and waits until every action due now has run (or been rescheduled for later). */
async function settle(): Promise<void> {
  for (let round = 0; round < 400; round++) {
    await worker.actions.relayNow();
    const due = await admin.query<{ n: string }>(`select count(*) as n from scheduled_actions where state = 'PENDING' and due_at <= $1`, [clock.now()]);
    const counts = await Promise.all([...worker.actions.queues.values()].map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    const inFlight = counts.reduce((sum, count) => sum + Object.values(count).reduce((a, b) => a + b, 0), 0);
    if (Number(due.rows[0].n) === 0 && inFlight === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('actions did not settle');
}

/** Moves time forward hour by hour, letting the worker act at each step, as the real clock would. */
async function live(hours: number): Promise<void> {
  for (let i = 0; i < hours; i++) {
    clock.advance(HOUR);
    await settle();
  }
}

const mailTo = (address: string): CaughtMessage[] => smtp.messages.filter((message) => message.to.includes(address));

beforeAll(async () => {
  const redisUrl = await startPrivateRedis();
  smtp = await startSmtpCatcher();
  partner = await WebhookReceiver.start();
  const env = {
    REDIS_URL: redisUrl,
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: 'https://service.example.test',
    RELAY_INTERVAL_MS: '20',
    RECONCILE_AFTER_MS: '60000',
    WEBHOOK_TIMEOUT_MS: '2000',
    RATE_LIMIT_KEY_CAPACITY: '1000000',
    RATE_LIMIT_TENANT_CAPACITY: '1000000',
  };
  api = await startTestApi({ clock, env });
  worker = await startWorker({ orm: api.orm, config: api.config, clock, logger: createLogger('silent', 'story-worker') });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();

  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const manager = await api.login('store-a', 'manager@store-a.test');
  // The demo HQ's standard, calling back every ticket so this repair gets its survey.
  const definition = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8')
    .replace('owner: demo-hq', 'owner: hq-one')
    .replace('# callbacks:\n#   otherTypesShare: 0.3', 'callbacks:\n  otherTypesShare: 1\n#');
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code message } } }`,
    { i: { definition } },
    hqAdmin,
  );
  expect(published.body.data.publishSlaTemplate.userErrors).toEqual([]);
  // An API key does not expire, so the clock can move days ahead.
  key = (await api.gql(`mutation { createApiKey(input: { name: "desk", role: STORE_MANAGER }) { secret } }`, undefined, manager)).body.data.createApiKey.secret;
  const endpoint = await gql(`mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret userErrors { code message } } }`, {
    i: {
      url: partner.url,
      eventTypes: [
        'TICKET_CREATED',
        'TICKET_STATUS_CHANGED',
        'SLA_AT_RISK',
        'SLA_BREACHED',
        'TICKET_ESCALATED',
        'PART_DELAYED',
        'PART_LATE',
        'CALLBACK_ANSWERED',
      ],
    },
  });
  partner.secret = endpoint.createWebhookEndpoint.secret;
}, 120000);

afterAll(async () => {
  await worker?.close();
  await admin?.end();
  await api?.stop();
  await smtp?.close();
  await partner?.close();
  redis?.disconnect();
  redisServer?.kill('SIGKILL');
});

test('the laptop that runs hot: every promise is kept, through the loss of Redis', async () => {
  // Registered at the counter: the customer is told at once, the partner hears of it.
  const registered = await gql(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code message } } }`, {
    i: {
      type: 'REPAIR',
      channel: 'WALK_IN',
      problem: 'The laptop runs hot and shuts down under load',
      newCustomer: { name: 'Li Lei', phone: '13800138000', email: 'li.lei@example.test', locale: 'EN' },
    },
  });
  ticketId = registered.registerTicket.ticket.id;
  ticketUuid = Buffer.from(ticketId, 'base64url').toString('utf8').split(':')[1];
  await settle();
  expect(mailTo('li.lei@example.test').map((m) => m.subject)).toEqual([expect.stringContaining(registered.registerTicket.ticket.number)]);

  // Assigned to the technician, who calls the customer, starts, and orders the fan for Thursday.
  const tech = await admin.query<{ id: string }>(`select id from staff_users where email = 'tech@store-a.test'`);
  await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId, assigneeId: toGlobalId('StaffUser', tech.rows[0].id) },
  });
  await gql(`mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code message } } }`, {
    i: { ticketId, channel: 'PHONE', reached: true, outcome: 'Explained the diagnosis: the fan is failing' },
  });
  await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to: 'IN_PROGRESS' } });
  const ordered = await gql(`mutation($i: OrderPartInput!) { orderPart(input: $i) { partsOrder { id } userErrors { code message } } }`, {
    i: { ticketId, partNumber: 'FAN-14-01', description: 'cooling fan', quantity: 1, supplier: 'Parts Hub', expectedOn: '2026-03-12' },
  });
  const partId = ordered.orderPart.partsOrder.id;
  await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to: 'WAITING_PARTS' } });
  await settle();

  // The supplier moves the date to five days later: the customer is told at once, with the new date.
  await gql(`mutation($i: ChangePartExpectedDateInput!) { changePartExpectedDate(input: $i) { userErrors { code message } } }`, {
    i: { partsOrderId: partId, expectedOn: '2026-03-15', reason: 'supplier out of stock' },
  });
  await settle();
  const delayed = mailTo('li.lei@example.test').find((m) => m.text.includes('2026-03-15'));
  expect(delayed).toBeDefined();
  // (all at the same instant of the test's clock, so compared without order)
  expect((await sentToCustomer()).sort()).toEqual(['PART_DELAYED', 'STATUS_CHANGED', 'STATUS_CHANGED', 'TICKET_RECEIVED']);
  expect(partner.accepted().map((r) => JSON.parse(r.body).type)).toEqual(expect.arrayContaining(['ticket.created', 'ticket.status_changed', 'part.delayed']));

  // Redis loses everything while messages are waiting in the queues.
  await Promise.all(worker.actions.workers.map((w) => w.pause()));
  clock.advance(7 * HOUR); // past the next progress update (the customer heard last at 10:00)
  await worker.actions.relayNow();
  await redis.flushall();
  worker.actions.workers.forEach((w) => w.resume());
  clock.advance(61_000); // the reconciler's delay: what was handed over and is still pending goes again
  await settle();

  // The part does not come. Days pass: progress updates keep going out, the technician is reminded,
  // the breach climbs the ladder to HQ.
  await live(8 * 24);
  const events = await timeline();
  const kinds = events.map((row) => row.kind);
  expect(kinds).toContain('PART_LATE');
  // On the day the date passes she is told the truth: the part is late, no new date yet, and when she hears next.
  const toCustomer = mailTo('li.lei@example.test');
  const lateMessage = toCustomer.findIndex((m) => m.subject.includes('is late'));
  expect(lateMessage).toBeGreaterThan(-1);
  expect(toCustomer[lateMessage].text).toContain('was due on 2026-03-15 and has not arrived');
  expect(toCustomer[lateMessage].text).toMatch(/write to you again by 2026-03-\d\d \d\d:\d\d at the latest/);
  // Every update after it repeats that the part is late; none says "waiting for parts" as if nothing were wrong.
  const laterUpdates = toCustomer.slice(lateMessage + 1).filter((m) => m.subject.includes('progress on ticket'));
  expect(laterUpdates.length).toBeGreaterThan(0);
  for (const update of laterUpdates) expect(update.text).toContain('was due on 2026-03-15 and is late; the supplier has not given a new date yet');
  const earlierUpdates = toCustomer.slice(0, lateMessage).filter((m) => m.subject.includes('progress on ticket'));
  for (const update of earlierUpdates) expect(update.text).toContain('is expected on 2026-03-15');
  // The technician and the manager are asked (in the store's language) for a new date by a deadline; nobody records one, so the managers hear of it.
  expect(mailTo('tech@store-a.test').some((m) => m.subject.includes('登记新的到货日期'))).toBe(true);
  expect(mailTo('manager@store-a.test').some((m) => m.subject.includes('登记新的到货日期'))).toBe(true);
  expect(kinds).toContain('PART_DATE_OVERDUE');
  expect(mailTo('manager@store-a.test').some((m) => m.subject.startsWith('仍无新的到货日期'))).toBe(true);
  const atRisk = events.filter((row) => row.kind === 'SLA_AT_RISK' && row.data.metric === 'RESOLUTION');
  expect(atRisk).toHaveLength(1);
  expect(atRisk[0].summary).toContain('Tech A');
  expect(mailTo('tech@store-a.test').length).toBeGreaterThanOrEqual(1);
  const escalations = events.filter((row) => row.kind === 'ESCALATED' && row.data.metric === 'RESOLUTION').map((row) => row.data.level);
  expect(escalations).toEqual([2, 3, 4]);
  expect(events.find((row) => row.kind === 'ESCALATED' && row.data.level === 4)?.summary).toContain('HQ_SUPERVISOR at HQ');
  expect(mailTo('supervisor@hq-one.test').length).toBeGreaterThanOrEqual(1);
  expect(mailTo('manager@store-a.test').length).toBeGreaterThanOrEqual(1);
  const progressUpdates = (await sentToCustomer()).filter((template) => template === 'PROGRESS_UPDATE');
  expect(progressUpdates.length).toBeGreaterThanOrEqual(5);
  // the worker writes before the progress standard runs out: it is never breached
  expect(events.filter((row) => row.kind === 'SLA_BREACHED' && row.data.metric === 'PROGRESS_UPDATE')).toEqual([]);
  expect(partner.accepted().map((r) => JSON.parse(r.body).type)).toEqual(
    expect.arrayContaining(['sla.at_risk', 'sla.breached', 'ticket.escalated', 'part.late']),
  );

  const schedule = await gql(`query($id: ID!) { ticket(id: $id) { escalationSchedule { metric level reached } } }`, { id: ticketId });
  expect(schedule.ticket.escalationSchedule.filter((step: { metric: string }) => step.metric === 'RESOLUTION')).toEqual(
    [1, 2, 3, 4].map((level) => ({ metric: 'RESOLUTION', level, reached: true })),
  );

  // The part arrives; repaired; resolved: the survey goes out.
  await gql(`mutation($i: MarkPartArrivedInput!) { markPartArrived(input: $i) { userErrors { code message } } }`, { i: { partsOrderId: partId } });
  await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to: 'IN_PROGRESS' } });
  await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId, to: 'RESOLVED', note: 'Fan replaced, thermal paste renewed' },
  });
  await settle();
  const survey = mailTo('li.lei@example.test')
    .map((m) => /\/survey\/([A-Za-z0-9_-]+)/.exec(m.text)?.[1])
    .find(Boolean);
  expect(survey).toBeDefined();

  // Answered 2/5: the ticket reopens as a complaint follow-up and goes to the store manager.
  const managerMailBefore = mailTo('manager@store-a.test').length;
  const answer = await api.gql(`mutation($i: AnswerSurveyInput!) { answerSurvey(input: $i) { accepted userErrors { code } } }`, {
    i: { token: survey, score: 2, comment: 'Fixed, but a week late and I had to chase you' },
  });
  expect(answer.body.data.answerSurvey).toEqual({ accepted: true, userErrors: [] });
  await settle();
  const status = await gql(`query($id: ID!) { ticket(id: $id) { status assignee { name } } }`, { id: ticketId });
  expect(status.ticket).toEqual({ status: 'ASSIGNED', assignee: { name: 'Manager A' } });
  const after = (await timeline()).map((row) => row.kind);
  expect(after).toEqual(expect.arrayContaining(['CALLBACK_COMPLETED', 'COMPLAINT_FOLLOW_UP']));
  expect(mailTo('manager@store-a.test').length).toBeGreaterThan(managerMailBefore);
  expect(partner.accepted().map((r) => JSON.parse(r.body).type)).toContain('callback.answered');

  // Nothing was lost and nothing went out twice, counted at the receivers.
  const pending = await admin.query(`select kind, due_at from scheduled_actions where state = 'PENDING' and due_at <= $1`, [clock.now()]);
  expect(pending.rows).toEqual([]);
  const messageIds = smtp.messages.map((m) => m.messageId);
  expect(new Set(messageIds).size).toBe(messageIds.length);
  const sent = await admin.query<{ n: string }>(`select count(*) as n from ticket_events where kind = 'NOTIFICATION_SENT'`);
  expect(smtp.messages.length).toBe(Number(sent.rows[0].n));
  const webhookIds = partner.accepted().map((r) => r.webhookId);
  expect(new Set(webhookIds).size).toBe(webhookIds.length);
  expect(partner.rejected()).toEqual([]);
}, 600000);
