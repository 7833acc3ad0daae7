import { Cluster, Redis } from 'ioredis';
import { bullConnection, connectRedis, openRedis } from '../infra/redis';

/** Without REDIS_CLUSTER_NODES nothing changes; with it every connection is a cluster reached with REDIS_URL's credentials and TLS. */
const cluster = { REDIS_URL: 'rediss://app:s%40cret@ignored:6379', REDIS_CLUSTER_NODES: [{ host: 'redis-1', port: 7000 }] };

test('a single Redis stays a single connection, and BullMQ gets options to open its own', () => {
  const redis = connectRedis({ REDIS_URL: 'redis://localhost:6379', REDIS_CLUSTER_NODES: undefined }, { lazyConnect: true });
  expect(redis).toBeInstanceOf(Redis);
  redis.disconnect();
  expect(bullConnection({ REDIS_URL: 'redis://localhost:6379', REDIS_CLUSTER_NODES: undefined })).toMatchObject({
    url: 'redis://localhost:6379',
    maxRetriesPerRequest: null,
  });
});

test("on a cluster every node is reached with REDIS_URL's user, password and TLS", () => {
  const redis = connectRedis(cluster, { lazyConnect: true, maxRetriesPerRequest: 1 });
  expect(redis).toBeInstanceOf(Cluster);
  expect((redis as Cluster).options.redisOptions).toMatchObject({ username: 'app', password: 's@cret', tls: {}, maxRetriesPerRequest: 1 });
  redis.disconnect();
});

test("the api's request-path connection fails at once while the cluster is not ready, and BullMQ's retries for ever", () => {
  const api = openRedis({ ...cluster, REDIS_URL: 'redis://localhost:6379' }, { commandTimeoutMs: 300 }) as Cluster;
  expect(api.options).toMatchObject({ enableOfflineQueue: false, redisOptions: { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 300 } });
  api.disconnect();
  const bull = bullConnection({ ...cluster, REDIS_URL: 'redis://localhost:6379' }) as Cluster;
  expect(bull).toBeInstanceOf(Cluster);
  expect(bull.options.redisOptions).toMatchObject({ maxRetriesPerRequest: null });
  bull.disconnect();
});
