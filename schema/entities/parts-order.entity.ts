import { Collection, Entity, ManyToOne, OneToMany, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { PartsOrderStatus } from '../../core/desk-enums';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTextColumn, OptionalTimeColumn, IntColumn, EnumColumn, TimeColumn } from './column-fields';

@ObjectType({ implements: Node, description: 'A part ordered for a ticket, with its expected arrival date.' })
@Entity({ tableName: 'parts_orders' })
export class PartsOrder extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'version' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'PartsOrder';

  @Property({ type: 'uuid' }) ticketId!: string;
  @TextColumn('Part number.') partNumber!: string;
  @TextColumn('What the part is.') description!: string;
  @IntColumn('How many.') quantity!: number;
  @TextColumn('Who supplies it.') supplier!: string;
  @TimeColumn('When it was ordered.') orderedAt!: Date;

  @Field({ description: 'When it is expected (YYYY-MM-DD); every change is kept in `dateChanges`.' })
  @Property({ type: 'date' })
  expectedOn!: string;

  @OptionalTimeColumn('When it arrived.') arrivedAt?: Date | null;
  @EnumColumn(() => PartsOrderStatus, 'Ordered, arrived or cancelled.') status!: PartsOrderStatus;
  @VersionColumn('Increments on every change.') version = 1;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  /**
   * Every change of the expected date, oldest first. `load({ dataloader: true })`
   * loads those of every parts order asked for in one tick with one statement.
   */
  @OneToMany(() => PartsOrderDateChange, (change) => change.partsOrder, { orderBy: { changedAt: 'asc', id: 'asc' } }) dateChanges =
    new Collection<PartsOrderDateChange>(this);
}

@ObjectType({ description: "A change of a part's expected arrival date." })
@Entity({ tableName: 'parts_order_date_changes' })
export class PartsOrderDateChange extends TenantScopedEntity {
  [OptionalProps]?: 'partsOrderId';

  /** The parts order, over the same (tenant_id, parts_order_id) key as the foreign key of the migration. */
  @ManyToOne(() => PartsOrder, {
    fieldNames: ['tenant_id', 'parts_order_id'],
    ref: true,
    updateRule: 'no action',
    foreignKeyName: 'parts_order_date_changes_tenant_id_parts_order_id_fkey',
  })
  partsOrder!: Ref<PartsOrder>;

  /** The parts order's id, read from the relation's column; only `partsOrder` writes it. */
  @Property({ type: 'uuid', persist: false }) partsOrderId!: string;

  @Field({ description: 'The date expected before the change.' })
  @Property({ type: 'date' })
  previousOn!: string;

  @Field({ description: 'The new expected date.' })
  @Property({ type: 'date' })
  expectedOn!: string;

  @OptionalTextColumn('Why it moved, as the supplier said.') reason?: string | null;
  @TimeColumn('When the change was recorded.') changedAt!: Date;
  @Property({ type: 'uuid', nullable: true }) changedBy?: string | null;
}
