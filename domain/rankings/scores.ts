import type { RankingFigure } from '../../core/ranking-enums';
import { FigureValues, isPercent, RANKING_FIGURES, round2 } from './ranking-figures';
import type { StoreMonth } from './month-figures';

/** A figure's weight in the score, in percent of it. */
export interface RankingWeight {
  figure: RankingFigure;
  weight: number;
}

export interface ScoredStore extends StoreMonth {
  /** 0-100; null when the store has no value in any weighted figure (unranked). */
  score: number | null;
  /** 1 is the best; stores with the same score share a rank ("1, 2, 2, 4"); null when unranked. */
  rank: number | null;
}

export interface FigureMedian {
  figure: RankingFigure;
  /** Over the stores that have the figure this month; null when none has. */
  median: number | null;
}

/**
 * Scores and ranks a month's stores. Each weighted figure gives a store a
 * sub-score of 0-100: a percentage is its own sub-score; minutes (lower is
 * better) score 100 × (worst − value) / (worst − best) among the network's
 * stores that have a value (100 for all when they are equal). The score is
 * the weighted mean of the sub-scores of the figures the store has a value
 * for, so a figure with nothing decided in the month neither helps nor hurts:
 * Σ wᵢ·sᵢ / Σ wᵢ, two decimals. Ranks follow the rounded scores.
 */
export function scoreStores(stores: readonly StoreMonth[], weights: readonly RankingWeight[]): ScoredStore[] {
  const subScore = subScorers(stores, weights);
  const scored = stores.map((store) => {
    let weighed = 0;
    let total = 0;
    for (const { figure, weight } of weights) {
      const sub = subScore(figure, store.values);
      if (sub === null) continue;
      weighed += weight;
      total += weight * sub;
    }
    return { ...store, score: weighed === 0 ? null : round2(total / weighed), rank: null as number | null };
  });
  for (const store of scored) {
    if (store.score !== null) store.rank = 1 + scored.filter((other) => other.score !== null && other.score > store.score!).length;
  }
  return scored.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.slug ?? '').localeCompare(b.slug ?? '') || a.key - b.key);
}

function subScorers(stores: readonly StoreMonth[], weights: readonly RankingWeight[]) {
  const ranges = new Map<RankingFigure, { best: number; worst: number }>();
  for (const { figure } of weights) {
    if (isPercent(figure)) continue;
    const values = stores.map((store) => store.values[figure]).filter((value): value is number => value !== null);
    if (values.length) ranges.set(figure, { best: Math.min(...values), worst: Math.max(...values) });
  }
  return (figure: RankingFigure, values: FigureValues): number | null => {
    const value = values[figure];
    if (value === null) return null;
    if (isPercent(figure)) return value;
    const { best, worst } = ranges.get(figure)!;
    return worst === best ? 100 : (100 * (worst - value)) / (worst - best);
  };
}

/** The network's median of every figure, over the stores that have it (the mean of the middle two for an even count). */
export function networkMedians(stores: readonly StoreMonth[]): FigureMedian[] {
  return RANKING_FIGURES.map((figure) => {
    const values = stores
      .map((store) => store.values[figure])
      .filter((value): value is number => value !== null)
      .sort((a, b) => a - b);
    if (!values.length) return { figure, median: null };
    const middle = Math.floor(values.length / 2);
    return { figure, median: round2(values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2) };
  });
}
