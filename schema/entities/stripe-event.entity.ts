import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';

/**
 * A Stripe event we accepted: stored once per event id (a repeated delivery
 * finds it and stops there) and processed once by a STRIPE_EVENT action.
 */
@Entity({ tableName: 'stripe_events' })
export class StripeEvent extends TenantScopedEntity {
  [OptionalProps]?: 'processedAt' | 'outcome';

  /** `evt_...`: Stripe's id, the same on every delivery of the event. */
  @Property({ type: 'text' }) stripeEventId!: string;

  @Property({ type: 'text' }) type!: string;
  @Property({ type: 'boolean' }) livemode!: boolean;

  /** The object the event is about (`sub_...`, `in_...`, `cs_...`). */
  @Property({ type: 'text', nullable: true }) objectId?: string | null;

  /** The verified event as Stripe sent it. */
  @Property({ type: 'json' }) payload!: Record<string, unknown>;

  @Property({ type: 'datetime' }) receivedAt!: Date;
  @Property({ type: 'datetime', nullable: true }) processedAt?: Date | null;
  @Property({ type: 'json', nullable: true }) outcome?: Record<string, unknown> | null;
}
