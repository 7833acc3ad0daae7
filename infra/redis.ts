import { Redis } from 'ioredis';

/** One connection per process for commands; BullMQ opens its own. */
export function openRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false });
}
