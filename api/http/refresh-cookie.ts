import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IssuedSession } from '../../domain/auth/session.service';
import { secureCookies } from './secure-cookies';

/**
 * A browser's refresh token, kept where the page's scripts cannot read it: an
 * HttpOnly, SameSite=Strict cookie that the browser sends to the /auth routes
 * only. Path=/auth covers the two routes that need it (/auth/refresh and
 * /auth/logout) with one cookie, and the only other route under it,
 * /auth/session, ignores it; two cookies, one per route, would both have to
 * be rotated at every refresh, and a browser keeping one of them stale would
 * sign out with a token that was already rotated away. Never on /graphql: the
 * API itself accepts bearer credentials only.
 */
export const REFRESH_COOKIE = 'aftersales_refresh';
export const REFRESH_COOKIE_PATH = '/auth';

export function refreshTokenOf(request: FastifyRequest): string | null {
  return request.cookies[REFRESH_COOKIE] || null;
}

/** Sets the session's refresh token; the browser keeps it exactly as long as the token works. */
export function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, session: IssuedSession, now: Date, nodeEnv: string): void {
  const maxAge = Math.max(0, Math.ceil((session.refreshTokenExpiresAt.getTime() - now.getTime()) / 1000));
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, { ...attributes(request, nodeEnv), maxAge });
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply, nodeEnv: string): void {
  reply.clearCookie(REFRESH_COOKIE, attributes(request, nodeEnv));
}

function attributes(request: FastifyRequest, nodeEnv: string) {
  return { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: secureCookies(request, nodeEnv) } as const;
}
