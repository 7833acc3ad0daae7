import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { WebhookDisableCause, WebhookEndpointStatus, WebhookEventType } from '../../core/webhook-enums';
import { TextColumn, OptionalTextColumn, OptionalTimeColumn, IntColumn, EnumColumn, OptionalEnumColumn } from './column-fields';

@ObjectType({
  implements: Node,
  description: "A URL of the tenant's systems that receives signed POSTs (Standard Webhooks) for the events it subscribes to.",
})
@Entity({ tableName: 'webhook_endpoints' })
export class WebhookEndpoint extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'status' | 'consecutiveFailedDeliveries' | 'previousSecret' | 'previousSecretExpiresAt' | 'version' | 'createdAt' | 'updatedAt';
  static override readonly nodeType = 'WebhookEndpoint';

  @TextColumn('Where deliveries are POSTed (http or https).') url!: string;
  @OptionalTextColumn('What the endpoint is for, e.g. "ERP ticket sync".') description?: string | null;

  @Field(() => [WebhookEventType], { description: 'The events it receives.' })
  @Property({ type: 'text[]' })
  eventTypes!: WebhookEventType[];

  /** Signs every delivery; returned once at creation and at each rotation, never readable afterwards. */
  @Property({ type: 'text', hidden: true }) secret!: string;

  /** Still signs alongside the new secret until `previousSecretExpiresAt`. */
  @Property({ type: 'text', hidden: true, nullable: true }) previousSecret?: string | null;

  @OptionalTimeColumn('Until when deliveries are also signed with the secret before the last rotation.') previousSecretExpiresAt?: Date | null;
  @EnumColumn(() => WebhookEndpointStatus, 'ACTIVE, or DISABLED (by the tenant, or by the platform after repeated failures).') status: WebhookEndpointStatus =
    WebhookEndpointStatus.ACTIVE;
  @OptionalEnumColumn(() => WebhookDisableCause, 'Why it is disabled; null while active.') disabledCause?: WebhookDisableCause | null;
  @OptionalTextColumn('The explanation given when it was disabled; null while active.') disabledReason?: string | null;
  @OptionalTimeColumn('When it was disabled; null while active.') disabledAt?: Date | null;
  @IntColumn('Deliveries dead-lettered in a row since the last successful one; enabling resets it.') consecutiveFailedDeliveries = 0;
  @VersionColumn('Increments on every change; pass it back to update without overwriting a colleague.') version = 1;
  @CreatedAt('When it was created.') createdAt!: Date;
  @UpdatedAt('When it last changed.') updatedAt!: Date;
}
