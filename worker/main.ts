import 'reflect-metadata';
import { systemClock } from '../domain/clock';
import { loadConfigOrExit } from '../infra/config';
import { openOrm } from '../infra/database';
import { createLogger } from '../infra/logger';
import { startWorker } from './worker';

/** `npm run worker`: processes background jobs until SIGTERM, then finishes the running ones and exits. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  const orm = await openOrm(config.APP_DATABASE_URL);
  const running = await startWorker({ orm, config, clock: systemClock, logger });
  logger.info('worker started');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing running jobs');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    await running.close();
    await orm.close();
    clearTimeout(timer);
    logger.info('stopped');
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: Error) => {
  process.stderr.write(`worker failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
