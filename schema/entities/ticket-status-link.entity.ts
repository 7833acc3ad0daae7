import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt } from './timestamp-columns';

/**
 * One link to a ticket's public status page, as sent in one message to its
 * customer. Only the token's hash is kept; the token itself is in the
 * customer's message. Never part of the GraphQL schema.
 */
@Entity({ tableName: 'ticket_status_links' })
export class TicketStatusLink extends TenantScopedEntity {
  [OptionalProps]?: 'createdAt';

  @Property({ type: 'uuid' }) ticketId!: string;

  /** sha256 (hex) of the link's token. */
  @Property({ type: 'text', hidden: true }) tokenHash!: string;

  @CreatedAt() createdAt!: Date;
}
