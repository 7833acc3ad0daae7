import type { RequestDeadline } from './graphql/request-deadline';
import type { RedisClient } from '../infra/redis';
import type { AuthenticatedCaller } from '../domain/auth/authenticate';
import type { AuthDeps } from '../domain/auth/auth-deps';
import type { LoginThrottle } from '../domain/auth/login-throttle';
import type { StatusLookupThrottle } from '../domain/customer-status/lookup-throttle';
import type { TenantContext } from '../domain/context';
import { unauthenticated } from '../domain/errors';
import type { Orm } from '../domain/ports/database';
import type { Config } from '../infra/config';
import type { Loaders } from './loaders';

/** Long-lived collaborators shared by every request. */
export interface ApiDeps extends AuthDeps {
  orm: Orm;
  redis: RedisClient;
  config: Config;
}

/**
 * One per GraphQL request. `tenant` is present once the caller is
 * authenticated: its EntityManager holds the request's transaction, already
 * bound to the caller's tenant.
 */
export interface ApiContext {
  deps: ApiDeps;
  requestId: string;
  clientAddress: string;
  /** Slows password guessing down, per account and per client address (`login`). */
  loginThrottle: LoginThrottle;
  /** Slows guessing at customers' status pages down, per ticket number and per client address. */
  statusLookups: StatusLookupThrottle;
  caller: AuthenticatedCaller | null;
  tenant: TenantContext | null;
  loaders: Loaders | null;
  /** When the request is answered REQUEST_TIMEOUT (absent outside the HTTP edge, e.g. in-process calls). */
  deadline?: RequestDeadline;
  /**
   * The rate limit's answer for a query run while Redis was asked (true: charged,
   * false: refused, so it is rolled back and answered THROTTLED); absent when the
   * request waited for the answer before it ran.
   */
  charge?: Promise<boolean>;
  /** Filled by the cost plugin, read by the response formatter. */
  cost?: Record<string, unknown>;
}

/** The tenant context of an authenticated request; the guard has already refused anonymous callers. */
export function tenantOf(context: ApiContext): TenantContext {
  if (!context.tenant) throw unauthenticated();
  return context.tenant;
}

export function loadersOf(context: ApiContext): Loaders {
  if (!context.loaders) throw unauthenticated();
  return context.loaders;
}
