import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { beginAuthenticated } from '../../domain/auth/authenticate';
import type { TenantContext } from '../../domain/context';
import { AccessError } from '../../domain/errors';
import { EntityManager } from '../../domain/ports/database';
import type { ApiContext, ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { createLoaders, Loaders } from '../loaders';
import { deadlineOf, requestTimeoutError } from './request-deadline';

/**
 * Builds the context of one GraphQL request: authenticates the bearer
 * credential, then opens the request's transaction bound to the caller's
 * tenant. Anonymous requests get no transaction (only public operations run).
 */
export async function createRequestContext(deps: ApiDeps, limits: EdgeLimits, request: FastifyRequest): Promise<ApiContext> {
  const deadline = deadlineOf(request);
  const context: ApiContext = {
    deps,
    deadline,
    requestId: request.id,
    clientAddress: request.ip,
    loginThrottle: limits.loginThrottle,
    statusLookups: limits.statusLookups,
    caller: null,
    tenant: null,
    loaders: null,
  };
  const credential = bearerCredential(request.headers.authorization);
  if (!credential) return context;
  // BEGIN, then one statement binds the tenant, sets the statement timeout and verifies the caller.
  let em: EntityManager | null = null;
  try {
    const begun = await beginAuthenticated(deps, credential, deps.config.STATEMENT_TIMEOUT_MS);
    em = begun.em;
    deadline?.attach(deps.orm, begun.backendPid);
    // Answered REQUEST_TIMEOUT already while authenticating: nothing more is done for it.
    if (deadline?.expired) throw requestTimeoutError(deps.config.REQUEST_TIMEOUT_MS);
    context.caller = begun.caller;
  } catch (error) {
    if (em) await em.rollback().catch(() => undefined);
    if (error instanceof AccessError) {
      throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
    throw error;
  }
  const tenant: TenantContext = {
    tenantId: context.caller.tenantId,
    tenantKind: context.caller.tenantKind,
    principal: context.caller.principal,
    em,
    clock: deps.clock,
  };
  context.tenant = tenant;
  // Built on first use: most operations (a ping, a mutation) never touch a loader.
  let loaders: Loaders | null = null;
  Object.defineProperty(context, 'loaders', { enumerable: true, get: () => (loaders ??= createLoaders(tenant)) });
  // Safety net: if the request dies before Apollo's last hook, the server's onResponse rolls back.
  (request as FastifyRequest & { apiContext?: ApiContext }).apiContext = context;
  return context;
}

export async function finishRequestTransaction(context: ApiContext, outcome: 'commit' | 'rollback'): Promise<void> {
  const tenant = context.tenant;
  if (!tenant || !tenant.em.isInTransaction()) return;
  const deadline = context.deadline;
  if (outcome === 'commit' && (!deadline || deadline.beginCommit())) return tenant.em.commit();
  // A request past its deadline never commits; its connection goes back to the pool once the cancel aimed at it has landed.
  await deadline?.settled();
  await tenant.em.rollback();
}

/** A present but unusable Authorization header is an error, never a silent fall-back to anonymous. */
function bearerCredential(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) {
    throw new GraphQLError('Authorization header must be "Bearer <API key or access token>"', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return match[1];
}
