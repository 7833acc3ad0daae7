import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { SlaMetric } from '../../core/sla-enums';

/**
 * A turning point of one clock of an open ticket, as of the ticket's last
 * change (see domain/standards/clock-points.ts): what the work queue and the
 * tickets at risk are ranked by. Written with plain statements, never through
 * the unit of work; the entity declares the table for the ORM. Never part of
 * the GraphQL schema.
 */
@Entity({ tableName: 'ticket_clock_points' })
export class TicketClockPoint {
  [PrimaryKeyProp]?: ['tenantId', 'ticketId', 'metric'];

  @PrimaryKey({ type: 'uuid' }) tenantId!: string;
  @PrimaryKey({ type: 'uuid' }) ticketId!: string;
  @Enum({ items: () => SlaMetric, primary: true }) metric!: SlaMetric;

  /** When the clock is (or was) at risk: the standard's share of its target used. */
  @Property({ type: 'datetime' }) atRiskAt!: Date;

  /** When it is (or was) due: breached from then on. */
  @Property({ type: 'datetime' }) dueAt!: Date;

  @Property({ type: 'datetime' }) computedAt!: Date;
}
