import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Currency, money } from '../../core/money';
import { MoneyObject } from '../graphql/money.types';
import { Node } from '../graphql/node';
import { ServiceOrderKind, ServiceOrderState } from '../../core/service-order-enums';
import { OptionalTextColumn, OptionalTimeColumn, EnumColumn } from './column-fields';

/**
 * An order of paid services (or of one repair quote) on a ticket, paid by
 * the customer through a Stripe Checkout link. Its id travels to Stripe as
 * the session's `client_reference_id` and in the metadata of the session and
 * its payment intent: that is how Stripe's events find their way back to it.
 */
@ObjectType({ implements: Node, description: 'An order of paid services, or of a repair quote, on a ticket; the customer pays it by a Stripe Checkout link.' })
@Entity({ tableName: 'service_orders' })
export class ServiceOrder extends TenantScopedNode {
  [OptionalProps]?:
    | 'nodeId'
    | 'total'
    | 'amountPaid'
    | 'amountRefunded'
    | 'refundPending'
    | 'refundable'
    | 'state'
    | 'refundedMinor'
    | 'refundPendingMinor'
    | 'version'
    | 'createdAt'
    | 'updatedAt';
  static override readonly nodeType = 'ServiceOrder';

  @Property({ type: 'uuid' }) ticketId!: string;
  @EnumColumn(() => ServiceOrderKind, 'Paid services, or a repair quote.') kind!: ServiceOrderKind;
  @Property({ type: 'uuid', nullable: true }) quoteId?: string | null;

  /** The ticket's device when the order was drafted: what a warranty extension applies to. */
  @Property({ type: 'uuid', nullable: true }) deviceId?: string | null;

  @EnumColumn(() => ServiceOrderState, 'Where the order is in its life.') state: ServiceOrderState = ServiceOrderState.DRAFT;
  @EnumColumn(() => Currency, 'Currency of every amount of the order.') currency!: Currency;
  @Property({ type: 'integer' }) totalMinor!: number;
  @Property({ type: 'text', nullable: true }) stripeSessionId?: string | null;

  /** Shown only while the order awaits payment and the link works (a field resolver of the api). */
  @Property({ type: 'text', nullable: true }) paymentUrl?: string | null;

  @OptionalTimeColumn('Until when the payment link works.') paymentExpiresAt?: Date | null;
  @Property({ type: 'text', nullable: true }) paymentIntentId?: string | null;
  @Property({ type: 'integer', nullable: true }) paidMinor?: number | null;
  @Property({ type: 'integer' }) refundedMinor = 0;
  @Property({ type: 'integer' }) refundPendingMinor = 0;

  @Field(() => MoneyObject, { description: 'What the customer pays: the sum of the lines, frozen when the order was drafted.' })
  get total(): MoneyObject {
    return MoneyObject.of(money(this.totalMinor, this.currency));
  }

  @Field(() => MoneyObject, { nullable: true, description: 'What Stripe says the customer paid; null before payment.' })
  get amountPaid(): MoneyObject | null {
    return this.paidMinor == null ? null : MoneyObject.of(money(this.paidMinor, this.currency));
  }

  @Field(() => MoneyObject, { description: 'What has been refunded so far (refunds Stripe confirmed).' })
  get amountRefunded(): MoneyObject {
    return MoneyObject.of(money(this.refundedMinor, this.currency));
  }

  @Field(() => MoneyObject, { description: 'Refunds asked of Stripe whose outcome is not known yet.' })
  get refundPending(): MoneyObject {
    return MoneyObject.of(money(this.refundPendingMinor, this.currency));
  }

  @Field(() => MoneyObject, { description: 'What may still be refunded: paid, less refunded and pending refunds.' })
  get refundable(): MoneyObject {
    return MoneyObject.of(money(Math.max(0, (this.paidMinor ?? 0) - this.refundedMinor - this.refundPendingMinor), this.currency));
  }

  @OptionalTimeColumn('When payment was requested (the link is created within seconds).') paymentRequestedAt?: Date | null;
  @OptionalTimeColumn('When the payment arrived.') paidAt?: Date | null;
  @OptionalTimeColumn('When the service started.') startedAt?: Date | null;
  @OptionalTimeColumn('When the service was delivered.') completedAt?: Date | null;
  @OptionalTimeColumn('When the store cancelled it.') cancelledAt?: Date | null;
  @OptionalTextColumn('Why the store cancelled it.') cancelReason?: string | null;
  @OptionalTimeColumn('When the payment link lapsed unpaid.') expiredAt?: Date | null;
  @OptionalTimeColumn('When the whole payment had been refunded.') refundedAt?: Date | null;
  @Property({ type: 'uuid', nullable: true }) createdBy?: string | null;
  @VersionColumn('Increments on every change; pass it back as `expectedVersion` so two colleagues never overwrite each other.') version = 1;
  @CreatedAt('When it was drafted.') createdAt!: Date;
  @UpdatedAt('When it last changed.') updatedAt!: Date;
}
