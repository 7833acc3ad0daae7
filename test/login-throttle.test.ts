import { ManualClock } from '../core/clock';
import { addressNetwork } from '../domain/auth/login-throttle';
import { PASSWORD } from './support/network';
import { GqlResponse, startTestApi, TestApi } from './support/test-api';

/**
 * Password guessing is slowed down per account and per client address,
 * whatever shape the guesses take: one request checks one credential (aliases
 * and fragments cannot multiply it), every attempt is counted before its
 * password is checked, and past the free failures each attempt waits longer.
 * The defaults: 5 failures per account, then 1 s doubling; 20 per address,
 * then 60 s doubling.
 */
const clock = new ManualClock(new Date());
let api: TestApi;

const WRONG = 'wrong-password-1';
const LOGIN_FIELDS = 'session { accessToken } userErrors { code }';

type Shape = (slug: string, email: string, password: string) => { query: string; variables?: Record<string, unknown> };

/** Every way of asking for one login. */
const SHAPES: Record<string, Shape> = {
  variables: (tenantSlug, email, password) => ({
    query: `mutation($input: LoginInput!) { login(input: $input) { ${LOGIN_FIELDS} } }`,
    variables: { input: { tenantSlug, email, password } },
  }),
  literal: (slug, email, password) => ({
    query: `mutation SignIn { login(input: { tenantSlug: "${slug}", email: "${email}", password: "${password}" }) { ${LOGIN_FIELDS} } }`,
  }),
  alias: (slug, email, password) => ({
    query: `mutation { me: login(input: { tenantSlug: "${slug}", email: "${email}", password: "${password}" }) { ${LOGIN_FIELDS} } }`,
  }),
  fragment: (slug, email, password) => ({
    query: `mutation { ...SignIn } fragment SignIn on Mutation { login(input: { tenantSlug: "${slug}", email: "${email}", password: "${password}" }) { ${LOGIN_FIELDS} } }`,
  }),
  inlineFragment: (slug, email, password) => ({
    query: `mutation { ... on Mutation { login(input: { tenantSlug: "${slug}", email: "${email}", password: "${password}" }) { ${LOGIN_FIELDS} } } }`,
  }),
};

async function send(from: string, body: { query: string; variables?: Record<string, unknown> }): Promise<GqlResponse> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function login(from: string, slug: string, email: string, password: string, shape: Shape = SHAPES.variables): Promise<GqlResponse> {
  return send(from, shape(slug, email, password));
}

/** The one payload of a single-login request, whatever alias it was given. */
function payloadOf(result: GqlResponse): { session: { accessToken: string } | null; userErrors: { code: string }[] } {
  return Object.values(result.body.data as Record<string, never>)[0];
}

function expectRefusedCredentials(result: GqlResponse): void {
  expect(result.status).toBe(200);
  expect(payloadOf(result)).toEqual({ session: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
}

function expectSignedIn(result: GqlResponse): void {
  expect(result.body.errors).toBeUndefined();
  expect(payloadOf(result).session?.accessToken).toEqual(expect.any(String));
}

/** Refused unchecked, with the wait; returns it in milliseconds. */
function expectThrottled(result: GqlResponse): number {
  expect(result.status).toBe(429);
  expect(result.body.data ?? null).toBeNull();
  const [error] = result.body.errors;
  expect(error.extensions).toMatchObject({ code: 'THROTTLED', reason: 'LOGIN_ATTEMPTS', retryAfterMs: expect.any(Number) });
  expect(Number(result.headers.get('retry-after'))).toBe(Math.max(1, Math.ceil(error.extensions.retryAfterMs / 1000)));
  return error.extensions.retryAfterMs;
}

function expectTooManyChecks(result: GqlResponse): void {
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors[0].extensions.code).toBe('MAX_CREDENTIAL_CHECKS_EXCEEDED');
}

beforeAll(async () => {
  // As behind a reverse proxy on the same host: X-Forwarded-For names the client.
  api = await startTestApi({ clock, env: { TRUST_PROXY: '127.0.0.1' } });
}, 60000);

afterAll(async () => {
  await api.stop();
});

describe('one credential check per request', () => {
  test('twenty aliased logins, logins in fragments, or a login beside a refresh are refused whole, and no password is checked', async () => {
    const from = '198.51.100.1';
    const guess = (i: number) =>
      `g${i}: login(input: { tenantSlug: "hq-one", email: "supervisor@hq-one.test", password: "guess-${i}-wrong" }) { ${LOGIN_FIELDS} }`;
    const twenty = Array.from({ length: 20 }, (_, i) => guess(i)).join(' ');
    expectTooManyChecks(await send(from, { query: `mutation { ${twenty} }` }));
    expectTooManyChecks(await send(from, { query: `mutation { ...Guesses } fragment Guesses on Mutation { ${guess(1)} ${guess(2)} }` }));
    expectTooManyChecks(await send(from, { query: `mutation { ${guess(1)} ... on Mutation { ${guess(2)} } }` }));
    expectTooManyChecks(await send(from, { query: `mutation { ...A ...B } fragment A on Mutation { ${guess(1)} } fragment B on Mutation { ${guess(2)} }` }));
    expectTooManyChecks(await send(from, { query: `mutation { ${guess(1)} refreshSession(input: { refreshToken: "x" }) { userErrors { code } } }` }));
    expectTooManyChecks(
      await send(from, {
        query: `mutation { ${guess(1)} again: login(input: { tenantSlug: "hq-one", email: "supervisor@hq-one.test", password: "p" }) @skip(if: true) { ${LOGIN_FIELDS} } }`,
      }),
    );

    // None of those counted: the account still has all of its free failures, then waits.
    for (let i = 0; i < 5; i++) expectRefusedCredentials(await login(from, 'hq-one', 'supervisor@hq-one.test', WRONG));
    expectThrottled(await login(from, 'hq-one', 'supervisor@hq-one.test', PASSWORD));
  });
});

describe('per account', () => {
  test('after 5 failures each attempt waits, twice as long each time; the right password is refused unchecked until the wait ends, then works', async () => {
    const account = ['store-a', 'manager@store-a.test'] as const;
    for (let i = 0; i < 5; i++) expectRefusedCredentials(await login('198.51.100.2', ...account, WRONG));

    // The right password, from the same address or another: the account waits first.
    expect(expectThrottled(await login('198.51.100.2', ...account, PASSWORD))).toBe(1000);
    expect(expectThrottled(await login('198.51.100.3', ...account, PASSWORD, SHAPES.fragment))).toBe(1000);

    clock.advance(1000);
    expectRefusedCredentials(await login('198.51.100.2', ...account, WRONG));
    expect(expectThrottled(await login('198.51.100.2', ...account, WRONG))).toBe(2000);
    clock.advance(1500);
    // Asking again during the wait neither gets through nor pushes the wait out.
    expect(expectThrottled(await login('198.51.100.2', ...account, PASSWORD))).toBe(500);
    clock.advance(500);
    expectRefusedCredentials(await login('198.51.100.2', ...account, WRONG));
    expect(expectThrottled(await login('198.51.100.2', ...account, PASSWORD))).toBe(4000);

    clock.advance(4000);
    expectSignedIn(await login('198.51.100.2', ...account, PASSWORD));
    // A success starts the account afresh.
    for (let i = 0; i < 5; i++) expectRefusedCredentials(await login('198.51.100.2', ...account, WRONG));
    expectThrottled(await login('198.51.100.2', ...account, WRONG));
    clock.advance(1000);
    expectSignedIn(await login('198.51.100.2', ...account, PASSWORD));
  });

  test('guesses sent all at once are counted one after the other: only the free failures are checked', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login(`198.51.100.${10 + i}`, 'store-z', 'manager@store-z.test', `${WRONG}-${i}`)));
    const checked = results.filter((result) => result.status === 200);
    expect(checked).toHaveLength(5);
    for (const result of checked) expectRefusedCredentials(result);
    for (const result of results.filter((r) => r.status !== 200)) expectThrottled(result);
  });
});

describe('per address', () => {
  test('the 21st wrong guess within a minute is refused, whatever the request looks like; other addresses are not held up', async () => {
    const from = '203.0.113.7';
    // 20 guesses over four accounts, five each: no account reaches its own limit.
    const accounts: [string, string][] = [
      ['store-a', 'agent@store-a.test'],
      ['store-a', 'tech@store-a.test'],
      ['partner-p', 'manager@partner-p.test'],
      ['hq-one', 'admin@hq-one.test'],
    ];
    const shapes = Object.values(SHAPES);
    let n = 0;
    for (const [slug, email] of accounts) {
      for (let i = 0; i < 5; i++) expectRefusedCredentials(await login(from, slug, email, WRONG, shapes[n++ % shapes.length]));
    }
    clock.advance(30_000);

    // The 21st, on a fresh account and even with its right password, in every shape: refused, a minute's wait.
    for (const shape of shapes) {
      const wait = expectThrottled(await login(from, 'store-b', 'manager@store-b.test', PASSWORD, shape));
      expect(wait).toBe(30_000);
    }
    const both = SHAPES.alias('store-b', 'manager@store-b.test', PASSWORD).query.replace('me:', 'one:').replace(/}\s*$/, '');
    expectTooManyChecks(
      await send(from, {
        query: `${both} two: login(input: { tenantSlug: "store-b", email: "manager@store-b.test", password: "${WRONG}" }) { ${LOGIN_FIELDS} } }`,
      }),
    );

    // Elsewhere the same account signs in.
    expectSignedIn(await login('203.0.113.8', 'store-b', 'manager@store-b.test', PASSWORD));

    // A minute after the 20th failure, the address may try again.
    clock.advance(30_000);
    expectSignedIn(await login(from, 'store-b', 'manager@store-b.test', PASSWORD));
  });

  test('an IPv6 client is counted by its /64, so rotating addresses inside it does not give a fresh counter', () => {
    expect(addressNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressNetwork('::1')).toBe('0:0:0:0::/64');
    expect(addressNetwork('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(addressNetwork('198.51.100.4')).toBe('198.51.100.4');
  });
});
