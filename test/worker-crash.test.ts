import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../domain/context';
import { scheduleNotification } from '../domain/notifications/notify';
import { TemplateKey } from '../core/template-keys';
import { createWebhookEndpoint } from '../domain/webhooks/endpoint.service';
import { publishEvent } from '../domain/webhooks/publish';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { projectRoot } from '../core/project-root';
import { TenantKind } from '../core/enums';
import { WebhookEventType } from '../core/webhook-enums';
import { provisionTestNetwork } from './support/network';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * The worker process killed with SIGKILL in the middle of a batch of e-mails
 * and webhook deliveries: a second worker finishes the batch, every action
 * runs, and each message reaches its receiver under one id. A message whose
 * sending had finished but whose commit had not when the process died is the
 * only one that can be sent again, and it carries the same Message-ID or
 * webhook-id, so the receiver recognises it (at-least-once transport,
 * exactly-once by key).
 */
const BATCH = 150;
const CONCURRENCY = 4;
let db: TestDatabase;
let orm: Orm;
let admin: Client;
let smtp: SmtpCatcher;
let partner: WebhookReceiver;
let storeA: string;
const children: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'bin', 'worker.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db.adminUrl,
      APP_DATABASE_URL: db.appUrl,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'silent',
      RELAY_INTERVAL_MS: '50',
      RECONCILE_AFTER_MS: '2000',
      JOB_LOCK_MS: '2000',
      WORKER_CONCURRENCY: String(CONCURRENCY),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}
const prefix = `test:${randomBytes(6).toString('hex')}`;

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const countByState = async (state: string) =>
  Number((await admin.query<{ n: string }>(`select count(*) as n from scheduled_actions where state = $1`, [state])).rows[0].n);

beforeAll(async () => {
  // The worker runs as its own process, from the build.
  if (!existsSync(join(projectRoot(), 'dist', 'bin', 'worker.js'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: projectRoot(), stdio: 'inherit' });
  }
  db = await createTestDatabase();
  orm = await openOrm(db.appUrl, 4);
  await provisionTestNetwork(orm);
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  smtp = await startSmtpCatcher();
  partner = await WebhookReceiver.start();
  storeA = (await admin.query<{ id: string }>(`select id from tenants where slug = 'store-a'`)).rows[0].id;
  const tech = (await admin.query<{ id: string }>(`select id from staff_users where email = 'tech@store-a.test'`)).rows[0].id;
  await inTenantTransaction(orm, storeA, async (em) => {
    const ctx: TenantContext = { tenantId: storeA, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock };
    const { secret } = await createWebhookEndpoint(ctx, { url: partner.url, eventTypes: [WebhookEventType.TICKET_CREATED] });
    partner.secret = secret;
    for (let i = 0; i < BATCH; i++) {
      await scheduleNotification(ctx, {
        key: `batch-mail-${i}`,
        template: TemplateKey.STAFF_AT_RISK,
        recipient: { kind: 'STAFF', staffId: tech },
        params: { metric: `M${i}` },
      });
      await publishEvent(ctx, { type: WebhookEventType.TICKET_CREATED, key: `batch-hook-${i}`, data: { n: i } });
    }
    await em.flush();
  });
}, 180000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await admin?.end();
  await orm?.close();
  await smtp?.close();
  await partner?.close();
  await db?.drop();
});

test('a worker killed mid-batch loses nothing, and a second one sends nothing twice under a new id', async () => {
  const first = startWorkerProcess();
  await waitFor(() => smtp.messages.length >= BATCH / 5 && partner.accepted().length >= BATCH / 5, 60000);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  const left = (await countByState('PENDING')) as number;
  expect(left).toBeGreaterThan(0); // killed in the middle of the batch

  const second = startWorkerProcess();
  await waitFor(async () => (await countByState('PENDING')) === 0, 90000);
  second.kill('SIGTERM');
  await new Promise((resolve) => second.once('exit', resolve));

  expect(await countByState('DONE')).toBe(2 * BATCH);
  expect(await countByState('DEAD')).toBe(0);
  const mailIds = await admin.query<{ id: string }>(`select id from scheduled_actions where kind = 'NOTIFICATION'`);
  const expectedMessageIds = new Set(mailIds.rows.map((row) => `<${row.id}@aftersales>`));
  const received = smtp.messages.map((message) => message.messageId);
  // every message arrived, under its own id
  expect(new Set(received)).toEqual(expectedMessageIds);
  const hookIds = partner.accepted().map((request) => request.webhookId);
  expect(new Set(hookIds).size).toBe(BATCH);
  // a resend is possible only for what was in flight when the process died

  expect(received.length - expectedMessageIds.size).toBeLessThanOrEqual(CONCURRENCY);
  expect(hookIds.length - BATCH).toBeLessThanOrEqual(CONCURRENCY);
  expect(partner.rejected()).toEqual([]);
  // The kill may cut off messages in the middle (the catcher hears those as connection resets); nothing else went wrong.
  expect(smtp.errors).toEqual([]);
}, 240000);
