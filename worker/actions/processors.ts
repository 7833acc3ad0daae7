import { processStripeEvent } from '../../domain/stripe-intake/stripe-events';
import { processSubscriptionCheckout } from '../../domain/billing/subscription-checkout.processor';
import { processSubscriptionPlanChange } from '../../domain/billing/plan-change.processor';
import { processCallbackExpiry } from '../../domain/callbacks/callback-expiry.processor';
import { processCallbackReminder } from '../../domain/callbacks/callback-reminder.processor';
import { processCallbackSurvey } from '../../domain/callbacks/callback-survey.processor';
import { processNotification } from '../../domain/notifications/notification.processor';
import { processOrderCheckoutExpire } from '../../domain/orders/order-checkout-expire.processor';
import { processOrderCheckout } from '../../domain/orders/order-checkout.processor';
import { processOrderRefund } from '../../domain/orders/refund.processor';
import { ActionKind } from '../../core/action-enums';
import { processProblemDue } from '../../domain/problems/problem-due.processor';
import { processCalendarRecompute } from '../../domain/standards/calendar-recompute.processor';
import { processTicketWatch } from '../../domain/standards/ticket-watch.processor';
import { processAppointmentReminder } from '../../domain/notifications/appointment-reminder.processor';
import { processWorkOrderNotice } from '../../domain/webhooks/work-order-notice.processor';
import { processWebhookDelivery } from '../../domain/webhooks/webhook-delivery.processor';
import type { ActionProcessor } from '../../domain/scheduling/processor';
import { processCorrectiveActionEscalation, processCorrectiveActionReminder } from '../../domain/inspections/corrective-action.processors';

/** Which processor does each kind of scheduled action: every kind has one. */
export const ACTION_PROCESSORS: Readonly<Record<ActionKind, ActionProcessor>> = {
  [ActionKind.TICKET_WATCH]: processTicketWatch,
  [ActionKind.NOTIFICATION]: processNotification,
  [ActionKind.APPOINTMENT_REMINDER]: processAppointmentReminder,
  [ActionKind.WEBHOOK_DELIVERY]: processWebhookDelivery,
  [ActionKind.WORK_ORDER_NOTICE]: processWorkOrderNotice,
  [ActionKind.CALLBACK_SURVEY]: processCallbackSurvey,
  [ActionKind.CALLBACK_REMINDER]: processCallbackReminder,
  [ActionKind.CALLBACK_EXPIRY]: processCallbackExpiry,
  [ActionKind.STRIPE_EVENT]: processStripeEvent,
  [ActionKind.SUBSCRIPTION_CHECKOUT]: processSubscriptionCheckout,
  [ActionKind.SUBSCRIPTION_PLAN_CHANGE]: processSubscriptionPlanChange,
  [ActionKind.ORDER_CHECKOUT]: processOrderCheckout,
  [ActionKind.ORDER_CHECKOUT_EXPIRE]: processOrderCheckoutExpire,
  [ActionKind.ORDER_REFUND]: processOrderRefund,
  [ActionKind.CALENDAR_RECOMPUTE]: processCalendarRecompute,
  [ActionKind.CORRECTIVE_ACTION_REMINDER]: processCorrectiveActionReminder,
  [ActionKind.CORRECTIVE_ACTION_ESCALATION]: processCorrectiveActionEscalation,
  [ActionKind.PROBLEM_DUE]: processProblemDue,
};
