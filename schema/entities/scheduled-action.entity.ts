import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { GraphQLJSONObject } from 'graphql-scalars';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ActionKind, ActionState } from '../../core/action-enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';

@ObjectType({
  implements: Node,
  description: 'A piece of time-driven work (a reminder, a message, a webhook delivery) with its due time and its state; dead ones can be retried.',
})
@Entity({ tableName: 'scheduled_actions' })
export class ScheduledAction extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'tenantNodeId' | 'state' | 'attempts' | 'payload' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'ScheduledAction';

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

  @CreatedAt('When it was scheduled.')
  createdAt!: Date;

  @UpdatedAt('When it last changed.')
  updatedAt!: Date;
}
