import type { Job, Queue } from 'bullmq';
import { purgeEndedSessions } from '../domain/auth/session-housekeeping';
import type { Clock } from '../core/clock';
import type { Orm } from '../domain/ports/database';
import { JOBS } from '../domain/scheduling/queues';
import { runForTenant } from './tenant-job';
import { fanOutToTenants } from './tenant-sweep';

/** Nightly: one purge job per tenant. */
export async function sweepSessions(orm: Orm, queue: Queue, clock: Clock): Promise<number> {
  return fanOutToTenants(orm, queue, clock, JOBS.purgeSessions);
}

export async function purgeSessionsJob(orm: Orm, clock: Clock, job: Job<{ tenantId: string }>): Promise<number> {
  return (await runForTenant(orm, clock, job.data.tenantId, purgeEndedSessions)) ?? 0;
}
