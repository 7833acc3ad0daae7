import { TenantKind } from '../../core/enums';
import type { TenantContext } from '../context';
import { forbidden } from '../errors';
import { monthFigures, StoreMonth } from './month-figures';
import { networkTargets } from './network-targets';
import { rankingPublication } from './ranking-publication';
import { rankingMonthOf } from './ranking-month';
import { rankingWeights, RankingWeights } from './ranking-weights';
import { FigureMedian, networkMedians, ScoredStore, scoreStores } from './scores';
import { flagsOf, TargetFlag } from './target-flags';

/** HQ's view of a month: every store ranked, with its figures and flags. */
export interface StoreRanking {
  month: string;
  published: boolean;
  weights: RankingWeights;
  stores: (ScoredStore & { flags: TargetFlag[] })[];
  medians: FigureMedian[];
  flags: TargetFlag[];
}

/** A store's view of a month: its own rank and figures, the network's medians, and everyone only once HQ published the month. */
export interface MyRanking {
  month: string;
  published: boolean;
  weights: RankingWeights;
  rank: number | null;
  score: number | null;
  /** Stores with a score this month. */
  rankedStores: number;
  own: StoreMonth['values'];
  medians: FigureMedian[];
  /** Every store ranked, when published; null otherwise. */
  stores: ScoredStore[] | null;
}

/** The stores below a target two months running, for HQ: this month and the one before, read from the facts. */
export async function targetFlags(ctx: TenantContext, month: string): Promise<TargetFlag[]> {
  const { flags } = await readFlags(ctx, month);
  return flags;
}

/** A month's ranking of HQ's stores on its weights, computed from the facts as they are now (an audited network read). */
export async function storeRanking(ctx: TenantContext, month: string): Promise<StoreRanking> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ reads every store’s ranking');
  const { stores, flags } = await readFlags(ctx, month);
  const [weights, publication] = await Promise.all([rankingWeights(ctx), rankingPublication(ctx, month)]);
  return {
    month,
    published: publication.published,
    weights,
    stores: scoreStores(stores, weights.weights).map((store) => ({ ...store, flags: flags.filter((flag) => flag.storeId === store.storeId) })),
    medians: networkMedians(stores),
    flags,
  };
}

/** A store's place in its network's month. */
export async function myRanking(ctx: TenantContext, month: string): Promise<MyRanking> {
  if (ctx.tenantKind !== TenantKind.STORE) throw forbidden('Only a store has a rank');
  const { firstDay } = rankingMonthOf(month);
  const stores = await monthFigures(ctx, firstDay);
  const [weights, publication] = await Promise.all([rankingWeights(ctx), rankingPublication(ctx, month)]);
  const scored = scoreStores(stores, weights.weights);
  const own = scored.find((store) => store.storeId === ctx.tenantId)!;
  return {
    month,
    published: publication.published,
    weights,
    rank: own.rank,
    score: own.score,
    rankedStores: scored.filter((store) => store.rank !== null).length,
    own: own.values,
    medians: networkMedians(stores),
    // The database names the other stores only for a published month; without their names, nothing of theirs is shown.
    stores: publication.published && scored.every((store) => store.storeId !== null) ? scored : null,
  };
}

async function readFlags(ctx: TenantContext, month: string): Promise<{ stores: StoreMonth[]; flags: TargetFlag[] }> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ reads the flags of its stores');
  const { firstDay, previous } = rankingMonthOf(month);
  const stores = await monthFigures(ctx, firstDay);
  const before = await monthFigures(ctx, previous.firstDay);
  const { targets } = await networkTargets(ctx);
  return { stores, flags: flagsOf({ month, stores }, { month: previous.month, stores: before }, targets) };
}
