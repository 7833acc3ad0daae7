import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { Field, ID, ObjectType } from 'type-graphql';
import { Currency, money } from '../../core/money';
import { PaymentAnomalyReason, PaymentAnomalySubject } from '../../core/billing-enums';
import { toGlobalId } from '../../core/global-id';
import { MoneyObject } from '../graphql/money.types';
import { TextColumn, OptionalTextColumn, EnumColumn, OptionalIntColumn, TimeColumn } from './column-fields';

/**
 * A Stripe event that was checked and refused: nothing of the store changed
 * because of it. A payment that is not the order's own (another Checkout
 * Session naming the order, a short amount, a foreign currency, a payment
 * Stripe does not report as made) or an event about another Stripe
 * customer's subscription. Kept once per Stripe object and reason, for the
 * store's managers to look into.
 */
@ObjectType({
  description:
    "A Stripe event that was refused, and why: nothing of the store changed because of it (store managers look into it, e.g. refund a payment that was not the order's).",
})
@Entity({ tableName: 'payment_anomalies' })
export class PaymentAnomaly extends TenantScopedEntity {
  [OptionalProps]?: 'expected' | 'orderNodeId';

  @EnumColumn(() => PaymentAnomalySubject, "An order's payment, or the store's own subscription.") subject!: PaymentAnomalySubject;
  @EnumColumn(() => PaymentAnomalyReason, 'Why the event was refused.') reason!: PaymentAnomalyReason;
  @TextColumn('What arrived and what was expected, in English.') message!: string;
  @TextColumn('The Stripe event that reported it first (`evt_...`).') stripeEventId!: string;
  @TextColumn('Its type, e.g. `checkout.session.completed`.') stripeEventType!: string;
  @TextColumn('The Stripe object it was about (`cs_...`, `sub_...`, `in_...`): look it up in the Stripe dashboard.') stripeObjectId!: string;
  @Property({ type: 'uuid', nullable: true }) orderId?: string | null;

  @Field(() => ID, {
    name: 'orderId',
    nullable: true,
    description: 'The order of the store the payment named, if any (a ServiceOrder: read it with `node(id:)`).',
  })
  get orderNodeId(): string | null {
    return this.orderId ? toGlobalId('ServiceOrder', this.orderId) : null;
  }

  @Property({ type: 'integer', nullable: true }) expectedMinor?: number | null;

  /** Text, not an enum: the anomaly is kept whatever was expected (the database checks only the shape of the code). */
  @Property({ type: 'text', nullable: true }) expectedCurrency?: Currency | null;

  @Field(() => MoneyObject, { nullable: true, description: 'What the order expected: its total, in its currency.' })
  get expected(): MoneyObject | null {
    return this.expectedMinor == null || !this.expectedCurrency ? null : MoneyObject.of(money(this.expectedMinor, this.expectedCurrency));
  }

  @OptionalIntColumn('What Stripe says was paid, in the minor unit of `receivedCurrency`.') receivedMinor?: number | null;
  @OptionalTextColumn('The ISO 4217 currency Stripe says was paid in (any currency Stripe has, e.g. `USD`).') receivedCurrency?: string | null;
  @TimeColumn('When it was refused.') createdAt!: Date;
}
