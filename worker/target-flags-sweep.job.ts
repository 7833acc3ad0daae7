import type { Job, Queue } from 'bullmq';
import type { Clock } from '../core/clock';
import { noticeTargetFlags } from '../domain/rankings/target-flag-notice';
import type { Orm } from '../domain/ports/database';
import { JOBS } from '../domain/scheduling/queues';
import { runForTenant } from './tenant-job';
import { fanOutToTenants } from './tenant-sweep';

/**
 * Daily: each HQ looks at the month just ended and tells its admins and
 * supervisors once of the stores below a target two months running. Daily
 * rather than monthly, so a run lost on the 1st is made up the next day.
 */
export async function sweepTargetFlags(orm: Orm, queue: Queue, clock: Clock): Promise<number> {
  return fanOutToTenants(orm, queue, clock, JOBS.noticeTargetFlags);
}

export async function noticeTargetFlagsJob(orm: Orm, clock: Clock, job: Job<{ tenantId: string }>): Promise<number> {
  return (await runForTenant(orm, clock, job.data.tenantId, noticeTargetFlags)) ?? 0;
}
