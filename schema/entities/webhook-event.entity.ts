import { Entity, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { WebhookEventType } from '../../core/webhook-enums';
import { TextColumn, TimeColumn } from './column-fields';

@ObjectType({ description: 'Something that happened in the tenant, as sent to the endpoints subscribed to its type.' })
@Entity({ tableName: 'webhook_events' })
export class WebhookEvent extends TenantScopedEntity {
  @TextColumn('The `webhook-id` header of every delivery of this event, replays included: receivers de-duplicate on it.') webhookId!: string;
  @Property({ type: 'text' }) idempotencyKey!: string;

  @Field(() => WebhookEventType, { description: 'What happened.' })
  @Property({ type: 'text' })
  type!: WebhookEventType;

  @Field(() => GraphQLJSONObject, { description: 'The payload `data`: the objects the event is about.' })
  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'uuid', nullable: true }) ticketId?: string | null;
  @TimeColumn('When it happened: the payload `timestamp`.') occurredAt!: Date;
}
