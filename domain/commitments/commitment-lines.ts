import { TicketPriority, TicketType } from '../../core/desk-enums';
import { CustomerTier, Locale } from '../../core/enums';
import { CommitmentKind, SlaMetric, TargetUnit } from '../../core/sla-enums';
import { message, MessageId } from '../notifications/messages/catalogue';
import { ALWAYS_CALLED_BACK, CallbackPolicy } from '../standards/callback-policy';
import { effectiveTarget, TargetRule } from '../standards/sla-targets';

/**
 * A store's service standard as its customers read it: one line per promise,
 * worded from the very rules its tickets' clocks count with (HQ's targets,
 * with the store's tighter overrides taking precedence), so that what the
 * store publishes is what the system enforces.
 */
export interface Commitment {
  kind: CommitmentKind;
  /** The ticket types the line speaks of; every type when it names none. */
  ticketTypes: TicketType[];
  /** True when the line speaks of every kind of request. */
  allTypes: boolean;
  /** VIP: a line that holds for VIP customers only (their target differs from everyone else's). */
  tier: CustomerTier | null;
  /** The target the line promises; null for a promise that counts no target of its own. */
  amount: number | null;
  unit: TargetUnit | null;
  text: string;
}

/** What the lines are worded from: HQ's rules, the store's overrides and HQ's callback policy. */
export interface EffectiveStandard {
  hqRules: readonly TargetRule[];
  storeRules: readonly TargetRule[];
  callbacks: CallbackPolicy;
}

/** The clocks a customer meets, in the order their request meets them (the callback comes after the parts). */
const CLOCK_LINES: readonly [SlaMetric, CommitmentKind][] = [
  [SlaMetric.FIRST_CONTACT, CommitmentKind.FIRST_CONTACT],
  [SlaMetric.DISPATCH, CommitmentKind.DISPATCH],
  [SlaMetric.RESOLUTION, CommitmentKind.RESOLUTION],
  [SlaMetric.PROGRESS_UPDATE, CommitmentKind.PROGRESS_UPDATE],
];

const TYPES: readonly TicketType[] = Object.values(TicketType);

/**
 * Priority is the store's to set, not the customer's to ask for: a published
 * promise is the one every request starts under, at normal priority.
 */
const PRIORITY = TicketPriority.NORMAL;

interface Group {
  types: TicketType[];
  rule: TargetRule;
}

const sameTarget = (a: TargetRule, b: TargetRule) => a.amount === b.amount && a.unit === b.unit;

/** The types `types` grouped by the target they get, in the order of the first type of each group. */
function groupsOf(standard: EffectiveStandard, metric: SlaMetric, tier: CustomerTier, types: readonly TicketType[]): Group[] {
  const groups: Group[] = [];
  for (const type of types) {
    const rule = effectiveTarget(standard.hqRules, standard.storeRules, metric, { type, priority: PRIORITY, tier });
    if (!rule) continue;
    const group = groups.find((candidate) => sameTarget(candidate.rule, rule));
    if (group) group.types.push(type);
    else groups.push({ types: [type], rule });
  }
  return groups;
}

/**
 * A metric's lines: one per distinct target among the ticket types it covers
 * (a single line when every type gets the same), then the VIP customers'
 * lines where their target differs from the others'.
 */
function metricGroups(standard: EffectiveStandard, metric: SlaMetric, types: readonly TicketType[]): { group: Group; tier: CustomerTier | null }[] {
  const everyone = groupsOf(standard, metric, CustomerTier.STANDARD, types);
  const vipTypes = types.filter((type) => {
    const vip = effectiveTarget(standard.hqRules, standard.storeRules, metric, { type, priority: PRIORITY, tier: CustomerTier.VIP });
    const standardRule = effectiveTarget(standard.hqRules, standard.storeRules, metric, { type, priority: PRIORITY, tier: CustomerTier.STANDARD });
    return vip && (!standardRule || !sameTarget(vip, standardRule));
  });
  const vip = groupsOf(standard, metric, CustomerTier.VIP, vipTypes);
  return [...everyone.map((group) => ({ group, tier: null })), ...vip.map((group) => ({ group, tier: CustomerTier.VIP }))];
}

/** Which requests are called back: every type when the policy calls back all, else those the handbooks always call back. */
function calledBackTypes(policy: CallbackPolicy): readonly TicketType[] {
  return policy.otherTypesShare >= 1 ? TYPES : ALWAYS_CALLED_BACK;
}

/** An amount as the reader says it: "half a working day", "3 working days", "8 个工作小时". */
export function amountText(locale: Locale, amount: number, unit: TargetUnit): string {
  return message(locale, 'commitment.amount', { amount, unit });
}

/** The types as the language lists alternatives: "repair, return/exchange, or on-site service" / "维修、退换货或上门服务". */
function typesText(locale: Locale, types: readonly TicketType[]): string {
  // (Words of their own: "return or exchange" would read as two alternatives in a list of them.)
  const names = types.map((type) => message(locale, 'commitment.type', { value: type }));
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
}

function line(
  locale: Locale,
  kind: CommitmentKind,
  scope: { types: readonly TicketType[]; tier: CustomerTier | null },
  target: { amount: number; unit: TargetUnit } | null,
): Commitment {
  const allTypes = TYPES.every((type) => scope.types.includes(type));
  const what = message(locale, 'commitment.what', { all: String(allTypes), types: typesText(locale, scope.types) });
  const values = { what, amount: target ? amountText(locale, target.amount, target.unit) : '' };
  const sentence = message(locale, `commitment.${kind}` as MessageId, values);
  return {
    kind,
    ticketTypes: [...scope.types],
    allTypes,
    tier: scope.tier,
    amount: target?.amount ?? null,
    unit: target?.unit ?? null,
    text: (scope.tier === CustomerTier.VIP ? message(locale, 'commitment.vip') : '') + sentence,
  };
}

/**
 * The store's commitments in `locale`, in the order a request meets them:
 * first contact, dispatch, resolution by type, progress updates, the parts'
 * dates, the satisfaction callback. A metric the standard sets no target for
 * promises nothing and has no line.
 */
export function commitmentLines(standard: EffectiveStandard, locale: Locale): Commitment[] {
  const lines: Commitment[] = [];
  const targetLines = (metric: SlaMetric, kind: CommitmentKind, types: readonly TicketType[]) => {
    for (const { group, tier } of metricGroups(standard, metric, types)) {
      lines.push(line(locale, kind, { types: group.types, tier }, group.rule));
    }
  };
  for (const [metric, kind] of CLOCK_LINES) targetLines(metric, kind, TYPES);

  // A part's later date goes to the customer with the change itself (notifications' PART_DELAYED).
  lines.push(line(locale, CommitmentKind.PART_DATE_CHANGE, { types: TYPES, tier: null }, null));
  // A late part is told on the next working instant, and the next word is due within the progress target
  // (or one working day without one): domain/standards/late-parts.ts.
  const progress = effectiveTarget(standard.hqRules, standard.storeRules, SlaMetric.PROGRESS_UPDATE, {
    type: TicketType.REPAIR,
    priority: PRIORITY,
    tier: CustomerTier.STANDARD,
  });
  lines.push(line(locale, CommitmentKind.PART_LATE, { types: TYPES, tier: null }, progress ?? { amount: 1, unit: TargetUnit.WORKING_DAYS }));

  targetLines(SlaMetric.CALLBACK, CommitmentKind.CALLBACK, calledBackTypes(standard.callbacks));
  return lines;
}
