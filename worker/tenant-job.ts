import type { Clock } from '../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../domain/context';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { Orm } from '../domain/ports/database';
import { Tenant } from '../schema/entities';

/**
 * Jobs carry a tenant id, never a context: the worker rebuilds the context
 * from the id, in a transaction bound to that tenant, like a request does.
 */
export async function runForTenant<T>(orm: Orm, clock: Clock, tenantId: string, work: (ctx: TenantContext) => Promise<T>): Promise<T | null> {
  return inTenantTransaction(orm, tenantId, async (em) => {
    const tenant = await em.findOne(Tenant, { id: tenantId });
    if (!tenant) return null; // the tenant is gone: nothing to do
    return work({ tenantId, tenantKind: tenant.kind, principal: SYSTEM_PRINCIPAL, em, clock });
  });
}

export async function activeTenantIds(orm: Orm): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ id: string }[]>('select worker_active_tenant_ids() as id');
  return rows.map((row) => row.id);
}
