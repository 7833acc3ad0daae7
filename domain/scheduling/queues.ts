/**
 * Every queue name of the platform, in one place: the worker creates its
 * queues and workers from it, and the api's queue dashboard reads the same
 * names. The Redis prefix is wrapped in a hash tag so that, on a Redis
 * Cluster, every key of a queue lands in one slot as BullMQ requires.
 */

/** The queues durable actions run on, one per kind of work (see ACTION_RULES in action-kinds.ts). */
export enum ActionQueue {
  TICKETS = 'ticket-work',
  MESSAGES = 'messages',
  WEBHOOKS = 'webhooks',
}

/** The worker's own queues, for its repeatable housekeeping. */
export const QUEUES = {
  maintenance: 'maintenance',
} as const;

/** The jobs of the maintenance queue. */
export const JOBS = {
  /** Fans out one purgeSessions job per active tenant. */
  sweepSessions: 'sweep-sessions',
  purgeSessions: 'purge-sessions',
  /** Fans out one checkCalendars job per active tenant (HQs warn their admins of a missing national calendar year). */
  sweepCalendars: 'sweep-calendars',
  checkCalendars: 'check-calendars',
  /** Fans out one noticeTargetFlags job per active tenant (HQs hear of stores below a target two months running). */
  sweepTargetFlags: 'sweep-target-flags',
  noticeTargetFlags: 'notice-target-flags',
  /** Fans out one purgeUploads job per active tenant (uploads nothing refers to after a day are removed). */
  sweepUploads: 'sweep-uploads',
  purgeUploads: 'purge-uploads',
} as const;

export function bullPrefix(redisPrefix: string): string {
  return `{${redisPrefix}}:bull`;
}
