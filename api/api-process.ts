import type { Config } from '../infra/config';
import { openOrm } from '../infra/database';
import { createLogger } from '../infra/logger';
import { clockFrom } from '../infra/shifted-clock';
import { openRedis } from '../infra/redis';
import { stopGracefullyOnSignals } from '../infra/shutdown';
import type { Tracing } from '../infra/tracing/start-tracing';
import { createApiServer } from './server';

/** Serves the GraphQL API until SIGTERM, then drains in-flight requests, sends the last spans and returns. */
export async function runApi(config: Config, tracing: Tracing | null): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL, 'api', { traceIds: tracing !== null });
  if (tracing) logger.info({ tracesUrl: tracing.tracesUrl }, 'tracing is on (OpenTelemetry)');
  const clock = clockFrom(config);
  const orm = await openOrm(config.APP_DATABASE_URL, undefined, clock);
  const redis = openRedis(config, { commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS });
  const server = await createApiServer(
    {
      orm,
      redis,
      config,
      clock,
      tokens: {
        secret: config.JWT_SECRET,
        accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      },
    },
    logger,
  );
  await server.app.listen({ port: config.PORT, host: config.HOST });
  stopGracefullyOnSignals(logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await server.close();
    await orm.close();
    await redis.quit();
    await tracing?.shutdown();
  });
}
