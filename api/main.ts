import 'reflect-metadata';
import { systemClock } from '../domain/clock';
import { loadConfigOrExit } from '../infra/config';
import { openOrm } from '../infra/database';
import { createLogger } from '../infra/logger';
import { openRedis } from '../infra/redis';
import { createApiServer } from './server';

/** `npm run api`: serves the GraphQL API until SIGTERM, then drains in-flight requests and exits. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL, 'api');
  const orm = await openOrm(config.APP_DATABASE_URL);
  const redis = openRedis(config.REDIS_URL);
  const server = await createApiServer(
    {
      orm,
      redis,
      config,
      clock: systemClock,
      tokens: {
        secret: config.JWT_SECRET,
        accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      },
    },
    logger,
  );
  await server.app.listen({ port: config.PORT, host: config.HOST });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    await server.close();
    await orm.close();
    await redis.quit();
    clearTimeout(timer);
    logger.info('stopped');
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: Error) => {
  process.stderr.write(`api failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
