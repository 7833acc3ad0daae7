import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ContestRuling, CorrectiveActionStatus, InspectionStatus } from '../../core/inspection-enums';
import { CorrectiveAction, Inspection, InspectionChecklist } from '../entities';
import { Connection, PageArgs } from './connection';
import { GlobalIdOf } from './global-id-of';
import { PayloadWith } from './payload';
import { VersionedInput, versionYouRead } from './versioned-input';

export const InspectionChecklistConnection = Connection(InspectionChecklist, 'InspectionChecklist');
export const InspectionConnection = Connection(Inspection, 'Inspection');
export const CorrectiveActionConnection = Connection(CorrectiveAction, 'CorrectiveAction');

@InputType({ description: 'One item of a checklist version.' })
export class InspectionChecklistItemInput {
  @Field(() => Int, { description: "Its weight in the store's total, 1 to 100." })
  weight!: number;

  @Field({ description: 'What is checked, in Chinese (1 to 500 characters).' })
  textZhCn!: string;

  @Field({ description: 'What is checked, in English (1 to 500 characters).' })
  textEn!: string;

  @Field(() => Int, { nullable: true, description: 'Scores the item from 0 to this (1 to 100) instead of passing or failing it; needs passScore.' })
  maxScore?: number | null;

  @Field(() => Int, { nullable: true, description: 'With maxScore: the lowest score with which the item passes (1 to maxScore).' })
  passScore?: number | null;
}

@InputType({ description: 'A checklist version: the first of its code, or the next one. Earlier versions and their inspections stay as they are.' })
export class PublishInspectionChecklistInput {
  @Field({ description: "The checklist's code (letters, digits, - and _; up to 64): the same code publishes the next version." })
  code!: string;

  @Field({ description: 'The title in Chinese.' })
  titleZhCn!: string;

  @Field({ description: 'The title in English.' })
  titleEn!: string;

  @Field(() => [InspectionChecklistItemInput], { description: '1 to 100 items, in the order they are checked.' })
  items!: InspectionChecklistItemInput[];
}

@InputType({ description: "An inspection of one of the caller's stores." })
export class ScheduleInspectionInput {
  @Field(() => ID, { description: "The store: one of the HQ's own." })
  @GlobalIdOf('Tenant')
  storeId!: string;

  @Field(() => ID, { description: 'The checklist version to inspect against; the inspection keeps it when a newer one is published.' })
  @GlobalIdOf('InspectionChecklist')
  checklistId!: string;

  @Field({ description: 'The day planned (YYYY-MM-DD).' })
  scheduledOn!: string;

  @Field({ description: 'Whether the store is told beforehand. False: a mystery customer, invisible to the store until submitted.' })
  announced!: boolean;
}

@InputType({ description: "The inspector's finding on one item." })
export class InspectionItemResultInput {
  @Field(() => ID, { description: "An item of the inspection's checklist version." })
  @GlobalIdOf('InspectionChecklistItem')
  itemId!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the item passed: required for a pass/fail item; for a scored item the score decides (given, it must agree).',
  })
  passed?: boolean | null;

  @Field(() => Int, { nullable: true, description: "A scored item's score, 0 to its maxScore (required for it; not for a pass/fail item)." })
  score?: number | null;

  @Field(() => String, { nullable: true, description: 'A note on the item (up to 2000 characters).' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'What was seen, in words (up to 2000 characters).' })
  evidenceNote?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      "Photos of what was seen: the HQ's INSPECTION_EVIDENCE uploads (POST /uploads), in order, at most 10; they replace the finding's earlier ones. Omitted: unchanged.",
  })
  @GlobalIdOf('Upload')
  evidenceIds?: string[] | null;
}

@InputType({ description: 'Findings of an inspection, saved as a draft: items given replace their earlier finding, others stay.' })
export class RecordInspectionInput extends VersionedInput('inspectionId', 'Inspection', 'The inspection.', versionYouRead('inspection')) {
  @Field(() => String, { nullable: true, description: 'Notes on the visit as a whole (up to 5000 characters); omitted: unchanged.' })
  notes?: string | null;

  @Field(() => [InspectionItemResultInput], { description: 'Findings, at most one per item.' })
  results!: InspectionItemResultInput[];
}

@InputType({ description: 'Makes an inspection final: every item must have a finding.' })
export class SubmitInspectionInput extends VersionedInput('inspectionId', 'Inspection', 'The inspection.', versionYouRead('inspection')) {
  @Field(() => Int, {
    nullable: true,
    description:
      "Each failed item's corrective action is due this many working days after the submission, on the store's working calendar (1 to 30; default 3).",
  })
  correctiveActionWorkingDays?: number | null;
}

@InputType({ description: "A store's contest of a failed item of its submitted inspection; one per item." })
export class ContestInspectionItemInput {
  @Field(() => ID, { description: 'The failed result.' })
  @GlobalIdOf('InspectionResult')
  resultId!: string;

  @Field({ description: 'Why the finding is wrong (1 to 2000 characters).' })
  reason!: string;
}

@InputType({ description: "HQ's ruling on a contested item." })
export class RuleOnInspectionContestInput {
  @Field(() => ID, { description: 'The contested result.' })
  @GlobalIdOf('InspectionResult')
  resultId!: string;

  @Field(() => ContestRuling, {
    description: 'UPHELD: the item counts as passed, the total is recomputed and its corrective action withdrawn; REJECTED: it stands.',
  })
  ruling!: ContestRuling;

  @Field(() => String, { nullable: true, description: 'Why (up to 2000 characters).' })
  note?: string | null;
}

@InputType({ description: 'What the store did about a corrective action.' })
export class ResolveCorrectiveActionInput {
  @Field(() => ID, { description: 'An open corrective action of the store.' })
  @GlobalIdOf('CorrectiveAction')
  correctiveActionId!: string;

  @Field({ description: 'What was done (1 to 2000 characters).' })
  note!: string;
}

@ObjectType({ description: 'A checklist version as published.' })
export class InspectionChecklistPayload extends PayloadWith('checklist', () => InspectionChecklist, 'The version published.') {}

@ObjectType({ description: 'An inspection as saved.' })
export class InspectionPayload extends PayloadWith('inspection', () => Inspection, 'The inspection as saved.') {}

@ObjectType({ description: 'A corrective action as saved.' })
export class CorrectiveActionPayload extends PayloadWith('correctiveAction', () => CorrectiveAction, 'The corrective action as saved.') {}

@ObjectType({ description: "A store's contest of an item." })
export class InspectionItemContest {
  @Field({ description: 'Why the store thinks the finding is wrong.' })
  reason!: string;

  @Field({ description: 'When the store contested it.' })
  contestedAt!: Date;
}

@ObjectType({ description: "The store's resolution of a corrective action." })
export class CorrectiveActionResolutionView {
  @Field({ description: 'What the store did.' })
  note!: string;

  @Field({ description: 'When.' })
  resolvedAt!: Date;
}

@ArgsType()
export class InspectionChecklistsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only the versions of this code.' })
  code?: string | null;
}

@ArgsType()
export class InspectionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "HQ: only this store's inspections." })
  @GlobalIdOf('Tenant')
  store?: string | null;

  @Field(() => [InspectionStatus], { nullable: true, description: 'Any of these states.' })
  status?: InspectionStatus[] | null;
}

@ArgsType()
export class CorrectiveActionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "HQ: only this store's corrective actions." })
  @GlobalIdOf('Tenant')
  store?: string | null;

  @Field(() => CorrectiveActionStatus, { nullable: true, description: 'Only those in this state.' })
  status?: CorrectiveActionStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Only open ones past their deadline.' })
  overdue?: boolean | null;
}

/** The total as a number for the API (the database keeps numeric text). */
export const scoreOf = (value: string | null | undefined): number | null => (value == null ? null : Number(value));
