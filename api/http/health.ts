import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../context';

/**
 * /healthz: the process is alive. /readyz: it can serve, i.e. PostgreSQL and
 * Redis answer; a load balancer takes the instance out while they do not.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const [database, redis] = await Promise.all([
      deps.orm.em
        .fork()
        .execute('select 1')
        .then(() => 'ok')
        .catch((error: Error) => down(app, 'database', error)),
      deps.redis
        .ping()
        .then(() => 'ok')
        .catch((error: Error) => down(app, 'redis', error)),
    ]);
    const ready = database === 'ok' && redis === 'ok';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: { database, redis } });
  });
}

/** The reason goes to the log; the probe's answer says only what is down. */
function down(app: FastifyInstance, what: string, error: Error): string {
  app.log.warn({ err: error, dependency: what }, 'readiness check failed');
  return 'down';
}
