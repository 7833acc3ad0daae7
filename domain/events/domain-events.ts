import type { TicketStatus } from '../../core/desk-enums';
import type { MeasuredOutcome, SlaMetric } from '../../core/sla-enums';
import type { Appointment, Callback, Dispatch, PartsOrder, ServiceOrder, Ticket, TicketEvent } from '../../schema/entities';

/**
 * What happened to a ticket, told by the folder that changed it to whoever
 * reacts (customer messages, partner webhooks, callbacks, the ticket's watch).
 * The publisher knows none of its subscribers; each event carries what they
 * need, so none has to ask the publisher back.
 */

/** A status change as the timeline recorded it: messages and webhooks are keyed on the entry. */
export interface StatusChange {
  from: TicketStatus;
  to: TicketStatus;
  /** The timeline entry of the change. */
  event: TicketEvent;
  note?: string | null;
}

/** A visit as the customer reads it: its window (and the one it replaces) in the store's local time. */
export interface VisitNotice {
  /** The timeline entry of the change: the message is keyed on it, so each change is told once. */
  event: TicketEvent;
  window: string;
  previousWindow?: string | null;
}

/**
 * One run of one of a ticket's clocks as its history measures it now: a start
 * of the metric's clock (a reopen starts a new resolution run, every update
 * the customer is given a new progress run) and how it came out.
 */
export interface MeasuredRun {
  metric: SlaMetric;
  startedAt: Date;
  /** The day it started in the store's time zone (YYYY-MM-DD). */
  localDate: string;
  outcome: MeasuredOutcome;
  /** When it is (or was) due; null while paused. */
  dueAt: Date | null;
  stoppedAt: Date | null;
  breachedAt: Date | null;
  /** Active time (pauses taken out) in working minutes of the store's calendar. */
  workingMinutes: number;
  /** Active time in the target's own kind of minutes (calendar minutes for a target in calendar hours). */
  usedMinutes: number;
}

export type DomainEvent =
  /** A new service request, with its REGISTERED entry on the timeline. */
  | { type: 'TicketRegistered'; ticket: Ticket }
  /** A responsible person was given (or changed); a new or reopened ticket moved to ASSIGNED with it. */
  | { type: 'TicketAssigned'; ticket: Ticket; statusChange: StatusChange | null }
  /** The ticket moved through its state machine (resolved, reopened, closed, ...). */
  | ({ type: 'TicketMoved'; ticket: Ticket } & StatusChange)
  /** Registration details changed (priority, problem, contact). */
  | { type: 'TicketDetailsChanged'; ticket: Ticket }
  /** An internal note or a message to the customer was written on the ticket. */
  | { type: 'TicketNoteAdded'; ticket: Ticket }
  /** Staff contacted the customer (reached or not). */
  | { type: 'CustomerContactRecorded'; ticket: Ticket }
  /** A message to the customer went out (the worker sent it). */
  | { type: 'CustomerMessageSent'; ticket: Ticket }
  | { type: 'PartOrdered'; ticket: Ticket; part: PartsOrder }
  /** A part's expected date moved; `later` when the customer waits longer than promised. */
  | { type: 'PartDateChanged'; ticket: Ticket; part: PartsOrder; previousOn: string; later: boolean }
  | { type: 'PartArrived'; ticket: Ticket; part: PartsOrder }
  | { type: 'PartOrderCancelled'; ticket: Ticket; part: PartsOrder }
  /** The repair was handed to a partner's repair centre. */
  | { type: 'WorkOrderDispatched'; ticket: Ticket; dispatch: Dispatch }
  /** A visit was booked. */
  | { type: 'AppointmentBooked'; ticket: Ticket; appointment: Appointment; notice: VisitNotice }
  /** A booked visit changed (its window, its technician or its address). */
  | { type: 'AppointmentRescheduled'; ticket: Ticket; appointment: Appointment; notice: VisitNotice }
  /** A visit was called off. */
  | { type: 'AppointmentCancelled'; ticket: Ticket; appointment: Appointment; notice: VisitNotice }
  /** A complaint's result was reported to the customer (a personal contact, on the timeline). */
  | { type: 'ComplaintResultReported'; ticket: Ticket }
  /** A satisfaction callback moved: its survey went out, was reminded, answered, called by phone, expired or was cancelled. */
  | { type: 'CallbackChanged'; ticket: Ticket; callback: Callback }
  /** The customer paid a service order of the ticket. */
  | { type: 'ServiceOrderPaid'; ticket: Ticket; order: ServiceOrder }
  /**
   * The ticket's clocks were read again, after a change or at a turning point
   * its watch woke for: every run they measured, as of now (none for a
   * cancelled ticket or one without a standard).
   */
  | { type: 'TicketClocksMeasured'; ticket: Ticket; runs: MeasuredRun[] };

export type DomainEventType = DomainEvent['type'];

export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** Every event type, in the order the snapshot lists them. */
export const DOMAIN_EVENT_TYPES = [
  'TicketRegistered',
  'TicketAssigned',
  'TicketMoved',
  'TicketDetailsChanged',
  'TicketNoteAdded',
  'CustomerContactRecorded',
  'CustomerMessageSent',
  'PartOrdered',
  'PartDateChanged',
  'PartArrived',
  'PartOrderCancelled',
  'WorkOrderDispatched',
  'AppointmentBooked',
  'AppointmentRescheduled',
  'AppointmentCancelled',
  'ComplaintResultReported',
  'CallbackChanged',
  'ServiceOrderPaid',
  'TicketClocksMeasured',
] as const satisfies readonly DomainEventType[];

// Fails to compile when an event type is missing from the list above.
type Missing = Exclude<DomainEventType, (typeof DOMAIN_EVENT_TYPES)[number]>;
const everyTypeListed: [Missing] extends [never] ? true : Missing = true;
void everyTypeListed;
