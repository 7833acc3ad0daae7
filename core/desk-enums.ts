import { registerEnumType } from 'type-graphql';

export enum TicketType {
  INQUIRY = 'INQUIRY',
  REPAIR = 'REPAIR',
  COMPLAINT = 'COMPLAINT',
  RETURN_EXCHANGE = 'RETURN_EXCHANGE',
  ONSITE = 'ONSITE',
  PAID_SERVICE = 'PAID_SERVICE',
}
export enum TicketChannel {
  WALK_IN = 'WALK_IN',
  PHONE = 'PHONE',
  ONLINE = 'ONLINE',
  PARTNER_API = 'PARTNER_API',
}
export enum TicketPriority {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
export enum TicketStatus {
  NEW = 'NEW',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  WAITING_PARTS = 'WAITING_PARTS',
  WAITING_CUSTOMER = 'WAITING_CUSTOMER',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
  CANCELLED = 'CANCELLED',
}
export enum PurchaseSource {
  THIS_STORE = 'THIS_STORE',
  NETWORK_STORE = 'NETWORK_STORE',
  ELSEWHERE = 'ELSEWHERE',
}
export enum WarrantyStatus {
  RETURN_ELIGIBLE = 'RETURN_ELIGIBLE',
  EXCHANGE_ELIGIBLE = 'EXCHANGE_ELIGIBLE',
  IN_WARRANTY = 'IN_WARRANTY',
  MAIN_PARTS_ONLY = 'MAIN_PARTS_ONLY',
  EXTENDED = 'EXTENDED',
  OUT_OF_WARRANTY = 'OUT_OF_WARRANTY',
}
export enum PartsOrderStatus {
  ORDERED = 'ORDERED',
  ARRIVED = 'ARRIVED',
  CANCELLED = 'CANCELLED',
}
export enum AppointmentStatus {
  SCHEDULED = 'SCHEDULED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  MISSED = 'MISSED',
}
export enum WorkOrderStatus {
  RECEIVED = 'RECEIVED',
  IN_REPAIR = 'IN_REPAIR',
  WAITING_PARTS = 'WAITING_PARTS',
  REPAIRED = 'REPAIRED',
  RETURNED = 'RETURNED',
  CANCELLED = 'CANCELLED',
}
export enum ComplaintSubject {
  STAFF = 'STAFF',
  STORE = 'STORE',
  PRODUCT = 'PRODUCT',
  SERVICE = 'SERVICE',
}
export enum ContactChannel {
  PHONE = 'PHONE',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
  IN_PERSON = 'IN_PERSON',
  LETTER = 'LETTER',
}
export enum TimelineVisibility {
  INTERNAL = 'INTERNAL',
  CUSTOMER = 'CUSTOMER',
}

registerEnumType(TicketType, { name: 'TicketType', description: 'What the customer came for.' });
registerEnumType(TicketChannel, { name: 'TicketChannel', description: 'How the request reached the store.' });
registerEnumType(TicketPriority, { name: 'TicketPriority', description: 'Urgency of a ticket.' });
registerEnumType(TicketStatus, { name: 'TicketStatus', description: 'Where a ticket is in its life.' });
registerEnumType(PurchaseSource, { name: 'PurchaseSource', description: 'Where a device was bought.' });
registerEnumType(WarrantyStatus, { name: 'WarrantyStatus', description: 'What the warranty gives on a given day.' });
registerEnumType(PartsOrderStatus, { name: 'PartsOrderStatus', description: 'State of a parts order.' });
registerEnumType(AppointmentStatus, { name: 'AppointmentStatus', description: 'State of an on-site appointment.' });
registerEnumType(WorkOrderStatus, { name: 'WorkOrderStatus', description: "State of a partner's work order." });
registerEnumType(ComplaintSubject, { name: 'ComplaintSubject', description: 'Whom or what a complaint is about.' });
registerEnumType(ContactChannel, { name: 'ContactChannel', description: 'How the customer was reached.' });
registerEnumType(TimelineVisibility, { name: 'TimelineVisibility', description: 'Internal note, or something the customer was told.' });

/** The order of a ticket list. */
export enum TicketSort {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  PRIORITY = 'PRIORITY',
  /** Most urgent first: breached, then the nearest deadline, then no clock running (see byUrgency in the ticket search). */
  URGENCY = 'URGENCY',
}
