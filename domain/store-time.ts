import { localMoment } from '../core/local-time';
import { Tenant } from '../schema/entities';
import type { TenantContext } from './context';

/** The store's time zone (tenants.time_zone). */
export async function storeTimeZone(ctx: TenantContext): Promise<string> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  return tenant.timeZone;
}

/** A visit window in the store's local time, as people read it. */
export async function describeWindow(ctx: TenantContext, start: Date, end: Date): Promise<string> {
  const zone = await storeTimeZone(ctx);
  const from = localMoment(start, zone);
  const to = localMoment(end, zone);
  // Same day: "2026-03-05 09:00-11:00"; otherwise both ends in full.
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}-${to.slice(11)}` : `${from} - ${to}`;
}
