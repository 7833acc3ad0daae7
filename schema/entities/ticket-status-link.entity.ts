import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { clockNow } from './entity-clock';

/**
 * One link to a ticket's public status page, as sent in one message to its
 * customer. Only the token's hash is kept; the token itself is in the
 * customer's message. Never part of the GraphQL schema.
 */
@Entity({ tableName: 'ticket_status_links' })
export class TicketStatusLink {
  [OptionalProps]?: 'createdAt';
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  ticketId!: string;

  /** sha256 (hex) of the link's token. */
  @Property({ type: 'text', hidden: true })
  tokenHash!: string;

  @Property({ type: 'datetime', onCreate: clockNow, defaultRaw: 'now()' })
  createdAt!: Date;
}
