import { GqlResponse, startTestApi, TestApi } from './support/test-api';

/**
 * The HTTP surface around GraphQL: liveness, readiness, metrics and request
 * ids; and what an error may reveal, in test and in production.
 */

/**
 * Makes every EntityManager forked while `run` is under way fail its `find`
 * calls, as a database that drops connections would: an unexpected error raised
 * inside a resolver (the viewer's `user` is loaded with `find`).
 */
async function withFailingFind<T>(api: TestApi, run: () => Promise<T>): Promise<T> {
  const em = api.orm.em;
  const realFork = em.fork.bind(em);
  const spy = jest.spyOn(em, 'fork').mockImplementation((options) => {
    const forked = realFork(options);
    forked.find = (() => Promise.reject(new Error('connection to 10.20.30.40 lost, see /srv/aftersales/secret.ts'))) as never;
    return forked;
  });
  try {
    return await run();
  } finally {
    spy.mockRestore();
  }
}

/**
 * Makes every statement sent through an EntityManager forked while `run` is
 * under way fail, as a database that drops connections would: an unexpected
 * error before execution (the request's transaction cannot be bound to its tenant).
 */
async function withFailingStatements<T>(api: TestApi, run: () => Promise<T>): Promise<T> {
  const em = api.orm.em;
  const realFork = em.fork.bind(em);
  const spy = jest.spyOn(em, 'fork').mockImplementation((options) => {
    const forked = realFork(options);
    forked.execute = (() => Promise.reject(new Error('connection to 10.20.30.40 lost, see /srv/aftersales/secret.ts'))) as never;
    return forked;
  });
  try {
    return await run();
  } finally {
    spy.mockRestore();
  }
}

/** Makes the next Redis script call fail, as a Redis that went away would. */
function failNextRedisScript(api: TestApi): void {
  jest.spyOn(api.redis, 'evalsha').mockImplementationOnce((() => Promise.reject(new Error('redis at 10.20.30.41 exploded'))) as never);
}

function expectBareInternalError(result: GqlResponse): void {
  const text = JSON.stringify(result.body);
  expect(result.body.errors).toHaveLength(1);
  const [error] = result.body.errors;
  expect(error.message).toBe('Internal server error');
  expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  expect(text).not.toContain('stacktrace');
  expect(text).not.toMatch(/10\.20\.30|secret\.ts|exploded|at \//);
}

describe('in a test server', () => {
  let api: TestApi;
  let token: string;
  let base: string;

  beforeAll(async () => {
    api = await startTestApi();
    base = api.url.replace(/\/graphql$/, '');
    token = await api.login('store-a', 'manager@store-a.test');
  }, 60000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await api.stop();
  });

  test('GET /healthz answers 200', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test("a customer who paid for a service, or gave up, lands on a page of the store's, not of the platform's subscription", async () => {
    // A link no order has is not taken for a payment (each order's real standing: service-orders.test.ts).
    const unknown = await fetch(`${base}/pay/complete?session_id=cs_test_1`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/If you paid, keep your receipt and contact the store/);
    const cancelled = await fetch(`${base}/pay/cancelled`);
    expect(await cancelled.text()).toMatch(/Nothing was charged/);
  });

  test('a survey link opens the survey page, whose only script may talk only to this origin', async () => {
    const response = await fetch(`${base}/survey/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[^']+'.*connect-src 'self'/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await response.text();
    expect(page).toContain('answerSurvey');
    expect(page).not.toContain('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'); // the token is never written into the page
  });

  test('GET /readyz answers 200 with database and redis ok', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  test('GET /readyz answers 200 degraded, naming Redis, while Redis does not answer: the api still serves without it', async () => {
    jest.spyOn(api.redis, 'ping').mockImplementationOnce((() => Promise.reject(new Error('Connection is closed.'))) as never);
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'degraded', checks: { database: 'ok', redis: 'down' } });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  test('GET /readyz answers within READINESS_TIMEOUT_MS when a dependency hangs, naming it down', async () => {
    const never = () => new Promise<never>(() => undefined);
    jest.spyOn(api.redis, 'ping').mockImplementationOnce(never as never);
    let started = Date.now();
    const redisHangs = await fetch(`${base}/readyz`);
    expect(Date.now() - started).toBeLessThan(api.config.READINESS_TIMEOUT_MS + 500);
    expect(await redisHangs.json()).toEqual({ status: 'degraded', checks: { database: 'ok', redis: 'down' } });

    const em = api.orm.em;
    const realFork = em.fork.bind(em);
    const spy = jest.spyOn(em, 'fork').mockImplementationOnce((options) => {
      const forked = realFork(options);
      forked.execute = never as never;
      return forked;
    });
    try {
      started = Date.now();
      const databaseHangs = await fetch(`${base}/readyz`);
      expect(Date.now() - started).toBeLessThan(api.config.READINESS_TIMEOUT_MS + 500);
      // Nothing can be served without the database: the instance is taken out.
      expect(databaseHangs.status).toBe(503);
      expect(await databaseHangs.json()).toEqual({ status: 'not ready', checks: { database: 'down', redis: 'ok' } });
    } finally {
      spy.mockRestore();
    }
  });

  test('GET /metrics counts operations by name and times them', async () => {
    const ok = await api.gql('query Viewer { viewer { role } }', undefined, token);
    expect(ok.status).toBe(200);
    const refused = await api.gql('query customers { customers(first: 1) { edges { cursor } } }');
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const counter = (operation: string, outcome: string) =>
      new RegExp(`^graphql_operations_total\\{(?=[^}]*operation="${operation}")(?=[^}]*type="query")(?=[^}]*outcome="${outcome}")[^}]*\\} 1$`, 'm');
    expect(text).toMatch(counter('Viewer', 'ok'));
    expect(text).toMatch(counter('customers', 'UNAUTHENTICATED'));
    expect(text).toMatch(/^graphql_operation_duration_seconds_bucket\{[^}]*operation="Viewer"[^}]*\} 1$/m);
    expect(text).toMatch(/^graphql_operation_duration_seconds_count\{[^}]*operation="Viewer"[^}]*\} 1$/m);
    expect(text).toContain('process_cpu_seconds_total');
  });

  test('made-up operation names make no series of their own: 50 of them are all counted as "other"', async () => {
    const seriesOf = async () => (await (await fetch(`${base}/metrics`)).text()).split('\n').filter((line) => line.startsWith('graphql_operations_total{'));
    const before = await seriesOf();
    for (let i = 0; i < 50; i++) {
      const result = await api.gql(`query MadeUpName${i}x${Date.now()} { viewer { role } }`, undefined, token);
      expect(result.status).toBe(200);
    }
    const after = await seriesOf();
    expect(after.join('\n')).not.toMatch(/MadeUpName/);
    // At most the one new series for "other", whatever the number of names.
    expect(after.length - before.length).toBeLessThanOrEqual(1);
    const other = after.find((line) => /operation="other"/.test(line) && /type="query"/.test(line) && /outcome="ok"/.test(line));
    expect(other).toBeDefined();
    expect(Number(other!.split(' ').pop())).toBeGreaterThanOrEqual(50);
  });

  test('a given x-request-id comes back; without one, a fresh id is made', async () => {
    const given = 'edge-test-request-0001';
    const health = await fetch(`${base}/healthz`, { headers: { 'x-request-id': given } });
    expect(health.headers.get('x-request-id')).toBe(given);

    const graphql = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': given, authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get('x-request-id')).toBe(given);

    const first = (await fetch(`${base}/healthz`)).headers.get('x-request-id');
    const second = (await fetch(`${base}/healthz`)).headers.get('x-request-id');
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(first).not.toBe(second);
  });

  test('errors carry no stack trace, expected or not', async () => {
    const unauthenticated = await api.gql('{ viewer { role } }');
    expect(unauthenticated.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(unauthenticated.body.errors[0].extensions.stacktrace).toBeUndefined();

    const invalid = await api.gql('{ viewer { rol } }', undefined, token);
    expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.body.errors[0].extensions.stacktrace).toBeUndefined();

    const inResolver = await withFailingFind(api, () => api.gql('{ viewer { role user { email } } }', undefined, token));
    expect(inResolver.body.errors[0].path).toEqual(['viewer', 'user']);
    expectBareInternalError(inResolver);

    const beforeExecution = await withFailingStatements(api, () => api.gql('{ viewer { role } }', undefined, token));
    expect(beforeExecution.status).toBe(500);
    expectBareInternalError(beforeExecution);

    // Nothing stuck: the next request is served.
    expect((await api.gql('{ viewer { role user { email } } }', undefined, token)).body.data.viewer.user.email).toBe('manager@store-a.test');
  });
});

describe('in a production server', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi({ env: { NODE_ENV: 'production', JWT_SECRET: 'production-like-secret-for-tests-0123456' } });
    token = await api.login('store-a', 'manager@store-a.test');
  }, 60000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await api.stop();
  });

  test('the server really runs in production mode', () => {
    expect(api.config.NODE_ENV).toBe('production');
    expect(api.config.JWT_SECRET).toHaveLength(40);
  });

  test('introspection is refused, with or without credentials', async () => {
    for (const credential of [token, null]) {
      const schema = await api.gql('{ __schema { types { name } } }', undefined, credential);
      expect(schema.status).toBe(400);
      expect(schema.body.data).toBeUndefined();
      expect(schema.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(schema.body)).not.toContain('"Customer"');
    }
    const type = await api.gql('{ __type(name: "Customer") { fields { name } } }', undefined, token);
    expect(type.status).toBe(400);
    expect(type.body.data).toBeUndefined();
  });

  test('a misspelled field gets no "Did you mean" suggestion', async () => {
    const result = await api.gql('{ viewer { rol } }', undefined, token);
    expect(result.status).toBe(400);
    expect(result.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.body.errors[0].message).toContain('Cannot query field "rol"');
    expect(JSON.stringify(result.body)).not.toMatch(/did you mean|"role"/i);
  });

  test('no other mistake gets a suggestion either: arguments, types, enum values in literals and in variables', async () => {
    const mistakes: [string, Record<string, unknown>?][] = [
      ['{ customers(frist: 1) { edges { cursor } } }'],
      ['{ viewer { ... on Viewr { role } } }'],
      ['{ customers(first: 1, tier: VIPP) { edges { cursor } } }'],
      ['query($tier: CustomerTier) { customers(first: 1, tier: $tier) { edges { cursor } } }', { tier: 'VIPP' }],
      ['query($input: CreateCustomerInput!) { createCustomer(input: $input) { userErrors { code } } }', { input: { nme: 'x', name: 'y', phone: '5550100' } }],
    ];
    const leaks: string[] = [];
    for (const [query, variables] of mistakes) {
      const result = await api.gql(query, variables, token);
      expect(result.status).toBe(400);
      expect(result.body.errors.length).toBeGreaterThan(0);
      const text = JSON.stringify(result.body);
      if (/did you mean/i.test(text)) leaks.push(`${query}\n  -> ${text}`);
    }
    expect(leaks).toEqual([]);
  });

  test('an unexpected error carries no stack trace and no detail', async () => {
    const inResolver = await withFailingFind(api, () => api.gql('{ viewer { role user { email } } }', undefined, token));
    expect(inResolver.body.data).toEqual({ viewer: { role: 'STORE_MANAGER', user: null } });
    expectBareInternalError(inResolver);

    const beforeExecution = await withFailingStatements(api, () => api.gql('{ viewer { role } }', undefined, token));
    expect(beforeExecution.status).toBe(500);
    expectBareInternalError(beforeExecution);
  });

  test('a failing Redis does not fail the request: the rate limit is counted in the process, and the metrics say so', async () => {
    failNextRedisScript(api);
    const served = await api.gql('{ viewer { role } }', undefined, token);
    expect(served.status).toBe(200);
    expect(served.body.data).toEqual({ viewer: { role: 'STORE_MANAGER' } });
    expect(served.body.extensions.cost.throttleStatus.maximumAvailable).toBe(api.config.RATE_LIMIT_KEY_CAPACITY);
    const metrics = await (await fetch(api.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/^rate_limit_local_decisions_total\{limiter="rate"\} [1-9]/m);
  });

  test('an expected error keeps its code and message, without a stack trace', async () => {
    const result = await api.gql('{ customers(first: 1, after: "not-a-cursor") { edges { cursor } } }', undefined, token);
    const [error] = result.body.errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.stacktrace).toBeUndefined();
    expect(error.message).toMatch(/cursor/);
  });
});
