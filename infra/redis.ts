import { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import type { Config } from './config';

/** A connection to the single Redis of REDIS_URL, or to the Redis Cluster of REDIS_CLUSTER_NODES: both answer the same commands. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: REDIS_URL, or REDIS_CLUSTER_NODES when set (REDIS_URL then gives only the credentials and TLS). */
export type RedisTarget = Pick<Config, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>;

/**
 * How long to wait before the next attempt to reconnect: quickly at first, then
 * once a second. A process must notice within about a second that Redis is
 * back (ioredis's and BullMQ's own defaults grow to 2 and 20 seconds).
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 1000);
}

/**
 * Opens a connection to the target with these options for each Redis server.
 * On a cluster the node options go to `redisOptions` and the reconnection to
 * `clusterRetryStrategy` (ioredis reconnects a cluster as a whole, not node by node).
 */
export function connectRedis(target: RedisTarget, options: RedisOptions, clusterOptions: Omit<ClusterOptions, 'redisOptions'> = {}): RedisClient {
  if (!target.REDIS_CLUSTER_NODES) return new Redis(target.REDIS_URL, options);
  const { retryStrategy, ...nodeOptions } = options;
  const credentials = credentialsOf(target.REDIS_URL);
  return new Cluster(target.REDIS_CLUSTER_NODES, {
    clusterRetryStrategy: retryStrategy ?? reconnectDelay,
    // With TLS the nodes are reached by the names they announce, so their certificates match.
    ...(credentials.tls ? { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) } : {}),
    ...clusterOptions,
    redisOptions: { ...credentials, ...nodeOptions },
  });
}

/** The user, password and TLS of a redis:// or rediss:// URL, which every node of a cluster is reached with. */
function credentialsOf(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * The api's connection for commands asked on a request's path (rate limits,
 * the login throttle). It never makes a request wait for Redis: while it is
 * not connected a command fails at once instead of queueing, a command Redis
 * does not answer within `commandTimeoutMs` fails, and a failed command is not
 * retried. Callers fall back to counting in the process (api/limits).
 */
export function openRedis(target: RedisTarget, options: { commandTimeoutMs?: number } = {}): RedisClient {
  return connectRedis(
    target,
    {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2000,
      retryStrategy: reconnectDelay,
      lazyConnect: false,
    },
    // A cluster queues commands itself while it is not ready: that must fail at once too.
    { enableOfflineQueue: false },
  );
}

/** BullMQ's options for a single Redis: its own (null retries, as BullMQ requires) with a reconnect that does not fall asleep. */
export interface BullNodeConnection {
  url: string;
  maxRetriesPerRequest: null;
  retryStrategy?: (attempt: number) => number;
}

/**
 * BullMQ's connection: options from which every queue and worker opens its own
 * connection to a single Redis, or one cluster connection they all share (BullMQ
 * takes a cluster only as a connection, and duplicates it for each worker's
 * blocking reads). Its keys must carry a hash tag (worker/queues.ts bullPrefix).
 */
export type BullConnection = BullNodeConnection | Cluster;

export function bullConnection(target: RedisTarget): BullConnection {
  if (!target.REDIS_CLUSTER_NODES) return { url: target.REDIS_URL, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
  return connectRedis(target, { maxRetriesPerRequest: null, retryStrategy: reconnectDelay }) as Cluster;
}

/** Ends a shared cluster connection once its queues and workers are closed; BullMQ closes only the connections it opened. */
export async function closeBullConnection(connection: BullConnection): Promise<void> {
  if (connection instanceof Cluster) await connection.quit().catch(() => connection.disconnect());
}
