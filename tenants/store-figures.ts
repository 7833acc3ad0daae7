import { Clock, systemClock } from '../core/clock';
import type { Orm } from '../domain/ports/database';
import { rebuildMetricFacts } from '../domain/reports/metric-facts-rebuild';
import { rebuildStoreInBatches } from './store-rebuild';

/**
 * One store's service-figure facts from its tickets' history as of `clock`'s
 * now, a batch per transaction; null for a tenant that is not a store.
 */
export function rebuildStoreFigures(orm: Orm, tenantId: string, clock: Clock = systemClock): Promise<{ slug: string; count: number } | null> {
  return rebuildStoreInBatches(orm, tenantId, clock, rebuildMetricFacts);
}
