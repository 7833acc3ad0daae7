import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Currency, money } from '../../core/money';
import { MoneyObject } from '../graphql/money.types';
import { Node } from '../graphql/node';
import { TextColumn, EnumColumn, OptionalIntColumn, BooleanColumn } from './column-fields';

@ObjectType({ implements: Node, description: "A paid service of HQ's catalogue, with the price range its stores must stay inside." })
@Entity({ tableName: 'paid_services' })
export class PaidService extends TenantScopedNode {
  [OptionalProps]?:
    'nodeId' | 'minPrice' | 'maxPrice' | 'includes' | 'extendsWarranty' | 'warrantyExtensionMonths' | 'active' | 'version' | 'createdAt' | 'updatedAt';

  // The key's tenant: the HQ that owns the catalogue.

  static override readonly nodeType = 'PaidService';

  @TextColumn('Code, unique in the catalogue, e.g. `DUST_CLEANING` (upper-case letters, digits, `_` and `-`).') code!: string;

  @Field({ description: 'Name in Simplified Chinese (zh-CN).' })
  @Property({ type: 'text', fieldName: 'name_zh_cn' })
  nameZhCn!: string;

  @TextColumn('Name in English (en).') nameEn!: string;
  @TextColumn('What the service is, for staff and customers.') description!: string;

  @Field(() => [String], { description: 'What the customer gets, one line each.' })
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  includes: string[] = [];

  @EnumColumn(() => Currency, 'Currency of the price range (and of every store price for this service).') currency!: Currency;
  @Property({ type: 'integer' }) minPriceMinor!: number;
  @Property({ type: 'integer' }) maxPriceMinor!: number;

  @Field(() => MoneyObject, { description: 'The lowest price a store may charge.' })
  get minPrice(): MoneyObject {
    return MoneyObject.of(money(this.minPriceMinor, this.currency));
  }

  @Field(() => MoneyObject, { description: 'The highest price a store may charge.' })
  get maxPrice(): MoneyObject {
    return MoneyObject.of(money(this.maxPriceMinor, this.currency));
  }

  @BooleanColumn('Whether the service is done on a device of the customer (an extended warranty always is).') requiresDevice!: boolean;

  @Field({ description: "Whether buying the service extends the device's warranty." })
  @Property({ type: 'boolean' })
  extendsWarranty: boolean = false;

  @OptionalIntColumn('By how many months the warranty is extended; set exactly when `extendsWarranty`.') warrantyExtensionMonths?: number | null = null;

  @Field({ description: 'Whether stores may sell it; HQ deactivates a service instead of deleting it, since orders refer to it.' })
  @Property({ type: 'boolean' })
  active: boolean = true;

  @VersionColumn('Increments on every change; pass it back as `expectedVersion` so two admins never overwrite each other.') version = 1;
  @CreatedAt('When it was added to the catalogue.') createdAt!: Date;
  @UpdatedAt('When it last changed.') updatedAt!: Date;
}
