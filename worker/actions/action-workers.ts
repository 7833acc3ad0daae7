import { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ActionQueue } from '../../domain/scheduling/action-kinds';
import { reconcilePass, relayPass } from './relay';
import { ActionRef, runAction, RunnerDeps } from './run-action';

export interface ActionWorkersOptions {
  connection: { url: string; maxRetriesPerRequest: null };
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
 * The queues of scheduled actions, a worker on each, and the loops that feed
 * them: the relay hands over newly due actions every `relayIntervalMs`; the
 * reconciler, less often, hands over again whatever is due, was handed over a
 * while ago and is still pending (a job lost with Redis, a worker killed).
 */
export function startActionWorkers(runner: RunnerDeps, options: ActionWorkersOptions): RunningActionWorkers {
  const { connection, prefix, logger } = options;
  const queues = new Map(Object.values(ActionQueue).map((name) => [name, new Queue(name, { connection, prefix })] as const));
  const workers = [...queues.keys()].map(
    (name) =>
      new Worker(name, (job: Job<ActionRef>) => runAction(runner, job.data), {
        connection,
        prefix,
        concurrency: options.concurrency,
        ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs } : {}),
      }),
  );
  for (const worker of workers) {
    // BullMQ reports connection trouble as events; unhandled, they would end the process.
    worker.on('error', (error) => logger.error({ queue: worker.name, err: error }, 'queue worker error'));
    worker.on('failed', (job, error) => logger.error({ queue: worker.name, jobId: job?.id, err: error }, 'action run failed; the reconciler will hand it over again'));
  }

  let stopped = false;
  let lastReconcile = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const pass = async (): Promise<number> => {
    const now = runner.clock.now().getTime();
    let handed = await relayPass(runner.orm, queues, runner.clock);
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

