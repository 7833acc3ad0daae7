import { Entity, Enum, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { AUDIT_ACTOR_KINDS } from '../enums';
import { clockNow } from './entity-clock';
import { randomUUID } from 'node:crypto';

/** Something worth answering "who did that, and when" for: provisioning, keys, cross-tenant reads. */
@Entity({ tableName: 'audit_events' })
export class AuditEvent {
  [OptionalProps]?: 'detail' | 'occurredAt';
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  @Enum({ items: [...AUDIT_ACTOR_KINDS] })
  actorKind!: 'USER' | 'API_KEY' | 'SYSTEM';

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'json', defaultRaw: "'{}'" })
  detail: Record<string, unknown> = {};

  @Property({ type: 'datetime', onCreate: clockNow, defaultRaw: 'now()' })
  occurredAt!: Date;
}
