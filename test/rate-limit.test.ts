import { loadConfig } from '../infra/config';
import { GqlResponse, startTestApi, TestApi } from './support/test-api';
import { PASSWORD } from './support/network';

/**
 * Token buckets in cost points: a burst past the bucket is refused with 429 and
 * the time to wait, and after that time the same caller is served again. Each
 * API key has its own bucket; anonymous callers (login) are limited per address.
 */

// 2 + 10 x (1 + 1) = 22 points: a bucket of 50 pays for two, not three.
const PAGE = '{ customers(first: 10) { edges { node { id } } } }';
const PAGE_COST = 22;

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { session { accessToken } userErrors { code } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectThrottled(result: GqlResponse): number {
  expect(result.status).toBe(429);
  expect(result.body.errors[0].extensions.code).toBe('THROTTLED');
  const retryAfterMs = result.body.errors[0].extensions.retryAfterMs;
  expect(retryAfterMs).toBeGreaterThan(0);
  const header = Number(result.headers.get('retry-after'));
  expect(header).toBeGreaterThanOrEqual(1);
  // The header is in whole seconds, rounded up from the exact wait.
  expect(header).toBe(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  return retryAfterMs;
}

describe('API key and user buckets', () => {
  let api: TestApi;
  const keys: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '50', RATE_LIMIT_KEY_REFILL_PER_SECOND: '25' } });
    const manager = await api.login('store-a', 'manager@store-a.test');
    // Three keys at 12 points each fit in the manager's own bucket of 50.
    for (const name of ['burst', 'neighbour-1', 'neighbour-2']) {
      const created = await api.gql(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret userErrors { code } } }`,
        { input: { name, role: 'STORE_AGENT' } },
        manager,
      );
      expect(created.body.data?.createApiKey.userErrors).toEqual([]);
      keys.push(created.body.data.createApiKey.secret);
    }
  }, 60000);

  afterAll(async () => {
    await api.stop();
  });

  test('a burst past the bucket gets 429 THROTTLED with the wait, and after that wait the key is served again', async () => {
    const key = keys[0];
    const first = await api.gql(PAGE, undefined, key);
    expect(first.status).toBe(200);
    expect(first.body.extensions.cost.requestedQueryCost).toBe(PAGE_COST);
    expect(first.body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 50, restoreRate: 25 });

    let refused: GqlResponse | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const result = await api.gql(PAGE, undefined, key);
      if (result.status !== 200) refused = result;
    }
    expect(refused).toBeDefined();
    const retryAfterMs = expectThrottled(refused!);
    // Never more than the time to refill one query's cost from empty.
    expect(retryAfterMs).toBeLessThanOrEqual(Math.ceil((PAGE_COST * 1000) / 25));
    expect(refused!.body.data).toBeUndefined();
    expect(refused!.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(PAGE_COST);

    await sleep(retryAfterMs + 50);
    const again = await api.gql(PAGE, undefined, key);
    expect(again.status).toBe(200);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.customers.edges).toEqual([]);
  });

  test('two API keys of the same tenant have separate buckets', async () => {
    const [, exhausted, fresh] = keys;
    let throttled = false;
    for (let i = 0; i < 10 && !throttled; i++) {
      throttled = (await api.gql(PAGE, undefined, exhausted)).status === 429;
    }
    expect(throttled).toBe(true);

    const other = await api.gql(PAGE, undefined, fresh);
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
    // The other key paid from a full bucket of its own, not from what is left of the first.
    expect(other.body.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(50 - PAGE_COST);
  });

  test('a refused request is not charged: hammering while throttled does not push the wait further out', async () => {
    const key = keys[0];
    let refused: GqlResponse | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const result = await api.gql(PAGE, undefined, key);
      if (result.status === 429) refused = result;
    }
    expect(refused).toBeDefined();
    let available = refused!.body.extensions.cost.throttleStatus.currentlyAvailable;
    let wait = refused!.body.errors[0].extensions.retryAfterMs;
    for (let i = 0; i < 5; i++) {
      const result = await api.gql(PAGE, undefined, key);
      // Once the bucket has refilled enough the request is served; the point is made by then.
      if (result.status !== 429) break;
      const now = result.body.extensions.cost.throttleStatus.currentlyAvailable;
      const nowWait = result.body.errors[0].extensions.retryAfterMs;
      expect(now).toBeGreaterThanOrEqual(available);
      expect(nowWait).toBeLessThanOrEqual(wait);
      available = now;
      wait = nowWait;
    }
  });
});

describe('anonymous callers', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      env: {
        // A login costs 13 points: two fit, the third does not, and refilling takes many seconds.
        RATE_LIMIT_ANONYMOUS_CAPACITY: '30',
        RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND: '0.5',
        // As behind a reverse proxy on the same host: the proxy's X-Forwarded-For names the client.
        TRUST_PROXY: '127.0.0.1',
      },
    });
  }, 60000);

  afterAll(async () => {
    await api.stop();
  });

  async function loginFrom(forwardedFor: string, password = PASSWORD): Promise<GqlResponse> {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ query: LOGIN, variables: { input: { tenantSlug: 'store-a', email: 'agent@store-a.test', password } } }),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  test('login is limited per client address', async () => {
    const first = await loginFrom('198.51.100.10');
    expect(first.body.data.login.session.accessToken).toEqual(expect.any(String));
    expect(first.body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 30, restoreRate: 0.5 });
    // Wrong passwords are paid for like right ones.
    const second = await loginFrom('198.51.100.10', 'wrong-password-1');
    expect(second.body.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');

    const third = await loginFrom('198.51.100.10');
    expectThrottled(third);
    expect(third.body.data).toBeUndefined();

    // Another address has a bucket of its own.
    const elsewhere = await loginFrom('198.51.100.11');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.data.login.session.accessToken).toEqual(expect.any(String));
  });

  test('a client cannot escape its bucket by forging X-Forwarded-For', async () => {
    await loginFrom('198.51.100.20');
    await loginFrom('198.51.100.20');
    expectThrottled(await loginFrom('198.51.100.20'));
    // The proxy appends the address it saw; whatever the client wrote before it is not believed.
    expectThrottled(await loginFrom('203.0.113.99, 198.51.100.20'));
    expectThrottled(await loginFrom('203.0.113.100,198.51.100.20'));
  });
});

describe('which client address the limits see', () => {
  test('X-Forwarded-For is ignored unless a proxy is configured', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
  });

  test('TRUST_PROXY takes addresses or true, never a bare hop count', () => {
    // A hop count cannot tell a proxy from a client that writes enough hops itself.
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1');
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });
});
