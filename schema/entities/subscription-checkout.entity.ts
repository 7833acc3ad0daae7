import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { SubscriptionCheckoutState } from '../../core/billing-enums';

/**
 * One attempt of a store to subscribe: the worker turns it into a Stripe
 * Checkout Session in subscription mode (idempotency key `sub-checkout:<id>`)
 * and e-mails the link to the store's managers. Stripe's events find the
 * store by its Stripe customer (billing-customer.entity.ts); the session they
 * name is read back from Stripe and marks the checkout it is recorded for.
 */
@Entity({ tableName: 'subscription_checkouts' })
export class SubscriptionCheckout extends TenantScopedEntity {
  [OptionalProps]?: 'state' | 'createdAt' | 'updatedAt';

  /** A plan code of tenants/plans.yaml. */
  @Property({ type: 'text' }) plan!: string;

  @Enum({ items: () => SubscriptionCheckoutState }) state: SubscriptionCheckoutState = SubscriptionCheckoutState.PENDING;

  /** The staff user who asked for it (null for an API key). */
  @Property({ type: 'uuid', nullable: true }) requestedBy?: string | null;

  @Property({ type: 'text', nullable: true }) stripeCustomerId?: string | null;
  @Property({ type: 'text', nullable: true }) stripeSessionId?: string | null;

  /** The payment link, once the worker has created the session. */
  @Property({ type: 'text', nullable: true }) url?: string | null;

  @Property({ type: 'datetime', nullable: true }) expiresAt?: Date | null;

  /** The free trial days carried over to Stripe's trial, if any were left. */
  @Property({ type: 'datetime', nullable: true }) trialEnd?: Date | null;

  @Property({ type: 'datetime', nullable: true }) completedAt?: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
