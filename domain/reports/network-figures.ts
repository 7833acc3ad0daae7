import { DateTime } from 'luxon';
import { Tenant } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import type { TenantContext } from '../context';
import { forbidden, UserInputError } from '../errors';
import { withNetworkScope } from '../tenants/network-scope';

/** One store's week: tickets opened, resolved within their resolution target, and breached (any target). */
export interface StoreWeek {
  store: Tenant;
  /** Monday of the ISO week, in the store's calendar (YYYY-MM-DD). */
  weekStart: string;
  opened: number;
  resolvedOnTime: number;
  breached: number;
}

const MAX_WEEKS = 26;

/**
 * HQ's weekly figures per store, for the last `weeks` ISO weeks up to the
 * current one (every store and every week, zeros included). Counted in SQL
 * from the stores' tickets and their timelines (SLA_MET / SLA_BREACHED
 * entries), each in the store's own time zone, through the audited network
 * scope; read only.
 */
export async function networkFigures(ctx: TenantContext, weeks: number): Promise<StoreWeek[]> {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) {
    throw new UserInputError('INVALID_RANGE', `\`weeks\` must be between 1 and ${MAX_WEEKS}`, ['weeks']);
  }
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ has network figures');
  return withNetworkScope(ctx, 'weekly figures across the network', async () => {
    const stores = await ctx.em.find(Tenant, { parentId: ctx.tenantId, kind: TenantKind.STORE }, { orderBy: { slug: 'asc' } });
    if (stores.length === 0) return [];
    const now = ctx.clock.now();
    // The earliest Monday any store's calendar reaches back to; rows before a store's own first week are dropped below.
    const from = DateTime.fromJSDate(now).minus({ weeks }).startOf('day').toJSDate();
    const rows = await ctx.em.execute<{ tenant_id: string; week: string; opened: string; resolved_on_time: string; breached: string }[]>(
      `with store as (
         select id, time_zone from tenants where id in (?)
       ),
       opened as (
         select t.tenant_id, to_char(date_trunc('week', t.created_at at time zone s.time_zone), 'YYYY-MM-DD') as week, count(*) as n
           from tickets t join store s on s.id = t.tenant_id
          where t.created_at >= ?
          group by 1, 2
       ),
       outcome as (
         select e.tenant_id,
                to_char(date_trunc('week', coalesce((e.data->>'breachedAt')::timestamptz, e.occurred_at) at time zone s.time_zone), 'YYYY-MM-DD') as week,
                count(distinct e.ticket_id) filter (where e.kind = 'SLA_MET' and e.data->>'metric' = 'RESOLUTION') as met,
                count(distinct e.ticket_id) filter (where e.kind = 'SLA_BREACHED') as breached
           from ticket_events e join store s on s.id = e.tenant_id
          where e.kind in ('SLA_MET', 'SLA_BREACHED') and e.occurred_at >= ?
          group by 1, 2
       )
       select coalesce(o.tenant_id, x.tenant_id) as tenant_id, coalesce(o.week, x.week) as week,
              coalesce(o.n, 0) as opened, coalesce(x.met, 0) as resolved_on_time, coalesce(x.breached, 0) as breached
         from opened o full join outcome x on x.tenant_id = o.tenant_id and x.week = o.week`,
      [stores.map((store) => store.id), from, from],
    );
    const found = new Map(rows.map((row) => [`${row.tenant_id}|${row.week}`, row]));
    return stores.flatMap((store) => {
      const thisWeek = DateTime.fromJSDate(now, { zone: store.timeZone }).startOf('week');
      return Array.from({ length: weeks }, (_, index) => {
        const weekStart = thisWeek.minus({ weeks: weeks - 1 - index }).toISODate()!;
        const row = found.get(`${store.id}|${weekStart}`);
        return { store, weekStart, opened: Number(row?.opened ?? 0), resolvedOnTime: Number(row?.resolved_on_time ?? 0), breached: Number(row?.breached ?? 0) };
      });
    });
  });
}
