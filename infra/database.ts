import { MikroORM } from '@mikro-orm/postgresql';
import type { Orm } from '../domain/ports/database';
import { ENTITIES } from '../schema/entities';
import { bindEntityClock, TimeSource } from '../schema/entities/entity-clock';

/**
 * Opens the runtime connection pool: the app role, under Row Level Security.
 * `clock`: the process's clock, which stamps `createdAt`/`updatedAt` of what
 * its entities do not set themselves.
 */
export async function openOrm(appDatabaseUrl: string, poolMax = 10, clock?: TimeSource): Promise<Orm> {
  const orm = await MikroORM.init({
    clientUrl: appDatabaseUrl,
    entities: ENTITIES,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: poolMax },
    debug: false,
  });
  if (clock) bindEntityClock(orm.config, clock);
  return orm;
}
