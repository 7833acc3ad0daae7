import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { TextColumn, IntColumn } from './column-fields';

@ObjectType({ implements: Node, description: "A product model of HQ's catalogue, with its warranty terms." })
@Entity({ tableName: 'product_models' })
export class ProductModel extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'mainPartCategories' | 'returnDays' | 'exchangeDays' | 'networkReturns' | 'createdAt' | 'updatedAt';

  // The key's tenant: the HQ that owns the catalogue.

  static override readonly nodeType = 'ProductModel';

  @TextColumn('Model code, unique in the catalogue, e.g. `XB-14-2026`.') modelCode!: string;
  @TextColumn('Model name.') name!: string;
  @TextColumn('Product category, e.g. LAPTOP, DESKTOP, MONITOR.') category!: string;
  @IntColumn('Whole-machine warranty, in months from purchase.') wholeMachineMonths!: number;
  @IntColumn('Warranty of the main parts, in months from purchase.') mainPartsMonths!: number;

  @Field(() => [String], { description: 'Part categories that count as main parts (CPU, MOTHERBOARD, DISK, SCREEN...).' })
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  mainPartCategories: string[] = [];

  @IntColumn('Days after purchase in which a faulty product may be returned.') returnDays: number = 7;
  @IntColumn('Days after purchase in which a faulty product may be exchanged.') exchangeDays: number = 15;

  @Field({ description: 'Whether returns and exchanges are offered for products sold by any store of the network.' })
  @Property({ type: 'boolean' })
  networkReturns: boolean = false;

  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
