import type { Clock } from '../core/clock';
import { TenantKind } from '../core/enums';
import { SYSTEM_PRINCIPAL, type TenantContext } from '../domain/context';
import type { Orm } from '../domain/ports/database';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { Tenant } from '../schema/entities';

/** One batch of a rebuild: how many tickets it rebuilt, and the last one (null when none is left). */
export type RebuildBatch = (ctx: TenantContext, after: string | null) => Promise<{ rebuilt: number; last: string | null }>;

/**
 * Rebuilds what a store keeps derived from its tickets, a batch per
 * transaction so that a big store never holds one long transaction; null for
 * a tenant that is not a store (HQ and partners keep none of it).
 */
export async function rebuildStoreInBatches(
  orm: Orm,
  tenantId: string,
  clock: Clock,
  rebuildBatch: RebuildBatch,
): Promise<{ slug: string; count: number } | null> {
  let after: string | null = null;
  let count = 0;
  let slug = '';
  do {
    const batch: { rebuilt: number; last: string | null } | null = await inTenantTransaction(orm, tenantId, async (em) => {
      const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
      if (tenant.kind !== TenantKind.STORE) return null;
      slug = tenant.slug;
      return rebuildBatch({ tenantId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock }, after);
    });
    if (!batch) return null;
    count += batch.rebuilt;
    after = batch.last;
  } while (after);
  return { slug, count };
}
