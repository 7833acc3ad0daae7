import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { ObjectType } from 'type-graphql';
import { Role, StaffStatus } from '../../core/enums';
import { Node } from '../graphql/node';
import { TextColumn, EnumColumn } from './column-fields';

@ObjectType({ implements: Node, description: 'A person who works in a tenant: HQ staff, store staff, technicians.' })
@Entity({ tableName: 'staff_users' })
export class StaffUser extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'status' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'StaffUser';

  @TextColumn('Login e-mail, unique within the tenant, lower case.') email!: string;
  @TextColumn('Full name.') name!: string;
  @EnumColumn(() => Role, 'The role that decides what this user may do.') role!: Role;

  /** argon2id hash; null for a user who has not been given a password yet. */
  @Property({ type: 'text', nullable: true, hidden: true }) passwordHash?: string | null;

  @EnumColumn(() => StaffStatus, 'Disabled users cannot log in; their history stays.') status: StaffStatus = StaffStatus.ACTIVE;
  @CreatedAt('When the user was created.') createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
