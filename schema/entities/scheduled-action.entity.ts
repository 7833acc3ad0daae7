import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { GraphQLJSONObject } from 'graphql-scalars';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, ID, ObjectType } from 'type-graphql';
import { ActionKind, ActionState } from '../../core/action-enums';
import { toGlobalId } from '../../core/global-id';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTextColumn, OptionalTimeColumn, IntColumn, EnumColumn, TimeColumn } from './column-fields';

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

  @EnumColumn(() => ActionKind, 'What it does.') kind!: ActionKind;
  @TextColumn('Its idempotency key: the same cause never schedules it twice.') idempotencyKey!: string;
  @Property({ type: 'uuid', nullable: true }) ticketId?: string | null;
  @TimeColumn('When it is (or was) due.') dueAt!: Date;
  @EnumColumn(() => ActionState, 'PENDING, DONE, CANCELLED, or DEAD after its last failed attempt.') state: ActionState = ActionState.PENDING;
  @IntColumn('Attempts made so far.') attempts = 0;
  @IntColumn('Attempts allowed before it is dead-lettered.') maxAttempts!: number;

  @Field(() => GraphQLJSONObject, { description: 'What to do, by kind.' })
  @Property({ type: 'json', defaultRaw: "'{}'" })
  payload: Record<string, unknown> = {};

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What it did, once done.' })
  @Property({ type: 'json', nullable: true })
  result?: Record<string, unknown> | null;

  @OptionalTextColumn('Why the last attempt failed.') lastError?: string | null;
  @Property({ type: 'datetime', nullable: true }) enqueuedAt?: Date | null;

  /** The W3C traceparent of what scheduled it, when tracing was on: its run continues that trace. Not part of the API. */
  @Property({ type: 'text', nullable: true }) traceParent?: string | null;

  @OptionalTimeColumn('When it was done, cancelled or dead-lettered.') completedAt?: Date | null;
  @CreatedAt('When it was scheduled.') createdAt!: Date;
  @UpdatedAt('When it last changed.') updatedAt!: Date;
}
