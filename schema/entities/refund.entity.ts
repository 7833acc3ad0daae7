import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Currency, money } from '../../core/money';
import { MoneyObject } from '../graphql/money.types';
import { RefundState } from '../../core/service-order-enums';
import { TextColumn, OptionalTextColumn, OptionalTimeColumn, EnumColumn } from './column-fields';

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

  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'integer' }) amountMinor!: number;
  @Enum({ items: () => Currency }) currency!: Currency;

  @Field(() => MoneyObject, { description: 'How much goes back to the customer.' })
  get amount(): MoneyObject {
    return MoneyObject.of(money(this.amountMinor, this.currency));
  }

  @TextColumn('Why, as the store manager gave it (shown to the customer).') reason!: string;
  @EnumColumn(() => RefundState, 'Where the refund stands at Stripe.') state: RefundState = RefundState.PENDING;
  @Property({ type: 'text', nullable: true }) stripeRefundId?: string | null;

  /** Stripe's own word for it (`pending`, `requires_action`...), for a support case. */
  @Property({ type: 'text', nullable: true }) stripeStatus?: string | null;

  @OptionalTextColumn('Why Stripe could not refund it.') failureReason?: string | null;

  /** The staff user who asked for it (null for an API key). */
  @Property({ type: 'uuid', nullable: true }) requestedBy?: string | null;

  @OptionalTimeColumn('When Stripe refunded it.') succeededAt?: Date | null;
  @OptionalTimeColumn('When Stripe refused it.') failedAt?: Date | null;
  @OptionalTimeColumn("When Stripe's webhook confirmed the outcome.") confirmedAt?: Date | null;
  @Property({ type: 'integer', version: true }) version = 1;
  @CreatedAt('When it was asked for.') createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
