import { allowedMoves, checkMove, TicketFacts } from '../domain/ticket-records/lifecycle';
import { TicketStatus as S, TicketType as T, WarrantyStatus } from '../core/desk-enums';

/**
 * The state machine, written out by hand per type: every pair (from, to) that
 * is not listed here must be refused. A change of the machine is a change of
 * this table.
 */
const COMMON: Record<S, S[]> = {
  NEW: [S.ASSIGNED, S.CANCELLED],
  ASSIGNED: [S.IN_PROGRESS, S.CANCELLED],
  IN_PROGRESS: [S.WAITING_PARTS, S.WAITING_CUSTOMER, S.RESOLVED, S.CANCELLED],
  WAITING_PARTS: [S.IN_PROGRESS, S.WAITING_CUSTOMER, S.RESOLVED, S.CANCELLED],
  WAITING_CUSTOMER: [S.IN_PROGRESS, S.WAITING_PARTS, S.RESOLVED, S.CANCELLED],
  RESOLVED: [S.CLOSED, S.REOPENED],
  CLOSED: [S.REOPENED],
  REOPENED: [S.ASSIGNED, S.IN_PROGRESS, S.CANCELLED],
  CANCELLED: [],
};

const EXPECTED: Record<T, Record<S, S[]>> = {
  REPAIR: COMMON,
  RETURN_EXCHANGE: COMMON,
  ONSITE: COMMON,
  PAID_SERVICE: COMMON,
  INQUIRY: {
    ...COMMON,
    ASSIGNED: [S.IN_PROGRESS, S.CANCELLED, S.RESOLVED],
    IN_PROGRESS: [S.WAITING_CUSTOMER, S.RESOLVED, S.CANCELLED],
    WAITING_PARTS: [S.IN_PROGRESS, S.WAITING_CUSTOMER, S.RESOLVED, S.CANCELLED],
    WAITING_CUSTOMER: [S.IN_PROGRESS, S.RESOLVED, S.CANCELLED],
  },
  COMPLAINT: {
    ...COMMON,
    IN_PROGRESS: [S.WAITING_CUSTOMER, S.RESOLVED, S.CANCELLED],
    WAITING_CUSTOMER: [S.IN_PROGRESS, S.RESOLVED, S.CANCELLED],
  },
};

const ALL_STATUSES = Object.values(S);

function facts(type: T, status: S, extra: Partial<TicketFacts> = {}): TicketFacts {
  return {
    type,
    status,
    assigneeId: '00000000-0000-4000-8000-000000000001',
    warranty: { status: WarrantyStatus.RETURN_ELIGIBLE, returnOrExchangeOffered: true },
    returnOverrideReason: null,
    investigationFindings: 'found',
    complaintSubstantiated: true,
    complaintActionTaken: 'apologised and retrained',
    resultReportedAt: new Date(),
    ...extra,
  };
}

describe.each(Object.values(T))('%s tickets', (type) => {
  test.each(ALL_STATUSES)('from %s: exactly the listed moves are allowed, every other is refused naming the allowed ones', (from) => {
    const expected = EXPECTED[type][from];
    expect(new Set(allowedMoves(type, from))).toEqual(new Set(expected));
    for (const to of ALL_STATUSES) {
      const check = checkMove(facts(type, from), to);
      if (expected.includes(to)) {
        expect(check).toEqual({ ok: true });
      } else {
        expect(check.ok).toBe(false);
        if (!check.ok) {
          expect(check.code).toBe('ILLEGAL_TRANSITION');
          expect(check.message).toContain(`from ${from} to ${to}`);
          for (const next of expected) expect(check.message).toContain(next);
        }
      }
    }
  });
});

describe('conditions on allowed moves', () => {
  test('nobody works an unassigned ticket', () => {
    const check = checkMove(facts(T.REPAIR, S.REOPENED, { assigneeId: null }), S.IN_PROGRESS);
    expect(check).toMatchObject({ ok: false, code: 'TRANSITION_BLOCKED' });
  });

  test('a complaint is resolved only after its investigation, and closed only after the result is reported', () => {
    expect(checkMove(facts(T.COMPLAINT, S.IN_PROGRESS, { investigationFindings: null }), S.RESOLVED)).toMatchObject({ ok: false, code: 'TRANSITION_BLOCKED' });
    expect(checkMove(facts(T.COMPLAINT, S.IN_PROGRESS, { complaintSubstantiated: null }), S.RESOLVED)).toMatchObject({ ok: false });
    expect(checkMove(facts(T.COMPLAINT, S.IN_PROGRESS, { complaintActionTaken: null }), S.RESOLVED)).toMatchObject({ ok: false });
    expect(checkMove(facts(T.COMPLAINT, S.IN_PROGRESS), S.RESOLVED)).toEqual({ ok: true });
    expect(checkMove(facts(T.COMPLAINT, S.RESOLVED, { resultReportedAt: null }), S.CLOSED)).toMatchObject({ ok: false, code: 'TRANSITION_BLOCKED' });
  });

  test('a return or exchange is resolved only with an eligible decision or a manager override', () => {
    const outOfWindow = { warranty: { status: WarrantyStatus.IN_WARRANTY, returnOrExchangeOffered: true } };
    expect(checkMove(facts(T.RETURN_EXCHANGE, S.IN_PROGRESS, outOfWindow), S.RESOLVED)).toMatchObject({ ok: false, code: 'TRANSITION_BLOCKED' });
    expect(checkMove(facts(T.RETURN_EXCHANGE, S.IN_PROGRESS, { ...outOfWindow, returnOverrideReason: 'DOA batch' }), S.RESOLVED)).toEqual({ ok: true });
    const notSoldHere = { warranty: { status: WarrantyStatus.RETURN_ELIGIBLE, returnOrExchangeOffered: false } };
    expect(checkMove(facts(T.RETURN_EXCHANGE, S.IN_PROGRESS, notSoldHere), S.RESOLVED)).toMatchObject({ ok: false });
    expect(checkMove(facts(T.RETURN_EXCHANGE, S.IN_PROGRESS, { warranty: { status: WarrantyStatus.EXCHANGE_ELIGIBLE } }), S.RESOLVED)).toEqual({ ok: true });
    expect(checkMove(facts(T.RETURN_EXCHANGE, S.IN_PROGRESS, { warranty: null }), S.RESOLVED)).toMatchObject({ ok: false });
  });
});
