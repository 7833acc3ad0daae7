import { TenantKind } from '../../schema/enums';
import { recordAudit } from '../audit';
import type { TenantContext } from '../context';
import { forbidden } from '../errors';
import { Permission } from '../permissions';

/**
 * Lets an HQ read the rows of its own stores and partners for the duration of
 * `work`. The database decides which tenants that covers (app_readable_tenants):
 * this only asks for it, and every use is written to the audit trail.
 */
export async function withNetworkScope<T>(ctx: TenantContext, reason: string, work: () => Promise<T>): Promise<T> {
  if (ctx.tenantKind !== TenantKind.HQ || !ctx.principal.permissions.has(Permission.NETWORK_READ)) {
    throw forbidden('Only HQ may read across the network');
  }
  recordAudit(ctx, 'NETWORK_READ', { reason });
  await ctx.em.execute(`select set_config('app.hq_scope', 'on', true)`);
  try {
    return await work();
  } finally {
    await ctx.em.execute(`select set_config('app.hq_scope', 'off', true)`);
  }
}
