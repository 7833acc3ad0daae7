import { loadNationalCalendar, storeCalendar } from '../domain/standards/national-calendar';
import { ClockState, SlaMetric, TargetUnit } from '../core/sla-enums';
import { computeClock } from '../domain/standards/sla-clock';
import { DEFAULT_LADDER, escalationSchedule, storeLadder } from '../domain/standards/escalation-ladder';
import { WorkingCalendar } from '../domain/standards/working-calendar';
import { TicketStatus as S } from '../core/desk-enums';

const hours = ['09:00-12:00', '13:30-18:00'];
const calendar = new WorkingCalendar(storeCalendar(loadNationalCalendar('CN'), { weekly: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours } }));
const at = (local: string) => new Date(`${local}+08:00`);
const policy = { atRiskShare: 0.75, pausedBy: { [S.WAITING_CUSTOMER]: [SlaMetric.RESOLUTION] }, waitingPartsPausesUntilExpectedDate: false };
const opened = at('2026-03-10T10:00:00');
const rule = { metric: SlaMetric.RESOLUTION, amount: 3, unit: TargetUnit.WORKING_DAYS };
const history = {
  openedAt: opened,
  reopenedAt: null,
  statuses: [],
  firstAssignedAt: null,
  firstContactAt: null,
  customerUpdates: [],
  resolvedAt: null,
  callbackDoneAt: null,
  partsExpectedUntil: null,
};
const clockAt = (now: Date) => computeClock(SlaMetric.RESOLUTION, rule, history, policy, calendar, now);

test('the default ladder: the responsible person at 75%, the supervisor at the breach, the manager and HQ after', () => {
  const now = at('2026-03-10T11:00:00');
  const schedule = escalationSchedule(clockAt(now), DEFAULT_LADDER, calendar, now);
  expect(schedule.map((s) => [s.level.level, s.level.name, s.dueAt, s.reached])).toEqual([
    // 75% of 1350 working minutes = 1012.5, from Tuesday 10:00
    [1, 'responsible person', calendar.addWorkingMinutes(opened, 1012.5), false],
    [2, 'supervisor', at('2026-03-13T10:00:00'), false],
    [3, 'store manager', at('2026-03-13T15:30:00'), false], // 240 working minutes after the breach, across lunch
    [4, 'HQ service quality', calendar.addWorkingMinutes(at('2026-03-13T10:00:00'), 480), false],
  ]);
});

test('as time passes the levels are reached in turn; a kept promise chases nobody', () => {
  const later = at('2026-03-13T16:00:00');
  const reached = escalationSchedule(clockAt(later), DEFAULT_LADDER, calendar, later)
    .filter((s) => s.reached)
    .map((s) => s.level.level);
  expect(reached).toEqual([1, 2, 3]);
  const met = computeClock(SlaMetric.RESOLUTION, rule, { ...history, resolvedAt: at('2026-03-11T10:00:00') }, policy, calendar, later);
  expect(met.state).toBe(ClockState.MET);
  expect(escalationSchedule(met, DEFAULT_LADDER, calendar, later).every((s) => s.dueAt === null)).toBe(true);
});

test('a store may add earlier levels, never later ones, and keeps all of HQ’s', () => {
  const ladder = storeLadder(DEFAULT_LADDER, [
    { name: 'early nudge', trigger: { kind: 'SHARE_OF_TARGET', share: 0.5 }, notify: [{ kind: 'ASSIGNEE' }], workingHoursOnly: true },
  ]);
  expect(ladder.map((l) => [l.level, l.name, l.fromHq])).toEqual([
    [1, 'early nudge', false],
    [2, 'responsible person', true],
    [3, 'supervisor', true],
    [4, 'store manager', true],
    [5, 'HQ service quality', true],
  ]);
  expect(() =>
    storeLadder(DEFAULT_LADDER, [{ name: 'late', trigger: { kind: 'AFTER_BREACH', minutes: 60 }, notify: [{ kind: 'ASSIGNEE' }], workingHoursOnly: true }]),
  ).toThrow(/before HQ's first level/);
});
