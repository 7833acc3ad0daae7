import { errors, jwtVerify, SignJWT } from 'jose';
import { Role } from '../../core/enums';

/**
 * Short-lived access tokens and longer refresh tokens, both HS256 JWTs. Both
 * name the session row they were issued with (the refresh token as `jti`, the
 * access token as `sid`): the refresh token so it can be rotated and revoked,
 * the access token so that every request sees that revocation (logout).
 */
const ISSUER = 'aftersales';

export interface TokenSettings {
  secret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

export interface AccessClaims {
  userId: string;
  tenantId: string;
  role: Role;
  sessionId: string;
}

export interface RefreshClaims {
  userId: string;
  tenantId: string;
  sessionId: string;
}

export class InvalidTokenError extends Error {}

const key = (settings: TokenSettings) => new TextEncoder().encode(settings.secret);

export async function signAccessToken(settings: TokenSettings, claims: AccessClaims, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + settings.accessTtlSeconds;
  const token = await new SignJWT({ tid: claims.tenantId, role: claims.role, sid: claims.sessionId, typ: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(claims.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key(settings));
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

export async function signRefreshToken(settings: TokenSettings, claims: RefreshClaims, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + settings.refreshTtlSeconds;
  const token = await new SignJWT({ tid: claims.tenantId, typ: 'refresh' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(claims.userId)
    .setJti(claims.sessionId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key(settings));
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

async function verify(settings: TokenSettings, token: string, type: 'access' | 'refresh', now: Date) {
  try {
    const { payload } = await jwtVerify(token, key(settings), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      currentDate: now,
    });
    if (payload.typ !== type || typeof payload.sub !== 'string' || typeof payload.tid !== 'string') {
      throw new InvalidTokenError('Token is not a valid ' + type + ' token');
    }
    return payload;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('Token has expired');
    throw new InvalidTokenError('Token is invalid');
  }
}

export async function verifyAccessToken(settings: TokenSettings, token: string, now: Date): Promise<AccessClaims> {
  const payload = await verify(settings, token, 'access', now);
  if (!Object.values(Role).includes(payload.role as Role)) throw new InvalidTokenError('Token is invalid');
  // A token without its session could not be revoked by a logout: not accepted.
  if (typeof payload.sid !== 'string') throw new InvalidTokenError('Token is invalid');
  return { userId: payload.sub!, tenantId: payload.tid as string, role: payload.role as Role, sessionId: payload.sid };
}

export async function verifyRefreshToken(settings: TokenSettings, token: string, now: Date): Promise<RefreshClaims> {
  const payload = await verify(settings, token, 'refresh', now);
  if (typeof payload.jti !== 'string') throw new InvalidTokenError('Token is invalid');
  return { userId: payload.sub!, tenantId: payload.tid as string, sessionId: payload.jti };
}
