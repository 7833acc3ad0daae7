import DataLoader from 'dataloader';
import type { TenantContext } from '../domain/context';
import { StaffUser, Tenant } from '../schema/entities';

/**
 * Per-request batch loaders: nested fields load through these, so a list of N
 * items costs one query per relation, not N.
 */
export interface Loaders {
  staffUser: DataLoader<string, StaffUser | null>;
  tenant: DataLoader<string, Tenant | null>;
}

export function createLoaders(ctx: TenantContext): Loaders {
  return {
    staffUser: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(StaffUser, { tenantId: ctx.tenantId, id: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    tenant: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(Tenant, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
