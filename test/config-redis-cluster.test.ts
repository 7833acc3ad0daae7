import { loadConfig } from '../infra/config';

/** REDIS_CLUSTER_NODES is checked at start-up: a wrong value names the variable and shows the expected form. */
describe('REDIS_CLUSTER_NODES', () => {
  test('unset or empty means the single Redis of REDIS_URL', () => {
    expect(loadConfig({}).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(loadConfig({ REDIS_CLUSTER_NODES: ' ' }).REDIS_CLUSTER_NODES).toBeUndefined();
  });

  test('takes host:port pairs separated by commas, IPv6 addresses in brackets', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-1:6379, 10.0.0.2:7000,[::1]:7001' }).REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-1', port: 6379 },
      { host: '10.0.0.2', port: 7000 },
      { host: '::1', port: 7001 },
    ]);
  });

  test.each(['redis-1', 'redis-1:0', 'redis-1:65536', 'redis://redis-1:6379', ' , '])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrow(/REDIS_CLUSTER_NODES: REDIS_CLUSTER_NODES takes host:port pairs separated by commas/);
  });

  test('refuses a REDIS_URL naming a database other than 0, which a cluster does not have', () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-1:6379', REDIS_URL: 'redis://redis-1:6379/2' })).toThrow(
      /REDIS_URL: a Redis Cluster has database 0 only/,
    );
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-1:6379', REDIS_URL: 'rediss://:secret@redis-1:6379/0' }).REDIS_CLUSTER_NODES).toHaveLength(1);
  });
});
