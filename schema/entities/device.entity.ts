import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { clockNow } from './entity-clock';
import { Field, ID, ObjectType } from 'type-graphql';
import { PurchaseSource } from '../../core/desk-enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: "A customer's device, found by its serial number." })
@Entity({ tableName: 'devices' })
export class Device extends TenantScopedEntity implements Node {
  [OptionalProps]?: 'nodeId' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { name: 'id', description: 'Global id.' })
  get nodeId(): string {
    return toGlobalId('Device', this.id);
  }

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'uuid' })
  modelId!: string;

  @Field({ description: 'Serial number, unique within the store.' })
  @Property({ type: 'text' })
  serialNumber!: string;

  @Field(() => String, { nullable: true, description: 'Purchase date (YYYY-MM-DD), from the invoice.' })
  @Property({ type: 'date', nullable: true })
  purchaseDate?: string | null;

  @Field(() => PurchaseSource, { description: 'Bought at this store, another store of the network, or elsewhere.' })
  @Enum({ items: () => PurchaseSource })
  purchaseSource!: PurchaseSource;

  @Property({ type: 'uuid', nullable: true })
  purchaseStoreId?: string | null;

  @Field(() => String, { nullable: true, description: 'Invoice number.' })
  @Property({ type: 'text', nullable: true })
  invoiceNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'End of a paid extended warranty (YYYY-MM-DD), if any.' })
  @Property({ type: 'date', nullable: true })
  extendedWarrantyUntil?: string | null;

  @Field({ description: 'When the device was registered.' })
  @Property({ type: 'datetime', onCreate: clockNow, defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', onCreate: clockNow, onUpdate: clockNow, defaultRaw: 'now()' })
  updatedAt!: Date;
}
