import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { loadConfig } from '../infra/config';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { createLogger } from '../infra/logger';
import { SmtpEmailSender } from '../infra/mail/smtp-email-sender';
import { JOBS } from '../domain/scheduling/queues';
import { RunningWorker, startWorker } from '../worker/worker';
import { provisionTestNetwork } from './support/network';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The worker's daily calendar check end to end, on real Redis, BullMQ and
 * SMTP: after 1 October the sweep fans out one check per tenant, each HQ's
 * admins get one e-mail that next year's national calendar is missing, and a
 * second sweep the same day (or the next) sends nothing more.
 */
let db: TestDatabase;
let orm: Orm;
let running: RunningWorker;
let admin: Client;
let smtp: SmtpCatcher;
let sender: SmtpEmailSender;
const clock = new ManualClock(new Date('2026-11-22T10:00:00Z'));

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.appUrl, 4);
  await provisionTestNetwork(orm);
  smtp = await startSmtpCatcher();
  sender = new SmtpEmailSender({ url: smtp.url, from: 'Aftersales <no-reply@example.test>' });
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.adminUrl,
    APP_DATABASE_URL: db.appUrl,
    REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}`,
    RELAY_INTERVAL_MS: '100',
  });
  running = await startWorker({ orm, config, clock, logger: createLogger('silent', 'worker-test'), channels: { email: sender, sms: null } });
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
});

afterAll(async () => {
  await running.queue.obliterate({ force: true });
  await running.close();
  sender.close();
  await smtp.close();
  await admin.end();
  await orm.close();
  await db.drop();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const warnings = async () =>
  (
    await admin.query<{ slug: string; code: string; year: number }>(
      `select t.slug, w.code, w.year from national_calendar_warnings w join tenants t on t.id = w.tenant_id order by t.slug`,
    )
  ).rows;

test('the calendar sweep tells each HQ once that next year is missing', async () => {
  const scheduler = (await running.queue.getJobSchedulers()).find((s) => s.key === JOBS.sweepCalendars);
  expect(scheduler).toMatchObject({ pattern: '30 3 * * *', tz: 'Asia/Shanghai' });
  // The same worker looks daily at the month just ended for stores below a target (test/rankings.test.ts).
  const flags = (await running.queue.getJobSchedulers()).find((s) => s.key === JOBS.sweepTargetFlags);
  expect(flags).toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai' });

  await running.queue.add(JOBS.sweepCalendars, {}, { jobId: 'calendars-now' });
  await waitFor(async () => (await warnings()).length === 2);
  expect(await warnings()).toEqual([
    { slug: 'hq-one', code: 'CN', year: 2027 },
    { slug: 'hq-two', code: 'CN', year: 2027 },
  ]);
  const mails = await smtp.waitFor(2);
  expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['admin@hq-one.test', 'admin@hq-two.test']);
  expect(mails[0].subject).toBe('2027 年节假日安排（CN）尚未发布');

  // the next day's sweep: already told
  clock.set(new Date('2026-11-23T10:00:00Z'));
  await running.queue.add(JOBS.sweepCalendars, {}, { jobId: 'calendars-next-day' });
  await waitFor(async () => (await running.queue.getJob('calendars-next-day'))?.finishedOn !== undefined);
  const checks = (await running.queue.getJobs(['completed', 'active', 'waiting'])).filter(
    (j) => j.name === JOBS.checkCalendars && j.id?.endsWith('2026-11-23'),
  );
  await waitFor(async () => (await Promise.all(checks.map((j) => j.isCompleted()))).every(Boolean));
  expect(await warnings()).toHaveLength(2);
  const notices = await admin.query(`select count(*)::int as n from scheduled_actions where idempotency_key like 'national-calendar-missing:%'`);
  expect(notices.rows[0].n).toBe(2);
  expect(smtp.messages).toHaveLength(2);
});
