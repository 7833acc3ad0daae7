import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';

/** A published version of an HQ's service standard; the definition is the parsed template. */
@Entity({ tableName: 'sla_templates' })
export class SlaTemplateVersion extends TenantScopedEntity {
  [OptionalProps]?: 'publishedAt';

  @Property({ type: 'text' }) code!: string;
  @Property({ type: 'integer' }) version!: number;
  @Property({ type: 'json' }) definition!: Record<string, unknown>;
  @CreatedAt() publishedAt!: Date;
  @Property({ type: 'uuid', nullable: true }) publishedBy?: string | null;
}

/** A store's tightened targets. */
@Entity({ tableName: 'sla_overrides' })
export class SlaOverrides extends TenantScopedEntity {
  [OptionalProps]?: 'version' | 'updatedAt' | 'levels';

  @Property({ type: 'json', defaultRaw: "'[]'" }) rules: unknown[] = [];

  /** Escalation levels the store adds before HQ's first one. */
  @Property({ type: 'json', defaultRaw: "'[]'" }) levels: unknown[] = [];

  @Property({ type: 'integer', version: true }) version = 1;
  @UpdatedAt() updatedAt!: Date;
}
