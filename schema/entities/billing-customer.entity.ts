import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A store's Stripe customer, created by the worker for the store's first
 * subscription checkout (key `sub-customer:<checkout id>`) and reused for
 * every later one. Stripe's subscription events are matched to the store by
 * this customer, after the object they name has been read back from Stripe.
 */
@Entity({ tableName: 'billing_customers' })
export class BillingCustomer {
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  /** `cus_...` */
  @Property({ type: 'text' })
  stripeCustomerId!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
