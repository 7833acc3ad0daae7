import type { EntityManager } from '../ports/database';
import { ApiKey } from '../../schema/entities';
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

/** A transaction bound to the verified caller's tenant, ready for the request's work. */
export interface AuthenticatedTransaction {
  em: EntityManager;
  /** The database session running it: the one to cancel when the request's deadline passes. */
  backendPid: number;
  caller: AuthenticatedCaller;
}

/** Recording every use would write on every request; a minute's precision is enough. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * Verifies a bearer credential (an API key or an access token) and opens a
 * transaction bound to its tenant, in one statement after BEGIN
 * (request_begin_api_key / request_begin_session): the tenant binding, the
 * statement timeout and the caller's current state travel in one round trip.
 * Nothing is cached: a revoked key, an ended session, a disabled user and a
 * suspended tenant all end in UNAUTHENTICATED on their very next request.
 * `statementTimeoutMs`: null keeps the pool's own.
 */
export async function beginAuthenticated(deps: AuthDeps, credential: string, statementTimeoutMs: number | null): Promise<AuthenticatedTransaction> {
  const timeout = statementTimeoutMs === null ? null : String(statementTimeoutMs);
  const start = looksLikeApiKey(credential) ? startWithApiKey(deps, credential, timeout) : await startWithAccessToken(deps, credential, timeout);
  const em = deps.orm.em.fork({ clear: true });
  await em.begin();
  try {
    return { em, ...(await start(em)) };
  } catch (error) {
    await em.rollback().catch(() => undefined);
    throw error;
  }
}

/** Verifies in a transaction of its own (for callers without a request transaction). */
export async function authenticate(deps: AuthDeps, credential: string): Promise<AuthenticatedCaller> {
  const begun = await beginAuthenticated(deps, credential, null);
  await begun.em.commit();
  return begun.caller;
}

type Start = (em: EntityManager) => Promise<{ backendPid: number; caller: AuthenticatedCaller }>;

interface ApiKeyRow {
  tenant_id: string;
  pid: number;
  key_role: Role;
  secret_hash: string;
  revoked: boolean;
  last_used_at: Date | null;
  tenant_kind: TenantKind;
  tenant_status: TenantStatus;
}

function startWithApiKey(deps: AuthDeps, plaintext: string, timeout: string | null): Start {
  const parsed = parseApiKey(plaintext);
  if (!parsed) throw unauthenticated('API key is malformed');
  return async (em) => {
    const [key] = await em.execute<ApiKeyRow[]>('select * from request_begin_api_key(?, ?)', [parsed.keyId, timeout]);
    if (!key || key.revoked || !secretMatches(parsed.secret, key.secret_hash)) throw unauthenticated('API key is invalid or revoked');
    if (key.tenant_status !== TenantStatus.ACTIVE) throw unauthenticated('Tenant is suspended or does not exist');
    const tenantId = key.tenant_id;
    const now = deps.clock.now();
    const lastUsed = key.last_used_at ? new Date(key.last_used_at) : null;
    if (!lastUsed || now.getTime() - lastUsed.getTime() > LAST_USED_PRECISION_MS) {
      await em.nativeUpdate(ApiKey, { tenantId, id: parsed.keyId }, { lastUsedAt: now });
    }
    return {
      backendPid: key.pid,
      caller: {
        tenantId,
        tenantKind: key.tenant_kind,
        principal: { kind: 'API_KEY', id: parsed.keyId, role: key.key_role, permissions: permissionsOf(key.key_role) },
      },
    };
  };
}

/** What may have changed since an access token was issued, read on every request. */
interface AccessState {
  pid: number;
  role: Role;
  user_status: StaffStatus;
  tenant_kind: TenantKind;
  tenant_status: TenantStatus;
  session_open: boolean;
}

async function startWithAccessToken(deps: AuthDeps, token: string, timeout: string | null): Promise<Start> {
  let claims;
  try {
    claims = await verifyAccessToken(deps.tokens, token, deps.clock.now());
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
    throw error;
  }
  const { tenantId, userId, sessionId } = claims;
  return async (em) => {
    // The role, the user's and the tenant's status and the session's revocation come from the
    // database, not the token: a demotion, a disabled user, a suspended tenant and a logout
    // (or a replayed refresh token, which ends the session) take effect at once.
    const [state] = await em.execute<AccessState[]>('select * from request_begin_session(?, ?, ?, ?)', [tenantId, userId, sessionId, timeout]);
    if (!state || state.user_status !== StaffStatus.ACTIVE) throw unauthenticated('User is disabled or no longer exists');
    if (state.tenant_status !== TenantStatus.ACTIVE) throw unauthenticated('Tenant is suspended or does not exist');
    if (!state.session_open) throw unauthenticated('The session has ended (signed out): sign in again');
    return {
      backendPid: state.pid,
      caller: {
        tenantId,
        tenantKind: state.tenant_kind,
        principal: { kind: 'USER', id: userId, role: state.role, permissions: permissionsOf(state.role) },
      },
    };
  };
}
