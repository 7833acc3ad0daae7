import { connectStripeGateway } from '../infra/stripe/stripe-payment-gateway';
import { Job, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { stripeBillingFrom } from '../domain/billing/stripe-billing';
import type { Clock } from '../core/clock';
import type { MessageChannels } from '../domain/ports/message-channels';
import type { Config } from '../infra/config';
import type { Orm } from '../domain/ports/database';
import { messageChannelsFrom } from '../infra/messaging';
import { bullConnection, closeBullConnection } from '../infra/redis';
import { RunningActionWorkers, startActionWorkers } from './actions/action-workers';
import { ACTION_PROCESSORS } from './actions/processors';
import { healthFileWriter } from './health-file';
import { bullPrefix, JOBS, QUEUES } from '../domain/scheduling/queues';
import { checkCalendarsJob, sweepCalendars } from './calendar-sweep.job';
import { noticeTargetFlagsJob, sweepTargetFlags } from './target-flags-sweep.job';
import { purgeSessionsJob, sweepSessions } from './session-sweep.job';
import { purgeUploadsJob, sweepUploads } from './upload-sweep.job';
import { openObjectStorage } from '../infra/storage/open-object-storage';
import type { ObjectStorage } from '../domain/ports/object-storage';
import { wireDomainEvents } from '../domain/wiring/domain-event-subscriptions';

export interface WorkerDeps {
  orm: Orm;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Email and SMS senders; built from the config when not given. */
  channels?: MessageChannels;
  /** HTTP for partner webhooks; the global fetch unless a test passes its own. */
  fetch?: typeof fetch;
}

export interface RunningWorker {
  queue: Queue;
  worker: Worker;
  actions: RunningActionWorkers;
  /** Stops taking jobs, lets the running ones finish, then disconnects. */
  close(): Promise<void>;
}

const SWEEP_EVERY = '0 3 * * *'; // 03:00 daily, in the time zone below
const CALENDAR_CHECK_EVERY = '30 3 * * *'; // 03:30 daily: from 1 October, HQs hear of next year's missing calendar
const TARGET_FLAGS_EVERY = '30 8 * * *'; // 08:30 daily, at the start of the working day: HQs hear of last month's flags once
const UPLOAD_SWEEP_EVERY = '15 3 * * *'; // 03:15 daily: uploads nothing refers to after a day
const SWEEP_TIME_ZONE = 'Asia/Shanghai';

export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  // Actions change tickets too (a sent message restarts a clock): their events reach the same subscribers.
  wireDomainEvents();
  // Reconnects within a second of Redis coming back (BullMQ's own backoff grows to 20 s).
  const connection = bullConnection(deps.config);
  const prefix = bullPrefix(deps.config.REDIS_PREFIX);
  const queue = new Queue(QUEUES.maintenance, { connection, prefix });
  queue.on('error', (error) => deps.logger.debug({ queue: queue.name, err: error }, 'queue error'));
  // Job schedulers are stored in Redis: many worker instances share one schedule. A Redis that comes
  // back empty has lost them, so they are written again on every reconnection (an upsert is idempotent).
  const schedule = async () => {
    await queue.upsertJobScheduler(JOBS.sweepSessions, { pattern: SWEEP_EVERY, tz: SWEEP_TIME_ZONE }, { name: JOBS.sweepSessions });
    await queue.upsertJobScheduler(JOBS.sweepCalendars, { pattern: CALENDAR_CHECK_EVERY, tz: SWEEP_TIME_ZONE }, { name: JOBS.sweepCalendars });
    await queue.upsertJobScheduler(JOBS.sweepTargetFlags, { pattern: TARGET_FLAGS_EVERY, tz: SWEEP_TIME_ZONE }, { name: JOBS.sweepTargetFlags });
    await queue.upsertJobScheduler(JOBS.sweepUploads, { pattern: UPLOAD_SWEEP_EVERY, tz: SWEEP_TIME_ZONE }, { name: JOBS.sweepUploads });
  };
  // Object storage is opened when an upload sweep first needs it, not at start: the other jobs never do.
  let storage: Promise<ObjectStorage & { close?(): void }> | null = null;
  const openStorage = () =>
    (storage ??= openObjectStorage(deps.config).catch((error: unknown) => {
      storage = null; // the job fails and is retried; the next try opens it again
      throw error;
    }));
  await schedule();
  (await queue.client).on('ready', () => {
    schedule().catch((error: unknown) => deps.logger.error({ err: error }, 'could not restore the maintenance schedules'));
  });
  const worker = new Worker(
    QUEUES.maintenance,
    async (job: Job) => {
      switch (job.name) {
        case JOBS.sweepSessions:
          return sweepSessions(deps.orm, queue, deps.clock);
        case JOBS.purgeSessions:
          return purgeSessionsJob(deps.orm, deps.clock, job as Job<{ tenantId: string }>);
        case JOBS.sweepCalendars:
          return sweepCalendars(deps.orm, queue, deps.clock);
        case JOBS.checkCalendars:
          return checkCalendarsJob(deps.orm, deps.clock, job as Job<{ tenantId: string }>);
        case JOBS.sweepTargetFlags:
          return sweepTargetFlags(deps.orm, queue, deps.clock);
        case JOBS.noticeTargetFlags:
          return noticeTargetFlagsJob(deps.orm, deps.clock, job as Job<{ tenantId: string }>);
        case JOBS.sweepUploads:
          return sweepUploads(deps.orm, queue, deps.clock);
        case JOBS.purgeUploads:
          return purgeUploadsJob(deps.orm, deps.clock, openStorage, job as Job<{ tenantId: string }>);
        default:
          throw new Error(`unknown job ${job.name}`);
      }
    },
    { connection, prefix, concurrency: 4, runRetryDelay: 1000 },
  );
  worker.on('error', (error) => deps.logger.debug({ queue: worker.name, err: error }, 'queue worker error'));
  worker.on('failed', (job, error) => deps.logger.error({ job: job?.name, jobId: job?.id, err: error }, 'job failed'));
  worker.on('completed', (job, result) => deps.logger.info({ job: job.name, jobId: job.id, result }, 'job completed'));
  const channels = deps.channels ?? messageChannelsFrom(deps.config);
  const actions = startActionWorkers(
    {
      orm: deps.orm,
      clock: deps.clock,
      processors: ACTION_PROCESSORS,
      processorDeps: {
        channels,
        fetch: deps.fetch ?? fetch,
        publicBaseUrl: deps.config.PUBLIC_BASE_URL,
        webhookTimeoutMs: deps.config.WEBHOOK_TIMEOUT_MS,
        billing: stripeBillingFrom(deps.config, connectStripeGateway),
        log: deps.logger,
      },
    },
    {
      connection,
      prefix,
      concurrency: deps.config.WORKER_CONCURRENCY,
      lockDurationMs: deps.config.JOB_LOCK_MS,
      relayIntervalMs: deps.config.RELAY_INTERVAL_MS,
      reconcileAfterMs: deps.config.RECONCILE_AFTER_MS,
      logger: deps.logger,
      onHealthyPass: deps.config.WORKER_HEALTH_FILE ? healthFileWriter(deps.config.WORKER_HEALTH_FILE, deps.config.WORKER_HEALTH_MAX_AGE_MS) : undefined,
    },
  );
  return {
    queue,
    worker,
    actions,
    async close() {
      await actions.close();
      if (!deps.channels) channels.email.close?.(); // ours to close only when we built them
      await worker.close();
      await queue.close();
      await closeBullConnection(connection);
      (await storage?.catch(() => null))?.close?.();
    },
  };
}
