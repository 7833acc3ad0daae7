import { AppointmentStatus, TimelineVisibility } from '../../core/desk-enums';
import { Appointment, StaffUser, Ticket } from '../../schema/entities';
import { Role, StaffStatus } from '../../core/enums';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { publish } from '../events/dispatcher';
import { describeWindow } from '../store-time';
import { optionalText, requiredText } from '../input/text';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { ticketForUpdate, touchTicket } from '../ticket-records/ticket-access';
import { appendTimeline } from '../ticket-records/timeline';
import { scheduleAppointmentReminders } from './appointment-reminders';
import type {
  CancelAppointmentInput,
  CompleteAppointmentInput,
  MarkAppointmentMissedInput,
  RescheduleAppointmentInput,
  ScheduleAppointmentInput,
} from '../../schema/graphql/appointment.types';

/**
 * On-site visits: a promised time window, a technician of the store, an
 * address. Booking, moving and cancelling a visit are told to the customer at
 * once, by a message of its own; reminders follow before the visit.
 */
export interface AppointmentResult {
  appointment: Appointment;
  ticket: Ticket;
}

export async function scheduleAppointment(ctx: TenantContext, input: ScheduleAppointmentInput): Promise<AppointmentResult> {
  const notes = optionalText(input.notes, 'notes');
  const now = ctx.clock.now();
  checkWindow(input.windowStart, input.windowEnd, now);
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId, input.expectedVersion);
    requireOpenTicket(ticket);
    const address = optionalText(input.address, 'address', 500) ?? ticket.contactAddress?.trim() ?? '';
    if (!address) throw new UserInputError('ADDRESS_REQUIRED', 'Give the address of the visit; the ticket has none', ['address']);
    const technician = await technicianOf(ctx, input.technicianId);
    const appointment = ctx.em.create(Appointment, {
      tenantId: ctx.tenantId,
      ticketId: ticket.id,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      technicianId: technician.id,
      address,
      status: AppointmentStatus.SCHEDULED,
      notes,
      createdAt: now,
      updatedAt: now,
    });
    touchTicket(ticket, now);
    const window = await describeWindow(ctx, input.windowStart, input.windowEnd);
    const event = appendTimeline(ctx, ticket.id, {
      kind: 'APPOINTMENT_SCHEDULED',
      visibility: TimelineVisibility.CUSTOMER,
      summary: `On-site visit scheduled for ${window} at ${address}, technician ${technician.name}`,
      data: windowData(appointment, { technicianName: technician.name }),
    });
    await scheduleAppointmentReminders(ctx, appointment);
    await publish(ctx, { type: 'AppointmentBooked', ticket, appointment, notice: { event, window } });
    return { appointment, ticket };
  });
}

export async function rescheduleAppointment(ctx: TenantContext, input: RescheduleAppointmentInput): Promise<AppointmentResult> {
  const reason = optionalText(input.reason, 'reason', 1000);
  const address = optionalText(input.address, 'address', 500);
  const now = ctx.clock.now();
  checkWindow(input.windowStart, input.windowEnd, now);
  return atomically(ctx, async () => {
    const { appointment, ticket } = await appointmentForUpdate(ctx, input.appointmentId, input.expectedVersion);
    requireScheduled(appointment);
    requireOpenTicket(ticket);
    const technician = await technicianOf(ctx, input.technicianId ?? appointment.technicianId);
    const previous = {
      windowStart: appointment.windowStart.toISOString(),
      windowEnd: appointment.windowEnd.toISOString(),
      technicianId: appointment.technicianId,
    };
    const previousWindow = await describeWindow(ctx, appointment.windowStart, appointment.windowEnd);
    appointment.windowStart = input.windowStart;
    appointment.windowEnd = input.windowEnd;
    appointment.technicianId = technician.id;
    if (address) appointment.address = address;
    appointment.updatedAt = now;
    touchTicket(ticket, now);
    const window = await describeWindow(ctx, input.windowStart, input.windowEnd);
    const event = appendTimeline(ctx, ticket.id, {
      kind: 'APPOINTMENT_RESCHEDULED',
      visibility: TimelineVisibility.CUSTOMER,
      summary: `On-site visit moved to ${window} at ${appointment.address}, technician ${technician.name}`,
      data: windowData(appointment, { previous, reason, technicianName: technician.name }),
    });
    await scheduleAppointmentReminders(ctx, appointment);
    // The same window with another technician or address is still news to the customer, but not a move.
    const moved = previousWindow !== window;
    await publish(ctx, { type: 'AppointmentRescheduled', ticket, appointment, notice: { event, window, previousWindow: moved ? previousWindow : null } });
    return { appointment, ticket };
  });
}

export async function completeAppointment(ctx: TenantContext, input: CompleteAppointmentInput): Promise<AppointmentResult> {
  const notes = optionalText(input.notes, 'notes');
  return atomically(ctx, async () => {
    const { appointment, ticket } = await appointmentForUpdate(ctx, input.appointmentId, input.expectedVersion);
    requireScheduled(appointment);
    const now = ctx.clock.now();
    appointment.status = AppointmentStatus.COMPLETED;
    appointment.updatedAt = now;
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'APPOINTMENT_COMPLETED',
      summary: `On-site visit done${notes ? `: ${notes}` : ''}`,
      data: windowData(appointment, { notes }),
    });
    await scheduleAppointmentReminders(ctx, appointment);
    return { appointment, ticket };
  });
}

export async function cancelAppointment(ctx: TenantContext, input: CancelAppointmentInput): Promise<AppointmentResult> {
  const reason = requiredText(input.reason, 'reason', 1000);
  return atomically(ctx, async () => {
    const { appointment, ticket } = await appointmentForUpdate(ctx, input.appointmentId, input.expectedVersion);
    requireScheduled(appointment);
    const now = ctx.clock.now();
    appointment.status = AppointmentStatus.CANCELLED;
    appointment.updatedAt = now;
    touchTicket(ticket, now);
    const window = await describeWindow(ctx, appointment.windowStart, appointment.windowEnd);
    const event = appendTimeline(ctx, ticket.id, {
      kind: 'APPOINTMENT_CANCELLED',
      visibility: TimelineVisibility.CUSTOMER,
      summary: `The on-site visit of ${window} is cancelled`,
      data: windowData(appointment, { reason }),
    });
    await scheduleAppointmentReminders(ctx, appointment);
    await publish(ctx, { type: 'AppointmentCancelled', ticket, appointment, notice: { event, window } });
    return { appointment, ticket };
  });
}

/** Nobody met: the customer was not there, or the visit did not happen. Only once its window has begun. */
export async function markAppointmentMissed(ctx: TenantContext, input: MarkAppointmentMissedInput): Promise<AppointmentResult> {
  const reason = optionalText(input.reason, 'reason', 1000);
  return atomically(ctx, async () => {
    const { appointment, ticket } = await appointmentForUpdate(ctx, input.appointmentId, input.expectedVersion);
    requireScheduled(appointment);
    const now = ctx.clock.now();
    if (appointment.windowStart > now) {
      throw new UserInputError('WINDOW_NOT_STARTED', 'A visit can be missed only once its window has begun', ['appointmentId']);
    }
    appointment.status = AppointmentStatus.MISSED;
    appointment.updatedAt = now;
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'APPOINTMENT_MISSED',
      summary: `On-site visit missed${reason ? `: ${reason}` : ''}`,
      data: windowData(appointment, { reason }),
    });
    await scheduleAppointmentReminders(ctx, appointment);
    return { appointment, ticket };
  });
}

export async function findAppointment(ctx: TenantContext, id: string): Promise<Appointment> {
  const appointment = await ctx.em.findOne(Appointment, { tenantId: ctx.tenantId, id });
  if (!appointment) throw notFound('Appointment');
  return appointment;
}

async function appointmentForUpdate(ctx: TenantContext, id: string, expectedVersion?: number | null): Promise<AppointmentResult> {
  const appointment = await findAppointment(ctx, id);
  const ticket = await ticketForUpdate(ctx, appointment.ticketId, expectedVersion);
  await scheduleAppointmentReminders(ctx, appointment);
  return { appointment, ticket };
}

function checkWindow(start: Date, end: Date, now: Date): void {
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start >= end) {
    throw new UserInputError('INVALID_WINDOW', 'The window must start before it ends', ['windowEnd']);
  }
  if (end <= now) throw new UserInputError('WINDOW_IN_PAST', 'The window is already over', ['windowEnd']);
}

function requireScheduled(appointment: Appointment): void {
  if (appointment.status !== AppointmentStatus.SCHEDULED) {
    throw new UserInputError('APPOINTMENT_NOT_SCHEDULED', `The appointment is ${appointment.status}, not SCHEDULED`, ['appointmentId']);
  }
}

/** An active technician of this store; any other id (another tenant's included) answers the same. */
async function technicianOf(ctx: TenantContext, id: string): Promise<StaffUser> {
  const user = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id });
  if (!user || user.role !== Role.TECHNICIAN || user.status !== StaffStatus.ACTIVE) {
    throw new UserInputError('NOT_A_TECHNICIAN', 'Choose an active technician of this store', ['technicianId']);
  }
  return user;
}

function windowData(appointment: Appointment, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    appointmentId: appointment.id,
    windowStart: appointment.windowStart.toISOString(),
    windowEnd: appointment.windowEnd.toISOString(),
    technicianId: appointment.technicianId,
    ...extra,
  };
}
