import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { PurchaseSource } from '../../core/desk-enums';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTextColumn, EnumColumn } from './column-fields';

@ObjectType({ implements: Node, description: "A customer's device, found by its serial number." })
@Entity({ tableName: 'devices' })
export class Device extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'Device';

  @Property({ type: 'uuid' }) customerId!: string;
  @Property({ type: 'uuid' }) modelId!: string;
  @TextColumn('Serial number, unique within the store.') serialNumber!: string;

  @Field(() => String, { nullable: true, description: 'Purchase date (YYYY-MM-DD), from the invoice.' })
  @Property({ type: 'date', nullable: true })
  purchaseDate?: string | null;

  @EnumColumn(() => PurchaseSource, 'Bought at this store, another store of the network, or elsewhere.') purchaseSource!: PurchaseSource;
  @Property({ type: 'uuid', nullable: true }) purchaseStoreId?: string | null;
  @OptionalTextColumn('Invoice number.') invoiceNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'End of a paid extended warranty (YYYY-MM-DD), if any.' })
  @Property({ type: 'date', nullable: true })
  extendedWarrantyUntil?: string | null;

  @CreatedAt('When the device was registered.') createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
