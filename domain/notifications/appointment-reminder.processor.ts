import { AppointmentStatus } from '../../core/desk-enums';
import { Appointment, Ticket } from '../../schema/entities';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { describeWindow } from '../store-time';
import { TemplateKey } from '../../core/template-keys';
import { notifyCustomer, notifyStaff } from './ticket-notices';

/** APPOINTMENT_REMINDER, scheduled with the visit (tickets/appointment-reminders.ts). */
/** Reminds the customer and the technician, unless the visit moved, was cancelled or already happened. */
export const processAppointmentReminder: ActionProcessor = async ({ ctx, action }) => {
  const appointment = await ctx.em.findOne(Appointment, { tenantId: ctx.tenantId, id: String(action.payload.appointmentId) });
  if (!appointment || appointment.status !== AppointmentStatus.SCHEDULED) return skipped('the visit is no longer scheduled');
  if (appointment.windowStart.toISOString() !== action.payload.windowStart) return skipped('the visit moved');
  const ticket = await ctx.em.findOneOrFail(Ticket, { tenantId: ctx.tenantId, id: appointment.ticketId });
  const params = {
    appointmentWindow: await describeWindow(ctx, appointment.windowStart, appointment.windowEnd),
    address: appointment.address,
  };
  await notifyCustomer(ctx, ticket, { template: TemplateKey.APPOINTMENT_REMINDER_CUSTOMER, key: `reminder:${action.id}`, params });
  await notifyStaff(ctx, ticket, {
    template: TemplateKey.APPOINTMENT_REMINDER_TECHNICIAN,
    key: `reminder:${action.id}`,
    people: [{ id: appointment.technicianId }],
    params,
  });
  return done({ reminder: action.payload.reminder });
};
