import { Clock, systemClock } from '../core/clock';
import type { Orm } from '../domain/ports/database';
import { rebuildCareFacts } from '../domain/reports/care-facts';
import { rebuildMetricFacts } from '../domain/reports/metric-facts-rebuild';
import { rebuildStoreInBatches } from './store-rebuild';

/**
 * One store's figure facts from its tickets' history as of `clock`'s now, a
 * batch per transaction: the service figures' (the runs of its tickets'
 * clocks), then the customer-care figures' (complaints, callbacks, repeat
 * repairs, which read the former for a complaint's due instant); null for a
 * tenant that is not a store.
 */
export async function rebuildStoreFigures(orm: Orm, tenantId: string, clock: Clock = systemClock): Promise<{ slug: string; count: number } | null> {
  const rebuilt = await rebuildStoreInBatches(orm, tenantId, clock, rebuildMetricFacts);
  if (!rebuilt) return null;
  await rebuildStoreInBatches(orm, tenantId, clock, rebuildCareFacts);
  return rebuilt;
}
