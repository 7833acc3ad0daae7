import { randomUUID } from 'node:crypto';
import { WebhookEndpoint, WebhookEvent } from '../../schema/entities';
import { WebhookEndpointStatus, WebhookEventType } from '../../core/webhook-enums';
import type { TenantContext } from '../context';
import { ActionKind } from '../../core/action-enums';
import { scheduleAction } from '../scheduling/schedule';
import { deliveryPayload } from './delivery-target';
import { webhookIdFor } from './signing';

export interface PublishRequest {
  type: WebhookEventType;
  /** Unique per tenant among its events: publishing the same key again returns the first event and sends nothing more. */
  key: string;
  /** The payload `data`: ids and facts a receiver needs, never secrets. */
  data: Record<string, unknown>;
  ticketId?: string | null;
  /** The key names something created in this same transaction (a new ticket): no earlier event can hold it, so none is looked for. */
  newKey?: boolean;
}

/**
 * Records an event and schedules one delivery to each active endpoint of the
 * tenant subscribed to its type, all in the caller's transaction: the event
 * goes out if and only if the change that caused it commits. Endpoints
 * subscribed later do not receive it.
 */
export async function publishEvent(ctx: TenantContext, request: PublishRequest): Promise<WebhookEvent> {
  const existing =
    findEventInUnitOfWork(ctx, request.key) ??
    (request.newKey ? null : await ctx.em.findOne(WebhookEvent, { tenantId: ctx.tenantId, idempotencyKey: request.key }));
  if (existing) return existing;
  const now = ctx.clock.now();
  const id = randomUUID();
  const event = ctx.em.create(WebhookEvent, {
    tenantId: ctx.tenantId,
    id,
    webhookId: webhookIdFor(id),
    idempotencyKey: request.key,
    type: request.type,
    data: request.data,
    ticketId: request.ticketId ?? null,
    occurredAt: now,
  });
  const endpoints = await ctx.em.find(WebhookEndpoint, {
    tenantId: ctx.tenantId,
    status: WebhookEndpointStatus.ACTIVE,
    eventTypes: { $contains: [request.type] },
  });
  for (const endpoint of endpoints) {
    await scheduleAction(ctx, {
      kind: ActionKind.WEBHOOK_DELIVERY,
      key: `webhook:${event.id}:${endpoint.id}`,
      dueAt: now,
      ticketId: event.ticketId,
      payload: deliveryPayload({ eventId: event.id, endpointId: endpoint.id, replayOf: null }),
    });
  }
  return event;
}

/** An event published earlier in the same transaction and not flushed yet. */
function findEventInUnitOfWork(ctx: TenantContext, key: string): WebhookEvent | undefined {
  for (const entity of ctx.em.getUnitOfWork().getPersistStack()) {
    if (entity instanceof WebhookEvent && entity.tenantId === ctx.tenantId && entity.idempotencyKey === key) return entity;
  }
  return undefined;
}
