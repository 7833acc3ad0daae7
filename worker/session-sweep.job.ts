import type { Job, Queue } from 'bullmq';
import { purgeEndedSessions } from '../domain/auth/session-housekeeping';
import type { Clock } from '../core/clock';
import type { Orm } from '../domain/ports/database';
import { JOBS } from '../domain/scheduling/queues';
import { activeTenantIds, runForTenant } from './tenant-job';

/** Nightly: one purge job per tenant, with a deterministic job id so a repeated sweep adds no duplicates. */
export async function sweepSessions(orm: Orm, queue: Queue, clock: Clock): Promise<number> {
  const day = clock.now().toISOString().slice(0, 10);
  const tenantIds = await activeTenantIds(orm);
  await queue.addBulk(
    tenantIds.map((tenantId) => ({
      name: JOBS.purgeSessions,
      data: { tenantId },
      opts: { jobId: `${JOBS.purgeSessions}:${tenantId}:${day}`, attempts: 5, backoff: { type: 'exponential', delay: 5000 } },
    })),
  );
  return tenantIds.length;
}

export async function purgeSessionsJob(orm: Orm, clock: Clock, job: Job<{ tenantId: string }>): Promise<number> {
  return (await runForTenant(orm, clock, job.data.tenantId, purgeEndedSessions)) ?? 0;
}
