import { TicketPriority, TicketType } from '../../core/desk-enums';
import { CustomerTier } from '../../core/enums';
import { SlaMetric, TargetUnit } from '../../core/sla-enums';

/**
 * Service standards as data: targets per metric, chosen for a ticket by its
 * type, priority and customer tier (the most specific rule wins), and a
 * store's overrides, which may only tighten HQ's targets and never touch a
 * locked one.
 */

export interface TargetRule {
  metric: SlaMetric;
  /** Absent: any. */
  ticketType?: TicketType | null;
  priority?: TicketPriority | null;
  tier?: CustomerTier | null;
  amount: number;
  unit: TargetUnit;
  /** HQ only: stores may not override this rule at all. */
  locked?: boolean;
}

export interface TicketProfile {
  type: TicketType;
  priority: TicketPriority;
  tier: CustomerTier;
}

export function countsWorkingTime(unit: TargetUnit): boolean {
  return unit !== TargetUnit.CALENDAR_HOURS;
}

function specificity(rule: TargetRule): number {
  return (rule.ticketType ? 4 : 0) + (rule.tier ? 2 : 0) + (rule.priority ? 1 : 0);
}

function matches(rule: TargetRule, profile: TicketProfile): boolean {
  return (
    (!rule.ticketType || rule.ticketType === profile.type) &&
    (!rule.priority || rule.priority === profile.priority) &&
    (!rule.tier || rule.tier === profile.tier)
  );
}

/** The rule that sets a metric's target for a ticket, or null when the standard sets none. */
export function targetFor(rules: readonly TargetRule[], metric: SlaMetric, profile: TicketProfile): TargetRule | null {
  let best: TargetRule | null = null;
  for (const rule of rules) {
    if (rule.metric !== metric || !matches(rule, profile)) continue;
    if (!best || specificity(rule) > specificity(best)) best = rule;
  }
  return best;
}

/**
 * What an amount may be in each unit. Days and half days are counted on the
 * calendar one by one, so a fraction of one means nothing (half a working day
 * is its own unit); every target fits in about a year of working time, so a
 * typo cannot send the clocks searching the calendar for decades.
 */
const AMOUNT_RULES: Record<TargetUnit, { whole: boolean; max: number }> = {
  [TargetUnit.WORKING_MINUTES]: { whole: false, max: 120_000 },
  [TargetUnit.WORKING_HOURS]: { whole: false, max: 2_000 },
  [TargetUnit.HALF_WORKING_DAY]: { whole: true, max: 500 },
  [TargetUnit.WORKING_DAYS]: { whole: true, max: 250 },
  [TargetUnit.CALENDAR_HOURS]: { whole: false, max: 8_784 },
};

export interface AmountProblem {
  /** Which rule of the list. */
  index: number;
  code: 'FRACTIONAL_TARGET' | 'TARGET_NOT_POSITIVE' | 'TARGET_TOO_LONG';
  message: string;
}

/** Amounts no clock could count: fractions of (half) days, zero or less, more than a year. */
export function amountProblems(rules: readonly Pick<TargetRule, 'metric' | 'amount' | 'unit'>[]): AmountProblem[] {
  return rules.flatMap((rule, index): AmountProblem[] => {
    const { whole, max } = AMOUNT_RULES[rule.unit];
    const what = `${rule.metric}: ${rule.amount} ${rule.unit}`;
    if (!Number.isFinite(rule.amount) || rule.amount <= 0) {
      return [{ index, code: 'TARGET_NOT_POSITIVE', message: `${what}: a target must be more than 0` }];
    }
    if (whole && !Number.isInteger(rule.amount)) {
      const instead = rule.unit === TargetUnit.WORKING_DAYS ? 'HALF_WORKING_DAY or WORKING_HOURS' : 'WORKING_HOURS or WORKING_MINUTES';
      return [
        {
          index,
          code: 'FRACTIONAL_TARGET',
          message: `${what}: ${rule.unit} counts whole days, so the amount must be a whole number (for a part of one, use ${instead})`,
        },
      ];
    }
    if (rule.amount > max) return [{ index, code: 'TARGET_TOO_LONG', message: `${what}: at most ${max} ${rule.unit}, about a year` }];
    return [];
  });
}

export interface FloorViolation {
  metric: SlaMetric;
  /** A ticket the store's rule would apply to where it breaks HQ's floor. */
  profile: TicketProfile;
  code: 'LOOSER_THAN_HQ' | 'TARGET_LOCKED' | 'UNIT_MISMATCH' | 'NOT_IN_HQ_STANDARD';
  hq: string;
  store: string;
  message: string;
  /** Which of the store's rules (its place in the list), so an editor can mark that very field. */
  storeIndex: number;
  storeRule: TargetRule;
  /** HQ's target for that ticket: the floor (null when HQ sets none). */
  hqRule: TargetRule | null;
}

const ALL_PROFILES: TicketProfile[] = Object.values(TicketType).flatMap((type) =>
  Object.values(TicketPriority).flatMap((priority) => Object.values(CustomerTier).map((tier) => ({ type, priority, tier }))),
);

export function describeTarget(rule: TargetRule): string {
  return `${rule.amount} ${rule.unit.toLowerCase().replace(/_/g, ' ')}`;
}

/**
 * Checks a store's overrides against HQ's rules for every ticket they could
 * apply to: each must be at least as strict (same unit, smaller or equal
 * amount) as HQ's target for that ticket, and HQ's rule must not be locked.
 * One violation per store rule and HQ rule it breaks (not one per ticket
 * profile), in the order of the store's rules.
 */
export function checkFloors(hqRules: readonly TargetRule[], storeRules: readonly TargetRule[]): FloorViolation[] {
  const violations: FloorViolation[] = [];
  const seen = new Set<string>();
  for (const metric of Object.values(SlaMetric)) {
    for (const profile of ALL_PROFILES) {
      const store = targetFor(storeRules, metric, profile);
      if (!store) continue;
      const hq = targetFor(hqRules, metric, profile);
      const where = `${metric} for ${profile.type}/${profile.priority}/${profile.tier}`;
      let violation: Pick<FloorViolation, 'code' | 'message'> | null = null;
      if (!hq) {
        violation = { code: 'NOT_IN_HQ_STANDARD', message: `${where}: HQ sets no target, so there is nothing to tighten` };
      } else if (hq.locked) {
        violation = { code: 'TARGET_LOCKED', message: `${where}: HQ has locked this target at ${describeTarget(hq)}` };
      } else if (hq.unit !== store.unit) {
        violation = { code: 'UNIT_MISMATCH', message: `${where}: HQ counts in ${hq.unit}, the override in ${store.unit}` };
      } else if (store.amount > hq.amount) {
        violation = { code: 'LOOSER_THAN_HQ', message: `${where}: HQ's target is ${describeTarget(hq)}, the store's ${describeTarget(store)} is looser` };
      }
      if (!violation) continue;
      const storeIndex = storeRules.indexOf(store);
      const key = `${storeIndex}|${violation.code}|${hq ? hqRules.indexOf(hq) : ''}`;
      if (seen.has(key)) continue; // one report per distinct problem, not one per ticket profile
      seen.add(key);
      violations.push({
        ...violation,
        metric,
        profile,
        hq: hq ? describeTarget(hq) : 'none',
        store: describeTarget(store),
        storeIndex,
        storeRule: store,
        hqRule: hq,
      });
    }
  }
  return violations.sort((a, b) => a.storeIndex - b.storeIndex);
}

/** A store's effective rules: its own (already checked) take precedence over HQ's for the tickets they match. */
export function effectiveTarget(
  hqRules: readonly TargetRule[],
  storeRules: readonly TargetRule[],
  metric: SlaMetric,
  profile: TicketProfile,
): TargetRule | null {
  return targetFor(storeRules, metric, profile) ?? targetFor(hqRules, metric, profile);
}
