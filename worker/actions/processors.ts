import { processNotification } from '../../domain/notifications/notification.processor';
import { ActionKind } from '../../domain/scheduling/action-kinds';
import { processTicketWatch } from '../../domain/standards/ticket-watch.processor';
import { processAppointmentReminder } from '../../domain/tickets/appointment-reminders';
import { processWebhookDelivery } from '../../domain/webhooks/webhook-delivery.processor';
import type { ProcessorRegistry } from './run-action';

/** Which processor does each kind of scheduled action. */
export const ACTION_PROCESSORS: ProcessorRegistry = {
  [ActionKind.TICKET_WATCH]: processTicketWatch,
  [ActionKind.NOTIFICATION]: processNotification,
  [ActionKind.APPOINTMENT_REMINDER]: processAppointmentReminder,
  [ActionKind.WEBHOOK_DELIVERY]: processWebhookDelivery,
};
