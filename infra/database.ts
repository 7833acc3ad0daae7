import { MikroORM } from '@mikro-orm/postgresql';
import type { Orm } from '../domain/ports/database';
import { ENTITIES } from '../schema/entities';
import { bindEntityClock, TimeSource } from '../schema/entities/entity-clock';
import { QueryableConnection, serializeQueries } from './serial-queries';

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
    pool: {
      min: 0,
      max: poolMax,
      // Resolvers of one request share its transaction's connection: its queries wait their turn (infra/serial-queries.ts).
      afterCreate: (connection: QueryableConnection, done: (error: Error | null, connection: QueryableConnection) => void) => {
        serializeQueries(connection);
        done(null, connection);
      },
    },
    debug: false,
  });
  if (clock) bindEntityClock(orm.config, clock);
  return orm;
}
