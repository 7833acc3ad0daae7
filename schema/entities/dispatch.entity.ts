import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { WorkOrderStatus } from '../../core/desk-enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTextColumn, OptionalTimeColumn, EnumColumn, IntColumn } from './column-fields';

@ObjectType({ implements: Node, description: "A store's record of a repair handed to a partner, with the partner's latest progress." })
@Entity({ tableName: 'dispatches' })
export class Dispatch extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'createdAt';

  static override readonly nodeType = 'Dispatch';

  @Property({ type: 'uuid' })
  ticketId!: string;

  @Property({ type: 'uuid' })
  partnerTenantId!: string;

  @Property({ type: 'uuid' })
  workOrderId!: string;

  @EnumColumn(() => WorkOrderStatus, "The partner's latest reported status.")
  partnerStatus!: WorkOrderStatus;

  @OptionalTextColumn("The partner's latest note.")
  partnerNote?: string | null;

  @OptionalTimeColumn('When the partner last reported.')
  partnerUpdatedAt?: Date | null;

  @CreatedAt('When the repair was dispatched.')
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: "A partner's work order: only what it needs to do the repair handed to it." })
@Entity({ tableName: 'work_orders' })
export class WorkOrder implements Node {
  [OptionalProps]?: 'nodeId' | 'version' | 'createdAt' | 'updatedAt' | 'reworks';
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Global id.' })
  get nodeId(): string {
    return toGlobalId('WorkOrder', this.id);
  }

  @Property({ type: 'uuid' })
  sourceTenantId!: string;

  @Property({ type: 'uuid' })
  sourceDispatchId!: string;

  @TextColumn("The store's ticket number, to quote when talking to the store.")
  reference!: string;

  @OptionalTextColumn('Device model.')
  deviceModel?: string | null;

  @OptionalTextColumn('Device serial number.')
  deviceSerial?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "The store's deadline: when the store's ticket is due to be resolved, as it stood when the repair was handed over (null when it had no running resolution target).",
  })
  @Property({ type: 'timestamptz', nullable: true })
  storeDueAt?: Date | null;

  @TextColumn('The problem to repair.')
  problem!: string;

  @Field(() => GraphQLJSON, { description: 'Parts ordered for it: part number, description, quantity, expected date.' })
  @Property({ type: 'json', defaultRaw: "'[]'" })
  parts: unknown[] = [];

  @EnumColumn(() => WorkOrderStatus, 'Progress of the work.')
  status!: WorkOrderStatus;

  @OptionalTextColumn('Latest note for the store.')
  note?: string | null;

  @OptionalTimeColumn('When the repair was reported done (after a rework, the last time); null while it is not.')
  repairedAt?: Date | null;

  @OptionalTimeColumn('When the device was reported returned to the store; null until then.')
  returnedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @IntColumn('Times the repair was reported done and then taken back into repair.')
  reworks = 0;

  @VersionColumn('Increments on every change.')
  version = 1;

  @CreatedAt('When the work order was received.')
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
