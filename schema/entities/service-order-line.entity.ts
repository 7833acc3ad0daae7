import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { Field, ObjectType } from 'type-graphql';
import { Currency, money } from '../../core/money';
import { MoneyObject } from '../graphql/money.types';
import { ServiceOrderLineKind } from '../../core/service-order-enums';
import { TextColumn, OptionalTextColumn, IntColumn, EnumColumn, OptionalIntColumn } from './column-fields';

/**
 * One line of an order, as it was sold: the service's code, names and the
 * store's price are copied when the order is drafted, so a later change of
 * the catalogue or of the price list never changes what the customer pays.
 */
@ObjectType({ description: 'A line of an order, frozen as it was sold: the service and the price the store charged for it then.' })
@Entity({ tableName: 'service_order_lines' })
export class ServiceOrderLine extends TenantScopedEntity {
  [OptionalProps]?: 'unitPrice' | 'amount' | 'quantity';

  @Property({ type: 'uuid' }) orderId!: string;
  @IntColumn('Place of the line in the order, from 1.') position!: number;
  @EnumColumn(() => ServiceOrderLineKind, 'A paid service, or a repair quote.') kind!: ServiceOrderLineKind;

  /** The service of HQ's catalogue (SERVICE lines). */
  @Property({ type: 'uuid', nullable: true }) serviceId?: string | null;

  @OptionalTextColumn("The service's code when it was sold, e.g. `DUST_CLEANING`; null for a quote.") code?: string | null;

  @Field({ description: 'What was sold, in Simplified Chinese (zh-CN).' })
  @Property({ type: 'text', fieldName: 'name_zh_cn' })
  nameZhCn!: string;

  @TextColumn('What was sold, in English (en).') nameEn!: string;
  @IntColumn('How many (always 1: a service is sold once per line).') quantity = 1;
  @Property({ type: 'integer' }) unitPriceMinor!: number;
  @Property({ type: 'integer' }) amountMinor!: number;

  /** Always its order's currency (the database refers to the order and its currency together). */
  @Enum({ items: () => Currency }) currency!: Currency;

  @OptionalIntColumn("By how many months buying it extends the device's warranty, if it does.") warrantyExtensionMonths?: number | null;

  /** The device's extended warranty end before this line was applied (to restore it if the whole order is refunded). */
  @Property({ type: 'date', nullable: true }) warrantyPreviousUntil?: string | null;

  @Field(() => String, { nullable: true, description: "The device's extended warranty end (YYYY-MM-DD) this line set once paid." })
  @Property({ type: 'date', nullable: true })
  warrantyExtendedUntil?: string | null;

  @Field(() => MoneyObject, { description: "The store's price when the order was drafted." })
  get unitPrice(): MoneyObject {
    return MoneyObject.of(money(this.unitPriceMinor, this.currency));
  }

  @Field(() => MoneyObject, { description: 'Quantity × unit price.' })
  get amount(): MoneyObject {
    return MoneyObject.of(money(this.amountMinor, this.currency));
  }
}
