import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Locale } from '../../core/enums';

/**
 * A tenant's wording of one message in one locale, overriding the built-in
 * default: an HQ's row speaks for its whole network, a store's for itself.
 * The key is kept as text so that a key retired from the code does not make
 * old rows unreadable.
 */
@Entity({ tableName: 'message_templates' })
export class MessageTemplate extends TenantScopedEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @Property({ type: 'text' }) templateKey!: string;
  @Enum({ items: () => Locale }) locale!: Locale;

  /** One line; placeholders like `{{ticketNumber}}`. */
  @Property({ type: 'text' }) subject!: string;

  /** Plain text; placeholders like `{{ticketNumber}}`. */
  @Property({ type: 'text' }) body!: string;

  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
