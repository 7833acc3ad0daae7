import { describeEnum } from './describe-enum';

/**
 * What a tenant can subscribe an endpoint to. The values are the wire names
 * sent as `type` in each payload (dotted, lower case, as Standard Webhooks
 * suggests); GraphQL shows the keys.
 */
export enum WebhookEventType {
  TICKET_CREATED = 'ticket.created',
  TICKET_STATUS_CHANGED = 'ticket.status_changed',
  TICKET_ESCALATED = 'ticket.escalated',
  SLA_AT_RISK = 'sla.at_risk',
  SLA_BREACHED = 'sla.breached',
  CALLBACK_ANSWERED = 'callback.answered',
  PART_LATE = 'part.late',
  PART_DELAYED = 'part.delayed',
  WORK_ORDER_DISPATCHED = 'work_order.dispatched',
  APPOINTMENT_SCHEDULED = 'appointment.scheduled',
}

export enum WebhookEndpointStatus {
  ACTIVE = 'ACTIVE',
  /** Receives nothing until enabled again; deliveries due meanwhile are skipped. */
  DISABLED = 'DISABLED',
}

export enum WebhookDisableCause {
  /** A person or system of the tenant disabled it. */
  MANUAL = 'MANUAL',
  /** The platform disabled it after too many dead-lettered deliveries in a row. */
  FAILING_DELIVERIES = 'FAILING_DELIVERIES',
}

describeEnum(WebhookEventType, 'WebhookEventType', 'An event an endpoint can subscribe to; the payload `type` is its dotted wire name.', {
  TICKET_CREATED: '`ticket.created`: a ticket was registered.',
  TICKET_STATUS_CHANGED: '`ticket.status_changed`: a ticket moved to another status.',
  TICKET_ESCALATED: '`ticket.escalated`: a ticket reached a level of its escalation ladder.',
  SLA_AT_RISK: '`sla.at_risk`: a service target of a ticket is about to be missed.',
  SLA_BREACHED: '`sla.breached`: a service target of a ticket was missed.',
  CALLBACK_ANSWERED: '`callback.answered`: a customer answered the satisfaction survey.',
  PART_LATE: '`part.late`: a part on order passed its expected date.',
  PART_DELAYED: '`part.delayed`: the expected date of a part on order moved later.',
  WORK_ORDER_DISPATCHED: '`work_order.dispatched`: a repair was handed to a partner.',
  APPOINTMENT_SCHEDULED: '`appointment.scheduled`: an on-site visit was booked.',
});
describeEnum(WebhookEndpointStatus, 'WebhookEndpointStatus', 'Whether an endpoint receives deliveries.', {
  ACTIVE: 'Receives the events it subscribes to.',
  DISABLED: 'Receives nothing until enabled again.',
});
describeEnum(WebhookDisableCause, 'WebhookDisableCause', 'Why an endpoint is disabled.', {
  MANUAL: 'Someone of the tenant disabled it.',
  FAILING_DELIVERIES: 'The platform disabled it after too many dead-lettered deliveries in a row.',
});
