import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput, versionYouRead } from './versioned-input';
import type { WebhookDeliveryRecord } from '../views/webhook-delivery';
import { ActionState } from '../../core/action-enums';
import { WebhookAttempt, WebhookEndpoint, WebhookEvent } from '../entities';
import { toGlobalId } from '../../core/global-id';
import { WebhookEventType } from '../../core/webhook-enums';
import { Connection } from './connection';
import { PayloadWith } from './payload';

@ObjectType({ description: 'One event sent to one endpoint: retried with backoff for about a day, then dead-lettered; it can be replayed.' })
export class WebhookDelivery {
  /** What the domain knows of the delivery; the fields below present it. */
  constructor(readonly record: WebhookDeliveryRecord) {}

  @Field(() => ID, { description: 'Global id; pass it to `replayWebhookDelivery`.' })
  get id(): string {
    return toGlobalId('WebhookDelivery', this.record.action.id);
  }

  @Field(() => WebhookEvent, { description: 'The event it carries.' })
  get event(): WebhookEvent {
    return this.record.event;
  }

  @Field(() => WebhookEventType, { description: 'The type of the event it carries.' })
  get eventType(): WebhookEventType {
    return this.record.event.type;
  }

  @Field({ description: 'The `webhook-id` header it is sent with; a replay sends the same one.' })
  get webhookId(): string {
    return this.record.event.webhookId;
  }

  @Field(() => ActionState, { description: 'PENDING (being tried), DONE (accepted, or skipped), CANCELLED, or DEAD after its last failed attempt.' })
  get state(): ActionState {
    return this.record.action.state;
  }

  @Field(() => String, { nullable: true, description: 'Why it completed without being sent (the endpoint was disabled or deleted meanwhile).' })
  get skippedReason(): string | null {
    const skipped = this.record.action.result?.skipped;
    return typeof skipped === 'string' ? skipped : null;
  }

  @Field(() => Int, { description: 'HTTP attempts made so far: the length of its attempt log.' })
  get attemptCount(): number {
    return this.record.attempts.length;
  }

  @Field(() => Int, { description: 'Attempts allowed before it is dead-lettered (again, for each retry by hand of a dead delivery).' })
  get maxAttempts(): number {
    return this.record.action.maxAttempts;
  }

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  get lastError(): string | null {
    return this.record.action.lastError ?? null;
  }

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while it is pending.' })
  get nextAttemptAt(): Date | null {
    return this.record.action.state === ActionState.PENDING ? this.record.action.dueAt : null;
  }

  @Field(() => ID, { nullable: true, description: 'The delivery this one replays, if it is a replay.' })
  get replayOf(): string | null {
    return this.record.replayOf ? toGlobalId('WebhookDelivery', this.record.replayOf) : null;
  }

  @Field(() => [WebhookAttempt], { description: 'Its HTTP attempts, oldest first.' })
  get attempts(): WebhookAttempt[] {
    return this.record.attempts;
  }

  @Field({ description: 'When it was scheduled.' })
  get createdAt(): Date {
    return this.record.action.createdAt;
  }

  @Field(() => Date, { nullable: true, description: 'When it was accepted, skipped, cancelled or dead-lettered.' })
  get completedAt(): Date | null {
    return this.record.action.completedAt ?? null;
  }
}

export const WebhookEndpointConnection = Connection(WebhookEndpoint, 'WebhookEndpoint');
export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery');

@InputType({ description: "A new endpoint of the caller's tenant." })
export class CreateWebhookEndpointInput {
  @Field({ description: 'Where to POST deliveries: an absolute http(s) URL, at most 2000 characters, without credentials.' }) url!: string;
  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' }) description?: string | null;
  @Field(() => [WebhookEventType], { description: 'The events to receive; at least one.' }) eventTypes!: WebhookEventType[];
}

@InputType({ description: 'Changes to an endpoint; omitted fields stay as they are.' })
export class UpdateWebhookEndpointInput extends VersionedInput('id', 'WebhookEndpoint', 'The endpoint.', versionYouRead()) {
  @Field(() => String, { nullable: true, description: 'New URL.' }) url?: string | null;
  @Field(() => String, { nullable: true, description: 'New description; empty string clears it.' }) description?: string | null;
  @Field(() => [WebhookEventType], { nullable: true, description: 'The events to receive from now on; at least one.' }) eventTypes?: WebhookEventType[] | null;
}

@InputType({ description: 'The endpoint to switch off.' })
export class DisableWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  @GlobalIdOf('WebhookEndpoint')
  id!: string;

  @Field(() => String, { nullable: true, description: 'Why, for colleagues; at most 500 characters.' }) reason?: string | null;
}

@InputType({ description: 'The endpoint to switch back on.' })
export class EnableWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  @GlobalIdOf('WebhookEndpoint')
  id!: string;
}

@InputType({ description: 'The endpoint whose signing secret to replace.' })
export class RotateWebhookEndpointSecretInput {
  @Field(() => ID, { description: 'The endpoint.' })
  @GlobalIdOf('WebhookEndpoint')
  id!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Stop signing with the old secret at once (it leaked). By default it keeps signing alongside the new one for 24 hours.',
  })
  expirePreviousNow?: boolean | null;
}

@InputType({ description: 'The endpoint to delete.' })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  @GlobalIdOf('WebhookEndpoint')
  id!: string;
}

@InputType({ description: 'The delivery to send again.' })
export class ReplayWebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery.' })
  @GlobalIdOf('WebhookDelivery')
  deliveryId!: string;
}

@ObjectType({ description: 'Result of creating an endpoint: its signing secret is shown here once.' })
export class CreateWebhookEndpointPayload extends PayloadWith('webhookEndpoint', () => WebhookEndpoint, 'The endpoint as saved.') {
  @Field(() => String, { nullable: true, description: 'The signing secret (`whsec_...`) to verify deliveries with. It cannot be shown again.' }) secret!:
    string | null;
}

@ObjectType({ description: 'Result of rotating a signing secret: the new secret is shown here once.' })
export class RotateWebhookEndpointSecretPayload extends PayloadWith('webhookEndpoint', () => WebhookEndpoint, 'The endpoint.', 'Why nothing changed.') {
  @Field(() => String, { nullable: true, description: 'The new signing secret. It cannot be shown again.' }) secret!: string | null;
}

@ObjectType({ description: 'Result of changing, disabling or enabling an endpoint.' })
export class WebhookEndpointPayload extends PayloadWith('webhookEndpoint', () => WebhookEndpoint, 'The endpoint as saved.') {}

@ObjectType({ description: 'Result of deleting an endpoint.' })
export class DeleteWebhookEndpointPayload extends PayloadWith<'deletedWebhookEndpointId', string>(
  'deletedWebhookEndpointId',
  () => ID,
  'Global id of the deleted endpoint.',
  'Why nothing was deleted.',
) {}

@ObjectType({ description: 'Result of replaying a delivery.' })
export class ReplayWebhookDeliveryPayload extends PayloadWith('delivery', () => WebhookDelivery, 'The new delivery, due now.', 'Why nothing was scheduled.') {}
