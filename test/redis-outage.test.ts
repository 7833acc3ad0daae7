import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import pino from 'pino';
import { ActionQueue } from '../domain/scheduling/queues';
import { systemClock } from '../core/clock';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { RunningWorker, startWorker } from '../worker/worker';
import { PASSWORD } from './support/network';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { GqlResponse, startTestApi, TestApi } from './support/test-api';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Redis, which the api uses for its limits and the worker for its queues,
 * stops in the middle of the day (a private redis-server, killed, then started
 * again on the same port, empty). Meanwhile the api answers reads and writes
 * without waiting for Redis, counting its limits per process (which still
 * refuse abuse) and saying so in its metrics and log; a write's messages and
 * webhook deliveries wait in PostgreSQL; /readyz answers at once, naming Redis.
 * When Redis returns, the worker resumes by itself within seconds: what was
 * written during the outage goes out, and so does a delivery that was waiting
 * in Redis when it died.
 */
const PROMPT_MS = 1000;
const OUTAGE_MS = 15000;
const RESUME_MS = 5000;

let port: number;
let redisServer: ChildProcess | undefined;
let probe: Redis;
let api: TestApi;
let workerOrm: Orm;
let worker: RunningWorker;
let admin: Client;
let smtp: SmtpCatcher;
let partner: WebhookReceiver;
let key: string;
let burstKey: string;
const apiLog: string[] = [];
const workerLog: string[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

/** Starts redis-server on `port`, without persistence: a restart comes back empty. */
async function startRedis(): Promise<void> {
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitFor(async () => (await probe.ping().catch(() => null)) === 'PONG', 10000, 'the private Redis to start');
}

async function killRedis(): Promise<void> {
  const server = redisServer!;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
  redisServer = undefined;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function capture(lines: string[]) {
  return pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await run();
  return { result, ms: Date.now() - started };
}

async function register(name: string, email: string, phone: string): Promise<string> {
  const result = await api.gql(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code message } } }`,
    { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'It will not start', newCustomer: { name, phone, email, locale: 'EN' } } },
    key,
  );
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data.registerTicket.userErrors).toEqual([]);
  return result.body.data.registerTicket.ticket.number;
}

const mailTo = (address: string) => smtp.messages.filter((message) => message.to.includes(address));
const hooksFor = (number: string) => partner.accepted().filter((request) => request.body.includes(number));
const metrics = async () => (await fetch(api.url.replace(/\/graphql$/, '/metrics'))).text();
const readyz = async () => {
  const response = await fetch(api.url.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: await response.json() };
};

beforeAll(async () => {
  port = await freePort();
  probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
  probe.on('error', () => undefined);
  probe.connect().catch(() => undefined);
  await startRedis();
  smtp = await startSmtpCatcher();
  partner = await WebhookReceiver.start();
  const env = {
    REDIS_URL: `redis://127.0.0.1:${port}`,
    SMTP_URL: smtp.url,
    RELAY_INTERVAL_MS: '100',
    // The reconciler's own round is far off: what comes back after the outage is not its doing.
    RECONCILE_AFTER_MS: '60000',
    REDIS_PROBE_INTERVAL_MS: '200',
    READINESS_TIMEOUT_MS: '500',
    RATE_LIMIT_KEY_CAPACITY: '300',
    RATE_LIMIT_KEY_REFILL_PER_SECOND: '5',
  };
  api = await startTestApi({ env, logger: capture(apiLog) });
  workerOrm = await openOrm(api.db.appUrl, 3 * 4 + 2);
  worker = await startWorker({ orm: workerOrm, config: { ...api.config, WORKER_CONCURRENCY: 4 }, clock: systemClock, logger: capture(workerLog) });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();

  const manager = await api.login('store-a', 'manager@store-a.test');
  const createKey = async (name: string) =>
    (await api.gql(`mutation($name: String!) { createApiKey(input: { name: $name, role: STORE_MANAGER }) { secret } }`, { name }, manager)).body.data
      .createApiKey.secret as string;
  key = await createKey('desk');
  burstKey = await createKey('greedy script');
  const endpoint = await api.gql(
    `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret userErrors { code message } } }`,
    { i: { url: partner.url, eventTypes: ['TICKET_CREATED'] } },
    key,
  );
  expect(endpoint.body.data.createWebhookEndpoint.userErrors).toEqual([]);
  partner.secret = endpoint.body.data.createWebhookEndpoint.secret;
}, 120000);

afterAll(async () => {
  if (!redisServer) await startRedis().catch(() => undefined);
  await worker?.close();
  await workerOrm?.close();
  await admin?.end();
  await api?.stop();
  await smtp?.close();
  await partner?.close();
  probe?.disconnect();
  redisServer?.kill('SIGKILL');
}, 60000);

test('while Redis is down the api serves, its limits count per process, and the backlog flows within seconds of its return', async () => {
  // The day starts well: a registration's message and webhook go out.
  const before = await register('Before Outage', 'before@example.test', '13800000001');
  await waitFor(() => mailTo('before@example.test').length === 1 && hooksFor(before).length === 1, 20000, 'the first message and delivery');

  // A delivery is waiting in Redis (its worker paused) when Redis dies: the restarted Redis will not have it.
  const hookWorker = worker.actions.workers.find((w) => w.name === ActionQueue.WEBHOOKS)!;
  await hookWorker.pause();
  const lost = await register('Lost In Redis', 'lost@example.test', '13800000002');
  const hookQueue = worker.actions.queues.get(ActionQueue.WEBHOOKS)!;
  await waitFor(async () => (await hookQueue.getJobCounts('waiting')).waiting === 1, 10000, 'the delivery to wait in Redis');

  await killRedis();
  const killedAt = new Date();
  hookWorker.resume();

  // Reads and writes are answered, without waiting for Redis.
  for (let i = 0; i < 5; i++) {
    const { result, ms } = await timed(() => api.gql('{ viewer { role } customers(first: 5) { edges { node { name } } } }', undefined, key));
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.customers.edges.length).toBeGreaterThanOrEqual(2);
    expect(ms).toBeLessThan(PROMPT_MS);
  }
  const { result: during, ms: writeMs } = await timed(() => register('During Outage', 'during@example.test', '13800000003'));
  expect(writeMs).toBeLessThan(PROMPT_MS);
  // Its message and webhook delivery wait in PostgreSQL.
  const waiting = await admin.query<{ kind: string }>(
    `select kind from scheduled_actions where state = 'PENDING' and created_at >= $1 and kind in ('NOTIFICATION', 'WEBHOOK_DELIVERY') order by kind`,
    [killedAt],
  );
  expect(waiting.rows.map((row) => row.kind)).toEqual(expect.arrayContaining(['NOTIFICATION', 'WEBHOOK_DELIVERY']));

  // The per-process bucket still refuses a burst: 22 points a page from a bucket of 300.
  const page = '{ customers(first: 10) { edges { node { id } } } }';
  let refused: GqlResponse | undefined;
  for (let i = 0; i < 20 && !refused; i++) {
    const result = await api.gql(page, undefined, burstKey);
    if (result.status !== 200) refused = result;
  }
  expect(refused?.status).toBe(429);
  expect(refused?.body.errors[0].extensions.code).toBe('THROTTLED');

  // So does the login throttle: the sixth guess on an account waits.
  const guess = (password: string) =>
    api.gql(`mutation($i: LoginInput!) { login(input: $i) { session { accessToken } userErrors { code } } }`, {
      i: { tenantSlug: 'store-b', email: 'agent@store-b.test', password },
    });
  for (let i = 0; i < 5; i++) expect((await guess(`wrong-password-${i}`)).body.data.login.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
  const sixth = await guess(PASSWORD);
  expect(sixth.status).toBe(429);
  expect(sixth.body.errors[0].extensions).toMatchObject({ code: 'THROTTLED', reason: 'LOGIN_ATTEMPTS' });

  // /readyz answers within its own timeout and names Redis; the api stays in service.
  const { result: ready, ms: readyMs } = await timed(readyz);
  expect(readyMs).toBeLessThan(api.config.READINESS_TIMEOUT_MS + 500);
  expect(ready).toEqual({ status: 200, body: { status: 'degraded', checks: { database: 'ok', redis: 'down' } } });

  // The metrics and the log say that limits are counted per process.
  const text = await metrics();
  expect(text).toMatch(/^rate_limit_fallback_active 1$/m);
  expect(text).toMatch(/^rate_limit_local_decisions_total\{limiter="rate"\} [1-9]/m);
  expect(text).toMatch(/^rate_limit_local_decisions_total\{limiter="login"\} [1-9]/m);
  expect(apiLog.join('')).toContain('Redis is unreachable: rate limits and the login throttle now count in this process alone');
  // The worker notices at its next relay pass, which a loaded machine may run a little later.
  await waitFor(
    () => workerLog.join('').includes('Redis is unreachable: due actions wait in PostgreSQL'),
    15000,
    "the worker's log to say that due actions wait in PostgreSQL",
  );
  expect(mailTo('during@example.test')).toEqual([]);

  // A real outage lasts: long enough for reconnection attempts to back off (BullMQ's own backoff reaches 20 s).
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt.getTime() + OUTAGE_MS - Date.now())));

  // Redis returns, empty. Nobody touches the worker.
  await startRedis();
  const back = Date.now();
  await waitFor(
    // The lost ticket's message may have gone out before Redis died, or have been lost with it.
    () =>
      mailTo('during@example.test').length === 1 && hooksFor(during).length === 1 && hooksFor(lost).length === 1 && mailTo('lost@example.test').length === 1,
    RESUME_MS * 3,
    'the backlog to go out',
  );
  expect(Date.now() - back).toBeLessThan(RESUME_MS);
  expect(workerLog.join('')).toContain('Redis is back');
  // The daily sweeps (sessions, national calendars, target flags), lost with Redis's contents, are scheduled again.
  expect((await worker.queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual([
    'sweep-calendars',
    'sweep-sessions',
    'sweep-target-flags',
    'sweep-uploads',
  ]);

  // The api shares its limits through Redis again.
  await waitFor(async () => /^rate_limit_fallback_active 0$/m.test(await metrics()), RESUME_MS, 'the limits to use Redis again');
  expect(apiLog.join('')).toContain('Redis answers again');
  expect((await api.gql('{ viewer { role } }', undefined, key)).status).toBe(200);
  expect(await probe.keys(`${api.config.REDIS_PREFIX}:rate:*`)).not.toEqual([]);
  expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok', redis: 'ok' } } });

  // Nothing went out twice.
  expect(hooksFor(before)).toHaveLength(1);
  const dead = await admin.query(`select count(*)::int as n from scheduled_actions where state = 'DEAD'`);
  expect(dead.rows[0].n).toBe(0);
}, 120000);
