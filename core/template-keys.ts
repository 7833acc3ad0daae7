/**
 * Every message the platform sends, by purpose. A key names what the message
 * is for; its wording lives in a template per locale, which HQ and stores may
 * override.
 */
export enum TemplateKey {
  /** To the customer: the request is registered, here is its number. */
  TICKET_RECEIVED = 'TICKET_RECEIVED',
  /** To the customer: the ticket moved to another status. */
  STATUS_CHANGED = 'STATUS_CHANGED',
  /** To the customer: the periodic "here is where things stand" while a ticket is open. */
  PROGRESS_UPDATE = 'PROGRESS_UPDATE',
  /** To the customer: a part's arrival date slipped. */
  PART_DELAYED = 'PART_DELAYED',
  /** To the customer: a part's date passed and no new date is known; when they will hear from the store next. */
  PART_LATE = 'PART_LATE',
  /** To the customer: an on-site visit is booked, with its window and address. */
  APPOINTMENT_BOOKED = 'APPOINTMENT_BOOKED',
  /** To the customer: an on-site visit moved to another window. */
  APPOINTMENT_MOVED = 'APPOINTMENT_MOVED',
  /** To the customer: an on-site visit is called off, with the reason. */
  APPOINTMENT_CANCELLED = 'APPOINTMENT_CANCELLED',
  /** To the customer: an on-site visit is coming up. */
  APPOINTMENT_REMINDER_CUSTOMER = 'APPOINTMENT_REMINDER_CUSTOMER',
  /** To the technician: an on-site visit is coming up. */
  APPOINTMENT_REMINDER_TECHNICIAN = 'APPOINTMENT_REMINDER_TECHNICIAN',
  /** To the customer: the satisfaction callback, with the survey link. */
  SURVEY_REQUEST = 'SURVEY_REQUEST',
  /** To the customer: the one reminder of an unanswered survey. */
  SURVEY_REMINDER = 'SURVEY_REMINDER',
  /** To staff: a service standard is about to be missed. */
  STAFF_AT_RISK = 'STAFF_AT_RISK',
  /** To staff: a missed standard climbed a step of the escalation ladder. */
  STAFF_ESCALATION = 'STAFF_ESCALATION',
  /** To the owner of complaint follow-up: a low satisfaction score reopened a ticket, with the score and the comment. */
  STAFF_COMPLAINT_FOLLOW_UP = 'STAFF_COMPLAINT_FOLLOW_UP',
  /** To the responsible person and the store managers: a part is late; get a new date from the supplier by a deadline. */
  STAFF_PART_LATE = 'STAFF_PART_LATE',
  /** To the store managers: the deadline for a late part's new date passed and none was recorded. */
  STAFF_PART_DATE_OVERDUE = 'STAFF_PART_DATE_OVERDUE',
  /** To a tenant's admins: a webhook endpoint kept failing and was switched off. */
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
  /** To a store's managers: the payment link of the subscription they asked for. */
  SUBSCRIPTION_CHECKOUT_LINK = 'SUBSCRIPTION_CHECKOUT_LINK',
  /** To a store's managers: a subscription payment failed; pay before the store becomes read-only. */
  SUBSCRIPTION_PAYMENT_FAILED = 'SUBSCRIPTION_PAYMENT_FAILED',
  /** To the customer: the link to pay for paid services (or a repair quote) offered on their ticket. */
  PAYMENT_LINK = 'PAYMENT_LINK',
  /** To the customer: money of a paid order is on its way back, with the reason. */
  REFUND_ISSUED = 'REFUND_ISSUED',
  /** To the customer: an out-of-warranty repair quote to accept or decline, with its total and last valid day. */
  QUOTE_SENT = 'QUOTE_SENT',
  /** To an HQ's admins: next year's (or this year's) official national calendar is not published; due times use a provisional one. */
  NATIONAL_CALENDAR_MISSING = 'NATIONAL_CALENDAR_MISSING',
  /** To a store's managers: a corrective action from an inspection is due soon. */
  STAFF_CORRECTIVE_ACTION_REMINDER = 'STAFF_CORRECTIVE_ACTION_REMINDER',
  /** To HQ service quality and the store's managers: a corrective action passed its deadline unresolved. */
  STAFF_CORRECTIVE_ACTION_OVERDUE = 'STAFF_CORRECTIVE_ACTION_OVERDUE',
  /** To a problem's owner: the problem is due today. */
  STAFF_PROBLEM_DUE = 'STAFF_PROBLEM_DUE',
  /** To the owner, the owner's managers and HQ's supervisors: a problem's due date passed and it is not resolved. */
  STAFF_PROBLEM_OVERDUE = 'STAFF_PROBLEM_OVERDUE',
  /** To HQ's admins and supervisors: stores stayed below a network target two months running. */
  HQ_TARGET_FLAGS = 'HQ_TARGET_FLAGS',
}

/**
 * The messages a customer reads. Each carries the link to the ticket's status
 * page (`{{statusUrl}}`), where the customer sees every promise and its
 * changes without having to call.
 */
export const CUSTOMER_TEMPLATE_KEYS: ReadonlySet<TemplateKey> = new Set([
  TemplateKey.TICKET_RECEIVED,
  TemplateKey.STATUS_CHANGED,
  TemplateKey.PROGRESS_UPDATE,
  TemplateKey.PART_DELAYED,
  TemplateKey.PART_LATE,
  TemplateKey.APPOINTMENT_BOOKED,
  TemplateKey.APPOINTMENT_MOVED,
  TemplateKey.APPOINTMENT_CANCELLED,
  TemplateKey.APPOINTMENT_REMINDER_CUSTOMER,
  TemplateKey.SURVEY_REQUEST,
  TemplateKey.SURVEY_REMINDER,
  TemplateKey.PAYMENT_LINK,
  TemplateKey.REFUND_ISSUED,
  TemplateKey.QUOTE_SENT,
]);
