import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { STORED_SUBSCRIPTION_STATUSES, SubscriptionStatus } from '../../core/billing-enums';

/**
 * A store's subscription as Stripe last described it: one row per store,
 * created by the first Stripe event about it. A store without one is on its
 * free trial (see domain/billing/subscription-state.ts). Never TRIAL_ENDED:
 * that status only describes a store without a row.
 */
@Entity({ tableName: 'store_subscriptions' })
export class StoreSubscription extends TenantScopedEntity {
  [OptionalProps]?: 'cancelAtPeriodEnd' | 'version' | 'createdAt' | 'updatedAt';

  /** A plan code of tenants/plans.yaml. */
  @Property({ type: 'text' }) plan!: string;

  @Enum({ items: [...STORED_SUBSCRIPTION_STATUSES] }) status!: SubscriptionStatus;

  /** Stripe's own status word (`unpaid`, `paused`...). */
  @Property({ type: 'text' }) stripeStatus!: string;

  @Property({ type: 'text' }) stripeCustomerId!: string;
  @Property({ type: 'text' }) stripeSubscriptionId!: string;
  @Property({ type: 'datetime', nullable: true }) trialEndsAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) currentPeriodEnd?: Date | null;
  @Property({ type: 'boolean' }) cancelAtPeriodEnd = false;

  /** When this stretch of being past due began: the grace period counts from here. */
  @Property({ type: 'datetime', nullable: true }) pastDueSince?: Date | null;

  @Property({ type: 'datetime', nullable: true }) canceledAt?: Date | null;

  /** The last invoice whose payment failed, and its hosted page where it can be paid. */
  @Property({ type: 'text', nullable: true }) unpaidInvoiceId?: string | null;

  @Property({ type: 'text', nullable: true }) unpaidInvoiceUrl?: string | null;

  /** When it was last read from Stripe. */
  @Property({ type: 'datetime' }) syncedAt!: Date;

  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
  @Property({ type: 'integer', version: true }) version = 1;
}
