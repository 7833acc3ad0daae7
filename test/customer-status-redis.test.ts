import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { newStatusToken } from '../domain/notifications/status-token';
import { insertTicket, uuidOf } from './support/desk-fixtures';
import { GqlResponse, startTestApi, TestApi } from './support/test-api';

/**
 * The customer's status page while Redis is down (a private redis-server,
 * killed): the page still opens, by link and by number, and guessing a
 * number's phone digits is still held after 5 misses, counted in the api's
 * own process until Redis is back.
 */
const clock = new ManualClock(new Date('2026-03-10T02:00:00Z'));
let port: number;
let redisServer: ChildProcess | undefined;
let probe: Redis;
let api: TestApi;
let admin: Client;
let token: string;
let number: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

async function startRedis(): Promise<void> {
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10000;
  while ((await probe.ping().catch(() => null)) !== 'PONG') {
    if (Date.now() > deadline) throw new Error('the private Redis did not start');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function killRedis(): Promise<void> {
  const server = redisServer!;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
  redisServer = undefined;
}

async function lookUp(query: string, variables: Record<string, unknown>, from: string): Promise<GqlResponse> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const byLink = (from: string) => lookUp(`query($t: String!) { customerTicketStatus(token: $t) { ticketNumber status } }`, { t: token }, from);
const byNumber = (digits: string, from: string) =>
  lookUp(`query($n: String!, $p: String!) { customerTicketStatusByNumber(ticketNumber: $n, phoneLast4: $p) { ticketNumber } }`, { n: number, p: digits }, from);

beforeAll(async () => {
  port = await freePort();
  probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
  probe.on('error', () => undefined);
  probe.connect().catch(() => undefined);
  await startRedis();
  api = await startTestApi({ clock, env: { REDIS_URL: `redis://127.0.0.1:${port}`, TRUST_PROXY: '127.0.0.1', REDIS_PROBE_INTERVAL_MS: '200' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const ticketId = uuidOf(await insertTicket(admin));
  const ticket = await admin.query<{ tenant_id: string; number: string }>('select tenant_id, number from tickets where id = $1', [ticketId]);
  number = ticket.rows[0].number;
  const link = newStatusToken();
  token = link.token;
  await admin.query('insert into ticket_status_links (tenant_id, ticket_id, token_hash) values ($1, $2, $3)', [ticket.rows[0].tenant_id, ticketId, link.hash]);
}, 60000);

afterAll(async () => {
  if (!redisServer) await startRedis().catch(() => undefined);
  // The api's own connection comes back by itself; its clean-up needs it.
  for (let i = 0; i < 200 && api?.redis.status !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  await admin?.end();
  await api?.stop();
  probe?.disconnect();
  redisServer?.kill('SIGKILL');
}, 60000);

test('with Redis gone the page opens at once, and a number is still held after 5 wrong suffixes', async () => {
  expect((await byLink('198.51.100.1')).body.data.customerTicketStatus).toEqual({ ticketNumber: number, status: 'IN_PROGRESS' });
  await killRedis();

  const started = Date.now();
  const page = await byLink('198.51.100.2');
  expect(Date.now() - started).toBeLessThan(2000);
  expect(page.body.errors).toBeUndefined();
  expect(page.body.data.customerTicketStatus.ticketNumber).toBe(number);
  // The fixture's phone ends in its counter: the right digits are the number's last four.
  const digits = number.slice(-4);
  expect((await byNumber(digits, '198.51.100.3')).body.data.customerTicketStatusByNumber.ticketNumber).toBe(number);

  for (let i = 0; i < 5; i++) {
    const miss = await byNumber(digits === '9999' ? '9998' : '9999', `198.51.100.${10 + i}`);
    expect(miss.body.errors[0].extensions.code).toBe('NOT_FOUND');
  }
  const held = await byNumber(digits, '198.51.100.20');
  expect(held.status).toBe(429);
  expect(held.body.errors[0].extensions).toMatchObject({ code: 'THROTTLED', reason: 'STATUS_LOOKUPS', retryAfterMs: 15 * 60_000 });
  const metrics = await (await fetch(api.url.replace(/\/graphql$/, '/metrics'))).text();
  expect(metrics).toMatch(/rate_limit_local_decisions_total\{limiter="status"\} [1-9]/);
}, 60000);
