import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * The nightly upload sweep on real Redis and BullMQ: one job per tenant
 * removes, under the tenant's own RLS, the uploads older than a day that
 * nothing refers to (a photo chosen in the findings form and never saved),
 * their rows and their files; a photo that is evidence of a finding, and any
 * upload younger than a day, stay. Scheduled daily with the other sweeps.
 */
let db: TestDatabase;
let orm: Orm;
let running: RunningWorker;
let admin: Client;
let directory: string;
const clock = new ManualClock(new Date('2026-12-04T10:00:00Z'));
const tenantId: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.appUrl, 4);
  await provisionTestNetwork(orm);
  directory = await mkdtemp(join(tmpdir(), 'aftersales-sweep-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.adminUrl,
    APP_DATABASE_URL: db.appUrl,
    REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}`,
    STORAGE_DIR: directory,
  });
  running = await startWorker({ orm, config, clock, logger: createLogger('silent', 'worker-test') });
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  for (const row of (await admin.query<{ id: string; slug: string }>('select id, slug from tenants')).rows) tenantId[row.slug] = row.id;
});

afterAll(async () => {
  await running.queue.obliterate({ force: true });
  await running.close();
  await admin.end();
  await orm.close();
  await db.drop();
  await rm(directory, { recursive: true, force: true });
});

/** An upload row of `slug` created `hoursAgo` before the clock, with its file. */
async function stored(slug: string, purpose: string, hoursAgo: number): Promise<string> {
  const id = randomUUID();
  await admin.query(
    `insert into uploads (tenant_id, id, purpose, filename, content_type, size_bytes, created_at) values ($1, $2, $3, 'photo.jpg', 'image/jpeg', 3, $4)`,
    [tenantId[slug], id, purpose, new Date(clock.now().getTime() - hoursAgo * 3600_000)],
  );
  await mkdir(join(directory, tenantId[slug]), { recursive: true });
  await writeFile(join(directory, tenantId[slug], id), Buffer.from([0xff, 0xd8, 0xff]));
  return id;
}

/** Makes `uploadId` the evidence of a finding of a submitted inspection of store-a. */
async function evidenceOf(uploadId: string): Promise<void> {
  await admin.query(
    `with c as (
       insert into inspection_checklists (tenant_id, code, version, title_zh_cn, title_en) values ($1, 'SWEEP', 1, '巡检', 'Inspection') returning id
     ), i as (
       insert into inspection_checklist_items (tenant_id, checklist_id, position, weight, text_zh_cn, text_en) select $1, c.id, 1, 10, '整洁', 'Tidy' from c returning id, checklist_id
     ), n as (
       insert into inspections (tenant_id, store_id, checklist_id, announced, scheduled_on, status, score_percent, submitted_at)
       select $1, $2, i.checklist_id, true, '2026-11-01', 'SUBMITTED', 0, now() from i returning id
     ), r as (
       insert into inspection_results (tenant_id, inspection_id, item_id, store_id, passed) select $1, n.id, i.id, $2, false from n, i returning id, inspection_id
     )
     insert into inspection_evidence (tenant_id, inspection_id, result_id, store_id, upload_id, position) select $1, r.inspection_id, r.id, $2, $3, 1 from r`,
    [tenantId['hq-one'], tenantId['store-a'], uploadId],
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const rows = async () => (await admin.query<{ id: string }>('select id from uploads')).rows.map((r) => r.id).sort();
const files = async (slug: string) => (await readdir(join(directory, tenantId[slug])).catch(() => [] as string[])).sort();

test('the sweep removes the rows and files of uploads nothing refers to after a day, in every tenant, and keeps the rest', async () => {
  const abandonedPhoto = await stored('hq-one', 'INSPECTION_EVIDENCE', 30);
  const linkedPhoto = await stored('hq-one', 'INSPECTION_EVIDENCE', 30);
  await evidenceOf(linkedPhoto);
  const freshPhoto = await stored('hq-one', 'INSPECTION_EVIDENCE', 2);
  const abandonedAttachment = await stored('store-a', 'TICKET_ATTACHMENT', 25);
  const freshAttachment = await stored('store-a', 'TICKET_ATTACHMENT', 23);

  await running.queue.add(JOBS.sweepUploads, {}, { jobId: 'sweep-now' });
  await waitFor(async () => !(await rows()).includes(abandonedPhoto) && !(await rows()).includes(abandonedAttachment));
  const tenants = (await admin.query(`select count(*)::int as n from tenants where status = 'ACTIVE'`)).rows[0].n;
  await waitFor(async () => (await running.queue.getJobs(['completed'])).filter((job) => job.name === JOBS.purgeUploads).length === tenants);

  expect(await rows()).toEqual([linkedPhoto, freshPhoto, freshAttachment].sort());
  expect(await files('hq-one')).toEqual([linkedPhoto, freshPhoto].sort());
  expect(await files('store-a')).toEqual([freshAttachment]);
  const purged = (await running.queue.getJobs(['completed'])).filter((job) => job.name === JOBS.purgeUploads);
  expect(purged.map((job) => job.returnvalue as number).reduce((a, b) => a + b, 0)).toBe(2);
});

test('the upload sweep is scheduled daily beside the others', async () => {
  const scheduler = (await running.queue.getJobSchedulers()).find((s) => s.key === JOBS.sweepUploads);
  expect(scheduler).toMatchObject({ pattern: '15 3 * * *', tz: 'Asia/Shanghai' });
});
