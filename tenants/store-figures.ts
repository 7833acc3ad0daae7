import { Clock, systemClock } from '../core/clock';
import { TenantKind } from '../core/enums';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import type { Orm } from '../domain/ports/database';
import { rebuildMetricFacts } from '../domain/reports/metric-facts-rebuild';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { Tenant } from '../schema/entities';

/**
 * One store's service-figure facts from its tickets' history as of `clock`'s
 * now, a batch per transaction; null for a tenant that is not a store.
 */
export async function rebuildStoreFigures(orm: Orm, tenantId: string, clock: Clock = systemClock): Promise<{ slug: string; count: number } | null> {
  let after: string | null = null;
  let count = 0;
  let slug = '';
  do {
    const batch: { rebuilt: number; last: string | null } | null = await inTenantTransaction(orm, tenantId, async (em) => {
      const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
      if (tenant.kind !== TenantKind.STORE) return null;
      slug = tenant.slug;
      return rebuildMetricFacts({ tenantId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock }, after);
    });
    if (!batch) return null;
    count += batch.rebuilt;
    after = batch.last;
  } while (after);
  return { slug, count };
}
