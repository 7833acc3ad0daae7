import { jwtVerify, SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import type { Clock } from '../../domain/clock';

/**
 * A platform operator's dashboard session: an HttpOnly, SameSite=Strict cookie
 * on /admin holding a token signed with a key of its own (derived from
 * JWT_SECRET under a label no tenant token uses), so neither a staff access
 * token nor anything a tenant can obtain passes for one. It names the operator
 * only; the dashboard re-reads the operator on every request.
 */
export const SESSION_COOKIE = 'aftersales_operator';
const ISSUER = 'aftersales';
const AUDIENCE = 'platform-operator';

export class OperatorSessions {
  private readonly key: Uint8Array;

  constructor(
    jwtSecret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
    private readonly secureCookie: boolean,
  ) {
    this.key = createHmac('sha256', jwtSecret).update('platform-operator-session').digest();
  }

  /** A Set-Cookie value opening a session for the operator, and when it ends. */
  async open(operatorId: string): Promise<{ setCookie: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(operatorId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
    return { setCookie: this.cookie(token, this.ttlSeconds), expiresAt: new Date((issuedAt + this.ttlSeconds) * 1000) };
  }

  /** A Set-Cookie value that ends the session in the browser. */
  close(): string {
    return this.cookie('', 0);
  }

  /** The operator id a request's session cookie names, if the cookie is genuine and current. */
  async operatorId(cookieHeader: string | undefined): Promise<string | null> {
    const token = cookieValue(cookieHeader, SESSION_COOKIE);
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: this.clock.now() });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }

  private cookie(token: string, maxAgeSeconds: number): string {
    return `${SESSION_COOKIE}=${token}; Path=/admin; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${this.secureCookie ? '; Secure' : ''}`;
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
