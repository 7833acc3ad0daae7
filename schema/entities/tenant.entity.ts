import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ID, ObjectType } from 'type-graphql';
import { Locale, TenantKind, TenantStatus } from '../../core/enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTextColumn, EnumColumn } from './column-fields';

@ObjectType({ implements: Node, description: 'A member of the network: the HQ, a franchise store or a partner.' })
@Entity({ tableName: 'tenants' })
export class Tenant implements Node {
  [OptionalProps]?: 'nodeId' | 'status' | 'timeZone' | 'locale' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' }) id: string = randomUUID();

  @Field(() => ID, { name: 'id', description: 'Global id.' })
  get nodeId(): string {
    return toGlobalId('Tenant', this.id);
  }

  @Property({ type: 'uuid', nullable: true }) parentId?: string | null;
  @TextColumn('Stable, unique short name, e.g. `bj-zgc`.') slug!: string;
  @TextColumn('Display name.') name!: string;
  @EnumColumn(() => TenantKind, 'HQ, store or partner.') kind!: TenantKind;
  @EnumColumn(() => TenantStatus, 'A suspended tenant cannot sign in.') status: TenantStatus = TenantStatus.ACTIVE;

  @Field(() => String, { description: 'IANA time zone of the tenant, e.g. Asia/Shanghai.' })
  @Property({ type: 'text' })
  timeZone: string = 'Asia/Shanghai';

  @EnumColumn(() => Locale, 'Default language of messages.') locale: Locale = Locale.ZH_CN;
  @OptionalTextColumn("The phone number customers call the tenant on; shown on a store's customer status page.") contactPhone?: string | null;
  @OptionalTextColumn("Where customers find the tenant; shown on a store's customer status page.") contactAddress?: string | null;
  @CreatedAt('When the tenant was provisioned.') createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
