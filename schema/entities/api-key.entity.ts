import { Entity, OptionalProps, Enum, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../../core/enums';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: 'A credential for a system (a partner, an integration), bound to one tenant and one role.' })
@Entity({ tableName: 'api_keys' })
export class ApiKey extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'keyId' | 'createdAt';

  static override readonly nodeType = 'ApiKey';

  @Field({ description: 'The plain key id, as used by `npm run tenants -- key revoke`.' })
  get keyId(): string {
    return this.id;
  }

  @Field({ description: 'What the key is for, e.g. "ERP sync".' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Role, { description: 'The role the key acts with.' })
  @Enum({ items: () => Role })
  role!: Role;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @CreatedAt('When the key was created.')
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key last authenticated a request.' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; a revoked key authenticates nothing.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
