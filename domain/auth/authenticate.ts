import { inTenantTransaction } from '../../infra/database';
import { ApiKey, StaffUser, Tenant } from '../../schema/entities';
import { StaffStatus, TenantKind, TenantStatus } from '../../schema/enums';
import type { Principal } from '../context';
import { unauthenticated } from '../errors';
import { permissionsOf } from '../permissions';
import type { AuthDeps } from './auth-deps';
import { looksLikeApiKey, parseApiKey, secretMatches } from './api-key-secret';
import { InvalidTokenError, verifyAccessToken } from './tokens';

export interface AuthenticatedCaller {
  tenantId: string;
  tenantKind: TenantKind;
  principal: Principal;
}

/** Recording every use would write on every request; a minute's precision is enough. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * Resolves a bearer credential (an API key or an access token) to its tenant
 * and principal. Wrong, revoked and expired credentials, a disabled user and a
 * suspended tenant all answer UNAUTHENTICATED.
 */
export async function authenticate(deps: AuthDeps, credential: string): Promise<AuthenticatedCaller> {
  return looksLikeApiKey(credential) ? authenticateApiKey(deps, credential) : authenticateAccessToken(deps, credential);
}

async function authenticateApiKey(deps: AuthDeps, plaintext: string): Promise<AuthenticatedCaller> {
  const parsed = parseApiKey(plaintext);
  if (!parsed) throw unauthenticated('API key is malformed');
  const rows = await deps.orm.em.fork().execute<{ tenant_id: string | null }[]>(
    'select auth_api_key_tenant(?) as tenant_id',
    [parsed.keyId],
  );
  const tenantId = rows[0]?.tenant_id;
  if (!tenantId) throw unauthenticated('API key is invalid or revoked');
  return inTenantTransaction(deps.orm, tenantId, async (em) => {
    const key = await em.findOne(ApiKey, { tenantId, id: parsed.keyId });
    if (!key || key.revokedAt || !secretMatches(parsed.secret, key.secretHash)) {
      throw unauthenticated('API key is invalid or revoked');
    }
    const tenant = await activeTenant(em, tenantId);
    const now = deps.clock.now();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
      await em.nativeUpdate(ApiKey, { tenantId, id: key.id }, { lastUsedAt: now });
    }
    return {
      tenantId,
      tenantKind: tenant.kind,
      principal: { kind: 'API_KEY', id: key.id, role: key.role, permissions: permissionsOf(key.role) },
    };
  });
}

async function authenticateAccessToken(deps: AuthDeps, token: string): Promise<AuthenticatedCaller> {
  let claims;
  try {
    claims = await verifyAccessToken(deps.tokens, token, deps.clock.now());
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
    throw error;
  }
  const { tenantId, userId } = claims;
  return inTenantTransaction(deps.orm, tenantId, async (em) => {
    const user = await em.findOne(StaffUser, { tenantId, id: userId });
    if (!user || user.status !== StaffStatus.ACTIVE) throw unauthenticated('User is disabled or no longer exists');
    const tenant = await activeTenant(em, tenantId);
    // The role is read from the database, not the token: a demotion takes effect at once.
    return {
      tenantId,
      tenantKind: tenant.kind,
      principal: { kind: 'USER', id: user.id, role: user.role, permissions: permissionsOf(user.role) },
    };
  });
}

async function activeTenant(em: Parameters<Parameters<typeof inTenantTransaction>[2]>[0], tenantId: string): Promise<Tenant> {
  const tenant = await em.findOne(Tenant, { id: tenantId });
  if (!tenant || tenant.status !== TenantStatus.ACTIVE) throw unauthenticated('Tenant is suspended or does not exist');
  return tenant;
}
