import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import { recordAudit } from '../../domain/audit';
import { authenticate, identify } from '../../domain/auth/authenticate';
import { AccessError } from '../../domain/errors';
import { Permission, permissionsOf } from '../../domain/permissions';
import { ActionQueue } from '../../domain/scheduling/action-kinds';
import type { Config } from '../../infra/config';
import type { EntityManager } from '../../infra/database';
import { inTenantTransaction } from '../../infra/database';
import { StaffUser, Tenant } from '../../schema/entities';
import { Role, StaffStatus, TenantStatus } from '../../schema/enums';
import { bullPrefix, QUEUES } from '../../worker/queues';
import type { ApiDeps } from '../context';
import { LOGIN_PAGE, LOGIN_PAGE_CSP } from './admin-login-page';
import { BOARD_PATH, LOGIN_PATH, LOGOUT_PATH, SESSION_PATH } from './admin-paths';

export { BOARD_PATH };
import { BoardRoutes } from './board-routes';

/**
 * The queue dashboard (bull-board) at /admin/queues. It shows every tenant's
 * jobs, so only callers with QUEUE_DASHBOARD (HQ administrators, the
 * platform's operators) may open it, and it is read-only: PostgreSQL is the
 * truth of scheduled work, so retrying or removing jobs here would fix
 * nothing (dead actions are retried through the API, per tenant).
 *
 * A browser cannot put a bearer token on the page's asset and polling
 * requests, so `POST /admin/session` with a bearer access token opens a
 * session: an HttpOnly, SameSite=Strict cookie on /admin holding a token
 * signed with a key of its own, which ends when the access token would.
 * Every dashboard request checks it and re-reads the user, so a disabled
 * user or a demotion closes the dashboard at once. Scripts may send
 * `Authorization: Bearer` on each request instead. /admin/login is a small
 * sign-in page that does the exchange for a person with a browser.
 */
const SESSION_COOKIE = 'aftersales_admin';
const SESSION_ISSUER = 'aftersales';
const SESSION_AUDIENCE = 'queue-dashboard';

/** The worker's queues as the api sees them: to read, never to add jobs. */
export interface MonitoredQueues {
  queues: Queue[];
  close(): Promise<void>;
}

export function openMonitoredQueues(config: Config, log: { warn(detail: object, message: string): void }): MonitoredQueues {
  // One connection for all of them; failing fast keeps a scrape or a page from hanging while Redis is away.
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  connection.on('error', (error: Error) => log.warn({ err: error }, 'queue dashboard connection to Redis failed'));
  const names = [...Object.values(ActionQueue), QUEUES.maintenance];
  // skipMetasUpdate: opening a queue to look at it must not write to Redis.
  const queues = names.map((name) => new Queue(name, { connection, prefix: bullPrefix(config.REDIS_PREFIX), skipMetasUpdate: true }));
  for (const queue of queues) queue.on('error', (error: Error) => log.warn({ err: error, queue: queue.name }, 'queue error'));
  return {
    queues,
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}

const QUEUE_DESCRIPTIONS: Record<string, string> = {
  [ActionQueue.TICKETS]: 'Ticket watches, appointment reminders and callbacks (scheduled actions)',
  [ActionQueue.MESSAGES]: 'Emails and SMS to customers and staff (scheduled actions)',
  [ActionQueue.WEBHOOKS]: 'Webhook deliveries to partner endpoints (scheduled actions)',
  [QUEUES.maintenance]: 'Platform chores: the nightly session sweep',
};

export async function registerQueueDashboard(app: FastifyInstance, deps: ApiDeps, queues: readonly Queue[]): Promise<void> {
  const sessionKey = createHmac('sha256', deps.config.JWT_SECRET).update('queue-dashboard-session').digest();
  const secureCookie = deps.config.NODE_ENV === 'production';

  const board = new BoardRoutes(BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true, description: QUEUE_DESCRIPTIONS[queue.name] ?? '' })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Aftersales queues', miscLinks: [{ text: 'Sign out', url: LOGOUT_PATH }] } },
  });

  /** Who may see the board: the bearer credential if one is sent, else the session cookie. */
  const access = async (request: FastifyRequest): Promise<'ok' | 'unauthenticated' | 'forbidden'> => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const credential = bearer(header);
      if (!credential) return 'unauthenticated';
      try {
        const caller = await authenticate(deps, credential);
        return caller.principal.permissions.has(Permission.QUEUE_DASHBOARD) ? 'ok' : 'forbidden';
      } catch (error) {
        if (error instanceof AccessError) return 'unauthenticated';
        throw error;
      }
    }
    const token = cookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) return 'unauthenticated';
    let userId: string;
    let tenantId: string;
    try {
      const { payload } = await jwtVerify(token, sessionKey, {
        issuer: SESSION_ISSUER,
        audience: SESSION_AUDIENCE,
        algorithms: ['HS256'],
        currentDate: deps.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string') return 'unauthenticated';
      userId = payload.sub;
      tenantId = payload.tid;
    } catch {
      return 'unauthenticated';
    }
    const role = await inTenantTransaction(deps.orm, tenantId, (em) => activeUserRole(em, tenantId, userId));
    if (!role) return 'unauthenticated';
    return permissionsOf(role).has(Permission.QUEUE_DASHBOARD) ? 'ok' : 'forbidden';
  };

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const verdict = await access(request);
      if (verdict === 'unauthenticated') return unauthenticatedReply(request, reply);
      if (verdict === 'forbidden') return errorReply(reply, 403, 'FORBIDDEN', 'The queue dashboard is for HQ administrators');
      // Read-only at the edge as well as in bull-board: nothing but reads reaches the board.
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        reply.header('allow', 'GET, HEAD');
        return errorReply(reply, 405, 'METHOD_NOT_ALLOWED', 'The queue dashboard is read-only');
      }
    });
    scope.addHook('onSend', async (request, reply) => {
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'same-origin');
      // Job lists are every tenant's data: never kept by a shared cache. The board's own scripts may be.
      reply.header('cache-control', request.url.startsWith(`${BOARD_PATH}/static/`) ? 'private, max-age=3600' : 'no-store');
    });
    board.register(scope);
  });

  app.post(SESSION_PATH, async (request, reply) => {
    const credential = request.headers.authorization ? bearer(request.headers.authorization) : null;
    if (!credential) return errorReply(reply, 401, 'UNAUTHENTICATED', 'Send a staff user access token as "Authorization: Bearer <token>"');
    let opened: { userId: string; tenantId: string } | 'not-a-person' | 'forbidden';
    try {
      const identified = await identify(deps, credential);
      opened = await inTenantTransaction(deps.orm, identified.tenantId, async (em) => {
        const caller = await identified.verify(em);
        // A session stands for a person; systems send their API key on each request instead.
        if (!caller.principal.permissions.has(Permission.QUEUE_DASHBOARD)) return 'forbidden';
        if (caller.principal.kind !== 'USER') return 'not-a-person';
        recordAudit({ ...caller, em, clock: deps.clock }, 'QUEUE_DASHBOARD_SESSION_OPENED');
        await em.flush();
        return { userId: caller.principal.id!, tenantId: caller.tenantId };
      });
    } catch (error) {
      if (error instanceof AccessError) return errorReply(reply, 401, 'UNAUTHENTICATED', error.message);
      throw error;
    }
    if (opened === 'forbidden') return errorReply(reply, 403, 'FORBIDDEN', 'The queue dashboard is for HQ administrators');
    if (opened === 'not-a-person') return errorReply(reply, 403, 'FORBIDDEN', 'Sessions are for staff users; an API key goes on each request as a bearer token');
    // The session never outlives the access token that opened it.
    const expiresAt = decodeJwt(credential).exp!;
    const token = await new SignJWT({ tid: opened.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setSubject(opened.userId)
      .setIssuedAt(Math.floor(deps.clock.now().getTime() / 1000))
      .setExpirationTime(expiresAt)
      .sign(sessionKey);
    const maxAge = Math.max(0, expiresAt - Math.floor(deps.clock.now().getTime() / 1000));
    reply.header('set-cookie', sessionCookie(token, maxAge, secureCookie)).header('cache-control', 'no-store');
    return { expiresAt: new Date(expiresAt * 1000).toISOString(), dashboard: `${BOARD_PATH}/` };
  });

  // The board's "Sign out" link: a plain navigation, so a GET. At worst a third party signs someone out.
  app.get(LOGOUT_PATH, async (_request, reply) => {
    return reply.header('set-cookie', sessionCookie('', 0, secureCookie)).redirect(LOGIN_PATH, 303);
  });

  app.get(LOGIN_PATH, async (_request, reply) => {
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', LOGIN_PAGE_CSP)
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store')
      .send(LOGIN_PAGE);
  });
}

async function activeUserRole(em: EntityManager, tenantId: string, userId: string): Promise<Role | null> {
  const user = await em.findOne(StaffUser, { tenantId, id: userId });
  if (!user || user.status !== StaffStatus.ACTIVE) return null;
  const tenant = await em.findOne(Tenant, { id: tenantId });
  return tenant?.status === TenantStatus.ACTIVE ? user.role : null;
}

function bearer(header: string): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] ?? null;
}

function cookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}

function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/admin; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function errorReply(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ errors: [{ message, extensions: { code } }] });
}

/** A person opening the board in a browser is pointed to the sign-in page; the status stays 401. */
function unauthenticatedReply(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('www-authenticate', 'Bearer');
  if (request.method === 'GET' && request.headers.accept?.includes('text/html')) {
    return reply
      .code(401)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`<!doctype html><title>Sign in</title><p>Sign in at <a href="${LOGIN_PATH}">${LOGIN_PATH}</a> to open the queue dashboard.</p>`);
  }
  return errorReply(reply, 401, 'UNAUTHENTICATED', 'Open a session with POST /admin/session or send "Authorization: Bearer <token>"');
}
