import { DEFAULT_CALLBACK_POLICY } from './callback-policy';
import { DEFAULT_LADDER, EscalationLevel } from './escalation-ladder';
import type { SlaTemplate } from './sla-template-file';
import type { TargetRule } from './sla-targets';

/**
 * What publishing a template would change, against the version in force:
 * targets matched by what they apply to (metric, ticket type, priority,
 * customer tier), the settings one by one, and the escalation ladder level by
 * level. Pure: the caller reads both templates. Against no version in force,
 * everything is ADDED.
 */
export type ChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface TargetChange {
  kind: ChangeKind;
  rule: Pick<TargetRule, 'metric' | 'ticketType' | 'priority' | 'tier'>;
  from: TargetRule | null;
  to: TargetRule | null;
}

export interface SettingChange {
  kind: ChangeKind;
  /** A path in the template file, e.g. `atRiskShare`, `pauses.byStatus.WAITING_CUSTOMER`, `callbacks.otherTypesShare`. */
  setting: string;
  from: string | null;
  to: string | null;
}

export interface LevelChange {
  kind: ChangeKind;
  level: number;
  from: EscalationLevel | null;
  to: EscalationLevel | null;
}

export interface TemplateDiff {
  targets: TargetChange[];
  settings: SettingChange[];
  escalation: LevelChange[];
}

export function diffTemplates(current: SlaTemplate | null, next: SlaTemplate): TemplateDiff {
  return {
    targets: diffTargets(current?.targets ?? [], next.targets),
    settings: diffSettings(current ? settingsOf(current) : new Map(), settingsOf(next)),
    escalation: diffLadders(current ? (current.escalation ?? DEFAULT_LADDER) : [], next.escalation ?? DEFAULT_LADDER),
  };
}

const scopeKey = (rule: TargetRule) => [rule.metric, rule.ticketType ?? '*', rule.priority ?? '*', rule.tier ?? '*'].join('|');
const scopeOf = (rule: TargetRule) => ({ metric: rule.metric, ticketType: rule.ticketType ?? null, priority: rule.priority ?? null, tier: rule.tier ?? null });

/** By scope; of two rules with the same scope, the first is the one the clocks use (`targetFor`), so it is the one compared. */
function byScope(rules: readonly TargetRule[]): Map<string, TargetRule> {
  const map = new Map<string, TargetRule>();
  for (const rule of rules) if (!map.has(scopeKey(rule))) map.set(scopeKey(rule), rule);
  return map;
}

function diffTargets(current: readonly TargetRule[], next: readonly TargetRule[]): TargetChange[] {
  const before = byScope(current);
  const after = byScope(next);
  const changes: TargetChange[] = [];
  for (const [key, to] of after) {
    const from = before.get(key);
    if (!from) changes.push({ kind: 'ADDED', rule: scopeOf(to), from: null, to });
    else if (from.amount !== to.amount || from.unit !== to.unit || (from.locked ?? false) !== (to.locked ?? false)) {
      changes.push({ kind: 'CHANGED', rule: scopeOf(to), from, to });
    }
  }
  for (const [key, from] of before) if (!after.has(key)) changes.push({ kind: 'REMOVED', rule: scopeOf(from), from, to: null });
  return changes;
}

/**
 * The template's settings as file paths and values in words. Callback
 * settings are compared as they apply (a setting left out takes its default),
 * so writing a default out explicitly is no change.
 */
function settingsOf(template: SlaTemplate): Map<string, string> {
  const settings = new Map<string, string>([
    ['template', template.code],
    ['atRiskShare', String(template.atRiskShare)],
    ['pauses.waitingPartsPausesUntilExpectedDate', String(template.waitingPartsPausesUntilExpectedDate)],
  ]);
  for (const [status, metrics] of Object.entries(template.pausedBy ?? {})) {
    if (metrics?.length) settings.set(`pauses.byStatus.${status}`, [...metrics].sort().join(', '));
  }
  const callbacks = { ...DEFAULT_CALLBACK_POLICY, ...definedOnly(template.callbacks ?? {}) };
  for (const [name, value] of Object.entries(callbacks)) settings.set(`callbacks.${name}`, String(value));
  return settings;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function diffSettings(before: Map<string, string>, after: Map<string, string>): SettingChange[] {
  const changes: SettingChange[] = [];
  for (const [setting, to] of after) {
    const from = before.get(setting);
    if (from === undefined) changes.push({ kind: 'ADDED', setting, from: null, to });
    else if (from !== to) changes.push({ kind: 'CHANGED', setting, from, to });
  }
  for (const [setting, from] of before) if (!after.has(setting)) changes.push({ kind: 'REMOVED', setting, from, to: null });
  return changes;
}

/** Levels compared by their place on the ladder: what the ticket's n-th step would do. */
function diffLadders(before: readonly EscalationLevel[], after: readonly EscalationLevel[]): LevelChange[] {
  const changes: LevelChange[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const from = before[i] ?? null;
    const to = after[i] ?? null;
    if (!from) changes.push({ kind: 'ADDED', level: i + 1, from: null, to });
    else if (!to) changes.push({ kind: 'REMOVED', level: i + 1, from, to: null });
    else if (JSON.stringify(levelContent(from)) !== JSON.stringify(levelContent(to))) changes.push({ kind: 'CHANGED', level: i + 1, from, to });
  }
  return changes;
}

function levelContent(level: EscalationLevel) {
  return {
    name: level.name,
    trigger: level.trigger.kind === 'SHARE_OF_TARGET' ? ['SHARE', level.trigger.share] : ['AFTER', level.trigger.minutes],
    notify: level.notify.map((r) => (r.kind === 'ROLE' ? [r.kind, r.role, r.inHq ?? false] : r.kind === 'PERSON' ? [r.kind, r.staffId] : [r.kind])),
    workingHoursOnly: level.workingHoursOnly,
  };
}
