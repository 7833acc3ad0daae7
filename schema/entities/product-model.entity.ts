import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: "A product model of HQ's catalogue, with its warranty terms." })
@Entity({ tableName: 'product_models' })
export class ProductModel extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'mainPartCategories' | 'returnDays' | 'exchangeDays' | 'networkReturns' | 'createdAt' | 'updatedAt';

  // The key's tenant: the HQ that owns the catalogue.

  static override readonly nodeType = 'ProductModel';

  @Field({ description: 'Model code, unique in the catalogue, e.g. `XB-14-2026`.' })
  @Property({ type: 'text' })
  modelCode!: string;

  @Field({ description: 'Model name.' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'Product category, e.g. LAPTOP, DESKTOP, MONITOR.' })
  @Property({ type: 'text' })
  category!: string;

  @Field(() => Int, { description: 'Whole-machine warranty, in months from purchase.' })
  @Property({ type: 'integer' })
  wholeMachineMonths!: number;

  @Field(() => Int, { description: 'Warranty of the main parts, in months from purchase.' })
  @Property({ type: 'integer' })
  mainPartsMonths!: number;

  @Field(() => [String], { description: 'Part categories that count as main parts (CPU, MOTHERBOARD, DISK, SCREEN...).' })
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  mainPartCategories: string[] = [];

  @Field(() => Int, { description: 'Days after purchase in which a faulty product may be returned.' })
  @Property({ type: 'integer' })
  returnDays: number = 7;

  @Field(() => Int, { description: 'Days after purchase in which a faulty product may be exchanged.' })
  @Property({ type: 'integer' })
  exchangeDays: number = 15;

  @Field({ description: 'Whether returns and exchanges are offered for products sold by any store of the network.' })
  @Property({ type: 'boolean' })
  networkReturns: boolean = false;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
