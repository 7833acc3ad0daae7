import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Currency, money } from '../../core/money';
import { MoneyObject } from '../graphql/money.types';
import { Node } from '../graphql/node';
import { QuoteState } from '../../core/paid-service-enums';
import { OptionalTextColumn, OptionalTimeColumn, EnumColumn } from './column-fields';

/**
 * An out-of-warranty repair quote on a ticket. The totals are kept on the row
 * for lists and reports, and recomputed from the lines on every write.
 */
@ObjectType({ implements: Node, description: 'A repair quote on a ticket: parts and labour lines, a total computed by the server, and a last valid day.' })
@Entity({ tableName: 'repair_quotes' })
export class RepairQuote extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'partsTotal' | 'labourTotal' | 'total' | 'state' | 'version' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'RepairQuote';

  @Property({ type: 'uuid' }) ticketId!: string;

  /** As stored; GraphQL shows the state as of today (a sent quote past its last day reads EXPIRED). */
  @Enum({ items: () => QuoteState }) state: QuoteState = QuoteState.DRAFT;

  @EnumColumn(() => Currency, 'Currency of every amount of the quote.') currency!: Currency;
  @Property({ type: 'integer' }) partsTotalMinor = 0;
  @Property({ type: 'integer' }) labourTotalMinor = 0;
  @Property({ type: 'integer' }) totalMinor = 0;

  @Field(() => MoneyObject, { description: 'Sum of the parts lines.' })
  get partsTotal(): MoneyObject {
    return MoneyObject.of(money(this.partsTotalMinor, this.currency));
  }

  @Field(() => MoneyObject, { description: 'Sum of the labour lines.' })
  get labourTotal(): MoneyObject {
    return MoneyObject.of(money(this.labourTotalMinor, this.currency));
  }

  @Field(() => MoneyObject, { description: 'What the customer pays: the sum of every line, computed by the server.' })
  get total(): MoneyObject {
    return MoneyObject.of(money(this.totalMinor, this.currency));
  }

  @Field({ description: "The last day (inclusive, YYYY-MM-DD in the store's calendar) the customer may accept the quote." })
  @Property({ type: 'date' })
  validUntil!: string;

  @OptionalTextColumn('What the customer is told with the quote (diagnosis, conditions).') note?: string | null;
  @OptionalTimeColumn('When it was sent to the customer.') sentAt?: Date | null;
  @OptionalTimeColumn('When it was accepted, declined, withdrawn or recorded as expired.') decidedAt?: Date | null;
  @OptionalTextColumn('Why it was declined or withdrawn.') reason?: string | null;
  @Property({ type: 'uuid', nullable: true }) createdBy?: string | null;
  @VersionColumn('Increments on every change; pass it back as `expectedVersion` so two colleagues never overwrite each other.') version = 1;
  @CreatedAt('When it was drafted.') createdAt!: Date;
  @UpdatedAt('When it last changed.') updatedAt!: Date;
}
