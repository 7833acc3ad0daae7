import type { Queue } from 'bullmq';
import type { Clock } from '../core/clock';
import type { Orm } from '../domain/ports/database';
import { activeTenantIds } from './tenant-job';

/**
 * A daily sweep fans out one job per active tenant, with a deterministic job
 * id (job, tenant, day) so a repeated sweep the same day adds no duplicates.
 */
export async function fanOutToTenants(orm: Orm, queue: Queue, clock: Clock, jobName: string): Promise<number> {
  const day = clock.now().toISOString().slice(0, 10);
  const tenantIds = await activeTenantIds(orm);
  await queue.addBulk(
    tenantIds.map((tenantId) => ({
      name: jobName,
      data: { tenantId },
      opts: { jobId: `${jobName}:${tenantId}:${day}`, attempts: 5, backoff: { type: 'exponential', delay: 5000 } },
    })),
  );
  return tenantIds.length;
}
