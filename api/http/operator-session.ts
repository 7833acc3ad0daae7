import type { FastifyReply, FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import type { Clock } from '../../core/clock';
import { secureCookies } from './secure-cookies';

/**
 * A platform operator's dashboard session: an HttpOnly, SameSite=Strict cookie
 * on /admin holding a token signed with a key of its own (derived from
 * JWT_SECRET under a label no tenant token uses), so neither a staff access
 * token nor anything a tenant can obtain passes for one. It names the operator
 * only; the dashboard re-reads the operator on every request. Cookies are read
 * and written by @fastify/cookie, registered once for the whole server.
 */
export const SESSION_COOKIE = 'aftersales_operator';
const COOKIE_PATH = '/admin';
const ISSUER = 'aftersales';
const AUDIENCE = 'platform-operator';

export class OperatorSessions {
  private readonly key: Uint8Array;

  constructor(
    jwtSecret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
    private readonly nodeEnv: string,
  ) {
    this.key = createHmac('sha256', jwtSecret).update('platform-operator-session').digest();
  }

  /** Opens a session for the operator (its cookie goes out with the reply); answers when it ends. */
  async open(request: FastifyRequest, reply: FastifyReply, operatorId: string): Promise<Date> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(operatorId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
    reply.setCookie(SESSION_COOKIE, token, { ...this.attributes(request), maxAge: this.ttlSeconds });
    return new Date((issuedAt + this.ttlSeconds) * 1000);
  }

  /** Ends the session in the browser. */
  close(request: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, this.attributes(request));
  }

  /** The operator id the request's session cookie names, if the cookie is genuine and current. */
  async operatorId(request: FastifyRequest): Promise<string | null> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: this.clock.now() });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }

  private attributes(request: FastifyRequest) {
    return { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: secureCookies(request, this.nodeEnv) } as const;
  }
}
