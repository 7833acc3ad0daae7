import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { openOrm } from '../infra/database';
import { projectRoot } from '../core/project-root';
import { ConfigError, loadConfig } from '../infra/config';
import { tracesUrlOf } from '../infra/tracing/start-tracing';
import { currentTraceParent } from '../core/trace-context';
import { PASSWORD, provisionTestNetwork } from './support/network';
import { OtlpReceiver, ReceivedSpan, startOtlpReceiver } from './support/otlp-receiver';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Traces end to end, with the api and the worker as the processes they are in
 * production (from the build: `npm run build` first), sending spans over
 * OTLP/HTTP to a receiver in this process: a ticket registered through
 * GraphQL and the worker's run that sent the customer its first message are
 * one trace, and the api's log lines of that request carry its trace id.
 */
const SERVER = 2;
const CONSUMER = 5;
const prefix = `test:${randomBytes(6).toString('hex')}`;
let db: TestDatabase;
let admin: Client;
let smtp: SmtpCatcher;
let receiver: OtlpReceiver;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A process from the build, with its JSON log lines collected. */
/** Loaded with `-r` before the entry point: writes every module the process read to MODULES_FILE as it exits. */
const MODULES_PRELOAD = `process.on('exit', () => require('fs').writeFileSync(process.env.MODULES_FILE, JSON.stringify(Object.keys(require.cache))));`;

function startProcess(entry: string, env: Record<string, string>): { child: ChildProcess; logLines: Record<string, unknown>[]; modulesFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-tracing-'));
  const preload = join(dir, 'modules-on-exit.js');
  writeFileSync(preload, MODULES_PRELOAD);
  const modulesFile = join(dir, 'modules.json');
  const child = spawn(process.execPath, ['-r', preload, join(projectRoot(), 'dist', entry)], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db.adminUrl,
      APP_DATABASE_URL: db.appUrl,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'info',
      MODULES_FILE: modulesFile,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const logLines: Record<string, unknown>[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      try {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  return { child, logLines, modulesFile };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (
    !(await Promise.resolve()
      .then(check)
      .catch(() => false))
  ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  const orm = await openOrm(db.appUrl, 2);
  await provisionTestNetwork(orm);
  await orm.close();
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  smtp = await startSmtpCatcher();
  receiver = await startOtlpReceiver();
}, 60000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await admin?.end();
  await smtp?.close();
  await receiver?.close();
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
  redis.on('error', () => undefined);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await db?.drop();
});

test("a registered ticket's trace shows the request, its GraphQL operation and SQL, and the worker run that sent its first message", async () => {
  const port = await freePort();
  const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
  const api = startProcess('bin/api.js', { ...tracing, PORT: String(port), HOST: '127.0.0.1' });
  const worker = startProcess('bin/worker.js', { ...tracing, RELAY_INTERVAL_MS: '50' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/healthz`)).ok, 30000, 'the api to listen');

  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, { [key: string]: unknown }>; errors?: unknown[] };
  };
  const login = await gql(`mutation Login($input: LoginInput!) { login(input: $input) { session { accessToken } } }`, {
    input: { tenantSlug: 'store-a', email: 'agent@store-a.test', password: PASSWORD },
  });
  const token = (login.data!.login.session as { accessToken: string }).accessToken;
  const registered = await gql(
    `mutation RegisterTicket($input: RegisterTicketInput!) { registerTicket(input: $input) { ticket { id number } userErrors { code message } } }`,
    {
      input: {
        type: 'REPAIR',
        channel: 'WALK_IN',
        newCustomer: { name: 'Traced Customer', phone: '13900007777', email: 'traced@example.test', locale: 'EN' },
        problem: 'The screen stays dark',
      },
    },
    token,
  );
  expect(registered.errors).toBeUndefined();
  // A name the server does not know names no span: it is kept only as the span's attribute.
  const madeUp = `MadeUp${randomBytes(4).toString('hex')}`;
  expect((await gql(`query ${madeUp} { viewer { role } }`, {}, token)).errors).toBeUndefined();
  // Nor does a URL that matches no route.
  expect((await fetch(`${base}/${madeUp}`)).status).toBe(404);
  expect(registered.data!.registerTicket.userErrors).toEqual([]);

  // The customer's first message, sent by the worker over SMTP.
  const [message] = await smtp.waitFor(1, 15000);
  expect(message.to).toEqual(['traced@example.test']);
  const actionId = /^<([0-9a-f-]{36})@aftersales>$/.exec(message.messageId)![1];
  const stored = await admin.query<{ kind: string; trace_parent: string }>('select kind, trace_parent from scheduled_actions where id = $1', [actionId]);
  expect(stored.rows[0].kind).toBe('NOTIFICATION');

  // A graceful stop sends the spans still buffered.
  await Promise.all([stopProcess(api.child), stopProcess(worker.child)]);
  expect(receiver.refused).toEqual([]);
  const loaded = JSON.parse(readFileSync(api.modulesFile, 'utf8')) as string[];
  expect(loaded.some((path) => /node_modules[\\/]@opentelemetry[\\/]sdk-trace-node[\\/]/.test(path))).toBe(true);

  const operation = receiver.spans.find((span) => span.attributes['graphql.operation.name'] === 'RegisterTicket');
  expect(operation).toMatchObject({ service: 'aftersales-api', name: 'mutation RegisterTicket', attributes: { 'graphql.operation.type': 'mutation' } });
  expect(receiver.spans.find((span) => span.attributes['graphql.operation.name'] === madeUp)).toMatchObject({ name: 'query other' });
  expect(receiver.spans.filter((span) => span.name.includes(madeUp))).toEqual([]);
  expect(receiver.spans.find((span) => span.kind === SERVER && span.attributes['url.path'] === `/${madeUp}`)).toMatchObject({ name: 'GET' });
  const traceId = operation!.traceId;
  const inTrace = receiver.spans.filter((span) => span.traceId === traceId);
  const byId = new Map(inTrace.map((span) => [span.spanId, span]));
  const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
    const parent = byId.get(span.parentSpanId);
    return parent ? [parent, ...ancestors(parent)] : [];
  };

  // The HTTP request is the root, named by its route (not by the URL sent).
  const request = inTrace.find((span) => span.kind === SERVER && span.service === 'aftersales-api');
  expect(request).toMatchObject({ name: 'POST /graphql', parentSpanId: '', attributes: { 'http.route': '/graphql' } });
  expect(ancestors(operation!).map((span) => span.spanId)).toContain(request!.spanId);
  // SQL statements of the request, inside its GraphQL operation.
  const requestSql = inTrace.filter((span) => span.service === 'aftersales-api' && span.attributes['db.system.name'] === 'postgresql');
  expect(requestSql.length).toBeGreaterThan(0);
  expect(requestSql.some((span) => ancestors(span).includes(operation!))).toBe(true);
  expect(requestSql.some((span) => /insert into "?scheduled_actions"?/i.test(String(span.attributes['db.query.text'])))).toBe(true);

  // The action was stored with the request's trace context, and the worker's run of it continues that trace.
  expect(stored.rows[0].trace_parent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  const run = inTrace.find((span) => span.service === 'aftersales-worker' && span.attributes['aftersales.action.id'] === actionId);
  expect(run).toMatchObject({
    name: 'run NOTIFICATION',
    kind: CONSUMER,
    attributes: { 'aftersales.action.kind': 'NOTIFICATION', 'aftersales.action.result': 'DONE' },
  });
  expect(ancestors(run!).map((span) => span.spanId)).toContain(request!.spanId);
  // ...with the run's own SQL (the row lock, the message's record) beneath it.
  expect(
    inTrace.some((span) => span.service === 'aftersales-worker' && span.attributes['db.system.name'] === 'postgresql' && ancestors(span).includes(run!)),
  ).toBe(true);

  // The api's log lines written during the request carry its trace id.
  const requestLines = api.logLines.filter((line) => line.trace_id === traceId);
  expect(requestLines.length).toBeGreaterThan(0);
  expect(requestLines.some((line) => line.msg === 'request completed')).toBe(true);
  // Lines outside any request (start-up) carry none.
  expect(api.logLines.find((line) => line.msg === 'tracing is on (OpenTelemetry)')).not.toHaveProperty('trace_id');
}, 90000);

test('with no endpoint configured the api loads no part of the SDK, writes no trace ids and stores no trace context', async () => {
  const port = await freePort();
  const api = startProcess('bin/api.js', { PORT: String(port), HOST: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/healthz`)).ok, 30000, 'the api to listen');
  const login = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation Login($input: LoginInput!) { login(input: $input) { session { accessToken } } }`,
      variables: { input: { tenantSlug: 'store-a', email: 'agent@store-a.test', password: PASSWORD } },
    }),
  });
  expect(login.status).toBe(200);
  await stopProcess(api.child);

  // Every module the process read, as it exited: @opentelemetry/api (its no-op) and nothing of the SDK.
  const loaded = JSON.parse(readFileSync(api.modulesFile, 'utf8')) as string[];
  const openTelemetry = loaded.filter((path) => /node_modules[\\/]@opentelemetry[\\/]/.test(path));
  expect(openTelemetry.length).toBeGreaterThan(0);
  expect(openTelemetry.filter((path) => !/node_modules[\\/]@opentelemetry[\\/]api[\\/]/.test(path))).toEqual([]);
  const requestLines = api.logLines.filter((line) => line.msg === 'request completed');
  expect(requestLines.length).toBeGreaterThan(0);
  expect(api.logLines.filter((line) => 'trace_id' in line)).toEqual([]);
  // Nothing is traced in this test process either: scheduling would store no trace context.
  expect(currentTraceParent()).toBeNull();
}, 60000);

test('OTEL_EXPORTER_OTLP_ENDPOINT is checked at start-up: an OTLP/HTTP URL, or empty for off', () => {
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://collector:4318');
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  expect(loadConfig({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  for (const wrong of ['collector:4317', 'grpc://collector:4317', 'not a url']) {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: wrong })).toThrow(ConfigError);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: wrong })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: OTEL_EXPORTER_OTLP_ENDPOINT must be an http or https URL/,
    );
  }
  expect(tracesUrlOf('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
  expect(tracesUrlOf('https://otlp.example.com/otlp')).toBe('https://otlp.example.com/otlp/v1/traces');
});
