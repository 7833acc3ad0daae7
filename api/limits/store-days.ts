import { dayRangeOf, PeriodSpec } from '../../domain/reports/figure-period';

/** How many store-days a figures filter makes the server count, as far as the query alone tells. */
export interface StoreDays {
  storeDays: number;
  /** The filter names no stores: an HQ counts every store of its network, so the price needs its size. */
  countsNetwork: boolean;
}

/**
 * The stores it names (or the caller's network, or the caller alone) times the
 * days of its period. A period the resolver will refuse is priced as one day:
 * the refusal costs nothing more.
 */
export function storeDaysOf(filter: unknown, networkStores: number): StoreDays {
  const given = filter && typeof filter === 'object' ? (filter as { stores?: unknown; period?: unknown }) : {};
  const named = Array.isArray(given.stores) && given.stores.length > 0 ? given.stores.length : null;
  const stores = named ?? Math.max(networkStores, 1);
  return { storeDays: stores * daysOf(given.period), countsNetwork: named === null };
}

function daysOf(period: unknown): number {
  if (!period || typeof period !== 'object') return 1;
  try {
    const { from, to } = dayRangeOf(period as PeriodSpec);
    return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  } catch {
    return 1;
  }
}
