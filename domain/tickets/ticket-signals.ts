import type { Appointment, Dispatch, PartsOrder, Ticket, TicketEvent } from '../../schema/entities';
import { TicketStatus } from '../../schema/desk-enums';
import { WebhookEventType } from '../../schema/webhook-enums';
import { startCallbackIfDue } from '../callbacks/callback-start';
import type { TenantContext } from '../context';
import { notifyCustomer } from '../notifications/ticket-notices';
import { TemplateKey } from '../notifications/template-keys';
import { recordClockOutcomes } from '../standards/clock-outcomes';
import { publishEvent } from '../webhooks/publish';
import { CUSTOMER_VISIBLE_STATUSES } from './lifecycle';

/**
 * What the outside world hears when a ticket changes: the customer's message,
 * the partners' webhook, and the ticket's next watch. Each is scheduled in the
 * transaction of the change, so it goes out if and only if the change lands.
 */
export async function ticketRegistered(ctx: TenantContext, ticket: Ticket): Promise<void> {
  await notifyCustomer(ctx, ticket, { template: TemplateKey.TICKET_RECEIVED, key: `received:${ticket.id}`, params: {} });
  await publishEvent(ctx, {
    type: WebhookEventType.TICKET_CREATED,
    key: `ticket-created:${ticket.id}`,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, type: ticket.type, channel: ticket.channel, priority: ticket.priority, status: ticket.status },
  });
  await recordClockOutcomes(ctx, ticket);
}

/** A status the customer should know about is written to them at once; partners hear of every move. */
export async function ticketMoved(
  ctx: TenantContext,
  ticket: Ticket,
  change: { from: TicketStatus; to: TicketStatus; event: TicketEvent; note?: string | null },
): Promise<void> {
  if (CUSTOMER_VISIBLE_STATUSES.includes(change.to)) {
    await notifyCustomer(ctx, ticket, {
      template: TemplateKey.STATUS_CHANGED,
      key: `status:${change.event.id}`,
      params: { status: change.to, previousStatus: change.from, note: change.note ?? '' },
    });
  }
  await publishEvent(ctx, {
    type: WebhookEventType.TICKET_STATUS_CHANGED,
    key: `status:${change.event.id}`,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, from: change.from, to: change.to },
  });
  // A resolution may be followed by a satisfaction callback, planned with the move itself.
  if (change.to === TicketStatus.RESOLVED) await startCallbackIfDue(ctx, ticket);
}

/** The part will come later than promised: the customer hears it at once, with the new date. */
export async function partDelayed(ctx: TenantContext, ticket: Ticket, part: PartsOrder, previousOn: string): Promise<void> {
  const key = `part-delayed:${part.id}:${previousOn}:${part.expectedOn}`;
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.PART_DELAYED,
    key,
    params: { expectedOn: part.expectedOn, previousOn, partDescription: part.description },
  });
  await publishEvent(ctx, {
    type: WebhookEventType.PART_DELAYED,
    key,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, partNumber: part.partNumber, previousOn, expectedOn: part.expectedOn },
  });
}

/** Partners that follow a store's repairs hear when one is handed to a repair centre. */
export async function workOrderDispatched(ctx: TenantContext, ticket: Ticket, dispatch: Dispatch): Promise<void> {
  await publishEvent(ctx, {
    type: WebhookEventType.WORK_ORDER_DISPATCHED,
    key: `dispatched:${dispatch.id}`,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, workOrderId: dispatch.workOrderId, partnerTenantId: dispatch.partnerTenantId },
  });
}

/** What the customer reads about a visit: its window (and the one it replaces) in the store's local time. Staff's reasons stay internal. */
export interface VisitNotice {
  /** The timeline entry of the change: the message is keyed on it, so each change is told once. */
  event: TicketEvent;
  window: string;
  previousWindow?: string | null;
}

/**
 * A booked or moved visit: the customer is told at once (reminders follow the
 * day before and the hour before), partners' calendars hear of it.
 */
export async function appointmentBooked(ctx: TenantContext, ticket: Ticket, appointment: Appointment, notice: VisitNotice): Promise<void> {
  await notifyCustomer(ctx, ticket, {
    template: notice.previousWindow ? TemplateKey.APPOINTMENT_MOVED : TemplateKey.APPOINTMENT_BOOKED,
    key: `appointment:${notice.event.id}`,
    params: { appointmentWindow: notice.window, previousWindow: notice.previousWindow ?? '', address: appointment.address },
  });
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

/** A visit called off: the customer is told instead of waiting at home. */
export async function appointmentCancelled(ctx: TenantContext, ticket: Ticket, notice: VisitNotice): Promise<void> {
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.APPOINTMENT_CANCELLED,
    key: `appointment:${notice.event.id}`,
    params: { appointmentWindow: notice.window },
  });
}
