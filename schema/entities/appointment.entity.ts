import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { ObjectType } from 'type-graphql';
import { AppointmentStatus } from '../../core/desk-enums';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTextColumn, EnumColumn, TimeColumn } from './column-fields';

@ObjectType({ implements: Node, description: 'An on-site visit: a time window, a technician, an address.' })
@Entity({ tableName: 'appointments' })
export class Appointment extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'Appointment';

  @Property({ type: 'uuid' }) ticketId!: string;
  @TimeColumn('Start of the promised window.') windowStart!: Date;
  @TimeColumn('End of the promised window.') windowEnd!: Date;
  @Property({ type: 'uuid' }) technicianId!: string;
  @TextColumn('Where to go.') address!: string;
  @EnumColumn(() => AppointmentStatus, 'Scheduled, completed, cancelled or missed.') status!: AppointmentStatus;
  @OptionalTextColumn('Notes for the technician.') notes?: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
