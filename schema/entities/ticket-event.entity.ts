import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { TimelineVisibility } from '../../core/desk-enums';
import { ActorKind } from '../../core/enums';
import { TextColumn, EnumColumn } from './column-fields';

@ObjectType({ description: "An entry of a ticket's timeline: a change, a note, a contact, a message. Never edited." })
@Entity({ tableName: 'ticket_events' })
export class TicketEvent extends TenantScopedEntity {
  [OptionalProps]?: 'data' | 'occurredAt';

  @Property({ type: 'uuid' }) ticketId!: string;
  @TextColumn('What happened: REGISTERED, STATUS_CHANGED, ASSIGNED, NOTE, CUSTOMER_CONTACT, PART_ORDERED...') kind!: string;
  @EnumColumn(() => TimelineVisibility, 'Internal, or told to the customer.') visibility!: TimelineVisibility;
  @TextColumn('One line for a person.') summary!: string;

  @Field(() => GraphQLJSONObject, { description: 'Details, by kind (e.g. from and to for a status change).' })
  @Property({ type: 'json', defaultRaw: "'{}'" })
  data: Record<string, unknown> = {};

  @Field({ description: 'Who: USER, API_KEY, SYSTEM or PARTNER.' })
  @Enum({ items: () => ActorKind })
  actorKind!: string;

  @Property({ type: 'uuid', nullable: true }) actorId?: string | null;
  @CreatedAt('When it happened.') occurredAt!: Date;
}
