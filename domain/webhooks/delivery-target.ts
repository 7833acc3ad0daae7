import type { ScheduledAction } from '../../schema/entities';

/** What a WEBHOOK_DELIVERY action's payload names: one event, one endpoint, and the delivery it replays, if any. */
export interface DeliveryTarget {
  eventId: string;
  endpointId: string;
  replayOf: string | null;
}

export function deliveryPayload(target: DeliveryTarget): Record<string, unknown> {
  const payload: Record<string, unknown> = { eventId: target.eventId, endpointId: target.endpointId };
  if (target.replayOf) payload.replayOf = target.replayOf;
  return payload;
}

/** Null when the payload is not a delivery's (written by hand, or by an older version). */
export function deliveryTargetOf(action: ScheduledAction): DeliveryTarget | null {
  const { eventId, endpointId, replayOf } = action.payload;
  if (typeof eventId !== 'string' || typeof endpointId !== 'string') return null;
  return { eventId, endpointId, replayOf: typeof replayOf === 'string' ? replayOf : null };
}
