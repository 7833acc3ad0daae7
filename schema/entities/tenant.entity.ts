import { Entity, OptionalProps, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ID, ObjectType } from 'type-graphql';
import { Locale, TenantKind, TenantStatus } from '../../core/enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: 'A member of the network: the HQ, a franchise store or a partner.' })
@Entity({ tableName: 'tenants' })
export class Tenant implements Node {
  [OptionalProps]?: 'nodeId' | 'status' | 'timeZone' | 'locale' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  @Field(() => ID, { name: 'id', description: 'Global id.' })
  get nodeId(): string {
    return toGlobalId('Tenant', this.id);
  }

  @Property({ type: 'uuid', nullable: true })
  parentId?: string | null;

  @Field({ description: 'Stable, unique short name, e.g. `bj-zgc`.' })
  @Property({ type: 'text' })
  slug!: string;

  @Field({ description: 'Display name.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => TenantKind, { description: 'HQ, store or partner.' })
  @Enum({ items: () => TenantKind })
  kind!: TenantKind;

  @Field(() => TenantStatus, { description: 'A suspended tenant cannot sign in.' })
  @Enum({ items: () => TenantStatus })
  status: TenantStatus = TenantStatus.ACTIVE;

  @Field(() => String, { description: 'IANA time zone of the tenant, e.g. Asia/Shanghai.' })
  @Property({ type: 'text' })
  timeZone: string = 'Asia/Shanghai';

  @Field(() => Locale, { description: 'Default language of messages.' })
  @Enum({ items: () => Locale })
  locale: Locale = Locale.ZH_CN;

  @Field(() => String, { nullable: true, description: "The phone number customers call the tenant on; shown on a store's customer status page." })
  @Property({ type: 'text', nullable: true })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: "Where customers find the tenant; shown on a store's customer status page." })
  @Property({ type: 'text', nullable: true })
  contactAddress?: string | null;

  @CreatedAt('When the tenant was provisioned.')
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
