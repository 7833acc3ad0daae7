import { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BullConnection } from '../../infra/redis';
import { ActionQueue } from '../../domain/scheduling/queues';
import { inActionRunSpan } from './action-run-span';
import { reconcilePass, relayPass } from './relay';
import { ActionRef, runAction, RunnerDeps } from './run-action';

export interface ActionWorkersOptions {
  connection: BullConnection;
  prefix: string;
  concurrency: number;
  /** A job whose worker stopped renewing its lock this long ago (a killed process) is run again. */
  lockDurationMs?: number;
  relayIntervalMs: number;
  reconcileAfterMs: number;
  logger: Logger;
  /** Called after each relay pass that reached PostgreSQL and Redis (the worker's health file). */
  onHealthyPass?: () => Promise<void>;
}

export interface RunningActionWorkers {
  queues: ReadonlyMap<ActionQueue, Queue>;
  workers: Worker[];
  /** Runs one relay pass now (tests and the demo clock use it after moving time). */
  relayNow(): Promise<number>;
  close(): Promise<void>;
}

/**
 * After a failed call to Redis (it went away), a BullMQ worker waits this long
 * before it asks for jobs again; BullMQ's default, 15 s, would leave the queues
 * idle long after Redis is back.
 */
const RETRY_AFTER_REDIS_ERROR_MS = 1000;

/**
 * The queues of scheduled actions, a worker on each, and the loops that feed
 * them: the relay hands over newly due actions every `relayIntervalMs`; the
 * reconciler, less often, hands over again whatever is due, was handed over a
 * while ago and is still pending (a job lost with Redis, a worker killed).
 *
 * While Redis is away the relay hands nothing over (the actions wait in
 * PostgreSQL, where the api keeps writing them); the first pass after Redis is
 * back reconciles at once, so what a restarted, empty Redis lost runs again
 * within a pass instead of after `reconcileAfterMs`.
 */
export function startActionWorkers(runner: RunnerDeps, options: ActionWorkersOptions): RunningActionWorkers {
  const { connection, prefix, logger } = options;
  const queues = new Map(Object.values(ActionQueue).map((name) => [name, new Queue(name, { connection, prefix })] as const));
  const workers = [...queues.keys()].map(
    (name) =>
      new Worker(name, (job: Job<ActionRef>) => inActionRunSpan(job.name, job.data, () => runAction(runner, job.data)), {
        connection,
        prefix,
        concurrency: options.concurrency,
        runRetryDelay: RETRY_AFTER_REDIS_ERROR_MS,
        ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs } : {}),
      }),
  );
  const reportError = onceAMinute(logger);
  for (const queue of queues.values()) {
    // BullMQ reports connection trouble as events; unhandled, an 'error' event would end the process.
    queue.on('error', (error) => reportError({ queue: queue.name, err: error }, 'queue error'));
  }
  for (const worker of workers) {
    worker.on('error', (error) => reportError({ queue: worker.name, err: error }, 'queue worker error'));
    worker.on('failed', (job, error) =>
      logger.error({ queue: worker.name, jobId: job?.id, err: error }, 'action run failed; the reconciler will hand it over again'),
    );
  }

  let stopped = false;
  let lastReconcile = 0;
  /** Set when the relay's connection closes or is found not ready: the next ready pass reconciles at once. */
  let redisWasDown = false;
  let saidDown = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const firstQueue = queues.values().next().value!;
  let watched: Redis | undefined;
  const pass = async (): Promise<number> => {
    // BullMQ's client answers once connected; its status then says whether Redis is there right now.
    const client = (await firstQueue.client) as unknown as Redis;
    if (watched !== client) {
      watched = client;
      // An outage shorter than a relay interval is still an outage: Redis may have come back empty.
      client.on('close', () => {
        redisWasDown = true;
      });
    }
    if (client.status !== 'ready') {
      // Claiming now would mark actions as handed over that no queue could take.
      if (!saidDown) logger.warn({ redis: client.status }, 'Redis is unreachable: due actions wait in PostgreSQL until it is back');
      saidDown = true;
      redisWasDown = true;
      return 0;
    }
    const now = runner.clock.now().getTime();
    let handed = await relayPass(runner.orm, queues, runner.clock);
    if (redisWasDown) {
      // Everything handed over before now and still pending, whose job the returning Redis does not have.
      lastReconcile = now;
      const again = await reconcilePass(runner.orm, queues, runner.clock, new Date(now));
      logger.info({ handedOverAgain: again }, 'Redis is back: the relay resumes and lost jobs are handed over again');
      redisWasDown = false;
      saidDown = false;
      return handed + again;
    }
    if (now - lastReconcile >= options.reconcileAfterMs / 2) {
      lastReconcile = now;
      handed += await reconcilePass(runner.orm, queues, runner.clock, new Date(now - options.reconcileAfterMs));
    }
    return handed;
  };
  // A pass with nothing due never touches Redis: ask it, so a lost connection shows.
  const healthy = async () => {
    if (!options.onHealthyPass) return;
    const client = (await queues.values().next().value!.client) as unknown as Pick<Redis, 'ping'>;
    await client.ping();
    await options.onHealthyPass();
  };
  const tick = () => {
    running = pass()
      .then(() => healthy())
      .catch((error: unknown) => logger.error({ err: error }, 'relay pass failed; retrying on the next tick'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.relayIntervalMs);
      });
  };
  tick();

  return {
    queues,
    workers,
    relayNow: async () => {
      await running;
      return pass();
    },
    async close() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}

/** While Redis is away every connection reports each reconnection attempt; the log gets one line a minute per kind of error. */
function onceAMinute(logger: Logger): (detail: { queue: string; err: Error }, message: string) => void {
  const lastSaid = new Map<string, number>();
  return (detail, message) => {
    const key = `${detail.queue} ${message} ${detail.err.message}`;
    const now = Date.now();
    if (now - (lastSaid.get(key) ?? 0) < 60_000) return;
    lastSaid.set(key, now);
    logger.error(detail, message);
  };
}
