import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../../domain/auth/authenticate';
import { AccessError } from '../../domain/errors';
import { activeOperator, verifyOperatorCredentials } from '../../domain/operators/operator-sign-in';
import { ActionQueue, bullPrefix, QUEUES } from '../../domain/scheduling/queues';
import type { Config } from '../../infra/config';
import { connectRedis } from '../../infra/redis';
import type { TokenBuckets } from '../limits/token-bucket';
import type { ApiDeps } from '../context';
import { LOGIN_PAGE, LOGIN_PAGE_CSP } from './admin-login-page';
import { BOARD_PATH, LOGIN_PATH, LOGOUT_PATH, SESSION_PATH } from './admin-paths';
import { BOARD_CSP } from './board-page';
import { BoardRoutes } from './board-routes';
import { errorReply } from './error-reply';
import { OperatorSessions } from './operator-session';

export { BOARD_PATH };

/**
 * The queue dashboard (bull-board) at /admin/queues. It shows the jobs of
 * every brand the deployment hosts, so it belongs to the platform's
 * operators, never to a tenant: no staff user or API key opens it, HQ
 * administrators included. Operators are created by the `tenants` CLI only
 * (domain/operators). The board is read-only: PostgreSQL is the truth of
 * scheduled work, so retrying or removing jobs here would fix nothing (dead
 * actions are retried through the API, per tenant).
 *
 * An operator signs in at /admin/login: `POST /admin/session` with
 * `{"email", "password"}` opens a session cookie (operator-session.ts) that
 * lasts OPERATOR_SESSION_TTL_SECONDS. Every dashboard request re-reads the
 * operator, so disabling one closes the dashboard at once.
 */
/** The worker's queues as the api sees them: to read, never to add jobs. */
export interface MonitoredQueues {
  queues: Queue[];
  close(): Promise<void>;
}

export function openMonitoredQueues(config: Config, log: { warn(detail: object, message: string): void }): MonitoredQueues {
  // One connection for all of them; failing fast keeps a scrape or a page from hanging while Redis is away.
  const connection = connectRedis(config, { maxRetriesPerRequest: 1 });
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

export async function registerQueueDashboard(app: FastifyInstance, deps: ApiDeps, queues: readonly Queue[], signInBuckets: TokenBuckets): Promise<void> {
  const sessions = new OperatorSessions(deps.config.JWT_SECRET, deps.config.OPERATOR_SESSION_TTL_SECONDS, deps.clock, deps.config.NODE_ENV);

  const board = new BoardRoutes(BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true, description: QUEUE_DESCRIPTIONS[queue.name] ?? '' })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Aftersales queues', miscLinks: [{ text: 'Sign out', url: LOGOUT_PATH }] } },
  });

  /** An active operator's session opens the board; a tenant's credential, valid or not, never does. */
  const access = async (request: FastifyRequest): Promise<'ok' | 'unauthenticated' | 'forbidden'> => {
    const operatorId = await sessions.operatorId(request);
    if (operatorId && (await activeOperator(deps, operatorId))) return 'ok';
    // A staff token or API key proves who the caller is, and that it is a tenant: refused, not asked to sign in.
    if (request.headers.authorization !== undefined && (await isTenantCredential(deps, request.headers.authorization))) return 'forbidden';
    return 'unauthenticated';
  };

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const verdict = await access(request);
      if (verdict === 'unauthenticated') return unauthenticatedReply(request, reply);
      if (verdict === 'forbidden') return errorReply(reply, 403, 'FORBIDDEN', 'The queue dashboard is for platform operators, not tenants');
      // Read-only at the edge as well as in bull-board: nothing but reads reaches the board.
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        reply.header('allow', 'GET, HEAD');
        return errorReply(reply, 405, 'METHOD_NOT_ALLOWED', 'The queue dashboard is read-only');
      }
    });
    scope.addHook('onSend', async (request, reply) => {
      reply.header('content-security-policy', BOARD_CSP);
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'same-origin');
      // Job lists are every tenant's data: never kept by a shared cache. The board's own scripts may be.
      reply.header('cache-control', request.url.startsWith(`${BOARD_PATH}/static/`) ? 'private, max-age=3600' : 'no-store');
    });
    board.register(scope);
  });

  app.post(SESSION_PATH, async (request, reply) => {
    const body = request.body as { email?: unknown; password?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    if (!email || !password) {
      return errorReply(reply, 400, 'BAD_USER_INPUT', 'Send {"email": ..., "password": ...} of a platform operator as JSON');
    }
    // Each try costs an argon2 verification: limited per client address like the GraphQL login.
    const charged = await signInBuckets.charge(
      [
        {
          key: `${deps.config.REDIS_PREFIX}:rate:{operator-sign-in:${request.ip}}`,
          capacity: deps.config.RATE_LIMIT_ANONYMOUS_CAPACITY,
          refillPerSecond: deps.config.RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND,
        },
      ],
      SIGN_IN_COST,
    );
    if (!charged.allowed) {
      const seconds = Math.max(1, Math.ceil(charged.retryAfterMs / 1000));
      reply.header('retry-after', String(seconds));
      return errorReply(reply, 429, 'THROTTLED', `Too many sign-in attempts: retry in ${seconds} s`);
    }
    const operator = await verifyOperatorCredentials(deps, email, password);
    if (!operator) {
      request.log.warn('queue dashboard sign-in refused');
      return errorReply(reply, 401, 'UNAUTHENTICATED', 'The e-mail or password is not correct');
    }
    request.log.info({ operatorId: operator.id }, 'platform operator signed in to the queue dashboard');
    const expiresAt = await sessions.open(request, reply, operator.id);
    reply.header('cache-control', 'no-store');
    return { operator: { email: operator.email, name: operator.name }, expiresAt: expiresAt.toISOString(), dashboard: `${BOARD_PATH}/` };
  });

  // The board's "Sign out" link: a plain navigation, so a GET. At worst a third party signs someone out.
  app.get(LOGOUT_PATH, async (request, reply) => {
    sessions.close(request, reply);
    return reply.redirect(LOGIN_PATH, 303);
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

/** What a sign-in attempt costs in the per-address bucket: the cost of a GraphQL mutation such as `login`. */
const SIGN_IN_COST = 10;

async function isTenantCredential(deps: ApiDeps, header: string): Promise<boolean> {
  const credential = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
  if (!credential) return false;
  try {
    await authenticate(deps, credential);
    return true;
  } catch (error) {
    if (error instanceof AccessError) return false;
    throw error;
  }
}

/** A person opening the board in a browser is pointed to the sign-in page; the status stays 401. */
function unauthenticatedReply(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // No standard scheme names a sign-in form; this one says where the credential comes from.
  reply.header('www-authenticate', `Cookie realm="platform operators", form="${LOGIN_PATH}"`);
  if (request.method === 'GET' && request.headers.accept?.includes('text/html')) {
    return reply
      .code(401)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`<!doctype html><title>Sign in</title><p>Sign in at <a href="${LOGIN_PATH}">${LOGIN_PATH}</a> to open the queue dashboard.</p>`);
  }
  return errorReply(reply, 401, 'UNAUTHENTICATED', `Platform operators sign in at ${LOGIN_PATH} (or POST ${SESSION_PATH} with their e-mail and password)`);
}
