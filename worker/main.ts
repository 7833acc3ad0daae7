import 'reflect-metadata';
import { loadConfigOrExit } from '../infra/config';
import { ActionQueue } from '../domain/scheduling/action-kinds';
import { openOrm } from '../infra/database';
import { createLogger } from '../infra/logger';
import { clockFrom } from '../infra/shifted-clock';
import { stopGracefullyOnSignals } from '../infra/shutdown';
import { startWorker } from './worker';

/** `npm run worker`: processes background jobs until SIGTERM, then finishes the running ones and exits. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  // Every queue runs WORKER_CONCURRENCY actions at once, each in its own transaction; the relay and the sweep need one more each.
  const clock = clockFrom(config);
  const orm = await openOrm(config.APP_DATABASE_URL, Object.values(ActionQueue).length * config.WORKER_CONCURRENCY + 2, clock);
  const running = await startWorker({ orm, config, clock, logger });
  logger.info('worker started');
  stopGracefullyOnSignals(logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await running.close();
    await orm.close();
  });
}

main().catch((error: Error) => {
  process.stderr.write(`worker failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
