import type { Job, Queue } from 'bullmq';
import type { Clock } from '../core/clock';
import { warnOfMissingCalendars } from '../domain/standards/calendar-warning';
import type { Orm } from '../domain/ports/database';
import { JOBS } from '../domain/scheduling/queues';
import { activeTenantIds, runForTenant } from './tenant-job';

/**
 * Daily: one calendar check per tenant, with a deterministic job id so a
 * repeated sweep adds no duplicates. Whether an HQ was already warned is kept
 * in PostgreSQL, so a lost or repeated run neither loses nor repeats a warning.
 */
export async function sweepCalendars(orm: Orm, queue: Queue, clock: Clock): Promise<number> {
  const day = clock.now().toISOString().slice(0, 10);
  const tenantIds = await activeTenantIds(orm);
  await queue.addBulk(
    tenantIds.map((tenantId) => ({
      name: JOBS.checkCalendars,
      data: { tenantId },
      opts: { jobId: `${JOBS.checkCalendars}:${tenantId}:${day}`, attempts: 5, backoff: { type: 'exponential', delay: 5000 } },
    })),
  );
  return tenantIds.length;
}

export async function checkCalendarsJob(orm: Orm, clock: Clock, job: Job<{ tenantId: string }>): Promise<number> {
  return (await runForTenant(orm, clock, job.data.tenantId, warnOfMissingCalendars)) ?? 0;
}
