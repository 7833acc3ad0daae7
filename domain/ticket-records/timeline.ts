import { TimelineVisibility } from '../../core/desk-enums';
import { TicketEvent } from '../../schema/entities';
import type { TenantContext } from '../context';

export interface TimelineEntry {
  kind: string;
  summary: string;
  visibility?: TimelineVisibility;
  data?: Record<string, unknown>;
}

/**
 * Appends to a ticket's timeline in the caller's transaction: every change of a
 * ticket lands here with the change itself. The table accepts inserts only.
 */
export function appendTimeline(ctx: TenantContext, ticketId: string, entry: TimelineEntry): TicketEvent {
  return ctx.em.create(TicketEvent, {
    tenantId: ctx.tenantId,
    ticketId,
    kind: entry.kind,
    visibility: entry.visibility ?? TimelineVisibility.INTERNAL,
    summary: entry.summary,
    data: entry.data ?? {},
    actorKind: ctx.principal.kind,
    actorId: ctx.principal.id,
    occurredAt: ctx.clock.now(),
  });
}
