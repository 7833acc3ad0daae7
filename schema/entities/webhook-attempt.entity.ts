import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One HTTP attempt of a webhook delivery, successful or not.' })
@Entity({ tableName: 'webhook_attempts' })
export class WebhookAttempt extends TenantScopedEntity {
  [OptionalProps]?: 'statusCode' | 'responseExcerpt' | 'error';

  /** The WEBHOOK_DELIVERY scheduled action this attempt belongs to. */
  @Property({ type: 'uuid' })
  deliveryId!: string;

  @Property({ type: 'uuid' })
  endpointId!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Field(() => Int, { description: '1 for the first attempt of the delivery, then 2, 3...' })
  @Property({ type: 'integer' })
  attemptNumber!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the endpoint answered; null when no answer came (timeout, refused connection).' })
  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null;

  @Field(() => Int, { description: 'Milliseconds from sending the request to the end of the answer (or the failure).' })
  @Property({ type: 'integer' })
  latencyMs!: number;

  @Field(() => String, { nullable: true, description: 'The first 500 characters of the answer body.' })
  @Property({ type: 'text', nullable: true })
  responseExcerpt?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the attempt failed; null when the endpoint accepted the delivery.' })
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Field({ name: 'at', description: 'When the attempt was made.' })
  @Property({ type: 'datetime' })
  attemptedAt!: Date;
}
