import { Entity, OptionalProps } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { ObjectType } from 'type-graphql';
import { CustomerTier, Locale } from '../../core/enums';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTextColumn, EnumColumn } from './column-fields';

@ObjectType({ implements: Node, description: "A store's end customer: whom service requests are for. Not a login." })
@Entity({ tableName: 'customers' })
export class Customer extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'tier' | 'locale' | 'version' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'Customer';

  @TextColumn('Name as the customer gave it.') name!: string;
  @TextColumn('Phone number, digits only with an optional leading +.') phone!: string;
  @OptionalTextColumn('E-mail for notifications.') email?: string | null;
  @EnumColumn(() => CustomerTier, 'STANDARD or VIP; VIP customers may have stricter targets.') tier: CustomerTier = CustomerTier.STANDARD;
  @OptionalTextColumn('Postal address, for on-site visits.') address?: string | null;
  @EnumColumn(() => Locale, 'Language the customer is written to in.') locale: Locale = Locale.ZH_CN;
  @OptionalTextColumn('Internal notes; never sent to the customer.') notes?: string | null;
  @VersionColumn('Increments on every change; pass it back to update without overwriting a colleague.') version = 1;
  @CreatedAt('When the customer was registered.') createdAt!: Date;
  @UpdatedAt('When the customer was last changed.') updatedAt!: Date;
}
