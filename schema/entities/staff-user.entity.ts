import { Entity, OptionalProps, Enum, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Role, StaffStatus } from '../../core/enums';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: 'A person who works in a tenant: HQ staff, store staff, technicians.' })
@Entity({ tableName: 'staff_users' })
export class StaffUser extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'status' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'StaffUser';

  @Field({ description: 'Login e-mail, unique within the tenant, lower case.' })
  @Property({ type: 'text' })
  email!: string;

  @Field({ description: 'Full name.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Role, { description: 'The role that decides what this user may do.' })
  @Enum({ items: () => Role })
  role!: Role;

  /** argon2id hash; null for a user who has not been given a password yet. */
  @Property({ type: 'text', nullable: true, hidden: true })
  passwordHash?: string | null;

  @Field(() => StaffStatus, { description: 'Disabled users cannot log in; their history stays.' })
  @Enum({ items: () => StaffStatus })
  status: StaffStatus = StaffStatus.ACTIVE;

  @CreatedAt('When the user was created.')
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
