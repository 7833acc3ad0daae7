import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { Field, ObjectType } from 'type-graphql';
import { OptionalTextColumn, IntColumn, OptionalIntColumn } from './column-fields';

@ObjectType({ description: 'One HTTP attempt of a webhook delivery, successful or not.' })
@Entity({ tableName: 'webhook_attempts' })
export class WebhookAttempt extends TenantScopedEntity {
  [OptionalProps]?: 'statusCode' | 'responseExcerpt' | 'error';

  /** The WEBHOOK_DELIVERY scheduled action this attempt belongs to. */
  @Property({ type: 'uuid' }) deliveryId!: string;

  @Property({ type: 'uuid' }) endpointId!: string;
  @Property({ type: 'uuid' }) eventId!: string;
  @IntColumn('1 for the first attempt of the delivery, then 2, 3...') attemptNumber!: number;
  @OptionalIntColumn('The HTTP status the endpoint answered; null when no answer came (timeout, refused connection).') statusCode?: number | null;
  @IntColumn('Milliseconds from sending the request to the end of the answer (or the failure).') latencyMs!: number;
  @OptionalTextColumn('The first 500 characters of the answer body.') responseExcerpt?: string | null;
  @OptionalTextColumn('Why the attempt failed; null when the endpoint accepted the delivery.') error?: string | null;

  @Field({ name: 'at', description: 'When the attempt was made.' })
  @Property({ type: 'datetime' })
  attemptedAt!: Date;
}
