import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../context';

type Check = 'ok' | 'down';

/**
 * /healthz: the process is alive. /readyz: whether it can serve, answered
 * within READINESS_TIMEOUT_MS whatever its dependencies do; a dependency that
 * fails or does not answer in time is `down`.
 *
 * Without PostgreSQL nothing can be served: 503, and a load balancer takes
 * the instance out. Without Redis the api still serves every request (limits
 * count per process, scheduled work waits in PostgreSQL): 200 `degraded`,
 * because every instance shares that Redis, and failing them all would turn a
 * degraded service into no service at all.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const timeoutMs = deps.config.READINESS_TIMEOUT_MS;
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const [database, redis] = await Promise.all([
      check(app, 'database', timeoutMs, () => deps.orm.em.fork().execute('select 1')),
      check(app, 'redis', timeoutMs, () => deps.redis.ping()),
    ]);
    const status = database === 'down' ? 'not ready' : redis === 'down' ? 'degraded' : 'ready';
    return reply.code(database === 'ok' ? 200 : 503).send({ status, checks: { database, redis } });
  });
}

/** The reason goes to the log; the probe's answer says only what is down. */
async function check(app: FastifyInstance, dependency: string, timeoutMs: number, probe: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), late]);
    return 'ok';
  } catch (error) {
    app.log.warn({ err: error, dependency }, 'readiness check failed');
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
