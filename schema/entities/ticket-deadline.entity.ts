import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * A ticket's most urgent deadline as of its last change (see
 * domain/standards/ticket-deadline.ts): the order of the desk's work queue.
 * Written with one upsert statement, never through the unit of work; the
 * entity declares the table for the ORM. Never part of the GraphQL schema.
 */
@Entity({ tableName: 'ticket_deadlines' })
export class TicketDeadline {
  [PrimaryKeyProp]?: ['tenantId', 'ticketId'];

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid' })
  ticketId!: string;

  /** The earliest due or breach instant of a clock still running, at risk or breached; null when none is. */
  @Property({ type: 'datetime', nullable: true })
  dueAt!: Date | null;

  @Property({ type: 'datetime' })
  computedAt!: Date;
}
