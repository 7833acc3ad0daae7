import { AppointmentStatus } from '../../core/desk-enums';
import type { Appointment } from '../../schema/entities';
import type { TenantContext } from '../context';
import { ActionKind } from '../../core/action-enums';
import { cancelPendingActions, scheduleAction } from '../scheduling/schedule';

const HOUR = 3600_000;
/** The day before and an hour before the visit. */
const REMINDERS = [
  { name: 'day', before: 24 * HOUR },
  { name: 'hour', before: HOUR },
] as const;

/**
 * Puts a visit's reminders on the schedule and cancels those of its earlier
 * times. A reminder whose moment has already passed (a visit booked for this
 * afternoon has no "day before") is not scheduled.
 */
export async function scheduleAppointmentReminders(ctx: TenantContext, appointment: Appointment): Promise<void> {
  const now = ctx.clock.now();
  const keys = REMINDERS.map((reminder) => ({ ...reminder, key: `appointment:${appointment.id}:${appointment.windowStart.toISOString()}:${reminder.name}` }));
  await cancelPendingActions(ctx, {
    ticketId: appointment.ticketId,
    kinds: [ActionKind.APPOINTMENT_REMINDER],
    except: appointment.status === AppointmentStatus.SCHEDULED ? keys.map((reminder) => reminder.key) : [],
    matching: (action) => action.payload.appointmentId === appointment.id,
  });
  if (appointment.status !== AppointmentStatus.SCHEDULED) return;
  for (const reminder of keys) {
    const dueAt = new Date(appointment.windowStart.getTime() - reminder.before);
    if (dueAt <= now) continue;
    await scheduleAction(ctx, {
      kind: ActionKind.APPOINTMENT_REMINDER,
      key: reminder.key,
      dueAt,
      ticketId: appointment.ticketId,
      payload: { appointmentId: appointment.id, windowStart: appointment.windowStart.toISOString(), reminder: reminder.name },
    });
  }
}
