import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/**
 * The database as the domain is handed it: a MikroORM pool on PostgreSQL,
 * opened by the process that runs the domain (infra/database.ts opens it;
 * api, worker and the CLI pass it in). The domain never opens one itself.
 */
export type { EntityManager };
export type Orm = MikroORM;
