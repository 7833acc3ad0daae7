import { randomUUID } from 'node:crypto';
import { ScheduledAction, WebhookAttempt, WebhookEndpoint, WebhookEvent } from '../../schema/entities';
import { WebhookEndpointStatus } from '../../core/webhook-enums';
import type { WebhookDeliveryRecord } from '../../schema/views/webhook-delivery';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { checkPageSize, decodeCursor, encodeCursor, NEWEST_FIRST, Page, PageRequest } from '../pagination';
import { ActionKind } from '../../core/action-enums';
import { scheduleAction } from '../scheduling/schedule';
import { deliveryPayload, deliveryTargetOf } from './delivery-target';

/**
 * Endpoints' deliveries, newest first, the same page of each, with their
 * attempts. A fixed number of queries whatever the number of endpoints: each
 * endpoint's first deliveries after the cursor by a window function (over the
 * endpoint's index), then the deliveries, their events and their attempts.
 * Pages come back in the order of `endpointIds`.
 */
export async function listWebhookDeliveries(ctx: TenantContext, endpointIds: readonly string[], page: PageRequest): Promise<Page<WebhookDeliveryRecord>[]> {
  checkPageSize(page.first);
  const after = page.after ? decodeCursor(page.after) : null;
  const ranked = await ctx.em.execute<{ id: string }[]>(
    `select id from (
       select a.id, row_number() over (partition by a.payload ->> 'endpointId' order by a.created_at desc, a.id desc) as n
       from scheduled_actions a
       where a.tenant_id = ? and a.kind = ? and a.payload ->> 'endpointId' in (?)
             ${after ? 'and (a.created_at < ? or (a.created_at = ? and a.id < ?))' : ''}
     ) ranked where n <= ?`,
    [ctx.tenantId, ActionKind.WEBHOOK_DELIVERY, [...endpointIds], ...(after ? [after.createdAt, after.createdAt, after.id] : []), page.first + 1],
  );
  const actions = ranked.length
    ? await ctx.em.find(ScheduledAction, { tenantId: ctx.tenantId, id: { $in: ranked.map((row) => row.id) } }, { orderBy: NEWEST_FIRST })
    : [];
  const endpointOf = (action: ScheduledAction) => action.payload.endpointId as string;
  const pageOf = new Map(endpointIds.map((endpointId) => [endpointId, actions.filter((action) => endpointOf(action) === endpointId)]));
  const records = await withEventsAndAttempts(
    ctx,
    [...pageOf.values()].flatMap((found) => found.slice(0, page.first)),
  );
  return endpointIds.map((endpointId) => {
    const found = pageOf.get(endpointId)!;
    return {
      items: records.filter((record) => record.endpointId === endpointId),
      hasNextPage: found.length > page.first,
      cursorOf: (record) => encodeCursor(record.action),
    };
  });
}

export async function findWebhookDelivery(ctx: TenantContext, deliveryId: string): Promise<WebhookDeliveryRecord> {
  const action = await ctx.em.findOne(ScheduledAction, { tenantId: ctx.tenantId, id: deliveryId, kind: ActionKind.WEBHOOK_DELIVERY });
  const [record] = action ? await withEventsAndAttempts(ctx, [action]) : [];
  if (!record) throw notFound('WebhookDelivery');
  return record;
}

/**
 * Sends a delivery's event to its endpoint again, as a new delivery with its
 * own attempts and retries. It carries the same `webhook-id`, so a receiver
 * that already processed the event can tell it is a repeat. Any delivery can
 * be replayed, a pending one included (to try now rather than after its
 * backoff); the endpoint must be active.
 */
export async function replayWebhookDelivery(ctx: TenantContext, deliveryId: string): Promise<WebhookDeliveryRecord> {
  return atomically(ctx, async () => {
    const original = await findWebhookDelivery(ctx, deliveryId);
    const endpoint = await ctx.em.findOne(WebhookEndpoint, { tenantId: ctx.tenantId, id: original.endpointId });
    if (!endpoint) throw new UserInputError('ENDPOINT_DELETED', 'The endpoint of this delivery was deleted', ['deliveryId']);
    if (endpoint.status !== WebhookEndpointStatus.ACTIVE) {
      throw new UserInputError('ENDPOINT_DISABLED', 'Enable the endpoint before replaying deliveries to it', ['deliveryId']);
    }
    const action = await scheduleAction(ctx, {
      kind: ActionKind.WEBHOOK_DELIVERY,
      // A fresh key: every replay asked for is a delivery of its own.
      key: `webhook-replay:${original.action.id}:${randomUUID()}`,
      dueAt: ctx.clock.now(),
      ticketId: original.action.ticketId ?? null,
      payload: deliveryPayload({ eventId: original.event.id, endpointId: endpoint.id, replayOf: original.action.id }),
    });
    recordAudit(ctx, 'WEBHOOK_DELIVERY_REPLAYED', { deliveryId: original.action.id, replayId: action.id, endpointId: endpoint.id });
    return { action, event: original.event, endpointId: endpoint.id, replayOf: original.action.id, attempts: [] };
  });
}

/** Two queries for any number of deliveries. A delivery whose event no longer exists is left out. */
async function withEventsAndAttempts(ctx: TenantContext, actions: ScheduledAction[]): Promise<WebhookDeliveryRecord[]> {
  const targets = actions.map((action) => ({ action, target: deliveryTargetOf(action) }));
  const eventIds = [...new Set(targets.flatMap(({ target }) => (target ? [target.eventId] : [])))];
  if (eventIds.length === 0) return [];
  const events = await ctx.em.find(WebhookEvent, { tenantId: ctx.tenantId, id: { $in: eventIds } });
  const attempts = await ctx.em.find(
    WebhookAttempt,
    { tenantId: ctx.tenantId, deliveryId: { $in: actions.map((action) => action.id) } },
    { orderBy: { deliveryId: 'asc', attemptNumber: 'asc' } },
  );
  const eventById = new Map(events.map((event) => [event.id, event]));
  return targets.flatMap(({ action, target }) => {
    const event = target && eventById.get(target.eventId);
    if (!target || !event) return [];
    return [{ action, event, endpointId: target.endpointId, replayOf: target.replayOf, attempts: attempts.filter((a) => a.deliveryId === action.id) }];
  });
}
