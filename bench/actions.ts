import 'reflect-metadata';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { systemClock } from '../core/clock';
import { ActionKind } from '../core/action-enums';
import { ActionQueue, bullPrefix } from '../domain/scheduling/queues';
import { ActionProcessor, done, ProcessorDeps } from '../domain/scheduling/processor';
import { loadConfig } from '../infra/config';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { createLogger } from '../infra/logger';
import { provisionTestNetwork } from '../test/support/network';
import { createTestDatabase } from '../test/support/test-database';
import { startActionWorkers } from '../worker/actions/action-workers';
import { DueAction, enqueueActions } from '../worker/actions/relay';
import type { ProcessorRegistry } from '../worker/actions/run-action';
import { formatRun, RunFigures } from './run-figures';
import { benchWorkerProcesses } from './worker-processes';

/**
 * The scheduled-action engine end to end on this machine: rows in PostgreSQL,
 * the real relay into BullMQ, the real workers and runAction's transaction,
 * with a processor that only records how late it ran. Beside it, in the same
 * run, a plain BullMQ worker with a no-op processor: what BullMQ alone costs.
 * `BENCH_ACTIONS` scales the number of actions (and jobs) down for a quick run.
 */
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 100_000);
/** Per queue, as WORKER_CONCURRENCY in production; the baseline gets the same total on its one queue. */
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 8);
const SPREAD_MS = 60_000;
/**
 * `BENCH_WORKER_PROCESSES=2` runs the real worker as 1, then 2 separate processes instead (bench/worker-processes.ts);
 * a list (`1,2,4`) names the counts to run.
 */
const PROCESS_COUNTS = processCounts(process.env.BENCH_WORKER_PROCESSES);
const FIRST_DUE_AFTER_MS = 5_000;
const TENANTS = ['store-a', 'store-b', 'partner-p', 'store-z'];
const KINDS = [ActionKind.TICKET_WATCH, ActionKind.NOTIFICATION, ActionKind.WEBHOOK_DELIVERY]; // one per queue
/** A run that stops making progress this long is reported as stuck instead of hanging the bench. */
const STALL_MS = 60_000;

type Write = (line: string) => void;

export async function benchActions(write: Write): Promise<void> {
  const db = await createTestDatabase();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.adminUrl,
    APP_DATABASE_URL: db.appUrl,
    REDIS_PREFIX: `bench:${randomBytes(6).toString('hex')}`,
  });
  const prefix = bullPrefix(config.REDIS_PREFIX);
  const connection = { url: config.REDIS_URL, maxRetriesPerRequest: null };
  const redis = new Redis(config.REDIS_URL);
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  const orm = await openOrm(db.appUrl, 3 * CONCURRENCY + 4);
  let pgBytesPerAction = 0;
  try {
    await provisionTestNetwork(orm);
    const tenantIds = (await admin.query<{ id: string }>('select id from tenants where slug = any($1) order by slug', [TENANTS])).rows.map((row) => row.id);
    if (PROCESS_COUNTS.length > 0) {
      const baseline = () => baselineDelayed(connection, prefix);
      const setup = { adminUrl: db.adminUrl, appUrl: db.appUrl, redisPrefix: config.REDIS_PREFIX, admin, tenantIds, actions: ACTIONS, spreadMs: SPREAD_MS };
      return await benchWorkerProcesses(write, { ...setup, processCounts: PROCESS_COUNTS, baseline });
    }
    write(
      `${ACTIONS} scheduled actions over ${tenantIds.length} tenants and 3 queues, ${CONCURRENCY} concurrent runs per queue, relay every ${config.RELAY_INTERVAL_MS} ms`,
    );

    // 1. The engine, due spread over a minute: how late each action runs.
    const firstDue = new Date(Date.now() + FIRST_DUE_AFTER_MS);
    const insertStarted = Date.now();
    await insertActions(admin, tenantIds, 'spread', firstDue, SPREAD_MS);
    write(`  inserted with one INSERT ... SELECT generate_series in ${((Date.now() - insertStarted) / 1000).toFixed(1)} s`);
    await admin.query('analyze scheduled_actions');
    const table = await admin.query<{ bytes: string }>(`select pg_total_relation_size('scheduled_actions') as bytes`);
    pgBytesPerAction = Number(table.rows[0].bytes) / ACTIONS;
    write(`  the /metrics query over ${ACTIONS} pending actions: ${(await timeStatsQuery(orm)).toFixed(1)} ms`);
    const spread = await runEngine(orm, config, connection, prefix, firstDue.getTime());
    write(formatRun('engine, due over 1 min', spread, 'after the first was due', true));

    // 2. The engine, all due at once: how fast it drains a backlog. A spread run that fell behind already
    //    measured that (it ran as fast as it could), so the burst only runs when the spread one kept up.
    if (spread.count / spread.seconds < 0.9 * (ACTIONS / (SPREAD_MS / 1000))) {
      write(`${''.padEnd(38)}(behind the ${(ACTIONS / (SPREAD_MS / 1000)).toFixed(0)} /s arrival rate all along: its rate is its capacity)`);
    } else {
      await insertActions(admin, tenantIds, 'burst', new Date(Date.now() - 1_000), 0);
      const burst = await runEngine(orm, config, connection, prefix, Date.now());
      write(formatRun('engine, all due at once', burst, 'from the start of the workers', false));
    }

    // 3. The baseline: plain BullMQ, no-op processor, the same total concurrency.
    write(formatRun('baseline: BullMQ, delays over 1 min', await baselineDelayed(connection, prefix), 'after the first was due', true));
    write(formatRun('baseline: BullMQ, all waiting', await baselineBurst(connection, prefix), 'from the start of the worker', false));

    // 4. Memory: what waits in Redis per action, and what PostgreSQL keeps per row.
    await memoryFigures(write, redis, connection, prefix);
    write(`  engine: an action not yet due is not in Redis; PostgreSQL holds it in ${pgBytesPerAction.toFixed(0)} bytes (row and indexes)`);
  } finally {
    await orm.close();
    await admin.end();
    await deleteKeys(redis, `${prefix}:*`);
    await redis.quit();
    await db.drop();
  }
}

/** One INSERT of every action, due at even steps from `firstDue` over `spreadMs`. */
async function insertActions(admin: Client, tenantIds: string[], label: string, firstDue: Date, spreadMs: number): Promise<void> {
  await admin.query(
    `insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, max_attempts)
     select ($1::uuid[])[1 + i % cardinality($1::uuid[])], ($2::text[])[1 + i % cardinality($2::text[])], $3 || '-' || i,
            $4::timestamptz + make_interval(secs => i * $5::float8 / $6 / 1000), 6
       from generate_series(0, $6 - 1) i`,
    [tenantIds, KINDS, `bench-${label}`, firstDue, spreadMs, ACTIONS],
  );
}

async function timeStatsQuery(orm: Orm): Promise<number> {
  const started = process.hrtime.bigint();
  await orm.em.fork().execute('select * from metrics_scheduled_action_stats(?, ?)', [new Date(), new Date(Date.now() - 3600_000)]);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Runs the real relay and workers until every action ran once; lateness is measured where the processor runs. */
async function runEngine(
  orm: Orm,
  config: ReturnType<typeof loadConfig>,
  connection: { url: string; maxRetriesPerRequest: null },
  prefix: string,
  since: number,
): Promise<RunFigures> {
  const lateMs = new Float64Array(ACTIONS);
  let count = 0;
  let lastRun = 0;
  const recording: ActionProcessor = async ({ action }) => {
    lastRun = Date.now();
    if (count < ACTIONS) lateMs[count] = lastRun - action.dueAt.getTime();
    count += 1;
    return done();
  };
  const processors: ProcessorRegistry = Object.fromEntries(KINDS.map((kind) => [kind, recording]));
  const processorDeps: ProcessorDeps = {
    channels: { email: { send: async () => ({ providerReference: 'bench' }) }, sms: null },
    fetch,
    publicBaseUrl: 'http://localhost',
    webhookTimeoutMs: 1000,
  };
  const workers = startActionWorkers(
    { orm, clock: systemClock, processors, processorDeps },
    {
      connection,
      prefix,
      concurrency: CONCURRENCY,
      relayIntervalMs: config.RELAY_INTERVAL_MS,
      reconcileAfterMs: config.RECONCILE_AFTER_MS,
      logger: createLogger('error', 'bench-actions'),
    },
  );
  try {
    await waitFor(() => count, ACTIONS);
  } finally {
    await workers.close();
    await Promise.all(Object.values(ActionQueue).map((name) => obliterate(name, connection, prefix)));
  }
  return { count, seconds: (lastRun - since) / 1000, lateMs };
}

async function baselineBurst(connection: { url: string; maxRetriesPerRequest: null }, prefix: string): Promise<RunFigures> {
  const queue = new Queue('bench-baseline', { connection, prefix });
  try {
    await addInChunks(queue, () => ({}));
    const lateMs = new Float64Array(ACTIONS);
    let count = 0;
    let lastRun = 0;
    const started = Date.now();
    const worker = new Worker(
      queue.name,
      async (job: Job) => {
        lastRun = Date.now();
        if (count < ACTIONS) lateMs[count] = lastRun - job.timestamp;
        count += 1;
      },
      { connection, prefix, concurrency: 3 * CONCURRENCY },
    );
    try {
      await waitFor(() => count, ACTIONS);
    } finally {
      await worker.close();
    }
    return { count, seconds: (lastRun - started) / 1000, lateMs };
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function baselineDelayed(connection: { url: string; maxRetriesPerRequest: null }, prefix: string): Promise<RunFigures> {
  const queue = new Queue('bench-baseline-delayed', { connection, prefix });
  const lateMs = new Float64Array(ACTIONS);
  let count = 0;
  let lastRun = 0;
  const worker = new Worker(
    queue.name,
    async (job: Job) => {
      lastRun = Date.now();
      if (count < ACTIONS) lateMs[count] = lastRun - (job.timestamp + (job.opts.delay ?? 0));
      count += 1;
    },
    { connection, prefix, concurrency: 3 * CONCURRENCY },
  );
  try {
    const firstDue = Date.now() + FIRST_DUE_AFTER_MS;
    // Each job's delay counts from when it is added, so its due instant is fixed beforehand.
    await addInChunks(queue, (i) => ({ delay: Math.max(0, firstDue + (i * SPREAD_MS) / ACTIONS - Date.now()) }));
    await waitFor(() => count, ACTIONS);
    return { count, seconds: (lastRun - firstDue) / 1000, lateMs };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/** INFO used_memory before and after handing ACTIONS jobs to a queue that nobody works, per job. */
async function memoryFigures(write: Write, redis: Redis, connection: { url: string; maxRetriesPerRequest: null }, prefix: string): Promise<void> {
  const tenantId = randomUUID();
  const perJob = async (name: string, fill: (queue: Queue) => Promise<void>): Promise<number> => {
    const queue = new Queue(name, { connection, prefix });
    try {
      await queue.waitUntilReady();
      const before = await usedMemory(redis);
      await fill(queue);
      return ((await usedMemory(redis)) - before) / ACTIONS;
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  };
  const relayed = await perJob(ActionQueue.MESSAGES, async (queue) => {
    const due: DueAction[] = Array.from({ length: ACTIONS }, () => ({
      tenant_id: tenantId,
      id: randomUUID(),
      kind: ActionKind.NOTIFICATION,
      due_at: new Date(),
    }));
    for (let i = 0; i < due.length; i += 1000) await enqueueActions(new Map([[ActionQueue.MESSAGES, queue]]), due.slice(i, i + 1000));
  });
  const waiting = await perJob('bench-memory-waiting', (queue) => addInChunks(queue, () => ({}), { tenantId }));
  const delayed = await perJob('bench-memory-delayed', (queue) => addInChunks(queue, () => ({ delay: 3_600_000 }), { tenantId }));
  write(`Redis memory per job (INFO used_memory, ${ACTIONS} jobs):`);
  write(`  engine: an action handed over by the relay (waiting)   ${relayed.toFixed(0).padStart(6)} bytes`);
  write(`  baseline: a plain waiting job                          ${waiting.toFixed(0).padStart(6)} bytes`);
  write(`  baseline: a plain delayed job                          ${delayed.toFixed(0).padStart(6)} bytes`);
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)![1]);
}

/** Adds ACTIONS jobs carrying an action-sized payload, in chunks so no single command grows huge. */
async function addInChunks(queue: Queue, options: (i: number) => { delay?: number }, data: Record<string, string> = {}): Promise<void> {
  const tenantId = data.tenantId ?? randomUUID();
  for (let start = 0; start < ACTIONS; start += 1000) {
    const size = Math.min(1000, ACTIONS - start);
    await queue.addBulk(
      Array.from({ length: size }, (_, k) => ({
        name: ActionKind.NOTIFICATION,
        data: { tenantId, actionId: randomUUID() },
        opts: { removeOnComplete: true, removeOnFail: true, ...options(start + k) },
      })),
    );
  }
}

async function waitFor(progress: () => number, target: number): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  while (progress() < target) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (progress() !== last) {
      last = progress();
      lastChange = Date.now();
    } else if (Date.now() - lastChange > STALL_MS) {
      throw new Error(`stuck at ${last} of ${target} for ${STALL_MS / 1000} s`);
    }
  }
}

async function obliterate(name: string, connection: { url: string; maxRetriesPerRequest: null }, prefix: string): Promise<void> {
  const queue = new Queue(name, { connection, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

function processCounts(setting: string | undefined): number[] {
  if (!setting) return [];
  const counts = setting.includes(',') ? setting.split(',').map(Number) : Array.from({ length: Number(setting) }, (_, i) => i + 1);
  if (counts.some((count) => !Number.isInteger(count) || count < 1)) throw new Error(`BENCH_WORKER_PROCESSES: not a count or list of counts: ${setting}`);
  return counts;
}
