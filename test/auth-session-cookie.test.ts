import { ManualClock } from '../core/clock';
import { runTenantsCli } from '../tenants/tenants.commands';
import { PASSWORD } from './support/network';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Browsers sign in at /auth: the access token comes in the answer (the page
 * keeps it in memory), the refresh token in an HttpOnly, SameSite=Strict
 * cookie on /auth that the page's scripts never see. The routes run the same
 * domain functions as the GraphQL mutations (throttle, single-use refresh
 * tokens with reuse detection, revocation at logout), and refuse anything a
 * page on another site could make a browser send.
 */
const clock = new ManualClock(new Date());
let api: TestApi;
let base: string;

const WRONG = 'wrong-password-1';

interface Answer {
  status: number;
  headers: Headers;
  /** The Set-Cookie lines of the answer. */
  cookies: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

interface PostOptions {
  /** The client address, as the trusted proxy in front of the api says (X-Forwarded-For). */
  from?: string;
  cookie?: string | null;
  body?: unknown;
  /** Replaces the default `content-type: application/json` and adds the rest. */
  headers?: Record<string, string>;
  rawBody?: string;
}

async function post(path: string, options: PostOptions = {}, target: string = base): Promise<Answer> {
  const headers: Record<string, string> = {
    'x-forwarded-for': options.from ?? '192.0.2.1',
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...(options.headers ?? { 'content-type': 'application/json' }),
  };
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${target}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, cookies: response.headers.getSetCookie(), body: text ? JSON.parse(text) : null };
}

function signIn(tenantSlug: string, email: string, password = PASSWORD, options: PostOptions = {}, target?: string): Promise<Answer> {
  return post('/auth/session', { ...options, body: { tenantSlug, email, password } }, target);
}

/** The one Set-Cookie line for a cookie (the refresh token's unless named): its value and attributes (names lower-cased). */
function refreshCookieOf(answer: Answer, name = 'aftersales_refresh'): { value: string; attributes: Map<string, string> } {
  const lines = answer.cookies.filter((line) => line.startsWith(`${name}=`));
  expect(lines).toHaveLength(1);
  const [pair, ...attributes] = lines[0].split(';').map((part) => part.trim());
  return {
    value: pair.slice(name.length + 1),
    attributes: new Map(attributes.map((attribute) => [attribute.split('=')[0].toLowerCase(), attribute.split('=').slice(1).join('=')])),
  };
}

/**
 * The cookie lives as long as the refresh token still works: its Max-Age is
 * the token's remaining lifetime when the answer is written, a second or two
 * short of the whole when a loaded machine takes that long between issuing
 * the session and writing the cookie.
 */
function expectRemainingLifetime(cookie: { attributes: Map<string, string> }, ttlSeconds: number): void {
  const maxAge = Number(cookie.attributes.get('max-age'));
  expect(maxAge).toBeLessThanOrEqual(ttlSeconds);
  expect(maxAge).toBeGreaterThanOrEqual(ttlSeconds - 5);
}

/** What a browser sends back. */
function cookieHeader(answer: Answer): string {
  return `aftersales_refresh=${refreshCookieOf(answer).value}`;
}

function expectCleared(answer: Answer): void {
  const cookie = refreshCookieOf(answer);
  expect(cookie.value).toBe('');
  expect(cookie.attributes.get('max-age')).toBe('0');
  expect(cookie.attributes.get('path')).toBe('/auth');
}

function expectError(answer: Answer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.body.errors[0].extensions.code).toBe(code);
  expect(answer.body.errors[0].message).toEqual(expect.any(String));
}

/** Whether an access token still opens the API. */
async function viewerRole(accessToken: string): Promise<string | 'UNAUTHENTICATED'> {
  const result = await api.gql('{ viewer { role } }', undefined, accessToken);
  if (result.status === 401) {
    expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    return 'UNAUTHENTICATED';
  }
  return result.body.data.viewer.role;
}

beforeAll(async () => {
  // As behind a reverse proxy on the same host: X-Forwarded-For names the client, X-Forwarded-Proto its scheme.
  api = await startTestApi({ clock, env: { TRUST_PROXY: '127.0.0.1', PUBLIC_BASE_URL: 'https://console.example.com' } });
  base = api.url.replace(/\/graphql$/, '');
}, 60000);

afterAll(async () => {
  await api.stop();
});

describe('signing in', () => {
  test('answers the access token and who signed in, and sets the refresh token as an HttpOnly, SameSite=Strict cookie on /auth for its lifetime', async () => {
    const answer = await signIn('store-a', 'manager@store-a.test');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toEqual({
      accessToken: expect.any(String),
      expiresAt: new Date(Math.floor(clock.now().getTime() / 1000) * 1000 + api.config.ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
      user: { id: expect.any(String), email: 'manager@store-a.test', name: 'Manager A', role: 'STORE_MANAGER' },
    });
    // The refresh token is nowhere a script could read it.
    expect(JSON.stringify(answer.body)).not.toContain(refreshCookieOf(answer).value);

    const cookie = refreshCookieOf(answer);
    expect(cookie.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(cookie.attributes.has('httponly')).toBe(true);
    expect(cookie.attributes.get('samesite')).toBe('Strict');
    expect(cookie.attributes.get('path')).toBe('/auth');
    expectRemainingLifetime(cookie, api.config.REFRESH_TOKEN_TTL_SECONDS);
    // Plain http outside production: a browser would drop a Secure cookie here.
    expect(cookie.attributes.has('secure')).toBe(false);
    expect(cookie.attributes.has('domain')).toBe(false);

    // The access token opens the API, and names the same user as GraphQL does.
    const viewer = await api.gql('{ viewer { role user { id } } }', undefined, answer.body.accessToken);
    expect(viewer.body.data.viewer).toEqual({ role: 'STORE_MANAGER', user: { id: answer.body.user.id } });
  });

  test('over https (as the trusted proxy says) the cookie is Secure', async () => {
    const answer = await signIn('store-a', 'agent@store-a.test', PASSWORD, {
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', origin: 'https://console.example.com' },
    });
    expect(answer.status).toBe(200);
    expect(refreshCookieOf(answer).attributes.has('secure')).toBe(true);
  });

  test('a wrong password answers INVALID_CREDENTIALS, the code of GraphQL login, and sets no cookie', async () => {
    const graphql = await api.gql(
      `mutation { login(input: { tenantSlug: "store-b", email: "agent@store-b.test", password: "${WRONG}" }) { session { accessToken } userErrors { code } } }`,
    );
    expect(graphql.body.data.login.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);

    for (const [slug, email] of [
      ['store-b', 'agent@store-b.test'],
      ['store-b', 'nobody@store-b.test'],
      ['no-such-tenant', 'agent@store-b.test'],
    ]) {
      const answer = await signIn(slug, email, WRONG, { from: '192.0.2.10' });
      expectError(answer, 401, 'INVALID_CREDENTIALS');
      expect(answer.cookies).toEqual([]);
    }
  });

  test('a body without its three strings is refused with BAD_USER_INPUT naming the field', async () => {
    const missing = await post('/auth/session', { body: { tenantSlug: 'store-a', email: 'manager@store-a.test' } });
    expectError(missing, 400, 'BAD_USER_INPUT');
    expect(missing.body.errors[0].extensions.field).toEqual(['password']);
    const notString = await post('/auth/session', { body: { tenantSlug: 'store-a', email: 42, password: PASSWORD } });
    expect(notString.body.errors[0].extensions.field).toEqual(['email']);
    const nul = await post('/auth/session', { body: { tenantSlug: 'store-a\u0000', email: 'manager@store-a.test', password: PASSWORD } });
    expectError(nul, 400, 'BAD_USER_INPUT');
    expect(nul.body.errors[0].extensions.field).toEqual(['tenantSlug']);
    expectError(await post('/auth/session', { rawBody: '[]' }), 400, 'BAD_USER_INPUT');
    expectError(await post('/auth/session'), 400, 'BAD_USER_INPUT');
    expectError(await post('/auth/session', { rawBody: '{"tenantSlug": ' }), 400, 'BAD_REQUEST');
    expectError(await post('/auth/session', { rawBody: '{"__proto__": {"tenantSlug": "store-a"}}' }), 400, 'BAD_REQUEST');
    expect(missing.cookies).toEqual([]);
  });
});

describe('the throttle of login holds at /auth/session', () => {
  test('failures through GraphQL and through /auth/session count on the account together; during the wait the right password is refused unchecked with THROTTLED; then it works', async () => {
    const account = { slug: 'partner-p', email: 'manager@partner-p.test' };
    const graphqlLogin = (password: string, from: string) =>
      fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({
          query: `mutation { login(input: { tenantSlug: "${account.slug}", email: "${account.email}", password: "${password}" }) { session { accessToken } userErrors { code } } }`,
        }),
      });
    for (let i = 0; i < 3; i++) expectError(await signIn(account.slug, account.email, WRONG, { from: `192.0.2.${20 + i}` }), 401, 'INVALID_CREDENTIALS');
    for (let i = 0; i < 2; i++) {
      const answer = (await (await graphqlLogin(WRONG, `192.0.2.${30 + i}`)).json()) as { data: { login: { userErrors: unknown[] } } };
      expect(answer.data.login.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
    }

    // The sixth attempt, with the right password, from yet another address: the account waits first.
    const throttled = await signIn(account.slug, account.email, PASSWORD, { from: '192.0.2.40' });
    expectError(throttled, 429, 'THROTTLED');
    expect(throttled.body.errors[0].extensions).toMatchObject({ reason: 'LOGIN_ATTEMPTS', retryAfterMs: 1000 });
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.cookies).toEqual([]);
    const graphqlThrottled = await graphqlLogin(PASSWORD, '192.0.2.41');
    expect(graphqlThrottled.status).toBe(429);

    clock.advance(1000);
    const signedIn = await signIn(account.slug, account.email, PASSWORD, { from: '192.0.2.40' });
    expect(signedIn.status).toBe(200);
    expect(refreshCookieOf(signedIn).value).not.toBe('');
  });

  test('an address is held after its free failures, whichever door the guesses came through', async () => {
    const from = '198.51.100.200';
    const accounts = ['agent@store-a.test', 'tech@store-a.test', 'manager@store-b.test', 'admin@hq-one.test'];
    let n = 0;
    for (const email of accounts) {
      for (let i = 0; i < 5; i++) {
        const slug = email.split('@')[1].replace('.test', '');
        expectError(await signIn(slug, email, `${WRONG}-${n++}`, { from }), 401, 'INVALID_CREDENTIALS');
      }
    }
    const held = await signIn('store-z', 'manager@store-z.test', PASSWORD, { from });
    expectError(held, 429, 'THROTTLED');
    expect(held.body.errors[0].extensions).toMatchObject({ reason: 'LOGIN_ATTEMPTS', retryAfterMs: 60_000 });
    clock.advance(60_000);
    expect((await signIn('store-z', 'manager@store-z.test', PASSWORD, { from })).status).toBe(200);
  });
});

describe('refreshing', () => {
  test('rotates the cookie and answers a new access token; the old cookie replayed is refused, revokes the whole sign-in and clears the cookie', async () => {
    const first = await signIn('store-a', 'tech@store-a.test', PASSWORD, { from: '192.0.2.50' });
    expect(first.status).toBe(200);
    clock.advance(5000);

    const second = await post('/auth/refresh', { cookie: cookieHeader(first) });
    expect(second.status).toBe(200);
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(second.body).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(String), user: first.body.user });
    expect(second.body.accessToken).not.toBe(first.body.accessToken);
    const rotated = refreshCookieOf(second);
    expect(rotated.value).not.toBe(refreshCookieOf(first).value);
    expect(rotated.attributes.has('httponly')).toBe(true);
    expect(rotated.attributes.get('samesite')).toBe('Strict');
    expect(rotated.attributes.get('path')).toBe('/auth');
    expectRemainingLifetime(rotated, api.config.REFRESH_TOKEN_TTL_SECONDS);
    expect(await viewerRole(second.body.accessToken)).toBe('TECHNICIAN');

    // The first cookie again: a stolen copy. Refused, and the sign-in it belongs to ends.
    const replay = await post('/auth/refresh', { cookie: cookieHeader(first) });
    expectError(replay, 401, 'INVALID_REFRESH_TOKEN');
    expectCleared(replay);
    expect(await viewerRole(second.body.accessToken)).toBe('UNAUTHENTICATED');
    expectError(await post('/auth/refresh', { cookie: cookieHeader(second) }), 401, 'INVALID_REFRESH_TOKEN');
  });

  test('without a cookie, or with one that is not a refresh token, answers 401 and clears the cookie', async () => {
    const none = await post('/auth/refresh');
    expectError(none, 401, 'UNAUTHENTICATED');
    expectCleared(none);

    const accessToken = (await signIn('store-b', 'manager@store-b.test', PASSWORD, { from: '192.0.2.60' })).body.accessToken;
    for (const value of ['garbage', accessToken]) {
      const refused = await post('/auth/refresh', { cookie: `aftersales_refresh=${value}` });
      expectError(refused, 401, 'INVALID_REFRESH_TOKEN');
      expectCleared(refused);
    }
  });

  test('an expired refresh cookie is refused', async () => {
    const signedIn = await signIn('store-a', 'manager@store-a.test', PASSWORD, { from: '192.0.2.61' });
    clock.advance(api.config.REFRESH_TOKEN_TTL_SECONDS * 1000 + 1000);
    const expired = await post('/auth/refresh', { cookie: cookieHeader(signedIn) });
    expectError(expired, 401, 'INVALID_REFRESH_TOKEN');
    expectCleared(expired);
  });
});

describe('signing out', () => {
  test("revokes the cookie's session: its access token is refused at once, the cookie cleared and refused afterwards", async () => {
    const signedIn = await signIn('hq-one', 'supervisor@hq-one.test', PASSWORD, { from: '192.0.2.70' });
    const refreshed = await post('/auth/refresh', { cookie: cookieHeader(signedIn) });
    expect(await viewerRole(refreshed.body.accessToken)).toBe('HQ_SUPERVISOR');
    // Another sign-in of the same user is not touched.
    const elsewhere = await signIn('hq-one', 'supervisor@hq-one.test', PASSWORD, { from: '192.0.2.71' });

    const out = await post('/auth/logout', { cookie: cookieHeader(refreshed) });
    expect(out.status).toBe(204);
    expect(out.body).toBeNull();
    expectCleared(out);
    expect(await viewerRole(refreshed.body.accessToken)).toBe('UNAUTHENTICATED');
    expect(await viewerRole(signedIn.body.accessToken)).toBe('UNAUTHENTICATED');
    expectError(await post('/auth/refresh', { cookie: cookieHeader(refreshed) }), 401, 'INVALID_REFRESH_TOKEN');

    expect(await viewerRole(elsewhere.body.accessToken)).toBe('HQ_SUPERVISOR');
    expect((await post('/auth/refresh', { cookie: cookieHeader(elsewhere) })).status).toBe(200);
  });

  test('answers 204 and clears the cookie without a cookie, with a garbage one, or twice', async () => {
    const signedIn = await signIn('store-a', 'agent@store-a.test', PASSWORD, { from: '192.0.2.72' });
    for (const cookie of [null, 'aftersales_refresh=garbage', cookieHeader(signedIn), cookieHeader(signedIn)]) {
      const out = await post('/auth/logout', { cookie });
      expect(out.status).toBe(204);
      expectCleared(out);
    }
    // Without a JSON body, the header that Apollo's CSRF prevention accepts will do.
    const bare = await post('/auth/logout', { headers: { 'apollo-require-preflight': 'true' } });
    expect(bare.status).toBe(204);
  });
});

describe('cross-site requests are refused', () => {
  test('from a foreign Origin, or marked cross-site by the browser, on every route, before anything is done', async () => {
    const signedIn = await signIn('store-b', 'agent@store-b.test', PASSWORD, { from: '192.0.2.80' });
    const cookie = cookieHeader(signedIn);
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example.net' },
      { origin: 'null' },
      { origin: `${base}.evil.example.net` },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const origin of crossSite) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...origin };
      for (const path of ['/auth/refresh', '/auth/logout']) {
        const refused = await post(path, { cookie, headers });
        expectError(refused, 403, 'CSRF_ORIGIN_REFUSED');
        expect(refused.cookies).toEqual([]);
      }
      const signIn = await post('/auth/session', { headers, body: { tenantSlug: 'store-b', email: 'agent@store-b.test', password: PASSWORD } });
      expectError(signIn, 403, 'CSRF_ORIGIN_REFUSED');
      expect(signIn.cookies).toEqual([]);
    }
    // Nothing was rotated or revoked: the session goes on.
    expect(await viewerRole(signedIn.body.accessToken)).toBe('STORE_AGENT');
    expect((await post('/auth/refresh', { cookie })).status).toBe(200);
  });

  test('a request an HTML form could send (form or text content type, or none) is refused, whatever its Origin', async () => {
    const signedIn = await signIn('store-a', 'manager@store-a.test', PASSWORD, { from: '192.0.2.81' });
    const cookie = cookieHeader(signedIn);
    const credentials = 'tenantSlug=store-a&email=manager%40store-a.test&password=' + PASSWORD;
    for (const headers of <Record<string, string>[]>[
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'text/plain;charset=UTF-8', origin: base },
      { 'content-type': 'multipart/form-data; boundary=x' },
      {},
    ]) {
      // Without a content type, no body either: fetch would call a string body text/plain.
      const typed = 'content-type' in headers;
      for (const path of ['/auth/refresh', '/auth/logout']) {
        const refused = await post(path, { cookie, headers, rawBody: typed ? '' : undefined });
        expectError(refused, 400, 'CSRF_PREFLIGHT_REQUIRED');
        expect(refused.cookies).toEqual([]);
      }
      expectError(await post('/auth/session', { headers, rawBody: typed ? credentials : undefined }), 400, 'CSRF_PREFLIGHT_REQUIRED');
    }
    expect(await viewerRole(signedIn.body.accessToken)).toBe('STORE_MANAGER');
  });

  test("the api's own origin, and PUBLIC_BASE_URL's, are accepted", async () => {
    const own = await signIn('store-a', 'tech@store-a.test', PASSWORD, {
      from: '192.0.2.82',
      headers: { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
    const published = await post('/auth/refresh', {
      cookie: cookieHeader(own),
      headers: { 'content-type': 'application/json', origin: 'https://console.example.com' },
    });
    expect(published.status).toBe(200);
    const out = await post('/auth/logout', { cookie: cookieHeader(published), headers: { 'content-type': 'application/json; charset=utf-8', origin: base } });
    expect(out.status).toBe(204);
    expect(await viewerRole(published.body.accessToken)).toBe('UNAUTHENTICATED');
  });
});

describe("the operators' dashboard cookie, written by the same plugin", () => {
  test('follows the same rule for Secure: over https it is Secure, on plain http outside production it is not', async () => {
    const out: string[] = [];
    expect(await runTenantsCli(['operator', 'create', 'ops@platform.test'], { config: api.config, out: (line) => out.push(line), err: () => undefined })).toBe(
      0,
    );
    const credentials = { email: 'ops@platform.test', password: out[out.length - 1] };
    const plain = await post('/admin/session', { body: credentials });
    const overHttps = await post('/admin/session', { body: credentials, headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' } });
    for (const [answer, secure] of [
      [plain, false],
      [overHttps, true],
    ] as const) {
      expect(answer.status).toBe(200);
      const cookie = refreshCookieOf(answer, 'aftersales_operator');
      expect(cookie.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(cookie.attributes.get('path')).toBe('/admin');
      expect(cookie.attributes.has('httponly')).toBe(true);
      expect(cookie.attributes.get('samesite')).toBe('Strict');
      expect(cookie.attributes.has('secure')).toBe(secure);
    }
  });
});

describe('in a production server', () => {
  let production: TestApi;
  let productionBase: string;

  beforeAll(async () => {
    production = await startTestApi({
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: 'production-like-secret-for-tests-0123456',
        TRUST_PROXY: '127.0.0.1',
        // A small per-address bucket: two sign-ins' worth.
        RATE_LIMIT_ANONYMOUS_CAPACITY: '20',
        RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND: '0.001',
      },
    });
    productionBase = production.url.replace(/\/graphql$/, '');
  }, 60000);

  afterAll(async () => {
    await production.stop();
  });

  test('the cookie is Secure even on plain http, and set and cleared with the same attributes', async () => {
    const answer = await signIn('store-a', 'manager@store-a.test', PASSWORD, { from: '192.0.2.90' }, productionBase);
    expect(answer.status).toBe(200);
    const cookie = refreshCookieOf(answer);
    expect(cookie.attributes.has('secure')).toBe(true);
    expect(cookie.attributes.has('httponly')).toBe(true);
    expect(cookie.attributes.get('samesite')).toBe('Strict');
    expect(cookie.attributes.get('path')).toBe('/auth');
    expectRemainingLifetime(cookie, production.config.REFRESH_TOKEN_TTL_SECONDS);

    const out = await post('/auth/logout', { from: '192.0.2.90', cookie: cookieHeader(answer) }, productionBase);
    expect(out.status).toBe(204);
    expect(refreshCookieOf(out).attributes.has('secure')).toBe(true);
  });

  test("sign-ins and refreshes draw on the address's bucket that GraphQL's anonymous calls draw on", async () => {
    const from = '192.0.2.91';
    const first = await signIn('store-b', 'manager@store-b.test', PASSWORD, { from }, productionBase);
    expect(first.status).toBe(200);
    expect((await post('/auth/refresh', { from, cookie: cookieHeader(first) }, productionBase)).status).toBe(200);

    const third = await signIn('store-b', 'manager@store-b.test', PASSWORD, { from }, productionBase);
    expectError(third, 429, 'THROTTLED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const graphql = await fetch(production.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({
        query: 'mutation { login(input: { tenantSlug: "store-b", email: "manager@store-b.test", password: "x" }) { userErrors { code } } }',
      }),
    });
    expect(graphql.status).toBe(429);
    // A sign-out is never held back by the rate limit.
    expect((await post('/auth/logout', { from, cookie: cookieHeader(first) }, productionBase)).status).toBe(204);
  });
});
