import { Queue } from 'bullmq';
import { SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { Client } from 'pg';
import { createApiKey } from '../domain/auth/api-key.service';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { Role, TenantKind } from '../core/enums';
import { runTenantsCli } from '../tenants/tenants.commands';
import { bullPrefix } from '../domain/scheduling/queues';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The queue dashboard shows the jobs of every brand on the deployment: only
 * platform operators, made by the `tenants` CLI, open it, with a session
 * cookie their e-mail and password opened; no tenant credential does, HQ
 * administrators' included. Nobody changes anything through it, and it loads
 * nothing from another host. /metrics reads the queues and the scheduled
 * actions when it is scraped.
 */
let api: TestApi;
let base: string;
let admin: Client;
let hqAdmin: string;
let operator: { email: string; password: string };

/** Runs the `tenants` CLI in-process against the test database; returns what it printed. */
async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTenantsCli(argv, { config: api.config, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err: err.join('\n') };
}

async function createOperator(email: string): Promise<{ email: string; password: string }> {
  const run = await cli('operator', 'create', email);
  expect(run.code).toBe(0);
  return { email, password: run.out[run.out.length - 1] };
}

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  operator = await createOperator('ops@platform.test');
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function signIn(email: string, password: string): Promise<Response> {
  return fetch(`${base}/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

/** The cookie a browser would send back, from the session's Set-Cookie. */
function cookieFrom(response: Response): string {
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0];
}

async function operatorCookie(): Promise<string> {
  const session = await signIn(operator.email, operator.password);
  expect(session.status).toBe(200);
  return cookieFrom(session);
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
      expect(response.headers.get('www-authenticate')).toContain('/admin/login');
      expect(await errorCode(response)).toBe('UNAUTHENTICATED');
    }
    // A person in a browser is pointed to the sign-in page, still with 401.
    const page = await get('/admin/queues/', { accept: 'text/html' });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('/admin/login');
    const empty = await fetch(`${base}/admin/session`, { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(empty.headers.get('set-cookie')).toBeNull();
  });

  test('a wrong password, an unknown e-mail, a forged cookie or a staff token as a cookie are refused with 401', async () => {
    for (const [email, password] of [
      [operator.email, 'not-the-password'],
      ['nobody@platform.test', operator.password],
    ]) {
      const refused = await signIn(email, password);
      expect(refused.status).toBe(401);
      expect(await errorCode(refused)).toBe('UNAUTHENTICATED');
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
    expect((await get('/admin/queues/api/queues', { cookie: 'aftersales_operator=garbage' })).status).toBe(401);
    expect((await get('/admin/queues/api/queues', { cookie: `aftersales_operator=${hqAdmin}` })).status).toBe(401);
    const operatorId = (await admin.query<{ id: string }>('select id from platform_operators where email = $1', [operator.email])).rows[0].id;
    // Signed with the access tokens' key, or with the key the dashboard used for HQ admins: neither is an operator session.
    for (const key of [
      new TextEncoder().encode(api.config.JWT_SECRET),
      createHmac('sha256', api.config.JWT_SECRET).update('queue-dashboard-session').digest(),
    ]) {
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('aftersales')
        .setAudience('platform-operator')
        .setSubject(operatorId)
        .setExpirationTime('5m')
        .sign(key);
      expect((await get('/admin/queues/api/queues', { cookie: `aftersales_operator=${forged}` })).status).toBe(401);
    }
  });

  test("an HQ admin's token, API key or session cookie never opens it: 403 with a credential, 401 otherwise", async () => {
    const hqOne = await tenantId('hq-one');
    const key = await inTenantTransaction(api.orm, hqOne, (em) =>
      createApiKey({ tenantId: hqOne, tenantKind: TenantKind.HQ, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }, { name: 'ops', role: Role.HQ_ADMIN }),
    );
    for (const credential of [hqAdmin, key.plaintext]) {
      const board = await get('/admin/queues/api/queues', bearer(credential));
      expect(board.status).toBe(403);
      expect(await errorCode(board)).toBe('FORBIDDEN');
      expect((await get('/admin/queues/', bearer(credential))).status).toBe(403);
    }
    // The HQ admin's own sign-in, at the dashboard's door: staff are not operators.
    const asStaff = await signIn('admin@hq-one.test', 'test-password-1');
    expect(asStaff.status).toBe(401);
    expect(asStaff.headers.get('set-cookie')).toBeNull();
    // The session the dashboard used to open for an HQ admin's bearer token is gone.
    const old = await fetch(`${base}/admin/session`, { method: 'POST', headers: bearer(hqAdmin) });
    expect(old.status).toBe(400);
    expect(old.headers.get('set-cookie')).toBeNull();
    const oldCookie = await new SignJWT({ tid: hqOne })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('aftersales')
      .setAudience('queue-dashboard')
      .setSubject((await admin.query<{ id: string }>(`select id from staff_users where email = 'admin@hq-one.test'`)).rows[0].id)
      .setExpirationTime('5m')
      .sign(createHmac('sha256', api.config.JWT_SECRET).update('queue-dashboard-session').digest());
    expect((await get('/admin/queues/api/queues', { cookie: `aftersales_admin=${oldCookie}` })).status).toBe(401);
  });

  test('a store manager and an HQ supervisor get 403 with their token', async () => {
    for (const [slug, email] of [
      ['store-a', 'manager@store-a.test'],
      ['hq-one', 'supervisor@hq-one.test'],
    ]) {
      const token = await api.login(slug, email);
      const board = await get('/admin/queues/api/queues', bearer(token));
      expect(board.status).toBe(403);
      expect(await errorCode(board)).toBe('FORBIDDEN');
    }
  });

  test('an operator signs in and the board lists the three action queues and maintenance, read-only', async () => {
    const session = await signIn(operator.email.toUpperCase(), operator.password);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ operator: { email: operator.email, name: 'ops' }, dashboard: '/admin/queues/' });
    const setCookie = session.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^aftersales_operator=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toContain('Path=/admin');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(Number(/Max-Age=(\d+)/.exec(setCookie)?.[1])).toBe(api.config.OPERATOR_SESSION_TTL_SECONDS);
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

    const { rows } = await admin.query('select last_sign_in_at from platform_operators where email = $1', [operator.email]);
    expect(rows[0].last_sign_in_at).toBeInstanceOf(Date);
  });

  test('nothing can be changed through the board', async () => {
    const cookie = await operatorCookie();
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

  test('disabling an operator closes its open session at once and refuses its sign-in; enabling reopens; signing out clears the cookie', async () => {
    const other = await createOperator('night-shift@platform.test');
    const session = await signIn(other.email, other.password);
    const cookie = cookieFrom(session);
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(200);

    const disabled = await cli('operator', 'disable', other.email);
    expect(disabled).toEqual({ code: 0, out: ['disabled night-shift@platform.test'], err: '' });
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(401);
    expect((await signIn(other.email, other.password)).status).toBe(401);
    // the other operator is untouched
    expect((await get('/admin/queues/api/queues', { cookie: await operatorCookie() })).status).toBe(200);

    expect((await cli('operator', 'enable', other.email)).out).toEqual(['enabled night-shift@platform.test']);
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(200);

    const logout = await get('/admin/logout', { cookie });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/admin/login');
    expect(logout.headers.get('set-cookie')).toMatch(/^aftersales_operator=;.*Max-Age=0/);
  });

  test('the sign-in page is public, asks for an e-mail and password only, runs only its own script and cannot be framed', async () => {
    const page = await get('/admin/login');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form id="login">');
    expect(html).toContain('name="email"');
    expect(html).not.toContain('name="tenant"');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('nothing from another host', () => {
  /** Absolute URLs in a text that point anywhere but the api itself. */
  function foreignUrls(text: string): string[] {
    const urls = text.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)<>]*/gi) ?? [];
    return urls.filter((url) => !url.startsWith(base));
  }

  /**
   * Where a script would load from another host. Its bundles also hold URLs
   * that load nothing (XML namespaces, links in error messages, a base to
   * parse paths against, the board's link to its own documentation); these
   * are the calls, assignments and elements that do load.
   */
  const SCRIPT_LOADS = [
    /\b(?:fetch|import|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon)\(\s*["'`](?:https?:)?\/\//,
    /\.(?:src|href)\s*=\s*["'`](?:https?:)?\/\//,
    // elements rendered by the scripts: what an img, script or iframe shows, what a link element loads (an <a> only navigates)
    /\bsrc:\s*["'`](?:https?:)?\/\//,
    /\("link",\{[^}]*\bhref:\s*["'`](?:https?:)?\/\//,
    /url\(\s*["']?(?:https?:)?\/\//,
    /@import\s+["'](?:https?:)?\/\//,
    /fonts\.(?:googleapis|gstatic)\.com/,
  ];

  test('the page, and every stylesheet and script it links or the board serves, load only from the api', async () => {
    const cookie = await operatorCookie();
    const page = await get('/admin/queues/', { cookie });
    const html = await page.text();
    expect(foreignUrls(html)).toEqual([]);

    // What the page links, then every other file the board serves (its scripts load the rest on demand).
    const pageUrl = `${base}/admin/queues/`;
    const linked = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => new URL(match[1], pageUrl).href.slice(pageUrl.length));
    expect(linked.filter((path) => path.endsWith('.css')).length).toBeGreaterThan(0);
    expect(linked.filter((path) => path.endsWith('.js')).length).toBeGreaterThan(0);
    const staticRoot = join(dirname(require.resolve('@bull-board/ui/package.json')), 'dist', 'static');
    const served = readdirSync(staticRoot, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(js|css|json|svg)$/.test(entry.name))
      .map((entry) => `static/${relative(staticRoot, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
    const assets = [...new Set([...linked, ...served])];
    expect(assets.length).toBeGreaterThan(20);

    const problems: string[] = [];
    for (const asset of assets) {
      const response = await get(`/admin/queues/${asset}`, { cookie });
      expect(response.status).toBe(200);
      const text = await response.text();
      if (/\.(css|json)$/.test(asset)) {
        problems.push(...foreignUrls(text).map((url) => `${asset}: ${url}`));
      } else if (/\.(js|svg)$/.test(asset)) {
        // An SVG names its XML namespace by URL too; like a script, it loads only through src, href or url().
        for (const pattern of SCRIPT_LOADS) {
          const found = pattern.exec(text);
          if (found) problems.push(`${asset}: ${text.slice(Math.max(0, found.index - 40), found.index + 80)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("the browser is held to the api's origin by the page's Content-Security-Policy", async () => {
    const cookie = await operatorCookie();
    for (const path of ['/admin/queues/', '/admin/queues/api/queues']) {
      const csp = (await get(path, { cookie })).headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(csp.split(/;\s*/).map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
      expect(directives['default-src']).toEqual(["'self'"]);
      // nothing widens where scripts, connections, fonts or images come from
      for (const name of ['script-src', 'connect-src', 'font-src', 'img-src', 'worker-src']) expect(directives[name]).toBeUndefined();
      expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
    }
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
    await get('/admin/queues/api/queues', { cookie: await operatorCookie() });
    await scrape();
    expect(await api.redis.keys(`${bullPrefix(api.config.REDIS_PREFIX)}:*`)).toEqual([]);
  });
});
