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
