import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { AUDIT_ACTOR_KINDS, AUDIT_OUTCOMES, AuditOutcome } from '../../core/enums';
import { CreatedAt } from './timestamp-columns';

/**
 * Something worth answering "who did that, and when" for: every change made
 * through the API (its operation, the objects it touched, its outcome), and
 * the domain's own entries (provisioning, keys, cross-tenant reads).
 */
@Entity({ tableName: 'audit_events' })
export class AuditEvent extends TenantScopedEntity {
  [OptionalProps]?: 'detail' | 'occurredAt' | 'objectIds' | 'outcome' | 'requestId' | 'traceId';

  @Enum({ items: [...AUDIT_ACTOR_KINDS] }) actorKind!: 'USER' | 'API_KEY' | 'SYSTEM';
  @Property({ type: 'uuid', nullable: true }) actorId?: string | null;
  @Property({ type: 'text' }) action!: string;
  @Property({ type: 'json', defaultRaw: "'{}'" }) detail: Record<string, unknown> = {};

  /** The global ids of the objects an operation touched (sent in its input or answered in its payload). */
  @Property({ type: 'text[]', defaultRaw: "'{}'" }) objectIds: string[] = [];

  /** OK, or USER_ERRORS when the operation was refused and changed nothing; null for the domain's own entries. */
  @Enum({ items: [...AUDIT_OUTCOMES], nullable: true }) outcome?: AuditOutcome | null;

  @Property({ type: 'text', nullable: true }) requestId?: string | null;
  @Property({ type: 'text', nullable: true }) traceId?: string | null;
  @CreatedAt() occurredAt!: Date;
}
