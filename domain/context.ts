import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from './ports/database';
import { Role, TenantKind } from '../core/enums';
import type { Clock } from '../core/clock';
import { UserInputError } from './errors';
import { Permission } from './permissions';

/** Who is acting: a staff user, a system's API key, or the platform itself (jobs, CLI). */
export interface Principal {
  kind: 'USER' | 'API_KEY' | 'SYSTEM';
  id: string | null;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
}

/**
 * The context every domain service takes first: the tenant it acts for, who
 * acts, and the EntityManager whose transaction is bound to that tenant (RLS).
 */
export interface TenantContext {
  tenantId: string;
  tenantKind: TenantKind;
  principal: Principal;
  em: EntityManager;
  clock: Clock;
}

export const SYSTEM_PRINCIPAL: Principal = {
  kind: 'SYSTEM',
  id: null,
  role: null,
  permissions: new Set(Object.values(Permission)),
};

let savepointCounter = 0;

/**
 * Runs a mutation's writes inside a savepoint of the request's transaction and
 * flushes them: either all of it lands or none of it, and a failure (a user
 * error, a constraint) leaves the request's transaction usable.
 */
export async function atomically<T>(ctx: TenantContext, work: () => Promise<T>): Promise<T> {
  const name = `mutation_${++savepointCounter}`;
  await ctx.em.execute(`savepoint ${name}`);
  try {
    const result = await work();
    await ctx.em.flush();
    await ctx.em.execute(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await ctx.em.execute(`rollback to savepoint ${name}`);
    ctx.em.clear();
    // A versioned UPDATE matched no row: someone saved a newer version between our read and our write.
    if (error instanceof OptimisticLockError) {
      throw new UserInputError('STALE', 'Changed by someone else meanwhile; reload and retry', ['expectedVersion']);
    }
    throw error;
  }
}
