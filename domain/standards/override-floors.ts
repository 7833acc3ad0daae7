import { UserInputError } from '../errors';
import type { FloorViolation, TargetRule } from './sla-targets';

/**
 * What a store's override form shows beside each field: for every target of
 * HQ's, HQ's value (the floor the store may only tighten), whether HQ locked
 * it, and the store's own override of exactly that target, if it has one.
 * A store rule of another scope (a narrower one, say urgent repairs under
 * HQ's repair target) is not paired here: it is listed with the store's
 * targets, and checked against every HQ target it touches when saved.
 */
export interface TargetFloor {
  hq: TargetRule;
  locked: boolean;
  override: TargetRule | null;
  /** The override's place in the store's list (`rules` of `setSlaOverrides`), null without one. */
  overrideIndex: number | null;
}

const scopeKey = (rule: TargetRule) => [rule.metric, rule.ticketType ?? '*', rule.priority ?? '*', rule.tier ?? '*'].join('|');

export function targetFloors(hqRules: readonly TargetRule[], storeRules: readonly TargetRule[]): TargetFloor[] {
  return hqRules.map((hq) => {
    const overrideIndex = storeRules.findIndex((rule) => scopeKey(rule) === scopeKey(hq));
    return {
      hq,
      locked: hq.locked ?? false,
      override: overrideIndex >= 0 ? storeRules[overrideIndex] : null,
      overrideIndex: overrideIndex >= 0 ? overrideIndex : null,
    };
  });
}

/** Where in `setSlaOverrides`' input a violation lies: the amount or unit that breaks the floor, or the whole rule. */
export function violationField(violation: FloorViolation): string[] {
  const rule = ['rules', String(violation.storeIndex)];
  if (violation.code === 'LOOSER_THAN_HQ') return [...rule, 'amount'];
  if (violation.code === 'UNIT_MISMATCH') return [...rule, 'unit'];
  return rule;
}

/** Overrides refused with every floor they break, each naming the store's rule and HQ's value. */
export class OverridesRefused extends UserInputError {
  constructor(readonly violations: FloorViolation[]) {
    super(violations[0].code, violations[0].message, violationField(violations[0]));
  }
}
