import { Entity, OptionalProps, Enum, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { clockNow } from './entity-clock';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CustomerTier, Locale } from '../../core/enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: "A store's end customer: whom service requests are for. Not a login." })
@Entity({ tableName: 'customers' })
export class Customer extends TenantScopedEntity implements Node {
  [OptionalProps]?: 'nodeId' | 'tier' | 'locale' | 'version' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { name: 'id', description: 'Global id.' })
  get nodeId(): string {
    return toGlobalId('Customer', this.id);
  }

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

  @Field(() => Int, { description: 'Increments on every change; pass it back to update without overwriting a colleague.' })
  @Property({ type: 'integer', version: true })
  version = 1;

  @Field({ description: 'When the customer was registered.' })
  @Property({ type: 'datetime', onCreate: clockNow, defaultRaw: 'now()' })
  createdAt!: Date;

  @Field({ description: 'When the customer was last changed.' })
  @Property({ type: 'datetime', onCreate: clockNow, onUpdate: clockNow, defaultRaw: 'now()' })
  updatedAt!: Date;
}
