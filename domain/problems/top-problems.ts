import { DateTime } from 'luxon';
import { Problem, ProductModel } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { FaultCategory, ProblemStatus, ProblemTrend } from '../../core/problem-enums';
import { TicketStatus } from '../../core/desk-enums';
import { catalogueOwner } from '../catalogue/product-model.service';
import type { TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { parentTenant } from '../parent-tenant';
import { withNetworkScope } from '../tenants/network-scope';

export interface TopProblemRow {
  rank: number;
  model: ProductModel;
  faultCategory: FaultCategory;
  count: number;
  previousCount: number;
  trend: ProblemTrend;
  /** The caller's (else, for a store, its HQ's) record for the model and category that is not resolved. */
  problem: Problem | null;
}

const TOP = 3;

/**
 * The month's three most frequent problems, as the monthly review asks: the
 * tickets registered in the month (each store's own calendar month, cancelled
 * ones left out) that have a device and a fault category, counted by the
 * device's product model and the fault category, with the previous month's
 * count and the trend. Ties go by model code, then category. A store reads
 * its own; an HQ one of its stores (`store`) or the whole network, through
 * the audited network scope.
 */
export async function topProblems(ctx: TenantContext, month: string, store?: string | null): Promise<TopProblemRow[]> {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' });
  if (!/^\d{4}-\d{2}$/.test(month) || !start.isValid) throw new UserInputError('INVALID_MONTH', 'month must be written YYYY-MM', ['month']);
  const previous = start.minus({ months: 1 }).toFormat('yyyy-MM');
  if (ctx.tenantKind !== TenantKind.HQ) {
    if (store && store !== ctx.tenantId) throw notFound('Store');
    return ranked(ctx, { sql: 'select ?::uuid', params: [ctx.tenantId] }, month, previous, start);
  }
  return withNetworkScope(ctx, 'top problems of the network', async () => {
    if (!store) {
      return ranked(
        ctx,
        { sql: `select s.id from tenants s where s.parent_id = ? and s.kind = '${TenantKind.STORE}'`, params: [ctx.tenantId] },
        month,
        previous,
        start,
      );
    }
    const found = await ctx.em.execute<{ id: string }[]>(`select id from tenants where id = ? and parent_id = ? and kind = '${TenantKind.STORE}'`, [
      store,
      ctx.tenantId,
    ]);
    if (found.length === 0) throw notFound('Store');
    return ranked(ctx, { sql: 'select ?::uuid', params: [store] }, month, previous, start);
  });
}

async function ranked(
  ctx: TenantContext,
  stores: { sql: string; params: unknown[] },
  month: string,
  previous: string,
  start: DateTime,
): Promise<TopProblemRow[]> {
  const hq = await catalogueOwner(ctx);
  // Any time zone is within a day of UTC: the two months are read by an index range a day wider on each side,
  // then each ticket is placed in its store's own calendar month.
  const from = start.minus({ months: 1, days: 1 }).toJSDate();
  const to = start.plus({ months: 1, days: 1 }).toJSDate();
  const rows = await ctx.em.execute<{ model_id: string; fault_category: FaultCategory; n: number; previous: number }[]>(
    `with counted as (
       select d.model_id, t.fault_category,
              count(*) filter (where to_char(t.created_at at time zone s.time_zone, 'YYYY-MM') = ?)::int as n,
              count(*) filter (where to_char(t.created_at at time zone s.time_zone, 'YYYY-MM') = ?)::int as previous
         from tickets t
         join tenants s on s.id = t.tenant_id
         join devices d on d.tenant_id = t.tenant_id and d.id = t.device_id
        where t.tenant_id in (${stores.sql}) and t.fault_category is not null and t.status <> '${TicketStatus.CANCELLED}'
          and t.created_at >= ? and t.created_at < ?
        group by d.model_id, t.fault_category
     )
     select c.model_id, c.fault_category, c.n, c.previous
       from counted c join product_models m on m.tenant_id = ? and m.id = c.model_id
      where c.n > 0
      order by c.n desc, m.model_code, c.fault_category
      limit ${TOP}`,
    [month, previous, ...stores.params, from, to, hq],
  );
  if (rows.length === 0) return [];
  const modelIds = [...new Set(rows.map((row) => row.model_id))];
  const owners = ctx.tenantKind === TenantKind.HQ ? [ctx.tenantId] : [ctx.tenantId, await parentTenant(ctx)].filter((id): id is string => !!id);
  // One after the other: the request's one connection runs one statement at a time anyway.
  const models = await ctx.em.find(ProductModel, { tenantId: hq, id: { $in: modelIds } });
  const problems = await ctx.em.find(
    Problem,
    { tenantId: { $in: owners }, modelId: { $in: modelIds }, status: { $ne: ProblemStatus.RESOLVED } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const modelById = new Map(models.map((model) => [model.id, model]));
  return rows.map((row, index) => {
    const matching = problems.filter((p) => p.modelId === row.model_id && p.faultCategory === row.fault_category);
    return {
      rank: index + 1,
      model: modelById.get(row.model_id)!,
      faultCategory: row.fault_category,
      count: row.n,
      previousCount: row.previous,
      trend: trendOf(row.n, row.previous),
      problem: matching.find((p) => p.tenantId === ctx.tenantId) ?? matching[0] ?? null,
    };
  });
}

function trendOf(count: number, previous: number): ProblemTrend {
  if (previous === 0) return ProblemTrend.NEW;
  if (count > previous) return ProblemTrend.UP;
  if (count < previous) return ProblemTrend.DOWN;
  return ProblemTrend.SAME;
}
