import { Entity, OptionalProps, Enum, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { CustomerTier, Locale } from '../../core/enums';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: "A store's end customer: whom service requests are for. Not a login." })
@Entity({ tableName: 'customers' })
export class Customer extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'tier' | 'locale' | 'version' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'Customer';

  @Field({ description: 'Name as the customer gave it.' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'Phone number, digits only with an optional leading +.' })
  @Property({ type: 'text' })
  phone!: string;

  @Field(() => String, { nullable: true, description: 'E-mail for notifications.' })
  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Field(() => CustomerTier, { description: 'STANDARD or VIP; VIP customers may have stricter targets.' })
  @Enum({ items: () => CustomerTier })
  tier: CustomerTier = CustomerTier.STANDARD;

  @Field(() => String, { nullable: true, description: 'Postal address, for on-site visits.' })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Field(() => Locale, { description: 'Language the customer is written to in.' })
  @Enum({ items: () => Locale })
  locale: Locale = Locale.ZH_CN;

  @Field(() => String, { nullable: true, description: 'Internal notes; never sent to the customer.' })
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @VersionColumn('Increments on every change; pass it back to update without overwriting a colleague.')
  version = 1;

  @CreatedAt('When the customer was registered.')
  createdAt!: Date;

  @UpdatedAt('When the customer was last changed.')
  updatedAt!: Date;
}
