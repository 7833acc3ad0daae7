import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { fromGlobalId } from '../core/global-id';
import { PASSWORD } from './support/network';
import { GqlResponse, startTestApi, TestApi } from './support/test-api';

/**
 * Credentials and permissions through the real server: logins, sessions and
 * their rotation, API keys, disabled users, roles, and the staff and customer
 * operations whose rules protect them.
 */
const clock = new ManualClock(new Date());
let api: TestApi;
let admin: Client;

/** Access tokens, one login per user for the whole file. */
const token = { managerA: '', agentA: '', techA: '', managerP: '' };

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) {
    session { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { email role } }
    userErrors { field code message }
  }
}`;
const REFRESH = `mutation($input: RefreshSessionInput!) {
  refreshSession(input: $input) { session { accessToken refreshToken user { email } } userErrors { field code message } }
}`;
const LOGOUT = 'mutation($input: RefreshSessionInput!) { logout(input: $input) { ok userErrors { code message } } }';
const VIEWER = '{ viewer { kind role permissions tenant { slug } user { email } apiKey { name } } }';

async function ok(query: string, variables: Record<string, unknown>, credential?: string | null) {
  const res = await api.gql(query, variables, credential);
  if (res.body?.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.body.errors)}`);
  return res.body.data;
}

function errorCode(res: GqlResponse): string {
  expect(res.body.errors).toHaveLength(1);
  return res.body.errors[0].extensions?.code;
}

function expectUnauthenticated(res: GqlResponse) {
  expect(errorCode(res)).toBe('UNAUTHENTICATED');
  expect(res.status).toBe(401);
  expect(res.body.data ?? null).toBeNull();
}

async function loginSession(tenantSlug: string, email: string, password = PASSWORD) {
  const data = await ok(LOGIN, { input: { tenantSlug, email, password } });
  expect(data.login.userErrors).toEqual([]);
  return data.login.session as { accessToken: string; refreshToken: string };
}

async function refresh(refreshToken: string) {
  return (await ok(REFRESH, { input: { refreshToken } })).refreshSession;
}

/** A request with a raw Authorization header, for headers that are not `Bearer <token>`. */
async function withAuthorization(authorization: string): Promise<GqlResponse> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: VIEWER }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function createCustomer(credential: string, input: Record<string, unknown>) {
  // Each customer gets its own moment, so newest-first order is fully decided by time.
  clock.advance(1000);
  return api.gql(
    `mutation($input: CreateCustomerInput!) {
      createCustomer(input: $input) { customer { id name phone version } userErrors { field code message } }
    }`,
    { input },
    credential,
  );
}

beforeAll(async () => {
  api = await startTestApi({
    clock,
    env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' },
  });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  token.managerA = await api.login('store-a', 'manager@store-a.test');
  token.agentA = await api.login('store-a', 'agent@store-a.test');
  token.techA = await api.login('store-a', 'tech@store-a.test');
  token.managerP = await api.login('partner-p', 'manager@partner-p.test');
});

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

describe('login', () => {
  test('a wrong password, an unknown e-mail and an unknown tenant all answer the same INVALID_CREDENTIALS', async () => {
    const attempts = [
      { tenantSlug: 'store-a', email: 'manager@store-a.test', password: 'wrong-password-1' },
      { tenantSlug: 'store-a', email: 'nobody@store-a.test', password: PASSWORD },
      { tenantSlug: 'no-such-store', email: 'manager@store-a.test', password: PASSWORD },
      // The right user and password in the wrong tenant.
      { tenantSlug: 'store-b', email: 'manager@store-a.test', password: PASSWORD },
    ];
    const answers = [];
    for (const input of attempts) {
      const res = await api.gql(LOGIN, { input });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.login.session).toBeNull();
      answers.push(res.body.data.login.userErrors);
    }
    expect(answers[0]).toEqual([{ field: null, code: 'INVALID_CREDENTIALS', message: expect.any(String) }]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  test('the e-mail is matched whatever its case; the access token then identifies the caller', async () => {
    const session = await loginSession('store-b', ' Manager@Store-B.test ');
    const viewer = (await ok(VIEWER, {}, session.accessToken)).viewer;
    expect(viewer).toEqual({
      kind: 'USER',
      role: 'STORE_MANAGER',
      permissions: expect.arrayContaining(['CUSTOMER_READ', 'CUSTOMER_WRITE', 'STAFF_MANAGE', 'API_KEY_MANAGE']),
      tenant: { slug: 'store-b' },
      user: { email: 'manager@store-b.test' },
      apiKey: null,
    });
    expect(viewer.permissions).not.toContain('NETWORK_READ');
  });
});

describe('sessions', () => {
  test('refreshSession rotates; replaying a used refresh token revokes the whole family', async () => {
    const first = await loginSession('store-b', 'agent@store-b.test');
    const rotated = await refresh(first.refreshToken);
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.session.refreshToken).not.toBe(first.refreshToken);
    expect((await ok(VIEWER, {}, rotated.session.accessToken)).viewer.user).toEqual({ email: 'agent@store-b.test' });

    // The newest refresh token works once more...
    const newest = await refresh(rotated.session.refreshToken);
    expect(newest.userErrors).toEqual([]);

    // ...but replaying the first one is taken as theft: refused, and every session of this login ends.
    const replay = await refresh(first.refreshToken);
    expect(replay.session).toBeNull();
    expect(replay.userErrors).toEqual([{ field: ['refreshToken'], code: 'INVALID_REFRESH_TOKEN', message: expect.stringMatching(/already used/) }]);
    const afterReplay = await refresh(newest.session.refreshToken);
    expect(afterReplay.session).toBeNull();
    expect(afterReplay.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');

    const { rows } = await admin.query<{ revoked: number; total: number }>(
      `select count(*) filter (where revoked_at is not null)::int as revoked, count(*)::int as total
         from staff_sessions s join staff_users u on u.tenant_id = s.tenant_id and u.id = s.user_id
        where u.email = 'agent@store-b.test'`,
    );
    expect(rows[0]).toEqual({ revoked: 3, total: 3 });
  });

  test('concurrent uses of one refresh token: one rotates it, the others are taken as a replay', async () => {
    const session = await loginSession('store-a', 'tech@store-a.test');
    const results = await Promise.all([1, 2, 3, 4].map(() => refresh(session.refreshToken)));
    const winners = results.filter((r) => r.session);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => !r.session)) expect(loser.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
    // The replay revoked the family, including the pair the winner was just given.
    const after = await refresh(winners[0].session.refreshToken);
    expect(after.session).toBeNull();
    expect(after.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
  });

  test('a suspended tenant cannot renew its sessions', async () => {
    const session = await loginSession('partner-p', 'manager@partner-p.test');
    const admin = new Client({ connectionString: api.db.adminUrl });
    await admin.connect();
    try {
      await admin.query(`update tenants set status = 'SUSPENDED' where slug = 'partner-p'`);
      const renewed = await refresh(session.refreshToken);
      expect(renewed.session).toBeNull();
      expect(renewed.userErrors[0]).toEqual({ field: ['refreshToken'], code: 'INVALID_REFRESH_TOKEN', message: 'Tenant is suspended' });
    } finally {
      await admin.query(`update tenants set status = 'ACTIVE' where slug = 'partner-p'`);
      await admin.end();
    }
  });

  test('logout ends the session: its refresh token no longer works', async () => {
    const session = await loginSession('partner-p', 'manager@partner-p.test');
    const out = await ok(LOGOUT, { input: { refreshToken: session.refreshToken } });
    expect(out.logout).toEqual({ ok: true, userErrors: [] });
    const after = await refresh(session.refreshToken);
    expect(after.session).toBeNull();
    expect(after.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
  });

  test('logout ends the access tokens of the session at once, not when they expire; another sign-in of the same user is unaffected', async () => {
    const session = await loginSession('store-a', 'agent@store-a.test');
    const elsewhere = await loginSession('store-a', 'agent@store-a.test');
    const rotated = await refresh(session.refreshToken);
    for (const accessToken of [session.accessToken, rotated.session.accessToken]) {
      expect((await ok(VIEWER, {}, accessToken)).viewer.user).toEqual({ email: 'agent@store-a.test' });
    }
    expect((await ok(LOGOUT, { input: { refreshToken: rotated.session.refreshToken } })).logout).toEqual({ ok: true, userErrors: [] });

    // Well within their 15 minutes, both access tokens of the signed-out login are refused.
    for (const accessToken of [session.accessToken, rotated.session.accessToken]) {
      const res = await api.gql(VIEWER, {}, accessToken);
      expectUnauthenticated(res);
      expect(res.body.errors[0].message).toMatch(/session has ended/);
      expectUnauthenticated(await api.gql('{ customers(first: 1) { edges { node { id } } } }', {}, accessToken));
    }
    expect((await ok(VIEWER, {}, elsewhere.accessToken)).viewer.user).toEqual({ email: 'agent@store-a.test' });
  });

  test('a replayed refresh token ends the access tokens of its login too', async () => {
    const session = await loginSession('store-b', 'manager@store-b.test');
    const rotated = await refresh(session.refreshToken);
    expect((await refresh(session.refreshToken)).userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
    expectUnauthenticated(await api.gql(VIEWER, {}, rotated.session.accessToken));
  });

  test('an access token that names no session cannot be revoked, so it is not accepted', async () => {
    const { SignJWT } = await import('jose');
    const user = (await admin.query<{ id: string; tenant_id: string }>(`select id, tenant_id from staff_users where email = 'agent@store-a.test'`)).rows[0];
    const issuedAt = Math.floor(clock.now().getTime() / 1000);
    const sessionless = await new SignJWT({ tid: user.tenant_id, role: 'STORE_AGENT', typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('aftersales')
      .setSubject(user.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 600)
      .sign(new TextEncoder().encode(api.config.JWT_SECRET));
    expectUnauthenticated(await api.gql(VIEWER, {}, sessionless));
  });

  test('an access token is not a refresh token, and garbage is refused', async () => {
    for (const refreshToken of [token.agentA, 'garbage', `${token.agentA}x`]) {
      const res = await refresh(refreshToken);
      expect(res.session).toBeNull();
      expect(res.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
    }
  });
});

describe('credentials that do not authenticate', () => {
  test('a garbage bearer token, a tampered access token and a header that is not "Bearer <token>" answer UNAUTHENTICATED', async () => {
    expectUnauthenticated(await api.gql(VIEWER, {}, 'garbage'));
    expectUnauthenticated(await api.gql(VIEWER, {}, `${token.agentA.slice(0, -2)}xx`));
    // A token signed with another secret.
    const [header, payload] = token.agentA.split('.');
    expectUnauthenticated(await api.gql(VIEWER, {}, `${header}.${payload}.${randomBytes(32).toString('base64url')}`));
    // A header that is present but unusable never falls back to anonymous.
    expectUnauthenticated(await withAuthorization(`Basic ${Buffer.from('manager@store-a.test:' + PASSWORD).toString('base64')}`));
    expectUnauthenticated(await withAuthorization(`Token ${token.agentA}`));
    expectUnauthenticated(await withAuthorization('Bearer'));
    expectUnauthenticated(await withAuthorization(`Bearer ${token.agentA} ${token.agentA}`));
  });

  test('unknown, malformed and tampered API keys answer UNAUTHENTICATED', async () => {
    const unknown = `ak_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    expect(unknown).toMatch(/^ak_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expectUnauthenticated(await api.gql(VIEWER, {}, unknown));
    expectUnauthenticated(await api.gql(VIEWER, {}, 'ak_not-a-key'));
    expectUnauthenticated(await api.gql(VIEWER, {}, `${unknown}x`));

    const created = await ok('mutation { createApiKey(input: { name: "Tamper test", role: TECHNICIAN }) { secret userErrors { code } } }', {}, token.managerA);
    const secret: string = created.createApiKey.secret;
    const tampered = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expectUnauthenticated(await api.gql(VIEWER, {}, tampered));
    expect((await ok(VIEWER, {}, secret)).viewer.kind).toBe('API_KEY');
  });
});

describe('API keys', () => {
  let key: { id: string; keyId: string; name: string };
  let secret: string;

  test('createApiKey returns the secret once; it authenticates as a system of the tenant', async () => {
    const created = await ok(
      'mutation { createApiKey(input: { name: "ERP sync", role: STORE_AGENT }) { apiKey { id keyId name role lastUsedAt revokedAt createdBy { email } } secret userErrors { code } } }',
      {},
      token.managerA,
    );
    expect(created.createApiKey.userErrors).toEqual([]);
    key = created.createApiKey.apiKey;
    secret = created.createApiKey.secret;
    expect(secret).toMatch(/^ak_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(secret).toContain(key.keyId.replace(/-/g, ''));
    expect(created.createApiKey.apiKey).toMatchObject({
      name: 'ERP sync',
      role: 'STORE_AGENT',
      lastUsedAt: null,
      revokedAt: null,
      createdBy: { email: 'manager@store-a.test' },
    });

    const viewer = (await ok(VIEWER, {}, secret)).viewer;
    expect(viewer).toEqual({
      kind: 'API_KEY',
      role: 'STORE_AGENT',
      permissions: expect.arrayContaining(['CUSTOMER_READ', 'CUSTOMER_WRITE']),
      tenant: { slug: 'store-a' },
      user: null,
      apiKey: { name: 'ERP sync' },
    });
  });

  test('lastUsedAt records the use', async () => {
    const usedAt = clock.now();
    const keys = await ok('{ apiKeys(first: 50) { edges { node { id lastUsedAt } } } }', {}, token.managerA);
    const node = keys.apiKeys.edges.map((e: { node: { id: string } }) => e.node).find((n: { id: string }) => n.id === key.id);
    expect(node.lastUsedAt).toBe(usedAt.toISOString());
  });

  test('the secret is never shown again, and the database keeps only its hash', async () => {
    const noField = await api.gql('{ apiKeys(first: 50) { edges { node { id secret } } } }', {}, token.managerA);
    expect(errorCode(noField)).toBe('GRAPHQL_VALIDATION_FAILED');
    const fields = await ok('{ __type(name: "ApiKey") { fields { name } } }', {}, token.managerA);
    const names: string[] = fields.__type.fields.map((f: { name: string }) => f.name);
    expect(names.filter((n) => /secret|hash/i.test(n))).toEqual([]);

    const everything = await api.gql(
      'query($id: ID!) { apiKeys(first: 50) { edges { node { id keyId name role createdAt lastUsedAt revokedAt } } } node(id: $id) { id } viewer { apiKey { id } } }',
      { id: key.id },
      token.managerA,
    );
    const secretPart = secret.split('_').slice(2).join('_');
    expect(JSON.stringify(everything.body)).not.toContain(secretPart);

    const { rows } = await admin.query('select * from api_keys where id = $1', [key.keyId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].secret_hash).toBe(createHash('sha256').update(secretPart).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(secretPart);
    const audit = await admin.query(`select detail::text as detail from audit_events`);
    expect(audit.rows.filter((r) => r.detail.includes(secretPart))).toEqual([]);
  });

  test('a revoked key stops working at once', async () => {
    const revoked = await ok(
      'mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { code } } }',
      { input: { id: key.id } },
      token.managerA,
    );
    expect(revoked.revokeApiKey.apiKey.revokedAt).toBe(clock.now().toISOString());
    expectUnauthenticated(await api.gql(VIEWER, {}, secret));
    expectUnauthenticated(await api.gql('{ customers(first: 1) { edges { node { id } } } }', {}, secret));
  });
});

describe('roles and permissions', () => {
  test('a TECHNICIAN may read customers but not create them', async () => {
    const before = (await admin.query('select count(*)::int as n from customers')).rows[0].n;
    const res = await createCustomer(token.techA, { name: 'Not allowed', phone: '13700000001' });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.body.data).toBeNull();
    expect((await admin.query('select count(*)::int as n from customers')).rows[0].n).toBe(before);
    expect((await ok('{ customers(first: 1) { edges { node { id } } } }', {}, token.techA)).customers).toBeDefined();
  });

  test('a STORE_AGENT may not manage staff or API keys', async () => {
    const create = await api.gql(
      'mutation { createStaffUser(input: { email: "sneaky@store-a.test", name: "Sneaky", role: STORE_MANAGER, password: "sneaky-password-1" }) { staffUser { id } userErrors { code } } }',
      {},
      token.agentA,
    );
    expect(errorCode(create)).toBe('FORBIDDEN');
    expect(errorCode(await api.gql('{ apiKeys(first: 10) { edges { node { id } } } }', {}, token.agentA))).toBe('FORBIDDEN');
    expect(
      errorCode(await api.gql('mutation { createApiKey(input: { name: "x", role: STORE_AGENT }) { secret userErrors { code } } }', {}, token.agentA)),
    ).toBe('FORBIDDEN');
    const { rows } = await admin.query(`select count(*)::int as n from staff_users where email = 'sneaky@store-a.test'`);
    expect(rows[0].n).toBe(0);
  });

  test('a PARTNER_SYSTEM key may not read customers; an anonymous caller is asked to authenticate', async () => {
    const created = await ok(
      'mutation { createApiKey(input: { name: "Partner IT", role: PARTNER_SYSTEM }) { secret userErrors { code } } }',
      {},
      token.managerP,
    );
    const partnerKey = created.createApiKey.secret;
    expect((await ok(VIEWER, {}, partnerKey)).viewer).toMatchObject({ kind: 'API_KEY', role: 'PARTNER_SYSTEM', tenant: { slug: 'partner-p' } });
    const asPartner = await api.gql('{ customers(first: 10) { edges { node { id } } } }', {}, partnerKey);
    expect(errorCode(asPartner)).toBe('FORBIDDEN');

    const anonymous = await api.gql('{ customers(first: 10) { edges { node { id } } } }');
    expectUnauthenticated(anonymous);
    expectUnauthenticated(await api.gql(VIEWER));
  });

  test('an API key may not be given a role of another kind of tenant', async () => {
    const res = await ok(
      'mutation { createApiKey(input: { name: "Too strong", role: HQ_ADMIN }) { apiKey { id } secret userErrors { field code } } }',
      {},
      token.managerA,
    );
    expect(res.createApiKey).toEqual({ apiKey: null, secret: null, userErrors: [{ field: ['role'], code: 'ROLE_NOT_ALLOWED' }] });
  });
});

describe('staff management', () => {
  const CREATE = `mutation($input: CreateStaffUserInput!) {
    createStaffUser(input: $input) { staffUser { id email name role status } userErrors { field code message } }
  }`;
  const UPDATE = `mutation($input: UpdateStaffUserInput!) {
    updateStaffUser(input: $input) { staffUser { id status } userErrors { field code message } }
  }`;
  let newAgent: { id: string; email: string };
  let newAgentSession: { accessToken: string; refreshToken: string };

  test('a store manager creates a STORE_AGENT who can then log in; the password is stored as argon2id', async () => {
    const res = await ok(
      CREATE,
      { input: { email: 'New.Agent@Store-A.test', name: 'New Agent', role: 'STORE_AGENT', password: 'new-agent-password' } },
      token.managerA,
    );
    expect(res.createStaffUser.userErrors).toEqual([]);
    newAgent = res.createStaffUser.staffUser;
    expect(newAgent).toMatchObject({ email: 'new.agent@store-a.test', role: 'STORE_AGENT', status: 'ACTIVE' });

    const { rows } = await admin.query('select password_hash from staff_users where id = $1', [fromGlobalId(newAgent.id)!.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain('new-agent-password');

    newAgentSession = await loginSession('store-a', 'new.agent@store-a.test', 'new-agent-password');
    const viewer = (await ok(VIEWER, {}, newAgentSession.accessToken)).viewer;
    expect(viewer).toMatchObject({ kind: 'USER', role: 'STORE_AGENT', tenant: { slug: 'store-a' }, user: { email: 'new.agent@store-a.test' } });
  });

  test('a role of another kind of tenant is refused', async () => {
    for (const role of ['HQ_ADMIN', 'HQ_SUPERVISOR']) {
      const res = await ok(
        CREATE,
        { input: { email: `boss-${role.toLowerCase()}@store-a.test`, name: 'Boss', role, password: 'boss-password-1' } },
        token.managerA,
      );
      expect(res.createStaffUser.staffUser).toBeNull();
      expect(res.createStaffUser.userErrors).toEqual([{ field: ['role'], code: 'ROLE_NOT_ALLOWED', message: expect.any(String) }]);
    }
    const { rows } = await admin.query(`select count(*)::int as n from staff_users where email like 'boss-%'`);
    expect(rows[0].n).toBe(0);
  });

  test('an e-mail already used in the tenant is EMAIL_TAKEN, whatever its case; the same e-mail in another tenant is fine', async () => {
    for (const email of ['new.agent@store-a.test', 'NEW.AGENT@store-a.test', 'manager@store-a.test']) {
      const res = await ok(CREATE, { input: { email, name: 'Duplicate', role: 'TECHNICIAN' } }, token.managerA);
      expect(res.createStaffUser.staffUser).toBeNull();
      expect(res.createStaffUser.userErrors).toEqual([{ field: ['email'], code: 'EMAIL_TAKEN', message: expect.any(String) }]);
    }
    // The same e-mail in another tenant is no conflict.
    const other = await ok(CREATE, { input: { email: 'new.agent@store-b.test', name: 'Other store', role: 'TECHNICIAN' } }, token.managerA);
    expect(other.createStaffUser.userErrors).toEqual([]);
    // In one request, a failed insert leaves the request's transaction usable for the next mutation.
    const both = await ok(
      `mutation {
        dup: createStaffUser(input: { email: "manager@store-a.test", name: "Duplicate", role: TECHNICIAN }) { staffUser { id } userErrors { code } }
        next: createStaffUser(input: { email: "after.duplicate@store-a.test", name: "After", role: TECHNICIAN }) { staffUser { email } userErrors { code } }
      }`,
      {},
      token.managerA,
    );
    expect(both.dup).toEqual({ staffUser: null, userErrors: [{ code: 'EMAIL_TAKEN' }] });
    expect(both.next).toEqual({ staffUser: { email: 'after.duplicate@store-a.test' }, userErrors: [] });
    const { rows } = await admin.query(`select email from staff_users where email in ('after.duplicate@store-a.test', 'manager@store-a.test') order by email`);
    expect(rows.map((r) => r.email)).toEqual(['after.duplicate@store-a.test', 'manager@store-a.test']);
  });

  test("a disabled user's valid token, session and password stop working", async () => {
    const res = await ok(UPDATE, { input: { id: newAgent.id, status: 'DISABLED' } }, token.managerA);
    expect(res.updateStaffUser).toEqual({ staffUser: { id: newAgent.id, status: 'DISABLED' }, userErrors: [] });
    expectUnauthenticated(await api.gql(VIEWER, {}, newAgentSession.accessToken));
    const refreshed = await refresh(newAgentSession.refreshToken);
    expect(refreshed.session).toBeNull();
    expect(refreshed.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
    const login = await ok(LOGIN, { input: { tenantSlug: 'store-a', email: 'new.agent@store-a.test', password: 'new-agent-password' } });
    expect(login.login.session).toBeNull();
    expect(login.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  test('a manager cannot disable themself', async () => {
    const viewer = (await ok(VIEWER, {}, token.managerA)).viewer;
    expect(viewer.user.email).toBe('manager@store-a.test');
    const me = (await ok('{ viewer { user { id } } }', {}, token.managerA)).viewer.user.id;
    const res = await ok(UPDATE, { input: { id: me, status: 'DISABLED' } }, token.managerA);
    expect(res.updateStaffUser.userErrors[0].code).toBe('CANNOT_CHANGE_SELF');
  });
});

describe('customers', () => {
  const UPDATE = `mutation($input: UpdateCustomerInput!) {
    updateCustomer(input: $input) { customer { id name version } userErrors { field code message } }
  }`;
  const FIND = 'query($phone: String) { customers(first: 10, phone: $phone) { edges { node { id name phone } } } }';

  test('a phone is found however it was typed', async () => {
    const created = await createCustomer(token.agentA, { name: 'Returning Customer', phone: '138 0013 8000' });
    expect(created.body.data.createCustomer.userErrors).toEqual([]);
    const customer = created.body.data.createCustomer.customer;
    expect(customer.phone).toBe('13800138000');
    for (const phone of ['13800138000', '138-0013-8000', ' 138 0013 8000 ']) {
      const found = await ok(FIND, { phone }, token.agentA);
      expect(found.customers.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([customer.id]);
    }
    expect((await ok(FIND, { phone: '13800138001' }, token.agentA)).customers.edges).toEqual([]);
  });

  test('updateCustomer with a stale expectedVersion is refused and changes nothing', async () => {
    const created = (await createCustomer(token.agentA, { name: 'Versioned', phone: '13800000002' })).body.data.createCustomer.customer;
    expect(created.version).toBe(1);
    const first = await ok(UPDATE, { input: { id: created.id, expectedVersion: 1, name: 'Versioned, renamed' } }, token.agentA);
    expect(first.updateCustomer.userErrors).toEqual([]);
    expect(first.updateCustomer.customer).toEqual({ id: created.id, name: 'Versioned, renamed', version: 2 });

    const stale = await ok(UPDATE, { input: { id: created.id, expectedVersion: 1, name: 'Overwritten' } }, token.managerA);
    expect(stale.updateCustomer.customer).toBeNull();
    expect(stale.updateCustomer.userErrors).toEqual([{ field: ['expectedVersion'], code: 'STALE', message: expect.any(String) }]);
    const read = await ok('query($id: ID!) { customer(id: $id) { name version } }', { id: created.id }, token.agentA);
    expect(read.customer).toEqual({ name: 'Versioned, renamed', version: 2 });
  });

  test('colleagues saving the same version at the same moment: one wins, the others are told STALE', async () => {
    const created = (await createCustomer(token.agentA, { name: 'Contended', phone: '13800000003' })).body.data.createCustomer.customer;
    let version = created.version;
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(
        [token.agentA, token.managerA, token.agentA].map((credential, i) =>
          api.gql(UPDATE, { input: { id: created.id, expectedVersion: version, name: `Contended ${round}.${i}` } }, credential),
        ),
      );
      for (const res of results) expect(res.body.errors).toBeUndefined();
      const payloads = results.map((res) => res.body.data.updateCustomer);
      const saved = payloads.filter((p) => p.customer);
      expect(saved).toHaveLength(1);
      expect(saved[0].customer.version).toBe(version + 1);
      for (const refused of payloads.filter((p) => !p.customer)) {
        expect(refused.userErrors).toEqual([{ field: ['expectedVersion'], code: 'STALE', message: expect.any(String) }]);
      }
      const read = await ok('query($id: ID!) { customer(id: $id) { name version } }', { id: created.id }, token.agentA);
      expect(read.customer).toEqual({ name: saved[0].customer.name, version: version + 1 });
      version += 1;
    }
  });

  test('an invalid phone is INVALID_PHONE, on create and on update', async () => {
    const before = (await admin.query('select count(*)::int as n from customers')).rows[0].n;
    for (const phone of ['12ab', '123', '1'.repeat(21), '']) {
      const res = await createCustomer(token.agentA, { name: 'Bad phone', phone });
      expect(res.body.data.createCustomer).toEqual({ customer: null, userErrors: [{ field: ['phone'], code: 'INVALID_PHONE', message: expect.any(String) }] });
    }
    expect((await admin.query('select count(*)::int as n from customers')).rows[0].n).toBe(before);
    const target = (await ok(FIND, { phone: '13800138000' }, token.agentA)).customers.edges[0].node;
    const update = await ok(UPDATE, { input: { id: target.id, phone: 'call me' } }, token.agentA);
    expect(update.updateCustomer.userErrors[0].code).toBe('INVALID_PHONE');
  });

  test('a page larger than 100, or smaller than 1, is a top-level BAD_USER_INPUT', async () => {
    for (const first of [101, 0, -1]) {
      const res = await api.gql('query($first: Int!) { customers(first: $first) { edges { node { id } } } }', { first }, token.agentA);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.body.data).toBeNull();
    }
    const res = await api.gql('{ customers(first: 10, after: "not-a-cursor") { edges { node { id } } } }', {}, token.agentA);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  test('paging with `after` while customers are being added returns each existing customer exactly once', async () => {
    for (let i = 0; i < 7; i++) {
      const res = await createCustomer(token.agentA, { name: `Paged ${i}`, phone: `1360000000${i}` });
      expect(res.body.data.createCustomer.userErrors).toEqual([]);
    }
    const PAGE = 'query($after: String) { customers(first: 3, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }';
    const all = await ok('{ customers(first: 100) { edges { node { id } } } }', {}, token.agentA);
    const existing: string[] = all.customers.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(existing.length).toBeGreaterThanOrEqual(9);

    const seen: string[] = [];
    const added: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (
        await ok(PAGE, { after }, token.agentA)
      ).customers;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      // Someone registers customers between two pages.
      for (let i = 0; i < 2; i++) {
        const res = await createCustomer(token.managerA, { name: `Walk-in ${pages}.${i}`, phone: `1350000${String(pages * 10 + i).padStart(4, '0')}` });
        added.push(res.body.data.createCustomer.customer.id);
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(existing);
    expect(seen.filter((id) => added.includes(id))).toEqual([]);
  });
});

describe('token expiry', () => {
  test('an access token past its lifetime answers UNAUTHENTICATED; a fresh one works', async () => {
    const start = clock.now();
    const session = await loginSession('store-b', 'manager@store-b.test');
    expect((await ok(VIEWER, {}, session.accessToken)).viewer.kind).toBe('USER');
    try {
      clock.advance((api.config.ACCESS_TOKEN_TTL_SECONDS - 5) * 1000);
      expect((await ok(VIEWER, {}, session.accessToken)).viewer.kind).toBe('USER');
      clock.advance(10 * 1000);
      const res = await api.gql(VIEWER, {}, session.accessToken);
      expectUnauthenticated(res);
      expect(res.body.errors[0].message).toMatch(/expired/);
      // The refresh token outlives the access token and issues a working pair.
      const renewed = await refresh(session.refreshToken);
      expect(renewed.userErrors).toEqual([]);
      expect((await ok(VIEWER, {}, renewed.session.accessToken)).viewer.user.email).toBe('manager@store-b.test');
    } finally {
      clock.set(start);
    }
  });
});
