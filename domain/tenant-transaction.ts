import type { EntityManager, Orm } from './ports/database';

/**
 * Starts a transaction on a fresh EntityManager and binds it to one tenant.
 * `set_config(..., true)` is transaction-local: a pooled connection never
 * carries the tenant over to the next transaction.
 */
export async function beginTenantTransaction(orm: Orm, tenantId: string): Promise<EntityManager> {
  const em = orm.em.fork({ clear: true });
  await em.begin();
  try {
    await em.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
  } catch (error) {
    await em.rollback();
    throw error;
  }
  return em;
}

/**
 * The same for a request: every statement is bounded by `statementTimeoutMs`,
 * and the database session's pid (to cancel its statement when the request's
 * deadline passes) comes back in the same round trip.
 */
export async function beginRequestTransaction(orm: Orm, tenantId: string, statementTimeoutMs: number): Promise<{ em: EntityManager; backendPid: number }> {
  const em = orm.em.fork({ clear: true });
  await em.begin();
  try {
    const [row] = await em.execute<{ pid: number }[]>(
      `select set_config('app.tenant_id', ?, true), set_config('statement_timeout', ?, true), pg_backend_pid() as pid`,
      [tenantId, String(statementTimeoutMs)],
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
