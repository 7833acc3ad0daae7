import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { Client } from 'pg';
import pino from 'pino';
import { systemClock } from '../core/clock';
import type { Orm } from '../domain/ports/database';
import { openOrm } from '../infra/database';
import { bullConnection, closeBullConnection } from '../infra/redis';
import { ActionQueue, bullPrefix } from '../domain/scheduling/queues';
import { RunningWorker, startWorker } from '../worker/worker';
import { freePort, LocalRedisCluster, startLocalRedisCluster } from './support/local-redis-cluster';
import { PASSWORD } from './support/network';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { GqlResponse, startTestApi, TestApi } from './support/test-api';

/**
 * The api and the worker on a Redis Cluster of three primaries (REDIS_CLUSTER_NODES;
 * REDIS_URL points at a closed port, so nothing reaches for a single Redis): a
 * registration's first customer message goes through the relay, a BullMQ queue
 * and its worker; the cost buckets and the login throttle count in the cluster
 * (each Lua call's keys share a hash tag, so one slot). And why the queues'
 * prefix carries a hash tag: without one, the same queue's scripts touch keys
 * of several slots, and the cluster refuses them with CROSSSLOT.
 */
let cluster: LocalRedisCluster | undefined;
let probe: Cluster;
let api: TestApi;
let workerOrm: Orm;
let worker: RunningWorker;
let admin: Client;
let smtp: SmtpCatcher;
let key: string;
const workerLog: string[] = [];

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Keys matching `pattern` on each primary, by primary: a cluster spreads keys, and KEYS asks one server only. */
async function keysByPrimary(pattern: string): Promise<string[][]> {
  return Promise.all(probe.nodes('master').map((node) => node.keys(pattern)));
}

const metrics = async () => (await fetch(api.url.replace(/\/graphql$/, '/metrics'))).text();
const readyz = async () => (await fetch(api.url.replace(/\/graphql$/, '/readyz'))).json();

beforeAll(async () => {
  cluster = await startLocalRedisCluster();
  probe = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
  smtp = await startSmtpCatcher();
  api = await startTestApi({
    env: {
      REDIS_CLUSTER_NODES: cluster.nodes,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      SMTP_URL: smtp.url,
      RELAY_INTERVAL_MS: '100',
      REDIS_PROBE_INTERVAL_MS: '200',
      RATE_LIMIT_KEY_CAPACITY: '300',
      RATE_LIMIT_KEY_REFILL_PER_SECOND: '5',
    },
  });
  workerOrm = await openOrm(api.db.appUrl, 3 * 2 + 2);
  worker = await startWorker({
    orm: workerOrm,
    config: { ...api.config, WORKER_CONCURRENCY: 2 },
    clock: systemClock,
    logger: pino({ level: 'info' }, { write: (line: string) => void workerLog.push(line) }),
  });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const manager = await api.login('store-a', 'manager@store-a.test');
  key = (await api.gql(`mutation { createApiKey(input: { name: "desk", role: STORE_MANAGER }) { secret } }`, undefined, manager)).body.data.createApiKey.secret;
}, 60000);

afterAll(async () => {
  try {
    await worker?.close();
    await workerOrm?.close();
    await admin?.end();
    await api?.stop();
    await smtp?.close();
    probe?.disconnect();
  } finally {
    await cluster?.stop();
  }
}, 30000);

test('a registration on a Redis Cluster sends its first customer message through the relay, a queue and its worker', async () => {
  const registered = await api.gql(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code message } } }`,
    {
      i: {
        type: 'REPAIR',
        channel: 'WALK_IN',
        problem: 'It will not start',
        newCustomer: { name: 'Cluster Customer', phone: '13800000011', email: 'cluster@example.test', locale: 'EN' },
      },
    },
    key,
  );
  expect(registered.body.errors).toBeUndefined();
  expect(registered.body.data.registerTicket.userErrors).toEqual([]);
  const number: string = registered.body.data.registerTicket.ticket.number;

  await waitFor(() => smtp.messages.some((message) => message.to.includes('cluster@example.test')), 20000, 'the first customer message');
  const mail = smtp.messages.filter((message) => message.to.includes('cluster@example.test'));
  expect(mail).toHaveLength(1);
  expect(`${mail[0].subject}\n${mail[0].text}`).toContain(number);
  const dead = await admin.query(`select count(*)::int as n from scheduled_actions where state = 'DEAD'`);
  expect(dead.rows[0].n).toBe(0);

  // Every key of the queues hashes to the prefix's tag: one primary holds them all.
  const bull = await keysByPrimary(`${bullPrefix(api.config.REDIS_PREFIX)}:*`);
  expect(bull.filter((keys) => keys.length > 0)).toHaveLength(1);
  // The maintenance schedules were written to the cluster too.
  expect((await worker.queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual([
    'sweep-calendars',
    'sweep-sessions',
    'sweep-target-flags',
    'sweep-uploads',
  ]);
  expect(workerLog.join('')).not.toMatch(/CROSSSLOT|relay pass failed/);
}, 30000);

test('the cost buckets and the login throttle count in the cluster', async () => {
  await waitFor(async () => /^rate_limit_fallback_active 0$/m.test(await metrics()), 5000, 'the limits to count in Redis');
  expect(await readyz()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });

  // 22 points a page from a bucket of 300 refilled by 5 a second: a burst is refused.
  let refused: GqlResponse | undefined;
  for (let i = 0; i < 20 && !refused; i++) {
    const result = await api.gql('{ customers(first: 10) { edges { node { id } } } }', undefined, key);
    if (result.status !== 200) refused = result;
  }
  expect(refused?.status).toBe(429);
  expect(refused?.body.errors[0].extensions.code).toBe('THROTTLED');

  // The sixth guess on an account waits; its script counts the account and the address together.
  const guess = (password: string) =>
    api.gql(`mutation($i: LoginInput!) { login(input: $i) { session { accessToken } userErrors { code } } }`, {
      i: { tenantSlug: 'store-b', email: 'agent@store-b.test', password },
    });
  for (let i = 0; i < 5; i++) expect((await guess(`wrong-password-${i}`)).body.data.login.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
  const sixth = await guess(PASSWORD);
  expect(sixth.status).toBe(429);
  expect(sixth.body.errors[0].extensions).toMatchObject({ code: 'THROTTLED', reason: 'LOGIN_ATTEMPTS' });

  // Decided by the cluster, not by the process falling back: the counters are there, no decision was local.
  expect((await keysByPrimary(`${api.config.REDIS_PREFIX}:rate:*`)).flat()).not.toEqual([]);
  expect((await keysByPrimary(`${api.config.REDIS_PREFIX}:login:*`)).flat()).not.toEqual([]);
  const text = await metrics();
  expect(text).toMatch(/^rate_limit_fallback_active 0$/m);
  expect(text).not.toMatch(/^rate_limit_local_decisions_total\{[^}]*\} [1-9]/m);
}, 30000);

test('without a hash tag in its prefix, the same queue is refused by the cluster (CROSSSLOT)', async () => {
  const connection = bullConnection(api.config);
  const untagged = new Queue(ActionQueue.MESSAGES, { connection, prefix: `${api.config.REDIS_PREFIX}:bull` });
  const tagged = new Queue(ActionQueue.MESSAGES, { connection, prefix: bullPrefix(api.config.REDIS_PREFIX) });
  // A refused script is the expected answer here, not a reason to end the process.
  for (const queue of [untagged, tagged]) queue.on('error', () => undefined);
  try {
    await expect(untagged.add('probe', {})).rejects.toThrow(/CROSSSLOT/);
    // A script that builds its keys from the prefix it was given fails alike: they are not on the node it ran on.
    await expect(untagged.getJobCounts('waiting', 'active', 'delayed')).rejects.toThrow(/non local key/);
    // With the tag, the same scripts run.
    await expect(tagged.getJobCounts('waiting', 'active', 'delayed')).resolves.toMatchObject({ waiting: 0, active: 0, delayed: 0 });
  } finally {
    await untagged.close();
    await tagged.close();
    await closeBullConnection(connection);
  }
}, 20000);
