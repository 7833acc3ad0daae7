import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IssuedSession, login, logout, refreshSession } from '../../domain/auth/session.service';
import type { LoginInput } from '../../schema/graphql/auth.types';
import { AccessError, UserInputError } from '../../domain/errors';
import { toGlobalId } from '../../core/global-id';
import type { ApiDeps } from '../context';
import { anonymousBucket } from '../limits/cost-plugin';
import type { EdgeLimits } from '../limits/edge-limits';
import { errorReply } from './error-reply';
import { clearRefreshCookie, refreshTokenOf, setRefreshCookie } from './refresh-cookie';
import { crossSiteRefusal } from './same-origin';

/**
 * Sign-in for browsers (the console): the same staff sessions as the
 * `login`, `refreshSession` and `logout` mutations, through the same domain
 * functions (throttle, one credential per request, single-use refresh tokens
 * with reuse detection, revocation), but the refresh token never reaches the
 * page's scripts: it travels in an HttpOnly cookie (refresh-cookie.ts), and
 * the page keeps only the short-lived access token, in memory.
 *
 * - `POST /auth/session` `{tenantSlug, email, password}`: the access token
 *   and who signed in; the refresh token as the cookie.
 * - `POST /auth/refresh`: rotates the cookie's refresh token, answers a new
 *   access token. No cookie, or a refused one (expired, revoked, replayed):
 *   401 and the cookie is cleared.
 * - `POST /auth/logout`: revokes the cookie's session (its access tokens stop
 *   at once) and clears the cookie; 204 whatever the cookie was.
 *
 * Every route follows the CSRF rule in same-origin.ts. Sign-in and refresh
 * cost what the mutations cost in the caller's per-address bucket; a sign-out
 * is never refused for rate, so nobody is left signed in against their will.
 */
export const AUTH_ROUTES = { session: '/auth/session', refresh: '/auth/refresh', logout: '/auth/logout' } as const;

/** What `login` and `refreshSession` cost as GraphQL mutations, charged alike here so neither door is cheaper. */
const SIGN_IN_COST = 10;

export function registerBrowserSessionRoutes(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits): void {
  const nodeEnv = deps.config.NODE_ENV;

  /** Spends the request's share of the per-address bucket; false when the reply already says THROTTLED. */
  const charge = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const charged = await limits.buckets.charge([anonymousBucket(deps.config, request.ip)], SIGN_IN_COST);
    if (charged.allowed) return true;
    const seconds = Math.max(1, Math.ceil(charged.retryAfterMs / 1000));
    reply.header('retry-after', String(seconds));
    errorReply(reply, 429, 'THROTTLED', `Throttled: retry in ${seconds} s`, { retryAfterMs: charged.retryAfterMs });
    return false;
  };

  const signedIn = (request: FastifyRequest, reply: FastifyReply, session: IssuedSession) => {
    setRefreshCookie(request, reply, session, deps.clock.now(), nodeEnv);
    return reply.header('cache-control', 'no-store').send({
      accessToken: session.accessToken,
      expiresAt: session.accessTokenExpiresAt.toISOString(),
      user: { id: toGlobalId('StaffUser', session.user.id), email: session.user.email, name: session.user.name, role: session.user.role },
    });
  };

  app.register(async (scope) => {
    // Refresh and sign-out read no body: `content-type: application/json` with nothing after it is accepted here.
    const json = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (body === '') return done(null, undefined);
      json(request, body as string, done);
    });
    // Before the body is read: a refused request is not parsed at all.
    scope.addHook('onRequest', async (request, reply) => {
      const refusal = crossSiteRefusal(request, deps.config.PUBLIC_BASE_URL);
      if (!refusal) return;
      request.log.warn({ code: refusal.code, origin: request.headers.origin }, 'refused a possibly cross-site request to a session route');
      return errorReply(reply, refusal.status, refusal.code, refusal.message);
    });

    scope.post(AUTH_ROUTES.session, async (request, reply) => {
      const input = loginInputOf(request.body);
      if ('invalid' in input) return errorReply(reply, 400, 'BAD_USER_INPUT', input.invalid, { field: [input.field] });
      if (!(await charge(request, reply))) return reply;
      try {
        return signedIn(request, reply, await login(deps, input, { throttle: limits.loginThrottle, clientAddress: request.ip }));
      } catch (error) {
        return failureReply(reply, error);
      }
    });

    scope.post(AUTH_ROUTES.refresh, async (request, reply) => {
      const token = refreshTokenOf(request);
      if (!token) {
        clearRefreshCookie(request, reply, nodeEnv);
        return errorReply(reply, 401, 'UNAUTHENTICATED', `No session cookie: sign in with POST ${AUTH_ROUTES.session}`);
      }
      if (!(await charge(request, reply))) return reply;
      try {
        return signedIn(request, reply, await refreshSession(deps, token));
      } catch (error) {
        // A refused refresh token never works again: the browser forgets it.
        if (error instanceof UserInputError) clearRefreshCookie(request, reply, nodeEnv);
        return failureReply(reply, error);
      }
    });

    scope.post(AUTH_ROUTES.logout, async (request, reply) => {
      const token = refreshTokenOf(request);
      clearRefreshCookie(request, reply, nodeEnv);
      if (token) {
        try {
          await logout(deps, token);
        } catch (error) {
          // A token that no longer works has no session left to end: signed out all the same.
          if (!(error instanceof UserInputError)) throw error;
        }
      }
      return reply.code(204).header('cache-control', 'no-store').send();
    });
  });
}

/** The sign-in body, or what is wrong with it (named as the GraphQL `LoginInput` names its fields). */
function loginInputOf(body: unknown): LoginInput | { invalid: string; field: string } {
  const fields = (body ?? {}) as Record<string, unknown>;
  const input: Record<string, string> = {};
  for (const field of ['tenantSlug', 'email', 'password'] as const) {
    const value = typeof body === 'object' && body !== null ? fields[field] : undefined;
    if (typeof value !== 'string' || value.length === 0) {
      return { invalid: `Send {"tenantSlug", "email", "password"} as JSON: ${field} is missing or not a string`, field };
    }
    // PostgreSQL cannot hold a NUL: refused here rather than failing in the database.
    if (value.includes('\u0000')) return { invalid: `${field} contains a NUL character`, field };
    input[field] = value;
  }
  return { tenantSlug: input.tenantSlug, email: input.email, password: input.password };
}

/** The domain's refusals, with the codes the GraphQL mutations give them. */
function failureReply(reply: FastifyReply, error: unknown): FastifyReply {
  // INVALID_CREDENTIALS, INVALID_REFRESH_TOKEN: nothing to sign in with.
  if (error instanceof UserInputError) return errorReply(reply, 401, error.code, error.message);
  if (error instanceof AccessError) {
    if (error.code === 'THROTTLED') {
      reply.header('retry-after', String(Math.max(1, Math.ceil(Number(error.details.retryAfterMs ?? 0) / 1000))));
      return errorReply(reply, 429, error.code, error.message, { ...error.details });
    }
    return errorReply(reply, error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'FORBIDDEN' ? 403 : 400, error.code, error.message, { ...error.details });
  }
  throw error;
}
