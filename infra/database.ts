import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ENTITIES } from '../schema/entities';
import { bindEntityClock, TimeSource } from '../schema/entities/entity-clock';

export type { EntityManager };
export type Orm = MikroORM;

/**
 * Opens the runtime connection pool: the app role, under Row Level Security.
 * `clock`: the process's clock, which stamps `createdAt`/`updatedAt` of what
 * its entities do not set themselves.
 */
export async function openOrm(appDatabaseUrl: string, poolMax = 10, clock?: TimeSource): Promise<Orm> {
  const orm = await MikroORM.init({
    clientUrl: appDatabaseUrl,
    entities: ENTITIES,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: poolMax },
    debug: false,
  });
  if (clock) bindEntityClock(orm.config, clock);
  return orm;
}

/**
 * Starts a transaction on a fresh EntityManager and binds it to one tenant.
 * `set_config(..., true)` is transaction-local: a pooled connection never
 * carries the tenant over to the next transaction.
 */
export async function beginTenantTransaction(orm: Orm, tenantId: string): Promise<EntityManager> {
  return (await beginBoundTransaction(orm, tenantId, null)).em;
}

/**
 * The same for a request: every statement is bounded by `statementTimeoutMs`,
 * and the database session's pid (to cancel its statement when the request's
 * deadline passes) comes back in the same round trip.
 */
export function beginRequestTransaction(orm: Orm, tenantId: string, statementTimeoutMs: number): Promise<{ em: EntityManager; backendPid: number }> {
  return beginBoundTransaction(orm, tenantId, statementTimeoutMs);
}

async function beginBoundTransaction(orm: Orm, tenantId: string, statementTimeoutMs: number | null): Promise<{ em: EntityManager; backendPid: number }> {
  const em = orm.em.fork({ clear: true });
  await em.begin();
  try {
    const [row] = await em.execute<{ pid: number }[]>(
      `select set_config('app.tenant_id', ?, true), set_config('statement_timeout', coalesce(?, current_setting('statement_timeout')), true), pg_backend_pid() as pid`,
      [tenantId, statementTimeoutMs === null ? null : String(statementTimeoutMs)],
    );
    return { em, backendPid: row.pid };
  } catch (error) {
    await em.rollback();
    throw error;
  }
}

/** Runs `work` in one transaction acting for `tenantId`; commits on success, rolls back on throw. */
export async function inTenantTransaction<T>(orm: Orm, tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const em = await beginTenantTransaction(orm, tenantId);
  try {
    const result = await work(em);
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback().catch(() => undefined);
    throw error;
  }
}
