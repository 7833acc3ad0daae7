import { Queue } from 'bullmq';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { createApiKey } from '../domain/auth/api-key.service';
import { systemClock } from '../domain/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { inTenantTransaction } from '../infra/database';
import { Role, TenantKind } from '../schema/enums';
import { bullPrefix } from '../worker/queues';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The queue dashboard shows every tenant's jobs: only HQ administrators open
 * it, through a bearer credential or a session cookie that a bearer access
 * token opened, and nobody changes anything through it. /metrics reads the
 * queues and the scheduled actions when it is scraped.
 */
let api: TestApi;
let base: string;
let admin: Client;
let hqAdmin: string;

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function openSession(token: string): Promise<Response> {
  return fetch(`${base}/admin/session`, { method: 'POST', headers: bearer(token) });
}

/** The cookie a browser would send back, from the session's Set-Cookie. */
function cookieFrom(response: Response): string {
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0];
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
  return body.errors[0].extensions.code;
}

async function tenantId(slug: string): Promise<string> {
  return (await admin.query<{ id: string }>('select id from tenants where slug = $1', [slug])).rows[0].id;
}

describe('who may open the dashboard', () => {
  test('without credentials every part of it answers 401', async () => {
    for (const path of ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', '/admin/queues/queue/messages']) {
      const response = await get(path);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await errorCode(response)).toBe('UNAUTHENTICATED');
    }
    // A person in a browser is pointed to the sign-in page, still with 401.
    const page = await get('/admin/queues/', { accept: 'text/html' });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('/admin/login');
    expect((await fetch(`${base}/admin/session`, { method: 'POST' })).status).toBe(401);
  });

  test('a wrong bearer token, a forged or foreign cookie are refused with 401', async () => {
    expect((await get('/admin/queues/api/queues', bearer('not-a-token'))).status).toBe(401);
    expect((await get('/admin/queues/api/queues', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await get('/admin/queues/api/queues', { cookie: 'aftersales_admin=garbage' })).status).toBe(401);
    // An access token is not a session, and a session signed with the access tokens' key is not either.
    expect((await get('/admin/queues/api/queues', { cookie: `aftersales_admin=${hqAdmin}` })).status).toBe(401);
    const hqOne = await tenantId('hq-one');
    const userId = (await admin.query<{ id: string }>(`select id from staff_users where email = 'admin@hq-one.test'`)).rows[0].id;
    const forged = await new SignJWT({ tid: hqOne })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('aftersales')
      .setAudience('queue-dashboard')
      .setSubject(userId)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(api.config.JWT_SECRET));
    expect((await get('/admin/queues/api/queues', { cookie: `aftersales_admin=${forged}` })).status).toBe(401);
  });

  test('a store manager and an HQ supervisor get 403, with a bearer token or when asking for a session', async () => {
    for (const [slug, email] of [
      ['store-a', 'manager@store-a.test'],
      ['hq-one', 'supervisor@hq-one.test'],
    ]) {
      const token = await api.login(slug, email);
      const board = await get('/admin/queues/api/queues', bearer(token));
      expect(board.status).toBe(403);
      expect(await errorCode(board)).toBe('FORBIDDEN');
      expect((await get('/admin/queues/', bearer(token))).status).toBe(403);
      const session = await openSession(token);
      expect(session.status).toBe(403);
      expect(session.headers.get('set-cookie')).toBeNull();
    }
  });

  test('an HQ admin opens a session and the board lists the three action queues and maintenance, read-only', async () => {
    const session = await openSession(hqAdmin);
    expect(session.status).toBe(200);
    const setCookie = session.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^aftersales_admin=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toContain('Path=/admin');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(api.config.ACCESS_TOKEN_TTL_SECONDS);
    const cookie = cookieFrom(session);

    const page = await get('/admin/queues/', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    // the page's assets are served behind the same guard
    const script = /src="(static\/js\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await get(`/admin/queues/${script}`, { cookie })).status).toBe(200);
    expect((await get(`/admin/queues/${script}`)).status).toBe(401);

    const listing = await get('/admin/queues/api/queues', { cookie });
    expect(listing.status).toBe(200);
    const { queues } = (await listing.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(queues.map((queue) => queue.name).sort()).toEqual(['maintenance', 'messages', 'ticket-work', 'webhooks']);
    expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);

    // a bearer token works as well, for scripts
    expect((await get('/admin/queues/api/queues', bearer(hqAdmin))).status).toBe(200);

    const audit = await admin.query(`select actor_kind from audit_events where action = 'QUEUE_DASHBOARD_SESSION_OPENED' and tenant_id = $1`, [
      await tenantId('hq-one'),
    ]);
    expect(audit.rows.length).toBeGreaterThanOrEqual(1);
    expect(audit.rows[0].actor_kind).toBe('USER');
  });

  test('nothing can be changed through the board', async () => {
    const cookie = cookieFrom(await openSession(hqAdmin));
    for (const [method, path] of [
      ['PUT', '/admin/queues/api/queues/ticket-work/pause'],
      ['PUT', '/admin/queues/api/queues/pause'],
      ['PUT', '/admin/queues/api/queues/messages/clean/failed'],
      ['POST', '/admin/queues/api/queues/webhooks/add'],
    ]) {
      const response = await fetch(`${base}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(405);
    }
    const { queues } = (await (await get('/admin/queues/api/queues', { cookie })).json()) as { queues: { name: string; isPaused: boolean }[] };
    expect(queues.find((queue) => queue.name === 'ticket-work')?.isPaused).toBe(false);
  });

  test('a session closes as soon as its user is demoted, and signing out clears the cookie', async () => {
    const cookie = cookieFrom(await openSession(hqAdmin));
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(200);
    await admin.query(`update staff_users set role = 'HQ_SUPERVISOR' where email = 'admin@hq-one.test'`);
    try {
      expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(403);
    } finally {
      await admin.query(`update staff_users set role = 'HQ_ADMIN' where email = 'admin@hq-one.test'`);
    }
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(200);

    const logout = await get('/admin/logout', { cookie });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/admin/login');
    expect(logout.headers.get('set-cookie')).toMatch(/^aftersales_admin=;.*Max-Age=0/);
  });

  test('an HQ admin API key may read the board with its bearer, but a session is only for people', async () => {
    const hqOne = await tenantId('hq-one');
    const key = await inTenantTransaction(api.orm, hqOne, (em) =>
      createApiKey({ tenantId: hqOne, tenantKind: TenantKind.HQ, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }, { name: 'ops', role: Role.HQ_ADMIN }),
    );
    expect((await get('/admin/queues/api/queues', bearer(key.plaintext))).status).toBe(200);
    expect((await openSession(key.plaintext)).status).toBe(403);
  });

  test('the sign-in page is public, runs only its own script and cannot be framed', async () => {
    const page = await get('/admin/login');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form id="login">');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('/metrics', () => {
  /** The value of one series, e.g. sample(text, 'queue_jobs', { queue: 'messages', state: 'waiting' }). */
  function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
    const series = `${name}{${Object.entries(labels)
      .map(([key, value]) => `${key}="${value}"`)
      .join(',')}} `;
    const line = text.split('\n').find((candidate) => candidate.startsWith(series));
    return line === undefined ? undefined : Number(line.slice(series.length));
  }

  const scrape = async () => {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    return response.text();
  };

  test('queue depths, scheduled actions by kind and state, and the lag follow what is inserted', async () => {
    const before = await scrape();
    for (const queue of ['ticket-work', 'messages', 'webhooks', 'maintenance']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(sample(before, 'queue_jobs', { queue, state })).toBe(0);
    }
    for (const state of ['PENDING_DUE', 'PENDING_FUTURE', 'DEAD', 'DONE', 'CANCELLED']) {
      expect(sample(before, 'scheduled_actions', { kind: 'NOTIFICATION', state })).toBe(0);
    }
    expect(sample(before, 'scheduled_actions_lag_seconds', { kind: 'NOTIFICATION' })).toBe(0);

    const storeA = await tenantId('store-a');
    const storeB = await tenantId('store-b');
    const insert = (tenant: string, key: string, kind: string, state: string, dueSecondsFromNow: number, completedSecondsAgo: number | null = null) =>
      admin.query(
        `insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, state, max_attempts, completed_at)
         values ($1, $2, $3, now() + make_interval(secs => $4), $5, 6, now() - make_interval(secs => $6))`,
        [tenant, kind, key, dueSecondsFromNow, state, completedSecondsAgo ?? 0],
      );
    await insert(storeA, 'due-1', 'NOTIFICATION', 'PENDING', -120);
    await insert(storeB, 'due-2', 'NOTIFICATION', 'PENDING', -30);
    await insert(storeA, 'future-1', 'NOTIFICATION', 'PENDING', 3600);
    await insert(storeA, 'hook-1', 'WEBHOOK_DELIVERY', 'PENDING', 600);
    await insert(storeA, 'dead-1', 'NOTIFICATION', 'DEAD', -7200, 7000);
    await insert(storeB, 'done-1', 'NOTIFICATION', 'DONE', -600, 60);
    await insert(storeB, 'done-old', 'NOTIFICATION', 'DONE', -86400, 86000);
    await insert(storeA, 'cancelled-1', 'NOTIFICATION', 'CANCELLED', 60, 10);

    const queue = new Queue('messages', { connection: { url: api.config.REDIS_URL }, prefix: bullPrefix(api.config.REDIS_PREFIX) });
    try {
      await queue.add('NOTIFICATION', { tenantId: storeA, actionId: 'waiting' });
      await queue.add('NOTIFICATION', { tenantId: storeA, actionId: 'later' }, { delay: 3_600_000 });

      const after = await scrape();
      expect(sample(after, 'queue_jobs', { queue: 'messages', state: 'waiting' })).toBe(1);
      expect(sample(after, 'queue_jobs', { queue: 'messages', state: 'delayed' })).toBe(1);
      expect(sample(after, 'queue_jobs', { queue: 'webhooks', state: 'waiting' })).toBe(0);
      expect(sample(after, 'scheduled_actions', { kind: 'NOTIFICATION', state: 'PENDING_DUE' })).toBe(2);
      expect(sample(after, 'scheduled_actions', { kind: 'NOTIFICATION', state: 'PENDING_FUTURE' })).toBe(1);
      expect(sample(after, 'scheduled_actions', { kind: 'WEBHOOK_DELIVERY', state: 'PENDING_FUTURE' })).toBe(1);
      expect(sample(after, 'scheduled_actions', { kind: 'NOTIFICATION', state: 'DEAD' })).toBe(1);
      // finished in the last hour only: the day-old one is history
      expect(sample(after, 'scheduled_actions', { kind: 'NOTIFICATION', state: 'DONE' })).toBe(1);
      expect(sample(after, 'scheduled_actions', { kind: 'NOTIFICATION', state: 'CANCELLED' })).toBe(1);
      const lag = sample(after, 'scheduled_actions_lag_seconds', { kind: 'NOTIFICATION' })!;
      expect(lag).toBeGreaterThanOrEqual(119);
      expect(lag).toBeLessThan(180);
      expect(sample(after, 'scheduled_actions_lag_seconds', { kind: 'WEBHOOK_DELIVERY' })).toBe(0);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await admin.query(`delete from scheduled_actions`);
    }
  });

  test('looking at the queues writes nothing to Redis', async () => {
    await get('/admin/queues/api/queues', bearer(hqAdmin));
    await scrape();
    expect(await api.redis.keys(`${bullPrefix(api.config.REDIS_PREFIX)}:*`)).toEqual([]);
  });
});
