import { Tenant } from '../schema/entities';
import { TenantKind } from '../core/enums';
import type { TenantContext } from './context';
import type { EntityManager } from './ports/database';

/**
 * The HQ a tenant belongs to (`app_parent_tenant()`), asked of the database
 * once per unit of work: the catalogue, the standard and the calendar each
 * need it, and a store does not change HQ in the middle of a request.
 */
const parents = new WeakMap<EntityManager, Map<string, string | null>>();

function known(ctx: TenantContext): Map<string, string | null> {
  let byTenant = parents.get(ctx.em);
  if (!byTenant) parents.set(ctx.em, (byTenant = new Map()));
  return byTenant;
}

/** The caller's HQ: itself for an HQ, its parent for a store (null when it has none). */
export async function parentTenant(ctx: TenantContext): Promise<string | null> {
  if (ctx.tenantKind === TenantKind.HQ) return ctx.tenantId;
  const byTenant = known(ctx);
  if (byTenant.has(ctx.tenantId)) return byTenant.get(ctx.tenantId)!;
  const rows = await ctx.em.execute<{ hq: string | null }[]>('select app_parent_tenant() as hq');
  const hq = rows[0]?.hq ?? null;
  byTenant.set(ctx.tenantId, hq);
  return hq;
}

/**
 * The caller's own tenant row and its HQ in one statement: the row joins the
 * unit of work (later reads of it cost nothing), the HQ is remembered.
 */
export async function loadTenantAndParent(ctx: TenantContext): Promise<Tenant> {
  const rows = await ctx.em.execute<Record<string, unknown>[]>('select t.*, app_parent_tenant() as parent_of_caller from tenants t where t.id = ?', [
    ctx.tenantId,
  ]);
  if (!rows[0]) throw new Error(`tenant ${ctx.tenantId} is not readable`);
  const { parent_of_caller: hq, ...row } = rows[0];
  if (ctx.tenantKind !== TenantKind.HQ) known(ctx).set(ctx.tenantId, (hq as string | null) ?? null);
  return ctx.em.map(Tenant, row);
}
