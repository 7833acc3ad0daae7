import { loadNationalCalendar, storeCalendar } from '../domain/standards/national-calendar';
import { ClockPolicy, computeClock, TicketHistory } from '../domain/standards/sla-clock';
import { ClockState, SlaMetric, TargetUnit } from '../core/sla-enums';
import { TargetRule } from '../domain/standards/sla-targets';
import { WorkingCalendar } from '../domain/standards/working-calendar';
import { TicketStatus as S } from '../core/desk-enums';

/** Clocks through whole lifecycles, with time moved by hand: no test waits. */
const hours = ['09:00-12:00', '13:30-18:00'];
const calendar = new WorkingCalendar(storeCalendar(loadNationalCalendar('CN'), { weekly: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours } }));
const at = (local: string) => new Date(`${local}+08:00`);
const policy: ClockPolicy = { atRiskShare: 0.75, pausedBy: { [S.WAITING_CUSTOMER]: [SlaMetric.RESOLUTION] }, waitingPartsPausesUntilExpectedDate: false };
const complaintResolution: TargetRule = { metric: SlaMetric.RESOLUTION, amount: 3, unit: TargetUnit.WORKING_DAYS };

function history(partial: Partial<TicketHistory> & { openedAt: Date }): TicketHistory {
  return {
    reopenedAt: null,
    statuses: [],
    firstAssignedAt: null,
    firstContactAt: null,
    customerUpdates: [],
    resolvedAt: null,
    callbackDoneAt: null,
    partsExpectedUntil: null,
    ...partial,
  };
}

describe('a complaint registered Tuesday 10:00 (3 working days = 1350 working minutes)', () => {
  const opened = at('2026-03-10T10:00:00');
  const clock = (now: Date, extra: Partial<TicketHistory> = {}, p = policy) =>
    computeClock(SlaMetric.RESOLUTION, complaintResolution, history({ openedAt: opened, ...extra }), p, calendar, now);

  test('runs, turns at risk past 75%, and breaches at its due instant, as time passes', () => {
    expect(clock(at('2026-03-10T15:00:00'))).toMatchObject({ state: ClockState.RUNNING, dueAt: at('2026-03-13T10:00:00'), remainingMinutes: 1350 - 120 - 90 });
    expect(clock(at('2026-03-12T15:00:00')).state).toBe(ClockState.AT_RISK);
    expect(clock(at('2026-03-13T09:59:00')).state).toBe(ClockState.AT_RISK);
    const breached = clock(at('2026-03-13T11:00:00'));
    expect(breached).toMatchObject({ state: ClockState.BREACHED, breachedAt: at('2026-03-13T10:00:00'), remainingMinutes: 0 });
  });

  test('resolved in time is MET; resolved late stays BREACHED with when it breached', () => {
    expect(clock(at('2026-03-20T10:00:00'), { resolvedAt: at('2026-03-12T12:00:00') })).toMatchObject({
      state: ClockState.MET,
      stoppedAt: at('2026-03-12T12:00:00'),
    });
    expect(clock(at('2026-03-20T10:00:00'), { resolvedAt: at('2026-03-16T12:00:00') })).toMatchObject({
      state: ClockState.BREACHED,
      breachedAt: at('2026-03-13T10:00:00'),
    });
  });

  test('waiting for the customer pauses it; resuming moves the due instant by the paused working time', () => {
    const statuses = [
      { status: S.IN_PROGRESS, from: opened, to: at('2026-03-11T10:00:00') },
      { status: S.WAITING_CUSTOMER, from: at('2026-03-11T10:00:00'), to: at('2026-03-12T10:00:00') },
      { status: S.IN_PROGRESS, from: at('2026-03-12T10:00:00'), to: null },
    ];
    const whilePaused = clock(at('2026-03-11T15:00:00'), { statuses: [...statuses.slice(0, 1), { ...statuses[1], to: null }] });
    expect(whilePaused).toMatchObject({ state: ClockState.PAUSED, dueAt: null, usedMinutes: 450 });
    // one working day (450 minutes) paused: due a working day later than without the pause
    expect(clock(at('2026-03-12T11:00:00'), { statuses })).toMatchObject({ state: ClockState.RUNNING, dueAt: at('2026-03-16T10:00:00') });
  });

  test('waiting for parts does not pause by default; when the standard allows it, only until the expected date', () => {
    const statuses = [
      { status: S.IN_PROGRESS, from: opened, to: at('2026-03-10T11:00:00') },
      { status: S.WAITING_PARTS, from: at('2026-03-10T11:00:00'), to: null },
    ];
    expect(clock(at('2026-03-11T11:00:00'), { statuses }).state).toBe(ClockState.RUNNING);
    const lenient = { ...policy, waitingPartsPausesUntilExpectedDate: true };
    const expected = at('2026-03-11T18:00:00'); // end of the expected day
    expect(clock(at('2026-03-11T11:00:00'), { statuses, partsExpectedUntil: expected }, lenient).state).toBe(ClockState.PAUSED);
    // the part slipped: past its expected date the clock runs again, though the ticket still waits
    const slipped = clock(at('2026-03-13T11:00:00'), { statuses, partsExpectedUntil: expected }, lenient);
    expect(slipped.state).not.toBe(ClockState.PAUSED);
    expect(slipped.usedMinutes).toBe(60 + 450 + 120);
  });
});

describe('other metrics and kinds of time', () => {
  test('dispatch: 30 working minutes across lunch, met by the first assignment', () => {
    const rule: TargetRule = { metric: SlaMetric.DISPATCH, amount: 30, unit: TargetUnit.WORKING_MINUTES };
    const open = history({ openedAt: at('2026-03-10T11:50:00') });
    expect(computeClock(SlaMetric.DISPATCH, rule, open, policy, calendar, at('2026-03-10T12:30:00'))).toMatchObject({
      state: ClockState.RUNNING,
      dueAt: at('2026-03-10T13:50:00'),
    });
    expect(computeClock(SlaMetric.DISPATCH, rule, open, policy, calendar, at('2026-03-10T13:45:00')).state).toBe(ClockState.AT_RISK);
    const assigned = { ...open, firstAssignedAt: at('2026-03-10T13:40:00') };
    expect(computeClock(SlaMetric.DISPATCH, rule, assigned, policy, calendar, at('2026-03-10T16:00:00')).state).toBe(ClockState.MET);
  });

  test('a VIP repair counts 48 calendar hours, nights and weekends included', () => {
    const rule: TargetRule = { metric: SlaMetric.RESOLUTION, amount: 48, unit: TargetUnit.CALENDAR_HOURS };
    const clock = computeClock(SlaMetric.RESOLUTION, rule, history({ openedAt: at('2026-03-13T17:00:00') }), policy, calendar, at('2026-03-14T17:00:00'));
    expect(clock).toMatchObject({ workingTime: false, state: ClockState.RUNNING, dueAt: at('2026-03-15T17:00:00'), usedMinutes: 1440 });
  });

  test('progress updates: a rolling clock restarted by every message to the customer', () => {
    const rule: TargetRule = { metric: SlaMetric.PROGRESS_UPDATE, amount: 8, unit: TargetUnit.WORKING_HOURS };
    const base = history({ openedAt: at('2026-03-10T09:00:00') });
    expect(computeClock(SlaMetric.PROGRESS_UPDATE, rule, base, policy, calendar, at('2026-03-11T11:00:00')).state).toBe(ClockState.BREACHED);
    const told = { ...base, customerUpdates: [at('2026-03-11T10:00:00')] };
    expect(computeClock(SlaMetric.PROGRESS_UPDATE, rule, told, policy, calendar, at('2026-03-11T11:00:00'))).toMatchObject({
      state: ClockState.RUNNING,
      usedMinutes: 60,
    });
  });

  test('callback: starts at resolution', () => {
    const rule: TargetRule = { metric: SlaMetric.CALLBACK, amount: 2, unit: TargetUnit.WORKING_DAYS };
    const open = history({ openedAt: at('2026-03-10T09:00:00') });
    expect(computeClock(SlaMetric.CALLBACK, rule, open, policy, calendar, at('2026-03-20T09:00:00')).startedAt).toBeNull();
    const resolved = { ...open, resolvedAt: at('2026-03-11T10:00:00') };
    expect(computeClock(SlaMetric.CALLBACK, rule, resolved, policy, calendar, at('2026-03-11T11:00:00'))).toMatchObject({
      state: ClockState.RUNNING,
      dueAt: at('2026-03-13T10:00:00'),
    });
  });
});

test('raising the priority tightens the target: the clock is recomputed against the stricter rule', async () => {
  const { effectiveTarget } = await import('../domain/standards/sla-targets');
  const { TicketPriority, TicketType } = await import('../core/desk-enums');
  const { CustomerTier } = await import('../core/enums');
  const rules: TargetRule[] = [
    { metric: SlaMetric.RESOLUTION, ticketType: TicketType.REPAIR, amount: 5, unit: TargetUnit.WORKING_DAYS },
    { metric: SlaMetric.RESOLUTION, ticketType: TicketType.REPAIR, priority: TicketPriority.URGENT, amount: 1, unit: TargetUnit.WORKING_DAYS },
  ];
  const opened = at('2026-03-10T10:00:00');
  const now = at('2026-03-11T09:30:00');
  const normal = effectiveTarget(rules, [], SlaMetric.RESOLUTION, { type: TicketType.REPAIR, priority: TicketPriority.NORMAL, tier: CustomerTier.STANDARD })!;
  const urgent = effectiveTarget(rules, [], SlaMetric.RESOLUTION, { type: TicketType.REPAIR, priority: TicketPriority.URGENT, tier: CustomerTier.STANDARD })!;
  expect(computeClock(SlaMetric.RESOLUTION, normal, history({ openedAt: opened }), policy, calendar, now).state).toBe(ClockState.RUNNING);
  const raised = computeClock(SlaMetric.RESOLUTION, urgent, history({ openedAt: opened }), policy, calendar, now);
  expect(raised).toMatchObject({ state: ClockState.AT_RISK, dueAt: at('2026-03-11T10:00:00') });
});
