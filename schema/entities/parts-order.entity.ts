import { Collection, Entity, Enum, ManyToOne, OneToMany, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, Int, ObjectType } from 'type-graphql';
import { PartsOrderStatus } from '../../core/desk-enums';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: 'A part ordered for a ticket, with its expected arrival date.' })
@Entity({ tableName: 'parts_orders' })
export class PartsOrder extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'version' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'PartsOrder';

  @Property({ type: 'uuid' })
  ticketId!: string;

  @Field({ description: 'Part number.' })
  @Property({ type: 'text' })
  partNumber!: string;

  @Field({ description: 'What the part is.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => Int, { description: 'How many.' })
  @Property({ type: 'integer' })
  quantity!: number;

  @Field({ description: 'Who supplies it.' })
  @Property({ type: 'text' })
  supplier!: string;

  @Field({ description: 'When it was ordered.' })
  @Property({ type: 'datetime' })
  orderedAt!: Date;

  @Field({ description: 'When it is expected (YYYY-MM-DD); every change is kept in `dateChanges`.' })
  @Property({ type: 'date' })
  expectedOn!: string;

  @Field(() => Date, { nullable: true, description: 'When it arrived.' })
  @Property({ type: 'datetime', nullable: true })
  arrivedAt?: Date | null;

  @Field(() => PartsOrderStatus, { description: 'Ordered, arrived or cancelled.' })
  @Enum({ items: () => PartsOrderStatus })
  status!: PartsOrderStatus;

  @VersionColumn('Increments on every change.')
  version = 1;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;

  /**
   * Every change of the expected date, oldest first. `load({ dataloader: true })`
   * loads those of every parts order asked for in one tick with one statement.
   */
  @OneToMany(() => PartsOrderDateChange, (change) => change.partsOrder, { orderBy: { changedAt: 'asc', id: 'asc' } })
  dateChanges = new Collection<PartsOrderDateChange>(this);
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
  @Property({ type: 'uuid', persist: false })
  partsOrderId!: string;

  @Field({ description: 'The date expected before the change.' })
  @Property({ type: 'date' })
  previousOn!: string;

  @Field({ description: 'The new expected date.' })
  @Property({ type: 'date' })
  expectedOn!: string;

  @Field(() => String, { nullable: true, description: 'Why it moved, as the supplier said.' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field({ description: 'When the change was recorded.' })
  @Property({ type: 'datetime' })
  changedAt!: Date;

  @Property({ type: 'uuid', nullable: true })
  changedBy?: string | null;
}
