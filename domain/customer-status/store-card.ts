import type { Tenant } from '../../schema/entities';
import type { TenantContext } from '../context';
import { DEFAULT_HOURS } from '../standards/tenant-calendar';

/** How a customer reaches a store: what its public pages show of it, and nothing internal. */
export interface CustomerStore {
  name: string;
  phone: string | null;
  address: string | null;
  timeZone: string;
  /** Opening hours by ISO weekday (1 = Monday), closed days left out. */
  hours: { weekday: number; intervals: string[] }[];
}

/** The card of `store`, the tenant of `ctx`. */
export async function storeCard(ctx: TenantContext, store: Tenant): Promise<CustomerStore> {
  return { name: store.name, phone: store.contactPhone ?? null, address: store.contactAddress ?? null, timeZone: store.timeZone, hours: await hoursOf(ctx) };
}

async function hoursOf(ctx: TenantContext): Promise<CustomerStore['hours']> {
  const rows = await ctx.em.execute<{ weekly: Partial<Record<string, string[]>> | null }[]>('select weekly from tenant_calendars where tenant_id = ?', [
    ctx.tenantId,
  ]);
  const weekly: Partial<Record<string, string[]>> = rows[0]?.weekly ?? DEFAULT_HOURS;
  return Object.entries(weekly)
    .map(([day, intervals]) => ({ weekday: Number(day), intervals: intervals ?? [] }))
    .filter((day) => day.intervals.length > 0)
    .sort((a, b) => a.weekday - b.weekday);
}
