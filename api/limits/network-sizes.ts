import { TenantKind } from '../../core/enums';
import type { TenantContext } from '../../domain/context';

const TTL_MS = 60_000;

/**
 * How many stores each HQ's network has, for pricing the fields whose work
 * grows with it. Read in the request's own transaction, and kept for a minute
 * per HQ: a store opened meanwhile is priced a minute late, which is all a
 * price needs.
 */
export class NetworkSizes {
  private readonly known = new Map<string, { stores: number; until: number }>();

  async storesOf(tenant: TenantContext): Promise<number> {
    if (tenant.tenantKind !== TenantKind.HQ) return 0;
    const now = Date.now();
    const cached = this.known.get(tenant.tenantId);
    if (cached && cached.until > now) return cached.stores;
    const [row] = await tenant.em.execute<{ stores: number }[]>('select network_store_count() as stores');
    const stores = Number(row.stores);
    this.known.set(tenant.tenantId, { stores, until: now + TTL_MS });
    return stores;
  }
}
