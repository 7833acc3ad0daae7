import { TenantKind } from '../../core/enums';
import { recordAudit } from '../audit';
import type { TenantContext } from '../context';
import { forbidden } from '../errors';
import { Permission } from '../permissions';

/**
 * How many network reads are under way in each transaction. The fields of one
 * GraphQL request resolve concurrently over the request's one transaction, so
 * the scope is a shared setting: the first read turns it on and the last one
 * to finish turns it off, never one read while another is still reading.
 */
const readsUnderWay = new WeakMap<TenantContext['em'], { count: number; turnedOn: Promise<unknown> }>();

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
  let underWay = readsUnderWay.get(ctx.em);
  if (!underWay || underWay.count === 0) {
    underWay = { count: 0, turnedOn: ctx.em.execute(`select set_config('app.hq_scope', 'on', true)`) };
    readsUnderWay.set(ctx.em, underWay);
  }
  underWay.count += 1;
  try {
    await underWay.turnedOn; // a read that joins one under way still waits for the scope to be on
    return await work();
  } finally {
    underWay.count -= 1;
    if (underWay.count === 0) await ctx.em.execute(`select set_config('app.hq_scope', 'off', true)`);
  }
}
