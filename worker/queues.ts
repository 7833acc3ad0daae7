/**
 * Queue names. The Redis prefix is wrapped in a hash tag so that, on a Redis
 * Cluster, every key of a queue lands in one slot as BullMQ requires.
 */
export const QUEUES = {
  maintenance: 'maintenance',
} as const;

export const JOBS = {
  /** Fans out one purgeSessions job per active tenant. */
  sweepSessions: 'sweep-sessions',
  purgeSessions: 'purge-sessions',
  /** Fans out one checkCalendars job per active tenant (HQs warn their admins of a missing national calendar year). */
  sweepCalendars: 'sweep-calendars',
  checkCalendars: 'check-calendars',
} as const;

export function bullPrefix(redisPrefix: string): string {
  return `{${redisPrefix}}:bull`;
}
