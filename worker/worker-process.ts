import type { Config } from '../infra/config';
import { ActionQueue } from '../domain/scheduling/queues';
import { openOrm } from '../infra/database';
import { createLogger } from '../infra/logger';
import { clockFrom } from '../infra/shifted-clock';
import { stopGracefullyOnSignals } from '../infra/shutdown';
import type { Tracing } from '../infra/tracing/start-tracing';
import { startWorker } from './worker';

/** Processes background jobs until SIGTERM, then finishes the running ones, sends the last spans and returns. */
export async function runWorker(config: Config, tracing: Tracing | null): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL, 'worker', { traceIds: tracing !== null });
  if (tracing) logger.info({ tracesUrl: tracing.tracesUrl }, 'tracing is on (OpenTelemetry)');
  // Every queue runs WORKER_CONCURRENCY actions at once, each in its own transaction; the relay and the sweep need one more each.
  const clock = clockFrom(config);
  const orm = await openOrm(config.APP_DATABASE_URL, Object.values(ActionQueue).length * config.WORKER_CONCURRENCY + 2, clock);
  const running = await startWorker({ orm, config, clock, logger });
  logger.info('worker started');
  stopGracefullyOnSignals(logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await running.close();
    await orm.close();
    await tracing?.shutdown();
  });
}
