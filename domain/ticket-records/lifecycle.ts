import { TicketStatus as S, TicketType as T, WarrantyStatus } from '../../core/desk-enums';
import type { Ticket } from '../../schema/entities';

/**
 * The ticket state machine. The common path is
 * NEW → ASSIGNED → IN_PROGRESS → WAITING_PARTS | WAITING_CUSTOMER → RESOLVED → CLOSED,
 * with REOPENED and CANCELLED; each type narrows it, and some moves have
 * conditions (a complaint needs its investigation before it is resolved).
 */
const COMMON: Record<S, readonly S[]> = {
  [S.NEW]: [S.ASSIGNED, S.CANCELLED],
  [S.ASSIGNED]: [S.IN_PROGRESS, S.CANCELLED],
  [S.IN_PROGRESS]: [S.WAITING_PARTS, S.WAITING_CUSTOMER, S.RESOLVED, S.CANCELLED],
  [S.WAITING_PARTS]: [S.IN_PROGRESS, S.WAITING_CUSTOMER, S.RESOLVED, S.CANCELLED],
  [S.WAITING_CUSTOMER]: [S.IN_PROGRESS, S.WAITING_PARTS, S.RESOLVED, S.CANCELLED],
  [S.RESOLVED]: [S.CLOSED, S.REOPENED],
  [S.CLOSED]: [S.REOPENED],
  [S.REOPENED]: [S.ASSIGNED, S.IN_PROGRESS, S.CANCELLED],
  [S.CANCELLED]: [],
};

/** Per type: moves added to or removed from the common ones. */
const TYPE_RULES: Record<T, { add?: [S, S][]; remove?: S[] }> = {
  // A consultation is often answered by the person it was handed to, on the spot; it never waits for parts.
  [T.INQUIRY]: { add: [[S.ASSIGNED, S.RESOLVED]], remove: [S.WAITING_PARTS] },
  [T.COMPLAINT]: { remove: [S.WAITING_PARTS] },
  [T.REPAIR]: {},
  [T.RETURN_EXCHANGE]: {},
  [T.ONSITE]: {},
  [T.PAID_SERVICE]: {},
};

export function allowedMoves(type: T, from: S): S[] {
  const rules = TYPE_RULES[type];
  const moves = new Set(COMMON[from]);
  for (const [source, target] of rules.add ?? []) if (source === from) moves.add(target);
  for (const removed of rules.remove ?? []) moves.delete(removed);
  return [...moves];
}

/** Ticket facts a move's conditions look at. */
export type TicketFacts = Pick<
  Ticket,
  | 'type'
  | 'status'
  | 'assigneeId'
  | 'warranty'
  | 'returnOverrideReason'
  | 'investigationFindings'
  | 'complaintSubstantiated'
  | 'complaintActionTaken'
  | 'resultReportedAt'
>;

type ComplaintFacts = Pick<Ticket, 'type' | 'investigationFindings' | 'complaintSubstantiated' | 'complaintActionTaken'>;

/**
 * Why a complaint cannot be resolved yet, or null when it can (and for any
 * ticket that is not a complaint): it needs its findings, whether it was
 * substantiated, and the action taken.
 */
export function complaintReadyToResolve(ticket: ComplaintFacts): string | null {
  if (ticket.type !== T.COMPLAINT) return null;
  const missing: string[] = [];
  if (!ticket.investigationFindings?.trim()) missing.push('the findings of the investigation');
  if (ticket.complaintSubstantiated == null) missing.push('whether it was substantiated');
  if (!ticket.complaintActionTaken?.trim()) missing.push('the action taken');
  return missing.length ? `record ${missing.join(', ')} first` : null;
}

/** Why a move that the graph allows cannot happen yet, or null when it can. */
export function blockerOf(ticket: TicketFacts, to: S): string | null {
  if ((to === S.ASSIGNED || to === S.IN_PROGRESS) && !ticket.assigneeId) {
    return 'assign the ticket to a responsible person first';
  }
  if (to === S.RESOLVED) {
    const missing = complaintReadyToResolve(ticket);
    if (missing) return `a complaint is resolved only after its investigation: ${missing}`;
  }
  if (to === S.RESOLVED && ticket.type === T.RETURN_EXCHANGE && !returnAllowed(ticket)) {
    return "the warranty decision does not allow a return or exchange; a manager's override with a reason is needed";
  }
  if (to === S.CLOSED && ticket.type === T.COMPLAINT && !ticket.resultReportedAt) {
    return 'report the result of the complaint to the customer before closing it';
  }
  return null;
}

function returnAllowed(ticket: TicketFacts): boolean {
  if (ticket.returnOverrideReason) return true;
  const status = ticket.warranty?.status;
  const offered = ticket.warranty?.returnOrExchangeOffered !== false;
  return offered && (status === WarrantyStatus.RETURN_ELIGIBLE || status === WarrantyStatus.EXCHANGE_ELIGIBLE);
}

export type MoveCheck = { ok: true } | { ok: false; code: 'ILLEGAL_TRANSITION' | 'TRANSITION_BLOCKED'; message: string };

export function checkMove(ticket: TicketFacts, to: S): MoveCheck {
  const allowed = allowedMoves(ticket.type, ticket.status);
  if (!allowed.includes(to)) {
    const next = allowed.length ? allowed.join(', ') : 'none (final state)';
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: `A ${ticket.type} ticket cannot move from ${ticket.status} to ${to}; allowed next: ${next}`,
    };
  }
  const blocker = blockerOf(ticket, to);
  return blocker ? { ok: false, code: 'TRANSITION_BLOCKED', message: `Cannot move to ${to}: ${blocker}` } : { ok: true };
}

/** Status changes the customer is told about (the others are internal bookkeeping). */
export const CUSTOMER_VISIBLE_STATUSES: readonly S[] = [S.IN_PROGRESS, S.WAITING_PARTS, S.WAITING_CUSTOMER, S.RESOLVED, S.CLOSED, S.REOPENED, S.CANCELLED];
