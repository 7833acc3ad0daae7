import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { AUDIT_ACTOR_KINDS } from '../../core/enums';
import { CreatedAt } from './timestamp-columns';

/** Something worth answering "who did that, and when" for: provisioning, keys, cross-tenant reads. */
@Entity({ tableName: 'audit_events' })
export class AuditEvent extends TenantScopedEntity {
  [OptionalProps]?: 'detail' | 'occurredAt';

  @Enum({ items: [...AUDIT_ACTOR_KINDS] })
  actorKind!: 'USER' | 'API_KEY' | 'SYSTEM';

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'json', defaultRaw: "'{}'" })
  detail: Record<string, unknown> = {};

  @CreatedAt()
  occurredAt!: Date;
}
