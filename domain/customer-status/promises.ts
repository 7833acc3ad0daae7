import { NextStepKind, PromiseChangeKind, PromiseState } from '../../core/customer-status-enums';
import { AppointmentStatus, PartsOrderStatus, TicketStatus } from '../../core/desk-enums';
import type { Appointment, PartsOrder, PartsOrderDateChange, TicketEvent } from '../../schema/entities';
import { awaitedParts, PART_LATE, partLateFrom } from '../standards/late-parts';
import { clockIsProvisional } from '../standards/provisional-marks';
import { Clock } from '../standards/sla-clock';
import { ClockState, SlaMetric } from '../../core/sla-enums';
import type { WatchedTicket } from '../standards/ticket-watch';

/**
 * What the store promised the customer, and every change of it: the service
 * standard's promises (someone contacts you, the work is done by), each
 * part's expected date with every move and its reason, each visit's window
 * with every move, and what happens next. A part whose date passed with no
 * new one is said to be late, not hidden behind "waiting for parts".
 */

export interface CustomerPromise {
  metric: SlaMetric;
  state: PromiseState;
  dueAt: Date | null;
  /** When the promised thing happened, on time (KEPT) or late (MISSED); null while it has not. */
  doneAt: Date | null;
  /** When the due time passed with the promise not kept. */
  missedAt: Date | null;
  /** Counted on a national calendar not published yet: the due time may still move. */
  provisional: boolean;
}

/** The standard's promises a customer cares about: being contacted, and the work being done. */
const CUSTOMER_METRICS = [SlaMetric.FIRST_CONTACT, SlaMetric.RESOLUTION];

const STATE: Record<ClockState, PromiseState> = {
  [ClockState.RUNNING]: PromiseState.PENDING,
  // Whether the store is about to miss it is the store's own concern.
  [ClockState.AT_RISK]: PromiseState.PENDING,
  [ClockState.PAUSED]: PromiseState.PAUSED,
  [ClockState.MET]: PromiseState.KEPT,
  [ClockState.BREACHED]: PromiseState.MISSED,
};

export function customerPromises(watched: Pick<WatchedTicket, 'clocks' | 'calendar'>, now: Date): CustomerPromise[] {
  return CUSTOMER_METRICS.flatMap((metric) => {
    const clock = watched.clocks.find((candidate) => candidate.metric === metric);
    if (!clock) return [];
    const state = STATE[clock.state];
    return [
      {
        metric,
        state,
        dueAt: clock.dueAt,
        doneAt: clock.stoppedAt,
        missedAt: clock.breachedAt,
        provisional: clockIsProvisional(clock, watched.calendar, now),
      },
    ];
  });
}

export interface PromiseChange {
  kind: PromiseChangeKind;
  at: Date;
  partDescription: string | null;
  previousDate: string | null;
  date: string | null;
  /** Why a part's date moved, as the supplier said. A visit's move keeps the staff's reason internal. */
  reason: string | null;
  previousWindowStart: Date | null;
  previousWindowEnd: Date | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  nextUpdateBy: Date | null;
}

const NO_DETAILS: Omit<PromiseChange, 'kind' | 'at'> = {
  partDescription: null,
  previousDate: null,
  date: null,
  reason: null,
  previousWindowStart: null,
  previousWindowEnd: null,
  windowStart: null,
  windowEnd: null,
  nextUpdateBy: null,
};

const instant = (value: unknown): Date | null => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null);

/** The date first promised for a part: before its first move, or its date when it never moved. */
function firstPromisedOn(part: PartsOrder, changes: readonly PartsOrderDateChange[]): string {
  return changes.find((change) => change.partsOrderId === part.id)?.previousOn ?? part.expectedOn;
}

export interface PromiseSources {
  parts: readonly PartsOrder[];
  /** Every part's date changes, oldest first. */
  dateChanges: readonly PartsOrderDateChange[];
  appointments: readonly Appointment[];
  /** The ticket's timeline, in the order it was written. */
  events: readonly TicketEvent[];
}

/** Every promised date and every change of it, oldest first. */
export function promiseHistory({ parts, dateChanges, events }: PromiseSources): PromiseChange[] {
  const partOf = new Map(parts.map((part) => [part.id, part]));
  const history: PromiseChange[] = [];
  const add = (kind: PromiseChangeKind, at: Date, details: Partial<PromiseChange>) => history.push({ ...NO_DETAILS, ...details, kind, at });
  for (const part of parts) {
    add(PromiseChangeKind.PART_ORDERED, part.orderedAt, { partDescription: part.description, date: firstPromisedOn(part, dateChanges) });
    if (part.status === PartsOrderStatus.ARRIVED && part.arrivedAt)
      add(PromiseChangeKind.PART_ARRIVED, part.arrivedAt, { partDescription: part.description, date: part.expectedOn });
  }
  for (const change of dateChanges) {
    const part = partOf.get(change.partsOrderId);
    if (!part) continue;
    add(PromiseChangeKind.PART_DATE_CHANGED, change.changedAt, {
      partDescription: part.description,
      previousDate: change.previousOn,
      date: change.expectedOn,
      reason: change.reason ?? null,
    });
  }
  for (const event of events) {
    const { data } = event;
    const part = partOf.get(String(data.partsOrderId));
    if (event.kind === PART_LATE && part) {
      add(PromiseChangeKind.PART_LATE, event.occurredAt, {
        partDescription: part.description,
        date: String(data.expectedOn),
        nextUpdateBy: instant(data.nextUpdateBy),
      });
    } else if (event.kind === 'PART_CANCELLED' && part) {
      add(PromiseChangeKind.PART_CANCELLED, event.occurredAt, { partDescription: part.description, date: part.expectedOn });
    } else if (event.kind === 'APPOINTMENT_SCHEDULED') {
      add(PromiseChangeKind.VISIT_BOOKED, event.occurredAt, { windowStart: instant(data.windowStart), windowEnd: instant(data.windowEnd) });
    } else if (event.kind === 'APPOINTMENT_RESCHEDULED') {
      const previous = (data.previous ?? {}) as Record<string, unknown>;
      const moved = previous.windowStart !== data.windowStart || previous.windowEnd !== data.windowEnd;
      // Another technician or address in the same window is not a new promise.
      if (moved) {
        add(PromiseChangeKind.VISIT_MOVED, event.occurredAt, {
          previousWindowStart: instant(previous.windowStart),
          previousWindowEnd: instant(previous.windowEnd),
          windowStart: instant(data.windowStart),
          windowEnd: instant(data.windowEnd),
        });
      }
    } else if (event.kind === 'APPOINTMENT_CANCELLED') {
      add(PromiseChangeKind.VISIT_CANCELLED, event.occurredAt, { windowStart: instant(data.windowStart), windowEnd: instant(data.windowEnd) });
    }
  }
  // Stable: what happened in one instant keeps the order it was written in.
  return history.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface CustomerPart {
  description: string;
  quantity: number;
  status: PartsOrderStatus;
  /** The latest expected date (YYYY-MM-DD). */
  expectedOn: string;
  firstPromisedOn: string;
  arrivedAt: Date | null;
  /** Still awaited and its expected day is over: no new date is known. */
  late: boolean;
}

export function customerParts(
  watched: Pick<WatchedTicket, 'ticket' | 'parts' | 'calendar'>,
  dateChanges: readonly PartsOrderDateChange[],
  now: Date,
): CustomerPart[] {
  const awaited = new Set(awaitedParts(watched).map((part) => part.id));
  return [...watched.parts]
    .sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime())
    .map((part) => ({
      description: part.description,
      quantity: part.quantity,
      status: part.status,
      expectedOn: part.expectedOn,
      firstPromisedOn: firstPromisedOn(part, dateChanges),
      arrivedAt: part.arrivedAt ?? null,
      late: awaited.has(part.id) && partLateFrom(part, watched.calendar) <= now,
    }));
}

export interface CustomerVisit {
  windowStart: Date;
  windowEnd: Date;
  status: AppointmentStatus;
  technicianFirstName: string | null;
}

export function customerVisits(appointments: readonly Appointment[], firstNames: ReadonlyMap<string, string | null>): CustomerVisit[] {
  return [...appointments]
    .sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime())
    .map((appointment) => ({
      windowStart: appointment.windowStart,
      windowEnd: appointment.windowEnd,
      status: appointment.status,
      technicianFirstName: firstNames.get(appointment.technicianId) ?? null,
    }));
}

export interface NextStep {
  kind: NextStepKind;
  /** When this step is promised by, when a time is promised. */
  dueAt: Date | null;
  /** A part's expected date (YYYY-MM-DD), for PART_ARRIVAL. */
  expectedOn: string | null;
  /** When the customer hears from the store next at the latest: the progress standard's due time. */
  nextUpdateBy: Date | null;
}

const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

export function nextStep(
  watched: Pick<WatchedTicket, 'ticket' | 'clocks' | 'parts' | 'calendar'>,
  promises: readonly CustomerPromise[],
  appointments: readonly Appointment[],
  now: Date,
): NextStep {
  const { status } = watched.ticket;
  if (FINISHED.includes(status)) return { kind: NextStepKind.NONE, dueAt: null, expectedOn: null, nextUpdateBy: null };
  const progress = watched.clocks.find((clock) => clock.metric === SlaMetric.PROGRESS_UPDATE);
  const step = (kind: NextStepKind, dueAt: Date | null = null, expectedOn: string | null = null): NextStep => ({
    kind,
    dueAt,
    expectedOn,
    nextUpdateBy: status === TicketStatus.RESOLVED ? null : nextUpdateBy(progress),
  });
  if (status === TicketStatus.RESOLVED) return step(NextStepKind.RESOLVED);
  if (status === TicketStatus.WAITING_CUSTOMER) return step(NextStepKind.WAITING_FOR_YOU);
  const visit = appointments
    .filter((appointment) => appointment.status === AppointmentStatus.SCHEDULED && appointment.windowEnd > now)
    .sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime())[0];
  if (visit) return step(NextStepKind.VISIT, visit.windowStart);
  const awaited = awaitedParts(watched);
  if (awaited.some((part) => partLateFrom(part, watched.calendar) <= now)) return step(NextStepKind.PART_LATE);
  if (awaited.length > 0) {
    const latest = awaited
      .map((part) => part.expectedOn)
      .sort()
      .pop()!;
    return step(NextStepKind.PART_ARRIVAL, null, latest);
  }
  const contact = promises.find((promise) => promise.metric === SlaMetric.FIRST_CONTACT);
  if (contact && !contact.doneAt) return step(NextStepKind.STORE_CONTACTS_YOU, contact.dueAt);
  const resolution = promises.find((promise) => promise.metric === SlaMetric.RESOLUTION);
  return step(NextStepKind.REPAIR, resolution?.dueAt ?? null);
}

/** The progress standard's due time while it runs; none while it is paused or met for good. */
function nextUpdateBy(progress: Clock | undefined): Date | null {
  if (!progress || progress.stoppedAt || progress.state === ClockState.PAUSED) return null;
  return progress.dueAt;
}
