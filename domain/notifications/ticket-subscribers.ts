import type { Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import type { EventOf, StatusChange } from '../events/domain-events';
import { on, Subscription } from '../events/dispatcher';
import { CUSTOMER_VISIBLE_STATUSES } from '../ticket-records/lifecycle';
import { TemplateKey } from '../../core/template-keys';
import { notifyCustomer } from './ticket-notices';

/**
 * What the customer is told when their ticket changes, scheduled in the
 * transaction of the change: it goes out if and only if the change lands.
 * Each message is keyed on what caused it, so a change is told once.
 */
async function tellCustomerTicketReceived(ctx: TenantContext, { ticket }: EventOf<'TicketRegistered'>): Promise<void> {
  await notifyCustomer(ctx, ticket, { template: TemplateKey.TICKET_RECEIVED, key: `received:${ticket.id}`, newKey: true, params: {} });
}

/** A status the customer should know about is written to them at once. */
async function tellCustomerStatusChanged(ctx: TenantContext, { ticket, ...change }: EventOf<'TicketMoved'>): Promise<void> {
  await tellStatus(ctx, ticket, change);
}

/** Assigning a new or reopened ticket moves it to ASSIGNED, told like any other move. */
async function tellCustomerAssignedStatus(ctx: TenantContext, { ticket, statusChange }: EventOf<'TicketAssigned'>): Promise<void> {
  if (statusChange) await tellStatus(ctx, ticket, statusChange);
}

async function tellStatus(ctx: TenantContext, ticket: Ticket, change: StatusChange): Promise<void> {
  if (!CUSTOMER_VISIBLE_STATUSES.includes(change.to)) return;
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.STATUS_CHANGED,
    key: `status:${change.event.id}`,
    params: { status: change.to, previousStatus: change.from, note: change.note ?? '' },
  });
}

/** The part will come later than promised: the customer hears it at once, with the new date. */
async function tellCustomerPartDelayed(ctx: TenantContext, { ticket, part, previousOn, later }: EventOf<'PartDateChanged'>): Promise<void> {
  if (!later) return;
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.PART_DELAYED,
    key: `part-delayed:${part.id}:${previousOn}:${part.expectedOn}`,
    params: { expectedOn: part.expectedOn, previousOn, partDescription: part.description },
  });
}

/** A booked or moved visit is told at once (reminders follow the day before and the hour before). */
async function tellCustomerVisitBooked(
  ctx: TenantContext,
  { ticket, appointment, notice }: EventOf<'AppointmentBooked' | 'AppointmentRescheduled'>,
): Promise<void> {
  await notifyCustomer(ctx, ticket, {
    template: notice.previousWindow ? TemplateKey.APPOINTMENT_MOVED : TemplateKey.APPOINTMENT_BOOKED,
    key: `appointment:${notice.event.id}`,
    params: { appointmentWindow: notice.window, previousWindow: notice.previousWindow ?? '', address: appointment.address },
  });
}

/** A visit called off: the customer is told instead of waiting at home. */
async function tellCustomerVisitCancelled(ctx: TenantContext, { ticket, notice }: EventOf<'AppointmentCancelled'>): Promise<void> {
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.APPOINTMENT_CANCELLED,
    key: `appointment:${notice.event.id}`,
    params: { appointmentWindow: notice.window },
  });
}

export const notificationSubscriptions: readonly Subscription[] = [
  on('notifications', 'TicketRegistered', tellCustomerTicketReceived),
  on('notifications', 'TicketAssigned', tellCustomerAssignedStatus),
  on('notifications', 'TicketMoved', tellCustomerStatusChanged),
  on('notifications', 'PartDateChanged', tellCustomerPartDelayed),
  on('notifications', 'AppointmentBooked', tellCustomerVisitBooked),
  on('notifications', 'AppointmentRescheduled', tellCustomerVisitBooked),
  on('notifications', 'AppointmentCancelled', tellCustomerVisitCancelled),
];
