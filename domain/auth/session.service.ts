import { LockMode } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { EntityManager } from '../ports/database';
import { inTenantTransaction } from '../tenant-transaction';
import { StaffSession, StaffUser, Tenant } from '../../schema/entities';
import { StaffStatus, TenantStatus } from '../../core/enums';
import { UserInputError } from '../errors';
import type { AuthDeps } from './auth-deps';
import type { LoginThrottle } from './login-throttle';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { InvalidTokenError, RefreshClaims, signAccessToken, signRefreshToken, verifyRefreshToken } from './tokens';
import type { LoginInput } from '../../schema/graphql/auth.types';

export interface IssuedSession {
  user: StaffUser;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** One message for every way a login can fail, so it reveals nothing about which part was wrong. */
const invalidCredentials = () => new UserInputError('INVALID_CREDENTIALS', 'The tenant, e-mail or password is not correct');
const invalidRefresh = (why: string) => new UserInputError('INVALID_REFRESH_TOKEN', why, ['refreshToken']);

/** Where a sign-in comes from, for the throttle that slows password guessing down. */
export interface LoginOrigin {
  throttle: LoginThrottle;
  clientAddress: string;
}

/**
 * Signs a staff user in. The attempt is counted (and refused with THROTTLED
 * while the account or the address must wait) before any password is checked.
 */
export async function login(deps: AuthDeps, input: LoginInput, origin: LoginOrigin): Promise<IssuedSession> {
  const attempt = await origin.throttle.begin(input.tenantSlug, input.email, origin.clientAddress, deps.clock.now());
  const tenants = await deps.orm.em.fork().execute<{ id: string; status: string }[]>('select id, status from auth_tenant_by_slug(?)', [input.tenantSlug]);
  const tenant = tenants[0];
  if (!tenant || tenant.status !== TenantStatus.ACTIVE) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    throw invalidCredentials();
  }
  const session = await inTenantTransaction(deps.orm, tenant.id, async (em) => {
    const user = await em.findOne(StaffUser, { tenantId: tenant.id, email: input.email.trim().toLowerCase() });
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!user || !passwordOk || user.status !== StaffStatus.ACTIVE) throw invalidCredentials();
    return startSession(deps, em, user, randomUUID());
  });
  await attempt.succeeded();
  return session;
}

/**
 * Exchanges a refresh token for a new pair. Each refresh token works once; a
 * second use means it was stolen or replayed, and the whole family is revoked.
 */
export async function refreshSession(deps: AuthDeps, refreshToken: string): Promise<IssuedSession> {
  const { tenantId, sessionId } = await refreshClaimsOf(deps, refreshToken);
  const outcome = await inTenantTransaction(deps.orm, tenantId, async (em): Promise<{ error: string } | { session: IssuedSession }> => {
    // Locked, so concurrent uses of one refresh token queue here: the first rotates it, the others see it used.
    const session = await em.findOne(StaffSession, { tenantId, id: sessionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!session || session.revokedAt) return { error: 'Session has been revoked' };
    if (session.rotatedAt) {
      await revokeFamily(em, tenantId, session.familyId, deps.clock.now());
      return { error: 'Refresh token was already used; all sessions of this login are revoked' };
    }
    const user = await em.findOne(StaffUser, { tenantId, id: session.userId });
    if (!user || user.status !== StaffStatus.ACTIVE) return { error: 'User is disabled' };
    const tenant = await em.findOne(Tenant, { id: tenantId });
    if (!tenant || tenant.status !== TenantStatus.ACTIVE) return { error: 'Tenant is suspended' };
    session.rotatedAt = deps.clock.now();
    return { session: await startSession(deps, em, user, session.familyId) };
  });
  // The family revocation must commit even though the caller gets an error.
  if ('error' in outcome) throw invalidRefresh(outcome.error);
  return outcome.session;
}

export async function logout(deps: AuthDeps, refreshToken: string): Promise<void> {
  const claims = await refreshClaimsOf(deps, refreshToken);
  await inTenantTransaction(deps.orm, claims.tenantId, async (em) => {
    const session = await em.findOne(StaffSession, { tenantId: claims.tenantId, id: claims.sessionId });
    if (session) await revokeFamily(em, claims.tenantId, session.familyId, deps.clock.now());
  });
}

/** What a refresh token says; a forged, expired or malformed one is refused (INVALID_REFRESH_TOKEN). */
async function refreshClaimsOf(deps: AuthDeps, refreshToken: string): Promise<RefreshClaims> {
  try {
    return await verifyRefreshToken(deps.tokens, refreshToken, deps.clock.now());
  } catch (error) {
    if (error instanceof InvalidTokenError) throw invalidRefresh(error.message);
    throw error;
  }
}

async function startSession(deps: AuthDeps, em: EntityManager, user: StaffUser, familyId: string): Promise<IssuedSession> {
  const now = deps.clock.now();
  const session = em.create(StaffSession, {
    tenantId: user.tenantId,
    id: randomUUID(),
    familyId,
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.tokens.refreshTtlSeconds * 1000),
  });
  await em.flush();
  const access = await signAccessToken(deps.tokens, { userId: user.id, tenantId: user.tenantId, role: user.role, sessionId: session.id }, now);
  const refresh = await signRefreshToken(deps.tokens, { userId: user.id, tenantId: user.tenantId, sessionId: session.id }, now);
  return {
    user,
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: refresh.token,
    refreshTokenExpiresAt: refresh.expiresAt,
  };
}

async function revokeFamily(em: EntityManager, tenantId: string, familyId: string, now: Date): Promise<void> {
  await em.nativeUpdate(StaffSession, { tenantId, familyId, revokedAt: null }, { revokedAt: now });
}
