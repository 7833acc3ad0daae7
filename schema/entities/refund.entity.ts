import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Currency, money } from '../../core/money';
import { MoneyObject } from '../graphql/money.types';
import { RefundState } from '../../core/service-order-enums';

/**
 * A refund of an order, whole or partial, asked by a store manager with a
 * reason. The worker asks Stripe for it with the idempotency key
 * `refund:<id>`, so a retried job never refunds twice; Stripe's webhook then
 * confirms the outcome.
 */
@ObjectType({ description: 'A refund of an order, whole or partial, with its reason and where it stands at Stripe.' })
@Entity({ tableName: 'refunds' })
export class Refund extends TenantScopedEntity {
  [OptionalProps]?: 'amount' | 'state' | 'version' | 'createdAt' | 'updatedAt';

  @Property({ type: 'uuid' })
  orderId!: string;

  @Property({ type: 'integer' })
  amountMinor!: number;

  @Enum({ items: () => Currency })
  currency!: Currency;

  @Field(() => MoneyObject, { description: 'How much goes back to the customer.' })
  get amount(): MoneyObject {
    return MoneyObject.of(money(this.amountMinor, this.currency));
  }

  @Field({ description: 'Why, as the store manager gave it (shown to the customer).' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => RefundState, { description: 'Where the refund stands at Stripe.' })
  @Enum({ items: () => RefundState })
  state: RefundState = RefundState.PENDING;

  @Property({ type: 'text', nullable: true })
  stripeRefundId?: string | null;

  /** Stripe's own word for it (`pending`, `requires_action`...), for a support case. */
  @Property({ type: 'text', nullable: true })
  stripeStatus?: string | null;

  @Field(() => String, { nullable: true, description: 'Why Stripe could not refund it.' })
  @Property({ type: 'text', nullable: true })
  failureReason?: string | null;

  /** The staff user who asked for it (null for an API key). */
  @Property({ type: 'uuid', nullable: true })
  requestedBy?: string | null;

  @Field(() => Date, { nullable: true, description: 'When Stripe refunded it.' })
  @Property({ type: 'datetime', nullable: true })
  succeededAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When Stripe refused it.' })
  @Property({ type: 'datetime', nullable: true })
  failedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "When Stripe's webhook confirmed the outcome." })
  @Property({ type: 'datetime', nullable: true })
  confirmedAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version = 1;

  @CreatedAt('When it was asked for.')
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
