import { EntityManager } from '../ports/database';
import { inTenantTransaction } from '../tenant-transaction';
import { ApiKey, Tenant } from '../../schema/entities';
import { Role, StaffStatus, TenantKind, TenantStatus } from '../../core/enums';
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
  const rows = await deps.orm.em.fork().execute<{ tenant_id: string | null }[]>('select auth_api_key_tenant(?) as tenant_id', [parsed.keyId]);
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

/** What may have changed since an access token was issued, read in one statement on every request. */
interface AccessState {
  role: Role;
  user_status: StaffStatus;
  tenant_kind: TenantKind;
  tenant_status: TenantStatus;
  session_open: boolean;
}

async function identifyAccessToken(deps: AuthDeps, token: string): Promise<IdentifiedCredential> {
  let claims;
  try {
    claims = await verifyAccessToken(deps.tokens, token, deps.clock.now());
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
    throw error;
  }
  const { tenantId, userId, sessionId } = claims;
  return {
    tenantId,
    async verify(em) {
      // The role, the user's and the tenant's status and the session's revocation come from the
      // database, not the token, all in one round trip: a demotion, a disabled user, a suspended
      // tenant and a logout (or a replayed refresh token, which ends the session) take effect at once.
      const rows = await em.execute<AccessState[]>(
        `select u.role, u.status as user_status, t.kind as tenant_kind, t.status as tenant_status,
                (s.id is not null and s.revoked_at is null) as session_open
           from staff_users u
           join tenants t on t.id = u.tenant_id
           left join staff_sessions s on s.tenant_id = u.tenant_id and s.id = ? and s.user_id = u.id
          where u.tenant_id = ? and u.id = ?`,
        [sessionId, tenantId, userId],
      );
      const state = rows[0];
      if (!state || state.user_status !== StaffStatus.ACTIVE) throw unauthenticated('User is disabled or no longer exists');
      if (state.tenant_status !== TenantStatus.ACTIVE) throw unauthenticated('Tenant is suspended or does not exist');
      if (!state.session_open) throw unauthenticated('The session has ended (signed out): sign in again');
      return {
        tenantId,
        tenantKind: state.tenant_kind,
        principal: { kind: 'USER', id: userId, role: state.role, permissions: permissionsOf(state.role) },
      };
    },
  };
}

async function activeTenant(em: EntityManager, tenantId: string): Promise<Tenant> {
  const tenant = await em.findOne(Tenant, { id: tenantId });
  if (!tenant || tenant.status !== TenantStatus.ACTIVE) throw unauthenticated('Tenant is suspended or does not exist');
  return tenant;
}
