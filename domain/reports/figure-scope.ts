import { TenantKind } from '../../core/enums';
import type { TenantContext } from '../context';
import { notFound } from '../errors';
import { withNetworkScope } from '../tenants/network-scope';

/**
 * Which stores' facts a figure reads: a store (or partner) its own only; an
 * HQ its stores, all of them or those it names, through the audited network
 * scope, as the tickets at risk are read. A store named that is not the
 * caller's (another store, another network's) answers as one that does not
 * exist. `work` gets the stores' ids; for an HQ it runs inside the scope.
 */
export async function readInScope<T>(
  ctx: TenantContext,
  storeIds: readonly string[] | null | undefined,
  reason: string,
  work: (storeIds: string[]) => Promise<T>,
): Promise<T> {
  const named = storeIds?.length ? [...new Set(storeIds)] : null;
  if (ctx.tenantKind !== TenantKind.HQ) {
    if (named && (named.length > 1 || named[0] !== ctx.tenantId)) throw notFound('Store');
    return work([ctx.tenantId]);
  }
  return withNetworkScope(ctx, reason, async () => {
    const rows = await ctx.em.execute<{ id: string }[]>(
      `select s.id from tenants s where s.parent_id = ? and s.kind = ?${named ? ' and s.id in (?)' : ''} order by s.id`,
      named ? [ctx.tenantId, TenantKind.STORE, named] : [ctx.tenantId, TenantKind.STORE],
    );
    if (named && rows.length !== named.length) throw notFound('Store');
    return work(rows.map((row) => row.id));
  });
}
