import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../../core/enums';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTimeColumn, EnumColumn } from './column-fields';

@ObjectType({ implements: Node, description: 'A credential for a system (a partner, an integration), bound to one tenant and one role.' })
@Entity({ tableName: 'api_keys' })
export class ApiKey extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'keyId' | 'createdAt';

  static override readonly nodeType = 'ApiKey';

  @Field({ description: 'The plain key id, as used by `npm run tenants -- key revoke`.' })
  get keyId(): string {
    return this.id;
  }

  @TextColumn('What the key is for, e.g. "ERP sync".') name!: string;
  @EnumColumn(() => Role, 'The role the key acts with.') role!: Role;
  @Property({ type: 'text', hidden: true }) secretHash!: string;
  @Property({ type: 'uuid', nullable: true }) createdBy?: string | null;
  @CreatedAt('When the key was created.') createdAt!: Date;
  @OptionalTimeColumn('When the key last authenticated a request.') lastUsedAt?: Date | null;
  @OptionalTimeColumn('When the key was revoked; a revoked key authenticates nothing.') revokedAt?: Date | null;
}
