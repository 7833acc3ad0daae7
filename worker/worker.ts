import { Job, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { stripeBillingFrom } from '../domain/billing/stripe-billing';
import type { Clock } from '../domain/clock';
import type { MessageChannels } from '../domain/notifications/channels';
import type { Config } from '../infra/config';
import type { Orm } from '../infra/database';
import { messageChannelsFrom } from '../infra/messaging';
import { RunningActionWorkers, startActionWorkers } from './actions/action-workers';
import { ACTION_PROCESSORS } from './actions/processors';
import { bullPrefix, JOBS, QUEUES } from './queues';
import { checkCalendarsJob, sweepCalendars } from './calendar-sweep.job';
import { purgeSessionsJob, sweepSessions } from './session-sweep.job';

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
const SWEEP_TIME_ZONE = 'Asia/Shanghai';

export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  const connection = { url: deps.config.REDIS_URL, maxRetriesPerRequest: null };
  const prefix = bullPrefix(deps.config.REDIS_PREFIX);
  const queue = new Queue(QUEUES.maintenance, { connection, prefix });
  // A job scheduler is stored in Redis: many worker instances share one schedule.
  await queue.upsertJobScheduler(JOBS.sweepSessions, { pattern: SWEEP_EVERY, tz: SWEEP_TIME_ZONE }, { name: JOBS.sweepSessions });
  await queue.upsertJobScheduler(JOBS.sweepCalendars, { pattern: CALENDAR_CHECK_EVERY, tz: SWEEP_TIME_ZONE }, { name: JOBS.sweepCalendars });
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
        default:
          throw new Error(`unknown job ${job.name}`);
      }
    },
    { connection, prefix, concurrency: 4 },
  );
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
        billing: stripeBillingFrom(deps.config),
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
    },
  };
}
