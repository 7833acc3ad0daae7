import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { clockNow } from './entity-clock';
import { randomUUID } from 'node:crypto';

/** Something worth answering "who did that, and when" for: provisioning, keys, cross-tenant reads. */
@Entity({ tableName: 'audit_events' })
export class AuditEvent {
  [OptionalProps]?: 'detail' | 'occurredAt';
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  actorKind!: 'USER' | 'API_KEY' | 'SYSTEM';

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'json' })
  detail: Record<string, unknown> = {};

  @Property({ type: 'datetime', onCreate: clockNow })
  occurredAt!: Date;
}
