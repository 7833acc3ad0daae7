import { TenantKind } from '../../core/enums';
import { atomically, TenantContext } from '../context';
import { forbidden } from '../errors';
import { parentTenant } from '../parent-tenant';
import { rankingMonthOf } from './ranking-month';

export interface RankingPublication {
  month: string;
  published: boolean;
  publishedAt: Date | null;
}

/** Whether (and when) the caller's HQ published the month's whole ranking to its stores. */
export async function rankingPublication(ctx: TenantContext, month: string): Promise<RankingPublication> {
  const { firstDay } = rankingMonthOf(month);
  const hq = await parentTenant(ctx);
  const [row] = hq
    ? await ctx.em.execute<{ published_at: Date }[]>(`select published_at from ranking_publications where tenant_id = ? and month = ?::date`, [hq, firstDay])
    : [];
  return { month, published: Boolean(row), publishedAt: row ? new Date(row.published_at) : null };
}

/**
 * HQ shows a month's whole ranking, every store's score and figures, to its
 * stores, or takes it back: until then (and after) a store sees its own rank
 * and the network's medians only. Publishing again keeps the first instant.
 */
export async function publishRanking(ctx: TenantContext, month: string, published: boolean): Promise<RankingPublication> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ publishes its ranking');
  const { firstDay } = rankingMonthOf(month);
  await atomically(ctx, async () => {
    if (published) {
      await ctx.em.execute(
        `insert into ranking_publications (tenant_id, month, published_at, published_by) values (?, ?::date, ?, ?) on conflict (tenant_id, month) do nothing`,
        [ctx.tenantId, firstDay, ctx.clock.now(), ctx.principal.kind === 'USER' ? ctx.principal.id : null],
      );
    } else {
      await ctx.em.execute(`delete from ranking_publications where tenant_id = ? and month = ?::date`, [ctx.tenantId, firstDay]);
    }
  });
  return rankingPublication(ctx, month);
}
