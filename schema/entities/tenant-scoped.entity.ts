import { PrimaryKey, PrimaryKeyProp } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * The key of every tenant-owned row: `PRIMARY KEY (tenant_id, id)`, so a row
 * can never be addressed, or pointed to, across tenants (see the tenancy rules
 * in docs/architecture.md). The id is made in the process, so an entity knows
 * its key before it is flushed; the database's own default only serves rows
 * that SQL inserts by itself.
 */
export abstract class TenantScopedEntity {
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  /** The tenant that owns the row; Row Level Security shows it to that tenant only. */
  @PrimaryKey({ type: 'uuid' }) tenantId!: string;

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' }) id: string = randomUUID();
}
