import { TenantKind } from '../../core/enums';
import { RankingFigure, TargetComparison } from '../../core/ranking-enums';
import { atomically, TenantContext } from '../context';
import { forbidden, UserInputError } from '../errors';
import { parentTenant } from '../parent-tenant';
import { isPercent } from './ranking-figures';

export interface NetworkTarget {
  figure: RankingFigure;
  comparison: TargetComparison;
  value: number;
}

/** HQ's targets as they stand; version 0 before any was set. */
export interface NetworkTargets {
  version: number;
  targets: NetworkTarget[];
}

/** Minutes beyond a month make no target. */
const MAX_MINUTES = 44640;

/** The targets of the caller's network: an HQ its own, a store its HQ's. */
export async function networkTargets(ctx: TenantContext): Promise<NetworkTargets> {
  const hq = await parentTenant(ctx);
  if (!hq) return { version: 0, targets: [] };
  const [set] = await ctx.em.execute<{ version: number }[]>(`select version from network_target_sets where tenant_id = ?`, [hq]);
  const rows = await ctx.em.execute<{ figure: RankingFigure; comparison: TargetComparison; value: string }[]>(
    `select figure, comparison, value from network_targets where tenant_id = ? order by figure`,
    [hq],
  );
  return { version: set?.version ?? 0, targets: rows.map((row) => ({ figure: row.figure, comparison: row.comparison, value: Number(row.value) })) };
}

/**
 * Replaces HQ's whole set of targets (an empty list removes them all), if
 * nobody changed it since `expectedVersion` (0 for the first set): one
 * version, written at once or not at all.
 */
export async function setNetworkTargets(ctx: TenantContext, targets: readonly NetworkTarget[], expectedVersion: number): Promise<NetworkTargets> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ sets the network’s targets');
  targets.forEach(checkTarget);
  const figures = targets.map((target) => target.figure);
  const repeated = figures.find((figure, index) => figures.indexOf(figure) !== index);
  if (repeated) throw new UserInputError('DUPLICATE_FIGURE', `${repeated} has more than one target`, ['targets']);
  return atomically(ctx, async () => {
    const [set] = await ctx.em.execute<{ version: number }[]>(`select version from network_target_sets where tenant_id = ? for update`, [ctx.tenantId]);
    const version = set?.version ?? 0;
    if (version !== expectedVersion) throw new UserInputError('STALE', 'The targets changed meanwhile; reload and retry', ['expectedVersion']);
    await ctx.em.execute(
      `insert into network_target_sets (tenant_id, version, updated_at, updated_by) values (?, ?, ?, ?)
       on conflict (tenant_id) do update set version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [ctx.tenantId, version + 1, ctx.clock.now(), ctx.principal.kind === 'USER' ? ctx.principal.id : null],
    );
    await ctx.em.execute(`delete from network_targets where tenant_id = ?`, [ctx.tenantId]);
    for (const target of targets) {
      await ctx.em.execute(`insert into network_targets (tenant_id, figure, comparison, value) values (?, ?, ?, ?)`, [
        ctx.tenantId,
        target.figure,
        target.comparison,
        target.value,
      ]);
    }
    return { version: version + 1, targets: [...targets].sort((a, b) => a.figure.localeCompare(b.figure)) };
  });
}

function checkTarget(target: NetworkTarget, index: number): void {
  const max = isPercent(target.figure) ? 100 : MAX_MINUTES;
  if (!Number.isFinite(target.value) || target.value < 0 || target.value > max || round(target.value) !== target.value) {
    throw new UserInputError(
      'INVALID_TARGET_VALUE',
      `${target.figure} takes a value from 0 to ${max}${isPercent(target.figure) ? ' (percent)' : ' (minutes)'}, with at most two decimals`,
      ['targets', String(index), 'value'],
    );
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;
