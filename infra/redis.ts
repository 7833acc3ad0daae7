import { Redis } from 'ioredis';

/**
 * How long to wait before the next attempt to reconnect: quickly at first, then
 * once a second. A process must notice within about a second that Redis is
 * back (ioredis's and BullMQ's own defaults grow to 2 and 20 seconds).
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 1000);
}

/**
 * The api's connection for commands asked on a request's path (rate limits,
 * the login throttle). It never makes a request wait for Redis: while it is
 * not connected a command fails at once instead of queueing, a command Redis
 * does not answer within `commandTimeoutMs` fails, and a failed command is not
 * retried. Callers fall back to counting in the process (api/limits).
 */
export function openRedis(url: string, options: { commandTimeoutMs?: number } = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    retryStrategy: reconnectDelay,
    lazyConnect: false,
  });
}

/** BullMQ's connection options: its own (null retries, as BullMQ requires) with a reconnect that does not fall asleep. */
export interface BullConnection {
  url: string;
  maxRetriesPerRequest: null;
  retryStrategy?: (attempt: number) => number;
}

export function bullConnection(url: string): BullConnection {
  return { url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
}
