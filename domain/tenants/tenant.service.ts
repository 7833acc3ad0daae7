import { Tenant } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import type { TenantContext } from '../context';
import { notFound } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { withNetworkScope } from './network-scope';

export async function currentTenant(ctx: TenantContext): Promise<Tenant> {
  const tenant = await ctx.em.findOne(Tenant, { id: ctx.tenantId });
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

export interface NetworkFilter {
  kind?: TenantKind | null;
}

/** HQ's view of its network: its stores and partners (never another HQ's). */
export async function listNetworkTenants(ctx: TenantContext, filter: NetworkFilter, page: PageRequest): Promise<Page<Tenant>> {
  checkPageSize(page.first);
  return withNetworkScope(ctx, 'list network tenants', async () => {
    const rows = await ctx.em.find(
      Tenant,
      { parentId: ctx.tenantId, ...(filter.kind ? { kind: filter.kind } : {}), ...afterCondition(page.after) },
      { orderBy: NEWEST_FIRST, limit: page.first + 1 },
    );
    return toPage(rows, page.first);
  });
}

/** A tenant the caller may see: itself, or for HQ one of its own stores and partners. */
export async function findVisibleTenant(ctx: TenantContext, id: string): Promise<Tenant> {
  if (id === ctx.tenantId) return currentTenant(ctx);
  if (ctx.tenantKind !== TenantKind.HQ) throw notFound('Tenant');
  const tenant = await withNetworkScope(ctx, 'read network tenant', () => ctx.em.findOne(Tenant, { id, parentId: ctx.tenantId }));
  if (!tenant) throw notFound('Tenant');
  return tenant;
}
