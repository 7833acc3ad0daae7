import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { AppointmentStatus } from '../../core/desk-enums';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: 'An on-site visit: a time window, a technician, an address.' })
@Entity({ tableName: 'appointments' })
export class Appointment extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'Appointment';

  @Property({ type: 'uuid' })
  ticketId!: string;

  @Field({ description: 'Start of the promised window.' })
  @Property({ type: 'datetime' })
  windowStart!: Date;

  @Field({ description: 'End of the promised window.' })
  @Property({ type: 'datetime' })
  windowEnd!: Date;

  @Property({ type: 'uuid' })
  technicianId!: string;

  @Field({ description: 'Where to go.' })
  @Property({ type: 'text' })
  address!: string;

  @Field(() => AppointmentStatus, { description: 'Scheduled, completed, cancelled or missed.' })
  @Enum({ items: () => AppointmentStatus })
  status!: AppointmentStatus;

  @Field(() => String, { nullable: true, description: 'Notes for the technician.' })
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}
