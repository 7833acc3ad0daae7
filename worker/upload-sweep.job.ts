import type { Job, Queue } from 'bullmq';
import type { Clock } from '../core/clock';
import type { Orm } from '../domain/ports/database';
import type { ObjectStorage } from '../domain/ports/object-storage';
import { JOBS } from '../domain/scheduling/queues';
import { removeUnreferencedUploads } from '../domain/uploads/upload-sweep';
import { runForTenant } from './tenant-job';
import { fanOutToTenants } from './tenant-sweep';

/** Nightly: one job per tenant removes its uploads nothing refers to after a day. */
export async function sweepUploads(orm: Orm, queue: Queue, clock: Clock): Promise<number> {
  return fanOutToTenants(orm, queue, clock, JOBS.purgeUploads);
}

export async function purgeUploadsJob(orm: Orm, clock: Clock, storage: () => Promise<ObjectStorage>, job: Job<{ tenantId: string }>): Promise<number> {
  const store = await storage();
  return (await runForTenant(orm, clock, job.data.tenantId, (ctx) => removeUnreferencedUploads(ctx, store))) ?? 0;
}
