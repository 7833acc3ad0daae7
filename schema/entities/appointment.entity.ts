import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { clockNow } from './entity-clock';
import { Field, ID, ObjectType } from 'type-graphql';
import { AppointmentStatus } from '../../core/desk-enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: 'An on-site visit: a time window, a technician, an address.' })
@Entity({ tableName: 'appointments' })
export class Appointment extends TenantScopedEntity implements Node {
  [OptionalProps]?: 'nodeId' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { name: 'id', description: 'Global id.' })
  get nodeId(): string {
    return toGlobalId('Appointment', this.id);
  }

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

  @Property({ type: 'datetime', onCreate: clockNow, defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', onCreate: clockNow, onUpdate: clockNow, defaultRaw: 'now()' })
  updatedAt!: Date;
}
