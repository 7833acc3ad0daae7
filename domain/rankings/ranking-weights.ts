import { TenantKind } from '../../core/enums';
import type { RankingFigure } from '../../core/ranking-enums';
import { atomically, TenantContext } from '../context';
import { forbidden, UserInputError } from '../errors';
import { parentTenant } from '../parent-tenant';
import { RANKING_FIGURES } from './ranking-figures';
import type { RankingWeight } from './scores';

/** HQ's weights as they stand; version 0 and none before any were set. */
export interface RankingWeights {
  version: number;
  weights: RankingWeight[];
}

/** The ranking's weights in the caller's network: an HQ its own, a store its HQ's. */
export async function rankingWeights(ctx: TenantContext): Promise<RankingWeights> {
  const hq = await parentTenant(ctx);
  if (!hq) return { version: 0, weights: [] };
  const [row] = await ctx.em.execute<{ version: number; weights: Record<string, number> }[]>(
    `select version, weights from ranking_definitions where tenant_id = ?`,
    [hq],
  );
  if (!row) return { version: 0, weights: [] };
  return {
    version: row.version,
    weights: RANKING_FIGURES.filter((figure) => row.weights[figure] !== undefined).map((figure) => ({ figure, weight: row.weights[figure] })),
  };
}

/**
 * Sets which figures the ranking's score weighs and how much, in percent:
 * each weight above 0 with at most two decimals, no figure twice, adding up
 * to exactly 100. Replaces the previous weights if nobody changed them since
 * `expectedVersion` (0 for the first).
 */
export async function setRankingWeights(ctx: TenantContext, weights: readonly RankingWeight[], expectedVersion: number): Promise<RankingWeights> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ weighs the ranking');
  if (!weights.length) throw new UserInputError('NO_WEIGHTS', 'Weigh at least one figure', ['weights']);
  weights.forEach(({ figure, weight }, index) => {
    if (!Number.isFinite(weight) || weight <= 0 || weight > 100 || Math.round(weight * 100) / 100 !== weight) {
      throw new UserInputError('INVALID_WEIGHT', `${figure}'s weight must be above 0 and at most 100, with at most two decimals`, [
        'weights',
        String(index),
        'weight',
      ]);
    }
  });
  const figures = weights.map((weight) => weight.figure);
  const repeated = figures.find((figure, index) => figures.indexOf(figure) !== index);
  if (repeated) throw new UserInputError('DUPLICATE_FIGURE', `${repeated} is weighed more than once`, ['weights']);
  // Summed in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100.
  const sum = weights.reduce((total, { weight }) => total + Math.round(weight * 100), 0);
  if (sum !== 10000) throw new UserInputError('WEIGHTS_NOT_100', `The weights add up to ${sum / 100}, not 100`, ['weights']);
  return atomically(ctx, async () => {
    const [row] = await ctx.em.execute<{ version: number }[]>(`select version from ranking_definitions where tenant_id = ? for update`, [ctx.tenantId]);
    const version = row?.version ?? 0;
    if (version !== expectedVersion) throw new UserInputError('STALE', 'The weights changed meanwhile; reload and retry', ['expectedVersion']);
    const stored = Object.fromEntries(weights.map(({ figure, weight }) => [figure, weight])) as Record<RankingFigure, number>;
    await ctx.em.execute(
      `insert into ranking_definitions (tenant_id, weights, version, updated_at, updated_by) values (?, ?::jsonb, ?, ?, ?)
       on conflict (tenant_id) do update set weights = excluded.weights, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [ctx.tenantId, JSON.stringify(stored), version + 1, ctx.clock.now(), ctx.principal.kind === 'USER' ? ctx.principal.id : null],
    );
    return {
      version: version + 1,
      weights: RANKING_FIGURES.filter((figure) => stored[figure] !== undefined).map((figure) => ({ figure, weight: stored[figure] })),
    };
  });
}
