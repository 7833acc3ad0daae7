import { Entity, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';

/**
 * A store's Stripe customer, created by the worker for the store's first
 * subscription checkout (key `sub-customer:<checkout id>`) and reused for
 * every later one. Stripe's subscription events are matched to the store by
 * this customer, after the object they name has been read back from Stripe.
 */
@Entity({ tableName: 'billing_customers' })
export class BillingCustomer extends TenantScopedEntity {
  /** `cus_...` */
  @Property({ type: 'text' }) stripeCustomerId!: string;

  @Property({ type: 'datetime' }) createdAt!: Date;
}
