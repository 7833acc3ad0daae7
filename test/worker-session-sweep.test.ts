import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { loadConfig } from '../infra/config';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { createLogger } from '../infra/logger';
import { JOBS } from '../domain/scheduling/queues';
import { RunningWorker, startWorker } from '../worker/worker';
import { provisionTestNetwork } from './support/network';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The worker end to end on real Redis and BullMQ: the sweep fans out one job per
 * tenant, each purges that tenant's long-ended sessions under its own RLS, and
 * running the sweep twice the same day adds no duplicate jobs.
 */
let db: TestDatabase;
let orm: Orm;
let running: RunningWorker;
let admin: Client;
const clock = new ManualClock(new Date('2026-11-22T10:00:00Z'));

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.appUrl, 4);
  await provisionTestNetwork(orm);
  const config = loadConfig({ ...process.env, DATABASE_URL: db.adminUrl, APP_DATABASE_URL: db.appUrl, REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}` });
  running = await startWorker({ orm, config, clock, logger: createLogger('silent', 'worker-test') });
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
});

afterAll(async () => {
  await running.queue.obliterate({ force: true });
  await running.close();
  await admin.end();
  await orm.close();
  await db.drop();
});

async function insertSession(email: string, expiresAt: Date): Promise<string> {
  const id = randomUUID();
  await admin.query(
    `insert into staff_sessions (tenant_id, id, family_id, user_id, expires_at)
     select tenant_id, $1, $1, id, $2 from staff_users where email = $3`,
    [id, expiresAt, email],
  );
  return id;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the sweep purges long-ended sessions of every tenant and keeps live ones', async () => {
  const longExpiredA = await insertSession('agent@store-a.test', new Date('2026-09-01T00:00:00Z'));
  const longExpiredB = await insertSession('manager@store-b.test', new Date('2026-09-01T00:00:00Z'));
  const live = await insertSession('agent@store-a.test', new Date('2026-12-01T00:00:00Z'));
  const recentlyExpired = await insertSession('agent@store-a.test', new Date('2026-11-20T00:00:00Z'));

  await running.queue.add(JOBS.sweepSessions, {}, { jobId: 'sweep-now' });
  const remaining = async () => (await admin.query<{ id: string }>('select id from staff_sessions')).rows.map((r) => r.id);
  await waitFor(async () => !(await remaining()).includes(longExpiredA) && !(await remaining()).includes(longExpiredB));

  expect(await remaining()).toEqual(expect.arrayContaining([live, recentlyExpired]));
  const tenants = (await admin.query(`select count(*)::int as n from tenants where status = 'ACTIVE'`)).rows[0].n;
  const purgeJobs = (await running.queue.getJobs(['completed', 'active', 'waiting'])).filter((j) => j.name === JOBS.purgeSessions);
  expect(purgeJobs).toHaveLength(tenants);

  // A second sweep on the same day enqueues nothing new: the job ids are deterministic.
  await running.queue.add(JOBS.sweepSessions, {}, { jobId: 'sweep-again' });
  await waitFor(async () => (await running.queue.getJob('sweep-again'))?.finishedOn !== undefined);
  const after = (await running.queue.getJobs(['completed', 'active', 'waiting'])).filter((j) => j.name === JOBS.purgeSessions);
  expect(after).toHaveLength(tenants);
});
