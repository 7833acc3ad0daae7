import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { Field, ObjectType } from 'type-graphql';
import { Currency, money } from '../../core/money';
import { MoneyObject } from '../graphql/money.types';
import { QuoteLineKind } from '../../core/paid-service-enums';
import { TextColumn, IntColumn, EnumColumn } from './column-fields';

/** One line of a repair quote; its amount is quantity × unit price, computed by the server. */
@ObjectType({ description: 'One line of a repair quote: parts or labour, with its amount computed by the server.' })
@Entity({ tableName: 'repair_quote_lines' })
export class RepairQuoteLine extends TenantScopedEntity {
  [OptionalProps]?: 'unitPrice' | 'amount';

  @Property({ type: 'uuid' }) quoteId!: string;
  @IntColumn('Place of the line in the quote, from 1.') position!: number;
  @EnumColumn(() => QuoteLineKind, 'Parts or labour.') kind!: QuoteLineKind;
  @TextColumn('What is charged, in words the customer understands.') description!: string;
  @IntColumn('How many (parts) or how many units of work (labour).') quantity!: number;
  @Property({ type: 'integer' }) unitPriceMinor!: number;
  @Property({ type: 'integer' }) amountMinor!: number;

  /** Always its quote's currency (the database refers to the quote and its currency together). */
  @Enum({ items: () => Currency }) currency!: Currency;

  @Field(() => MoneyObject, { description: 'Price of one unit.' })
  get unitPrice(): MoneyObject {
    return MoneyObject.of(money(this.unitPriceMinor, this.currency));
  }

  @Field(() => MoneyObject, { description: 'Quantity × unit price.' })
  get amount(): MoneyObject {
    return MoneyObject.of(money(this.amountMinor, this.currency));
  }
}
