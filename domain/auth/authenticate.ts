import { EntityManager, inTenantTransaction } from '../../infra/database';
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
 * A credential whose tenant is known but not yet verified. Verification runs
 * in a transaction already bound to that tenant, so a request can verify and
 * then do its work in the same transaction.
 */
export interface IdentifiedCredential {
  tenantId: string;
  verify(em: EntityManager): Promise<AuthenticatedCaller>;
}

/**
 * Finds which tenant a bearer credential (an API key or an access token)
 * claims to belong to. Wrong, revoked and expired credentials, a disabled user
 * and a suspended tenant all end in UNAUTHENTICATED, here or in `verify`.
 */
export async function identify(deps: AuthDeps, credential: string): Promise<IdentifiedCredential> {
  return looksLikeApiKey(credential) ? identifyApiKey(deps, credential) : identifyAccessToken(deps, credential);
}

/** Identifies and verifies in a transaction of its own (for callers without a request transaction). */
export async function authenticate(deps: AuthDeps, credential: string): Promise<AuthenticatedCaller> {
  const identified = await identify(deps, credential);
  return inTenantTransaction(deps.orm, identified.tenantId, (em) => identified.verify(em));
}

async function identifyApiKey(deps: AuthDeps, plaintext: string): Promise<IdentifiedCredential> {
  const parsed = parseApiKey(plaintext);
  if (!parsed) throw unauthenticated('API key is malformed');
  const rows = await deps.orm.em.fork().execute<{ tenant_id: string | null }[]>(
    'select auth_api_key_tenant(?) as tenant_id',
    [parsed.keyId],
  );
  const tenantId = rows[0]?.tenant_id;
  if (!tenantId) throw unauthenticated('API key is invalid or revoked');
  return {
    tenantId,
    async verify(em) {
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
    },
  };
}

async function identifyAccessToken(deps: AuthDeps, token: string): Promise<IdentifiedCredential> {
  let claims;
  try {
    claims = await verifyAccessToken(deps.tokens, token, deps.clock.now());
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
    throw error;
  }
  const { tenantId, userId } = claims;
  return {
    tenantId,
    async verify(em) {
      const user = await em.findOne(StaffUser, { tenantId, id: userId });
      if (!user || user.status !== StaffStatus.ACTIVE) throw unauthenticated('User is disabled or no longer exists');
      const tenant = await activeTenant(em, tenantId);
      // The role is read from the database, not the token: a demotion takes effect at once.
      return {
        tenantId,
        tenantKind: tenant.kind,
        principal: { kind: 'USER', id: user.id, role: user.role, permissions: permissionsOf(user.role) },
      };
    },
  };
}

async function activeTenant(em: EntityManager, tenantId: string): Promise<Tenant> {
  const tenant = await em.findOne(Tenant, { id: tenantId });
  if (!tenant || tenant.status !== TenantStatus.ACTIVE) throw unauthenticated('Tenant is suspended or does not exist');
  return tenant;
}
