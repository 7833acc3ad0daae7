import { Role } from '../../core/enums';
import { SlaMetric } from '../../core/sla-enums';
import { Clock, instantClockUsed } from './sla-clock';
import type { WorkingCalendar } from './working-calendar';
import type { Ticket } from '../../schema/entities';

/**
 * The escalation ladder: who is told, and when, as a standard is missed. HQ's
 * default has four levels (the responsible person, their supervisor, the
 * store manager, HQ service quality); a store may add earlier levels but never
 * remove HQ's. This module only says which level is due when; the worker acts
 * on it and the API records a manual escalation.
 */
export type EscalationTrigger =
  /** When this share of the target has been used (0.75 = at risk). */
  | { kind: 'SHARE_OF_TARGET'; share: number }
  /** This many minutes after the breach (of the clock's own kind of time). */
  | { kind: 'AFTER_BREACH'; minutes: number };

export type EscalationRecipient =
  | { kind: 'ASSIGNEE' }
  /** The store's designated supervisor of the responsible person; the store manager where none is named. */
  | { kind: 'SUPERVISOR' }
  | { kind: 'ROLE'; role: Role; inHq?: boolean }
  | { kind: 'PERSON'; staffId: string };

export interface EscalationLevel {
  level: number;
  name: string;
  trigger: EscalationTrigger;
  notify: EscalationRecipient[];
  /** Notices outside working hours wait for the next working instant. */
  workingHoursOnly: boolean;
  /** Set for levels HQ defined: a store cannot remove them. */
  fromHq: boolean;
}

export const DEFAULT_LADDER: EscalationLevel[] = [
  {
    level: 1,
    name: 'responsible person',
    trigger: { kind: 'SHARE_OF_TARGET', share: 0.75 },
    notify: [{ kind: 'ASSIGNEE' }],
    workingHoursOnly: true,
    fromHq: true,
  },
  { level: 2, name: 'supervisor', trigger: { kind: 'AFTER_BREACH', minutes: 0 }, notify: [{ kind: 'SUPERVISOR' }], workingHoursOnly: true, fromHq: true },
  {
    level: 3,
    name: 'store manager',
    trigger: { kind: 'AFTER_BREACH', minutes: 240 },
    notify: [{ kind: 'ROLE', role: Role.STORE_MANAGER }],
    workingHoursOnly: true,
    fromHq: true,
  },
  {
    level: 4,
    name: 'HQ service quality',
    trigger: { kind: 'AFTER_BREACH', minutes: 480 },
    notify: [{ kind: 'ROLE', role: Role.HQ_SUPERVISOR, inHq: true }],
    workingHoursOnly: false,
    fromHq: true,
  },
];

/** A store's ladder: HQ's levels kept whole, the store's own earlier levels added before them. */
export function storeLadder(hq: EscalationLevel[], storeLevels: Omit<EscalationLevel, 'fromHq' | 'level'>[]): EscalationLevel[] {
  const firstHq = hq[0];
  for (const level of storeLevels) {
    if (!isEarlierTrigger(level.trigger, firstHq.trigger)) {
      throw new Error(`A store level must trigger before HQ's first level (${describeTrigger(firstHq.trigger)}); "${level.name}" does not`);
    }
  }
  const merged = [...storeLevels.map((level) => ({ ...level, fromHq: false })), ...hq.map((level) => ({ ...level }))];
  return merged.map((level, i) => ({ ...level, level: i + 1 }));
}

/** Whether trigger `a` comes before `b` on every clock: any share of the target comes before any time after the breach. */
export function isEarlierTrigger(a: EscalationTrigger, b: EscalationTrigger): boolean {
  if (a.kind === 'SHARE_OF_TARGET' && b.kind === 'SHARE_OF_TARGET') return a.share < b.share;
  if (a.kind === 'SHARE_OF_TARGET') return true;
  if (b.kind === 'SHARE_OF_TARGET') return false;
  return a.minutes < b.minutes;
}

export function describeRecipient(recipient: EscalationRecipient): string {
  switch (recipient.kind) {
    case 'ASSIGNEE':
      return 'the responsible person';
    case 'SUPERVISOR':
      return "the responsible person's supervisor";
    case 'ROLE':
      return `every ${recipient.role}${recipient.inHq ? ' at HQ' : ''}`;
    case 'PERSON':
      return `staff member ${recipient.staffId}`;
  }
}

export function describeTrigger(trigger: EscalationTrigger): string {
  return trigger.kind === 'SHARE_OF_TARGET' ? `${Math.round(trigger.share * 100)}% of the target` : `${trigger.minutes} minutes after the breach`;
}

/** Used minutes are rounded; a threshold this close counts as reached, or it would wait for the next working instant. */
const ROUNDING_TOLERANCE_MINUTES = 0.05;

export interface ScheduledEscalation {
  metric: SlaMetric;
  level: EscalationLevel;
  /** When the level is due (after waiting for working hours where the level says so); null while the clock cannot say. */
  dueAt: Date | null;
  reached: boolean;
}

/**
 * When each level of the ladder falls due for a clock. Share-of-target levels
 * are placed on the clock's own time line (a level already passed fell due
 * when that share was used, whenever the schedule is read); after-breach
 * levels count from the breach (or the projected breach).
 */
export function escalationSchedule(clock: Clock, ladder: EscalationLevel[], calendar: WorkingCalendar, now: Date): ScheduledEscalation[] {
  const total = clock.usedMinutes + clock.remainingMinutes;
  const advance = (from: Date, minutes: number) =>
    clock.workingTime ? calendar.addWorkingMinutes(from, minutes) : new Date(from.getTime() + minutes * 60_000);
  const breach = clock.breachedAt ?? clock.dueAt;
  return ladder.map((level) => {
    let dueAt: Date | null = null;
    if (clock.state === 'MET') {
      dueAt = null; // the promise was kept: nobody is chased
    } else if (level.trigger.kind === 'SHARE_OF_TARGET') {
      const threshold = total * level.trigger.share;
      // Already past it (give or take the clock's rounding to hundredths of a minute): due when it was passed.
      if (clock.usedMinutes >= threshold - ROUNDING_TOLERANCE_MINUTES) dueAt = instantClockUsed(clock, Math.min(threshold, clock.usedMinutes), calendar) ?? now;
      else if (clock.dueAt) dueAt = advance(now, threshold - clock.usedMinutes);
    } else if (breach) {
      dueAt = advance(breach, level.trigger.minutes);
    }
    if (dueAt && level.workingHoursOnly) dueAt = calendar.nextWorkingInstant(dueAt);
    return { metric: clock.metric, level, dueAt, reached: dueAt !== null && dueAt <= now };
  });
}

/** The share of a target used at which the ticket's standard calls its clock at risk. */
export function atRiskShareOf(ticket: Ticket): number {
  return (ticket.slaStandard as { atRiskShare?: number } | null | undefined)?.atRiskShare ?? 0.75;
}

/** The ladder a ticket climbs: the one of the standard it was opened under (the store's earlier levels, then HQ's). */
export function ladderFor(ticket: Ticket): EscalationLevel[] {
  const snapshot = ticket.slaStandard as { escalation?: EscalationLevel[] } | null | undefined;
  return snapshot?.escalation?.length ? snapshot.escalation : DEFAULT_LADDER;
}
