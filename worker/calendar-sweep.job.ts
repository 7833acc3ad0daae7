import type { Job, Queue } from 'bullmq';
import type { Clock } from '../core/clock';
import { warnOfMissingCalendars } from '../domain/standards/calendar-warning';
import type { Orm } from '../domain/ports/database';
import { JOBS } from '../domain/scheduling/queues';
import { runForTenant } from './tenant-job';
import { fanOutToTenants } from './tenant-sweep';

/**
 * Daily: one calendar check per tenant. Whether an HQ was already warned is
 * kept in PostgreSQL, so a lost or repeated run neither loses nor repeats a warning.
 */
export async function sweepCalendars(orm: Orm, queue: Queue, clock: Clock): Promise<number> {
  return fanOutToTenants(orm, queue, clock, JOBS.checkCalendars);
}

export async function checkCalendarsJob(orm: Orm, clock: Clock, job: Job<{ tenantId: string }>): Promise<number> {
  return (await runForTenant(orm, clock, job.data.tenantId, warnOfMissingCalendars)) ?? 0;
}
