import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { WebhookDisableCause, WebhookEndpointStatus, WebhookEventType } from '../../core/webhook-enums';

@ObjectType({
  implements: Node,
  description: "A URL of the tenant's systems that receives signed POSTs (Standard Webhooks) for the events it subscribes to.",
})
@Entity({ tableName: 'webhook_endpoints' })
export class WebhookEndpoint extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'status' | 'consecutiveFailedDeliveries' | 'previousSecret' | 'previousSecretExpiresAt' | 'version' | 'createdAt' | 'updatedAt';
  static override readonly nodeType = 'WebhookEndpoint';

  @Field({ description: 'Where deliveries are POSTed (http or https).' })
  @Property({ type: 'text' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for, e.g. "ERP ticket sync".' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => [WebhookEventType], { description: 'The events it receives.' })
  @Property({ type: 'text[]' })
  eventTypes!: WebhookEventType[];

  /** Signs every delivery; returned once at creation and at each rotation, never readable afterwards. */
  @Property({ type: 'text', hidden: true })
  secret!: string;

  /** Still signs alongside the new secret until `previousSecretExpiresAt`. */
  @Property({ type: 'text', hidden: true, nullable: true })
  previousSecret?: string | null;

  @Field(() => Date, { nullable: true, description: 'Until when deliveries are also signed with the secret before the last rotation.' })
  @Property({ type: 'datetime', nullable: true })
  previousSecretExpiresAt?: Date | null;

  @Field(() => WebhookEndpointStatus, { description: 'ACTIVE, or DISABLED (by the tenant, or by the platform after repeated failures).' })
  @Enum({ items: () => WebhookEndpointStatus })
  status: WebhookEndpointStatus = WebhookEndpointStatus.ACTIVE;

  @Field(() => WebhookDisableCause, { nullable: true, description: 'Why it is disabled; null while active.' })
  @Enum({ items: () => WebhookDisableCause, nullable: true })
  disabledCause?: WebhookDisableCause | null;

  @Field(() => String, { nullable: true, description: 'The explanation given when it was disabled; null while active.' })
  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while active.' })
  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  @Field(() => Int, { description: 'Deliveries dead-lettered in a row since the last successful one; enabling resets it.' })
  @Property({ type: 'integer' })
  consecutiveFailedDeliveries = 0;

  @VersionColumn('Increments on every change; pass it back to update without overwriting a colleague.')
  version = 1;

  @CreatedAt('When it was created.')
  createdAt!: Date;

  @UpdatedAt('When it last changed.')
  updatedAt!: Date;
}
