import type { Ticket } from '../../schema/entities';
import { WebhookEventType } from '../../core/webhook-enums';
import type { TenantContext } from '../context';
import type { EventOf, StatusChange } from '../events/domain-events';
import { on, Subscription } from '../events/dispatcher';
import { publishEvent } from './publish';

/**
 * What partners' systems hear when a store's ticket changes: one webhook
 * event per change, keyed on what caused it, recorded and scheduled in the
 * transaction of the change.
 */
async function publishTicketCreated(ctx: TenantContext, { ticket }: EventOf<'TicketRegistered'>): Promise<void> {
  await publishEvent(ctx, {
    type: WebhookEventType.TICKET_CREATED,
    key: `ticket-created:${ticket.id}`,
    newKey: true,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, type: ticket.type, channel: ticket.channel, priority: ticket.priority, status: ticket.status },
  });
}

/** Partners hear of every move. */
async function publishStatusChanged(ctx: TenantContext, { ticket, ...change }: EventOf<'TicketMoved'>): Promise<void> {
  await publishStatus(ctx, ticket, change);
}

/** Assigning a new or reopened ticket moves it to ASSIGNED: partners hear of the move like any other. */
async function publishAssignedStatus(ctx: TenantContext, { ticket, statusChange }: EventOf<'TicketAssigned'>): Promise<void> {
  if (statusChange) await publishStatus(ctx, ticket, statusChange);
}

async function publishStatus(ctx: TenantContext, ticket: Ticket, change: StatusChange): Promise<void> {
  await publishEvent(ctx, {
    type: WebhookEventType.TICKET_STATUS_CHANGED,
    key: `status:${change.event.id}`,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, from: change.from, to: change.to },
  });
}

/** A part that will come later than promised. */
async function publishPartDelayed(ctx: TenantContext, { ticket, part, previousOn, later }: EventOf<'PartDateChanged'>): Promise<void> {
  if (!later) return;
  await publishEvent(ctx, {
    type: WebhookEventType.PART_DELAYED,
    key: `part-delayed:${part.id}:${previousOn}:${part.expectedOn}`,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, partNumber: part.partNumber, previousOn, expectedOn: part.expectedOn },
  });
}

/** Partners that follow a store's repairs hear when one is handed to a repair centre. */
async function publishWorkOrderDispatched(ctx: TenantContext, { ticket, dispatch }: EventOf<'WorkOrderDispatched'>): Promise<void> {
  await publishEvent(ctx, {
    type: WebhookEventType.WORK_ORDER_DISPATCHED,
    key: `dispatched:${dispatch.id}`,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, workOrderId: dispatch.workOrderId, partnerTenantId: dispatch.partnerTenantId },
  });
}

/** Partners' calendars hear of a booked or moved visit (once per window). */
async function publishAppointmentScheduled(
  ctx: TenantContext,
  { ticket, appointment }: EventOf<'AppointmentBooked' | 'AppointmentRescheduled'>,
): Promise<void> {
  await publishEvent(ctx, {
    type: WebhookEventType.APPOINTMENT_SCHEDULED,
    key: `appointment:${appointment.id}:${appointment.windowStart.toISOString()}`,
    ticketId: ticket.id,
    data: {
      ticketNumber: ticket.number,
      appointmentId: appointment.id,
      windowStart: appointment.windowStart.toISOString(),
      windowEnd: appointment.windowEnd.toISOString(),
    },
  });
}

export const webhookSubscriptions: readonly Subscription[] = [
  on('webhooks', 'TicketRegistered', publishTicketCreated),
  on('webhooks', 'TicketAssigned', publishAssignedStatus),
  on('webhooks', 'TicketMoved', publishStatusChanged),
  on('webhooks', 'PartDateChanged', publishPartDelayed),
  on('webhooks', 'WorkOrderDispatched', publishWorkOrderDispatched),
  on('webhooks', 'AppointmentBooked', publishAppointmentScheduled),
  on('webhooks', 'AppointmentRescheduled', publishAppointmentScheduled),
];
