import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { CreatedAt } from './timestamp-columns';

/** One issued refresh token. Rotated on use; never exposed through GraphQL. */
@Entity({ tableName: 'staff_sessions' })
export class StaffSession {
  [OptionalProps]?: 'createdAt';
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  @PrimaryKey({ type: 'uuid' }) tenantId!: string;
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) familyId!: string;
  @Property({ type: 'uuid' }) userId!: string;
  @Property({ type: 'datetime' }) expiresAt!: Date;
  @CreatedAt() createdAt!: Date;
  @Property({ type: 'datetime', nullable: true }) rotatedAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) revokedAt?: Date | null;
}
