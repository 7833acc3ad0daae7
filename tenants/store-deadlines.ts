import { systemClock } from '../core/clock';
import type { Orm } from '../domain/ports/database';
import { rebuildClockPoints } from '../domain/standards/clock-points-rebuild';
import { rebuildStoreInBatches } from './store-rebuild';

/** One store's clock deadlines, a batch per transaction; null for a tenant that is not a store. */
export function rebuildStoreDeadlines(orm: Orm, tenantId: string): Promise<{ slug: string; count: number } | null> {
  return rebuildStoreInBatches(orm, tenantId, systemClock, rebuildClockPoints);
}
