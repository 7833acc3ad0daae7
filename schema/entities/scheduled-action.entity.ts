import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { GraphQLJSONObject } from 'graphql-scalars';
import { clockNow } from './entity-clock';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ActionKind, ActionState } from '../../core/action-enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';

@ObjectType({
  implements: Node,
  description: 'A piece of time-driven work (a reminder, a message, a webhook delivery) with its due time and its state; dead ones can be retried.',
})
@Entity({ tableName: 'scheduled_actions' })
export class ScheduledAction extends TenantScopedEntity implements Node {
  [OptionalProps]?: 'nodeId' | 'tenantNodeId' | 'state' | 'attempts' | 'payload' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { name: 'id', description: 'Global id.' })
  get nodeId(): string {
    return toGlobalId('ScheduledAction', this.id);
  }

  @Field(() => ID, {
    name: 'tenantId',
    description: "Global id of the tenant it belongs to: the caller's own, or, in an HQ's network listing, one of its stores or partners.",
  })
  get tenantNodeId(): string {
    return toGlobalId('Tenant', this.tenantId);
  }

  @Field(() => ActionKind, { description: 'What it does.' })
  @Enum({ items: () => ActionKind })
  kind!: ActionKind;

  @Field({ description: 'Its idempotency key: the same cause never schedules it twice.' })
  @Property({ type: 'text' })
  idempotencyKey!: string;

  @Property({ type: 'uuid', nullable: true })
  ticketId?: string | null;

  @Field({ description: 'When it is (or was) due.' })
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Field(() => ActionState, { description: 'PENDING, DONE, CANCELLED, or DEAD after its last failed attempt.' })
  @Enum({ items: () => ActionState })
  state: ActionState = ActionState.PENDING;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Property({ type: 'integer' })
  attempts = 0;

  @Field(() => Int, { description: 'Attempts allowed before it is dead-lettered.' })
  @Property({ type: 'integer' })
  maxAttempts!: number;

  @Field(() => GraphQLJSONObject, { description: 'What to do, by kind.' })
  @Property({ type: 'json', defaultRaw: "'{}'" })
  payload: Record<string, unknown> = {};

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What it did, once done.' })
  @Property({ type: 'json', nullable: true })
  result?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', nullable: true })
  enqueuedAt?: Date | null;

  /** The W3C traceparent of what scheduled it, when tracing was on: its run continues that trace. Not part of the API. */
  @Property({ type: 'text', nullable: true })
  traceParent?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was done, cancelled or dead-lettered.' })
  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;

  @Field({ description: 'When it was scheduled.' })
  @Property({ type: 'datetime', onCreate: clockNow, defaultRaw: 'now()' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  @Property({ type: 'datetime', onCreate: clockNow, onUpdate: clockNow, defaultRaw: 'now()' })
  updatedAt!: Date;
}
