import { Entity, Enum, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { clockNow } from './entity-clock';
import { randomUUID } from 'node:crypto';
import { Locale } from '../enums';

/**
 * A tenant's wording of one message in one locale, overriding the built-in
 * default: an HQ's row speaks for its whole network, a store's for itself.
 * The key is kept as text so that a key retired from the code does not make
 * old rows unreadable.
 */
@Entity({ tableName: 'message_templates' })
export class MessageTemplate {
  [OptionalProps]?: 'createdAt' | 'updatedAt';
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  templateKey!: string;

  @Enum({ items: () => Locale })
  locale!: Locale;

  /** One line; placeholders like `{{ticketNumber}}`. */
  @Property({ type: 'text' })
  subject!: string;

  /** Plain text; placeholders like `{{ticketNumber}}`. */
  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime', onCreate: clockNow, defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', onCreate: clockNow, onUpdate: clockNow, defaultRaw: 'now()' })
  updatedAt!: Date;
}
