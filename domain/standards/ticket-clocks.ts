import { DateTime } from 'luxon';
import { PartsOrderStatus, TicketStatus, TimelineVisibility } from '../../core/desk-enums';
import type { Customer, PartsOrder, Ticket, TicketEvent } from '../../schema/entities';
import { CustomerTier } from '../../core/enums';
import { callbackPolicyOf, isCalledBack } from './callback-policy';
import { Clock, ClockPolicy, computeClock, StatusSpan, TicketHistory } from './sla-clock';
import { effectiveTarget, TargetRule } from './sla-targets';
import { SlaMetric } from '../../core/sla-enums';
import type { StandardSnapshot } from './standard.service';
import type { WorkingCalendar } from './working-calendar';

/**
 * The clocks of one ticket under the standard it was opened under, from its
 * timeline (status changes, assignments, contacts, what the customer was told)
 * and its parts. Recomputed on every read, so any change shows at once.
 */
export interface ClockInputs {
  ticket: Ticket;
  customer: Customer | null;
  events: TicketEvent[];
  parts: PartsOrder[];
  calendar: WorkingCalendar;
  now: Date;
}

export function ticketClocks(inputs: ClockInputs): Clock[] {
  const basis = clockBasis(inputs);
  if (!basis) return [];
  return basis.metrics.flatMap(({ metric, rule }) => {
    const clock = computeClock(metric, rule, basis.history, basis.policy, inputs.calendar, inputs.now);
    // A clock that has not started yet (the callback, before resolution) is not shown.
    return clock.startedAt ? [clock] : [];
  });
}

/** What a ticket's clocks are computed from: its history, the standard's policy and the target of each metric it is promised. */
export interface ClockBasis {
  history: TicketHistory;
  policy: ClockPolicy;
  metrics: { metric: SlaMetric; rule: TargetRule }[];
}

/** Null for a ticket that makes no promises: without a standard, or cancelled. */
export function clockBasis({ ticket, customer, events, parts, calendar }: ClockInputs): ClockBasis | null {
  const standard = ticket.slaStandard as unknown as StandardSnapshot | null | undefined;
  // A cancelled request makes no more promises.
  if (!standard || ticket.status === TicketStatus.CANCELLED) return null;
  const profile = { type: ticket.type, priority: ticket.priority, tier: customer?.tier ?? CustomerTier.STANDARD };
  const policy: ClockPolicy = {
    atRiskShare: standard.atRiskShare,
    pausedBy: standard.pausedBy,
    waitingPartsPausesUntilExpectedDate: standard.waitingPartsPausesUntilExpectedDate,
  };
  const history = historyOf(ticket, events, parts, calendar.timeZone);
  // Only a ticket its policy picks for a satisfaction callback is promised one.
  const calledBack = isCalledBack(ticket, callbackPolicyOf(ticket));
  const metrics = Object.values(SlaMetric).flatMap((metric) => {
    if (metric === SlaMetric.CALLBACK && !calledBack) return [];
    const rule = effectiveTarget(standard.hqRules, standard.storeRules, metric, profile);
    return rule ? [{ metric, rule }] : [];
  });
  return { history, policy, metrics };
}

const PERSONAL_CONTACTS = ['CUSTOMER_CONTACT', 'MESSAGE_TO_CUSTOMER', 'COMPLAINT_RESULT_REPORTED'];

export function historyOf(ticket: Ticket, events: TicketEvent[], parts: PartsOrder[], timeZone: string): TicketHistory {
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const statuses: StatusSpan[] = [];
  let current: StatusSpan = { status: TicketStatus.NEW, from: ticket.createdAt, to: null };
  const moveTo = (status: TicketStatus, at: Date) => {
    if (status === current.status) return;
    current.to = at;
    statuses.push(current);
    current = { status, from: at, to: null };
  };
  for (const event of ordered) {
    if (event.kind === 'STATUS_CHANGED' && typeof event.data.to === 'string') moveTo(event.data.to as TicketStatus, event.occurredAt);
    // assigning a new or reopened ticket makes it ASSIGNED without a separate status entry
    if (event.kind === 'ASSIGNED' && (current.status === TicketStatus.NEW || current.status === TicketStatus.REOPENED)) {
      moveTo(TicketStatus.ASSIGNED, event.occurredAt);
    }
  }
  statuses.push(current);
  const first = (kind: string) => ordered.find((event) => event.kind === kind)?.occurredAt ?? null;
  const expected = parts
    .filter((part) => part.status === PartsOrderStatus.ORDERED)
    .map((part) => part.expectedOn)
    .sort()
    .pop();
  const reopens = statuses.filter((span) => span.status === TicketStatus.REOPENED);
  return {
    openedAt: ticket.createdAt,
    reopenedAt: reopens.length ? reopens[reopens.length - 1].from : null,
    statuses,
    firstAssignedAt: first('ASSIGNED'),
    // A person reaching the customer: a recorded contact, a message, or a complaint's result reported.
    firstContactAt: ordered.find((event) => PERSONAL_CONTACTS.includes(event.kind))?.occurredAt ?? null,
    customerUpdates: ordered.filter((event) => event.visibility === TimelineVisibility.CUSTOMER).map((event) => event.occurredAt),
    resolvedAt: ticket.resolvedAt ?? null,
    callbackDoneAt:
      ordered.find((event) => event.kind === 'CALLBACK_COMPLETED' && ticket.resolvedAt != null && event.occurredAt >= ticket.resolvedAt)?.occurredAt ?? null,
    partsExpectedUntil: expected ? DateTime.fromISO(expected, { zone: timeZone }).endOf('day').toJSDate() : null,
  };
}
