import type { RankingFigure, TargetComparison } from '../../core/ranking-enums';
import { keeps } from './ranking-figures';
import type { NetworkTarget } from './network-targets';
import type { StoreMonth } from './month-figures';

/** A store that missed a target in the month and in the month before it. */
export interface TargetFlag {
  storeId: string;
  slug: string;
  name: string;
  figure: RankingFigure;
  comparison: TargetComparison;
  target: number;
  previousMonth: string;
  previousValue: number;
  month: string;
  value: number;
}

/**
 * The stores below a target two months running: the figure has a value in
 * both months (a month with nothing decided is not below anything) and
 * neither keeps the target. Read by HQ, which knows every store.
 */
export function flagsOf(
  months: { month: string; stores: readonly StoreMonth[] },
  previous: { month: string; stores: readonly StoreMonth[] },
  targets: readonly NetworkTarget[],
): TargetFlag[] {
  const before = new Map(previous.stores.map((store) => [store.storeId, store]));
  return months.stores.flatMap((store) =>
    targets.flatMap((target) => {
      const value = store.values[target.figure];
      const previousValue = before.get(store.storeId)?.values[target.figure] ?? null;
      if (value === null || previousValue === null || keeps(value, target.comparison, target.value) || keeps(previousValue, target.comparison, target.value)) {
        return [];
      }
      return [
        {
          storeId: store.storeId!,
          slug: store.slug!,
          name: store.name!,
          figure: target.figure,
          comparison: target.comparison,
          target: target.value,
          previousMonth: previous.month,
          previousValue,
          month: months.month,
          value,
        },
      ];
    }),
  );
}
