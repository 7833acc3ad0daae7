import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
 * Two worker processes, as deployed (`dist/bin/worker.js`), on the same
 * queues and the same database: both relays claim due actions and both
 * workers run them, and every action's effect happens once. Each process
 * sends its e-mail to a mail server of its own, so the test sees which
 * process sent what: both did work, and no message arrived twice, at either.
 */
const BATCH = 120;
let db: TestDatabase;
let orm: Orm;
let admin: Client;
const mailServers: SmtpCatcher[] = [];
let partner: WebhookReceiver;
let storeA: string;
let healthDir: string;
const children: ChildProcess[] = [];
const prefix = `test:${randomBytes(6).toString('hex')}`;

function startWorkerProcess(smtp: SmtpCatcher, healthFile: string): ChildProcess {
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
      WORKER_CONCURRENCY: '4',
      WORKER_HEALTH_FILE: healthFile,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

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
  if (!existsSync(join(projectRoot(), 'dist', 'bin', 'worker.js'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: projectRoot(), stdio: 'inherit' });
  }
  db = await createTestDatabase();
  orm = await openOrm(db.appUrl, 4);
  await provisionTestNetwork(orm);
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  mailServers.push(await startSmtpCatcher(), await startSmtpCatcher());
  partner = await WebhookReceiver.start();
  healthDir = mkdtempSync(join(tmpdir(), 'worker-scale-out-'));
  storeA = (await admin.query<{ id: string }>(`select id from tenants where slug = 'store-a'`)).rows[0].id;
}, 180000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await admin?.end();
  await orm?.close();
  for (const smtp of mailServers) await smtp.close();
  await partner?.close();
  await db?.drop();
  rmSync(healthDir, { recursive: true, force: true });
});

test('two worker processes share the work, and every action takes effect once', async () => {
  // Both up (each has completed a relay pass) before anything falls due, so they compete for every action.
  const healthFiles = [join(healthDir, 'one'), join(healthDir, 'two')];
  const processes = mailServers.map((smtp, i) => startWorkerProcess(smtp, healthFiles[i]));
  await waitFor(() => healthFiles.every((file) => existsSync(file)), 60000);

  const tech = (await admin.query<{ id: string }>(`select id from staff_users where email = 'tech@store-a.test'`)).rows[0].id;
  await inTenantTransaction(orm, storeA, async (em) => {
    const ctx: TenantContext = { tenantId: storeA, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock };
    const { secret } = await createWebhookEndpoint(ctx, { url: partner.url, eventTypes: [WebhookEventType.TICKET_CREATED] });
    partner.secret = secret;
    for (let i = 0; i < BATCH; i++) {
      await scheduleNotification(ctx, {
        key: `shared-mail-${i}`,
        template: TemplateKey.STAFF_AT_RISK,
        recipient: { kind: 'STAFF', staffId: tech },
        params: { metric: `M${i}` },
      });
      await publishEvent(ctx, { type: WebhookEventType.TICKET_CREATED, key: `shared-hook-${i}`, data: { n: i } });
    }
    await em.flush();
  });

  await waitFor(async () => (await countByState('PENDING')) === 0, 120000);
  for (const child of processes) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  expect(await countByState('DONE')).toBe(2 * BATCH);
  // No action ran twice: one attempt each.
  const attempts = await admin.query<{ attempts: number; n: string }>(`select attempts, count(*) as n from scheduled_actions group by attempts`);
  expect(attempts.rows.map((row) => [row.attempts, Number(row.n)])).toEqual([[1, 2 * BATCH]]);

  // Both processes sent mail, and the two mail servers together received each message exactly once.
  const [one, two] = mailServers.map((smtp) => smtp.messages.map((message) => message.messageId));
  expect(one.length).toBeGreaterThan(0);
  expect(two.length).toBeGreaterThan(0);
  const mailIds = await admin.query<{ id: string }>(`select id from scheduled_actions where kind = 'NOTIFICATION'`);
  expect([...one, ...two].sort()).toEqual(mailIds.rows.map((row) => `<${row.id}@aftersales>`).sort());

  // Every delivery reached the partner once.
  const hookIds = partner.accepted().map((request) => request.webhookId);
  expect(hookIds).toHaveLength(BATCH);
  expect(new Set(hookIds).size).toBe(BATCH);
  expect(partner.rejected()).toEqual([]);
  for (const smtp of mailServers) expect(smtp.errors).toEqual([]);
}, 300000);
