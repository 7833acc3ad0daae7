import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ClockState, SlaMetric, TargetUnit } from '../../core/sla-enums';
import { TicketPriority, TicketStatus, TicketType } from '../../core/desk-enums';
import { CustomerTier, Role } from '../../core/enums';
import { UserError } from './user-error';
import { PayloadWith } from './payload';

registerEnumType(SlaMetric, { name: 'SlaMetric', description: 'What a service target measures.' });
registerEnumType(TargetUnit, { name: 'TargetUnit', description: 'How a target counts: working time, or calendar hours.' });

/**
 * What a target measures, for which tickets, and how much time it allows: the
 * same whether HQ's target is read or a store sets its own. Registered as both
 * kinds so either can inherit it; never reached itself, so never in the schema.
 */
@ObjectType()
@InputType()
abstract class SlaTargetScope {
  @Field(() => SlaMetric, { description: 'What is measured.' }) metric!: SlaMetric;
  @Field(() => TicketType, { nullable: true, description: 'Only tickets of this type.' }) ticketType?: TicketType | null;
  @Field(() => TicketPriority, { nullable: true, description: 'Only tickets of this priority.' }) priority?: TicketPriority | null;
  @Field(() => CustomerTier, { nullable: true, description: 'Only customers of this tier.' }) tier?: CustomerTier | null;
  @Field(() => Float, { description: 'How much time, in `unit`.' }) amount!: number;
}

@ObjectType({ description: 'A target: for the tickets it names (absent = any), the time allowed.' })
export class SlaTargetRule extends SlaTargetScope {
  @Field(() => TargetUnit, { description: 'Working minutes, hours, half days, days, or calendar hours.' }) unit!: TargetUnit;
  @Field(() => Boolean, { description: 'HQ has locked it: stores may not override it.' }) locked!: boolean;
}

@InputType({ description: "A store's tightened target." })
export class SlaTargetRuleInput extends SlaTargetScope {
  @Field(() => TargetUnit, { description: "The unit; must be the same as HQ's target." }) unit!: TargetUnit;
}

@ObjectType({ description: 'The service standard in force: HQ template and, for a store, its own tightened targets.' })
export class SlaStandard {
  @Field(() => String, { nullable: true, description: "HQ template's code." }) code!: string | null;
  @Field(() => Int, { nullable: true, description: 'The published version in force.' }) version!: number | null;
  @Field(() => Date, { nullable: true, description: 'When it was published.' }) publishedAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'Share of a target after which a clock is at risk.' }) atRiskShare!: number | null;
  @Field(() => [SlaTargetRule], { description: "HQ's targets." }) targets!: SlaTargetRule[];
  @Field(() => [SlaTargetRule], { description: "The store's tightened targets (none for HQ)." }) storeTargets!: SlaTargetRule[];

  @Field(() => [SlaTargetFloor], {
    description:
      "One per HQ target, for an override form: HQ's value (the floor), whether it is locked, and the store's override of exactly that target, if any.",
  })
  targetFloors!: SlaTargetFloor[];

  @Field(() => [EscalationLevelView], { description: "The escalation ladder in force: the store's earlier levels, then HQ's." })
  escalation!: EscalationLevelView[];

  @Field(() => String, {
    nullable: true,
    description:
      'HQ only: the template in force written as a template file (YAML), to edit into the next version (raise `version`) and pass to `slaTemplatePreview` and `publishSlaTemplate`. Comments of the published file are not kept. Null for stores and partners, and before anything is published.',
  })
  definition!: string | null;
}

@InputType({ description: 'A new version of the HQ standard, written as a template file (YAML).' })
export class PublishSlaTemplateInput {
  @Field({ description: 'The template, as in tenants/templates/*.yaml; its version must be newer than the one in force.' }) definition!: string;
}

@InputType({ description: "The store's tightened targets, replacing its previous ones." })
export class SetSlaOverridesInput {
  @Field(() => [SlaTargetRuleInput], { description: 'Each must be at least as strict as HQ target for every ticket it applies to.' })
  rules!: SlaTargetRuleInput[];

  @Field(() => [StoreEscalationLevelInput], {
    nullable: true,
    description: "Escalation levels before HQ's first one; HQ's own levels always stay. Omitted: the store's levels are kept; an empty list removes them.",
  })
  levels?: StoreEscalationLevelInput[] | null;
}

@ObjectType({ description: "An HQ target beside the store's override of it: what an override form shows for each field." })
export class SlaTargetFloor {
  @Field(() => SlaMetric, { description: 'What is measured.' }) metric!: SlaMetric;
  @Field(() => TicketType, { nullable: true, description: 'Only tickets of this type (null: any).' }) ticketType!: TicketType | null;
  @Field(() => TicketPriority, { nullable: true, description: 'Only tickets of this priority (null: any).' }) priority!: TicketPriority | null;
  @Field(() => CustomerTier, { nullable: true, description: 'Only customers of this tier (null: any).' }) tier!: CustomerTier | null;
  @Field(() => SlaTargetRule, { description: "HQ's target: a store's override must be as strict or stricter, in the same unit." }) hq!: SlaTargetRule;
  @Field({ description: 'HQ locked it: no store may override it, not even to tighten it.' }) locked!: boolean;

  @Field(() => SlaTargetRule, { nullable: true, description: "The store's override of exactly this target (null: HQ's applies)." })
  storeOverride!: SlaTargetRule | null;
  @Field(() => Int, { nullable: true, description: "The override's index in `storeTargets` (and in the `rules` of `setSlaOverrides`)." }) overrideIndex!:
    number | null;
}

@ObjectType({ description: "A store's rule refused by `setSlaOverrides`, with HQ's target for a ticket where it breaks the floor." })
export class SlaFloorViolation {
  @Field(() => Int, { description: 'Which of the submitted `rules` (0 first).' }) ruleIndex!: number;
  @Field({ description: 'LOOSER_THAN_HQ, TARGET_LOCKED, UNIT_MISMATCH or NOT_IN_HQ_STANDARD.' }) code!: string;
  @Field({ description: 'Explanation for a person, naming HQ value and the store value.' }) message!: string;
  @Field(() => SlaMetric, { description: 'What is measured.' }) metric!: SlaMetric;
  @Field(() => TicketType, { description: 'A ticket the rule applies to where it breaks the floor: its type...' }) ticketType!: TicketType;
  @Field(() => TicketPriority, { description: '...its priority...' }) priority!: TicketPriority;
  @Field(() => CustomerTier, { description: "...and its customer's tier." }) tier!: CustomerTier;
  @Field(() => SlaTargetRule, { nullable: true, description: "HQ's target for that ticket: the floor (null when HQ sets none)." }) hq!: SlaTargetRule | null;
  @Field(() => SlaTargetRule, { description: "The store's refused rule." }) store!: SlaTargetRule;
}

@ObjectType({ description: 'Result of publishing or overriding a standard.' })
export class SlaStandardPayload extends PayloadWith(
  'standard',
  () => SlaStandard,
  'The standard now in force.',
  'Why nothing changed. For `setSlaOverrides`, one per floor broken, `field` naming the rule (`["rules", "<index>", "amount"]` for LOOSER_THAN_HQ, `"unit"` for UNIT_MISMATCH, the rule itself for TARGET_LOCKED and NOT_IN_HQ_STANDARD), the message naming HQ value and the store value.',
) {
  @Field(() => [SlaFloorViolation], { description: "`setSlaOverrides`: the same refusals with HQ's value as data; empty otherwise." })
  floorViolations!: SlaFloorViolation[];
}

registerEnumType(ClockState, { name: 'ClockState', description: 'Where a service clock stands.' });

@ObjectType({ description: 'One clock of a ticket: a metric of the standard it was opened under, with when it is due and how much is used.' })
export class SlaClock {
  @Field(() => SlaMetric, { description: 'What is measured.' }) metric!: SlaMetric;
  @Field({ description: 'The target, e.g. "3 working days".' }) target!: string;
  @Field(() => Float, { description: "The target's amount, e.g. 3 (with `targetUnit`, for wording it in the reader's language)." }) targetAmount!: number;
  @Field(() => TargetUnit, { description: "The target's unit, e.g. WORKING_DAYS." }) targetUnit!: TargetUnit;
  @Field({ description: 'Whether it counts working time (else calendar time).' }) workingTime!: boolean;
  @Field(() => ClockState, { description: 'RUNNING, PAUSED, AT_RISK, MET or BREACHED.' }) state!: ClockState;
  @Field(() => Date, { nullable: true, description: 'When it started (a callback clock starts at resolution).' }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it runs out if it keeps running; none while paused.' }) dueAt!: Date | null;
  @Field(() => Float, { description: 'Minutes of the target used.' }) usedMinutes!: number;
  @Field(() => Float, { description: 'Minutes of the target left.' }) remainingMinutes!: number;
  @Field(() => Date, { nullable: true, description: 'When it was breached.' }) breachedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it stopped (met or breached for good).' }) stoppedAt!: Date | null;

  @Field({
    description:
      'Whether it counts working days of a year whose official national calendar is not published yet: its due time then rests on holidays computed from the statutory rules, and may move when HQ publishes the year.',
  })
  provisional!: boolean;
}

@ObjectType({ description: 'A ticket with a clock at risk or breached, for the store or, for HQ, across its stores.' })
export class TicketAtRisk {
  @Field(() => ID, { description: "The ticket's global id (readable by its store)." }) ticketId!: string;
  @Field({ description: 'Ticket number.' }) number!: string;
  @Field(() => TicketType, { description: 'Type.' }) type!: TicketType;
  @Field(() => TicketStatus, { description: 'Status.' }) status!: TicketStatus;
  @Field(() => TicketPriority, { description: 'Priority.' }) priority!: TicketPriority;
  @Field({ description: 'The store it belongs to (slug).' }) storeSlug!: string;
  @Field({ description: 'The store it belongs to (name).' }) storeName!: string;
  @Field(() => SlaClock, { description: 'The clock that needs attention first.' }) mostUrgent!: SlaClock;
  @Field(() => [SlaClock], {
    description: 'All its clocks: the breached and at-risk ones first, most urgent first (the first is `mostUrgent`), then the others.',
  })
  clocks!: SlaClock[];

  @Field(() => Int, { nullable: true, description: 'The highest level of the escalation ladder it reached (1 first); null before the first.' })
  escalationLevel!: number | null;

  @Field(() => String, { nullable: true, description: 'The name of that level, e.g. "store manager".' }) escalationLevelName!: string | null;
}

@InputType({ description: 'An escalation level a store adds before HQ first one.' })
export class StoreEscalationLevelInput {
  @Field({ description: 'Name, e.g. "early nudge".' }) name!: string;
  @Field(() => Float, { nullable: true, description: 'Trigger at this share of the target (0-1); or give minutesAfterBreach.' }) shareOfTarget?: number | null;
  @Field(() => Int, { nullable: true, description: 'Trigger this many minutes after the breach.' }) minutesAfterBreach?: number | null;
  @Field({ defaultValue: true, description: 'Notify the responsible person.' }) notifyAssignee!: boolean;
  @Field(() => [Role], { defaultValue: [], description: 'Notify every active staff member of these roles in the store.' }) notifyRoles!: Role[];
  @Field({ defaultValue: true, description: 'Outside working hours, wait for the next working instant.' }) workingHoursOnly!: boolean;
}

@ObjectType({ description: 'A level of the escalation ladder in force.' })
export class EscalationLevelView {
  @Field(() => Int, { description: 'Level number, 1 first.' }) level!: number;
  @Field({ description: 'Name.' }) name!: string;
  @Field({ description: 'When it triggers.' }) trigger!: string;
  @Field({ description: 'Whether HQ defined it (a store cannot remove those).' }) fromHq!: boolean;
  @Field(() => [String], { description: 'Who is told, in words (e.g. "the responsible person", "every HQ_SUPERVISOR at HQ").' }) notify!: string[];
  @Field({ description: 'Whether its notices outside working hours wait for the next working instant.' }) workingHoursOnly!: boolean;

  // The same level as data, so a client words it in its reader's language and a store edits its own levels as it wrote them.
  @Field(() => Float, { nullable: true, description: 'It triggers at this share of the target (0-1); null when it triggers after the breach.' })
  shareOfTarget!: number | null;

  @Field(() => Int, { nullable: true, description: 'It triggers this many minutes after the breach; null when it triggers at a share of the target.' })
  minutesAfterBreach!: number | null;

  @Field({ description: 'Whether the responsible person is told.' }) notifyAssignee!: boolean;
  @Field({ description: "Whether the responsible person's supervisor (the store manager where none is named) is told." }) notifySupervisor!: boolean;
  @Field(() => [Role], { description: "Roles every active member of which in the ticket's store is told." }) notifyRoles!: Role[];
  @Field(() => [Role], { description: 'Roles every active member of which at HQ is told.' }) notifyHqRoles!: Role[];
}

export enum SlaChangeKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}
registerEnumType(SlaChangeKind, { name: 'SlaChangeKind', description: 'How publishing a draft would change an element of the standard in force.' });

@ObjectType({ description: 'A target the draft adds, removes or changes, named by what it applies to.' })
export class SlaTargetChange {
  @Field(() => SlaChangeKind, { description: 'ADDED, REMOVED or CHANGED (amount, unit or lock).' }) change!: SlaChangeKind;
  @Field(() => SlaMetric, { description: 'What is measured.' }) metric!: SlaMetric;
  @Field(() => TicketType, { nullable: true, description: 'Only tickets of this type (null: any).' }) ticketType!: TicketType | null;
  @Field(() => TicketPriority, { nullable: true, description: 'Only tickets of this priority (null: any).' }) priority!: TicketPriority | null;
  @Field(() => CustomerTier, { nullable: true, description: 'Only customers of this tier (null: any).' }) tier!: CustomerTier | null;
  @Field(() => SlaTargetRule, { nullable: true, description: 'The target in force (null when ADDED).' }) from!: SlaTargetRule | null;
  @Field(() => SlaTargetRule, { nullable: true, description: 'The target in the draft (null when REMOVED).' }) to!: SlaTargetRule | null;
}

@ObjectType({ description: 'A setting of the standard the draft changes, by its path in the template file.' })
export class SlaSettingChange {
  @Field(() => SlaChangeKind, { description: 'ADDED, REMOVED or CHANGED.' }) change!: SlaChangeKind;

  @Field({
    description:
      'The path in the template file: `template` (the code), `atRiskShare`, `pauses.byStatus.<STATUS>`, `pauses.waitingPartsPausesUntilExpectedDate`, `callbacks.<setting>` (compared as they apply, defaults included).',
  })
  setting!: string;

  @Field(() => String, { nullable: true, description: 'The value in force.' }) from!: string | null;
  @Field(() => String, { nullable: true, description: 'The value in the draft.' }) to!: string | null;
}

@ObjectType({ description: 'A level of the escalation ladder the draft adds, removes or changes, by its place on the ladder.' })
export class SlaEscalationLevelChange {
  @Field(() => SlaChangeKind, { description: 'ADDED, REMOVED or CHANGED (name, trigger, who is told, working hours).' }) change!: SlaChangeKind;
  @Field(() => Int, { description: "The level's place on HQ's ladder, 1 first." }) level!: number;
  @Field(() => EscalationLevelView, { nullable: true, description: 'The level in force.' }) from!: EscalationLevelView | null;
  @Field(() => EscalationLevelView, { nullable: true, description: 'The level in the draft.' }) to!: EscalationLevelView | null;
}

@ObjectType({ description: 'What publishing a draft template would do, read and checked as `publishSlaTemplate` would, with nothing written.' })
export class SlaTemplatePreview {
  @Field(() => String, { nullable: true, description: "The draft's template code (null when it cannot be read)." }) code!: string | null;
  @Field(() => Int, { nullable: true, description: 'The version the draft would be published as (null when it cannot be read).' }) version!: number | null;
  @Field(() => Int, { nullable: true, description: 'The version in force (null: none published yet).' }) currentVersion!: number | null;
  @Field({ description: 'Whether `publishSlaTemplate` would accept it now (no userErrors).' }) publishable!: boolean;
  @Field(() => [SlaTargetChange], { description: 'Targets added, removed or changed.' }) targetChanges!: SlaTargetChange[];
  @Field(() => [SlaSettingChange], { description: 'Settings changed: at-risk share, pauses, callback policy, the code.' }) settingChanges!: SlaSettingChange[];

  @Field(() => [SlaEscalationLevelChange], { description: 'Levels of the escalation ladder added, removed or changed.' })
  escalationChanges!: SlaEscalationLevelChange[];

  @Field(() => [UserError], {
    description:
      'Why publishing would refuse it: the same codes and messages as `publishSlaTemplate` (INVALID_TEMPLATE, FRACTIONAL_TARGET, WRONG_OWNER, VERSION_NOT_NEWER...).',
  })
  userErrors!: UserError[];
}
