import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { InspectionStatus, ContestRuling } from '../../core/inspection-enums';
import { Node } from '../graphql/node';
import {
  BooleanColumn,
  EnumColumn,
  IntColumn,
  OptionalEnumColumn,
  OptionalIntColumn,
  OptionalTextColumn,
  OptionalTimeColumn,
  TextColumn,
  TimeColumn,
} from './column-fields';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';

@ObjectType({
  implements: Node,
  description: "A version of one of HQ's inspection checklists. A new version is a new checklist with the same code; inspections keep theirs.",
})
@Entity({ tableName: 'inspection_checklists' })
export class InspectionChecklist extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'publishedAt';

  static override readonly nodeType = 'InspectionChecklist';

  @TextColumn("The checklist's code, the same for all its versions.")
  code!: string;

  @IntColumn('The version: 1 for the first, one more for each one published after it.')
  version!: number;

  @TextColumn('The title in Chinese.')
  titleZhCn!: string;

  @TextColumn('The title in English.')
  titleEn!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field({ description: 'When this version was published.' })
  publishedAt: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  publishedBy?: string | null;
}

@ObjectType({ description: 'One item of a checklist version, with its weight in the total.' })
@Entity({ tableName: 'inspection_checklist_items' })
export class InspectionChecklistItem extends TenantScopedEntity {
  @Property({ type: 'uuid' })
  checklistId!: string;

  @IntColumn('Its place in the checklist, from 1.')
  position!: number;

  @IntColumn("Its weight in the store's total (1 to 100): the total is the weights of the items passed over all the weights.")
  weight!: number;

  @TextColumn('What is checked, in Chinese.')
  textZhCn!: string;

  @TextColumn('What is checked, in English.')
  textEn!: string;

  @OptionalIntColumn('A scored item: the highest score (1 to 100). Null: the item is passed or failed.')
  maxScore?: number | null;

  @OptionalIntColumn('A scored item: the lowest score with which it passes (1 to maxScore); a lower one fails it and opens a corrective action.')
  passScore?: number | null;
}

@ObjectType({
  implements: Node,
  description: "HQ's inspection of one of its stores against a checklist version. An unannounced one is invisible to the store until it is submitted.",
})
@Entity({ tableName: 'inspections' })
export class Inspection extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'status' | 'version' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'Inspection';

  /** The inspected store (a child tenant of the HQ that owns the row). */
  @Property({ type: 'uuid' })
  storeId!: string;

  @Property({ type: 'uuid' })
  checklistId!: string;

  @BooleanColumn('Whether the store was told of it beforehand; false for a mystery customer.')
  announced!: boolean;

  @Field(() => String, { description: 'The day it is planned for (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  scheduledOn!: string;

  @EnumColumn(() => InspectionStatus, 'SCHEDULED, DRAFT or SUBMITTED.')
  status: InspectionStatus = InspectionStatus.SCHEDULED;

  @Property({ type: 'uuid', nullable: true })
  inspectorId?: string | null;

  @OptionalTextColumn("The inspector's notes on the visit as a whole.")
  notes?: string | null;

  /** The weighted percent of items passed, as the database keeps it (numeric). */
  @Property({ type: 'decimal', columnType: 'numeric(5,2)', nullable: true })
  scorePercent?: string | null;

  @OptionalTimeColumn('When it was submitted; the store sees it from then.')
  submittedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  submittedBy?: string | null;

  @VersionColumn('Increments on every change; pass it back so two people never overwrite each other.')
  version = 1;

  @CreatedAt('When it was scheduled.')
  createdAt!: Date;

  @UpdatedAt('When it last changed.')
  updatedAt!: Date;
}

@ObjectType({ description: "The inspector's finding on one item, and HQ's ruling if the store contested it." })
@Entity({ tableName: 'inspection_results' })
export class InspectionResult extends TenantScopedEntity {
  [OptionalProps]?: 'updatedAt';

  @Property({ type: 'uuid' })
  inspectionId!: string;

  @Property({ type: 'uuid' })
  itemId!: string;

  @Property({ type: 'uuid' })
  storeId!: string;

  @BooleanColumn('Whether the item passed (a scored item: its score reached the pass score; after an upheld contest: true).')
  passed!: boolean;

  @OptionalIntColumn("A scored item's score, 0 to its maxScore; null for a pass/fail item.")
  score?: number | null;

  @OptionalTextColumn("The inspector's note on the item.")
  note?: string | null;

  @OptionalTextColumn('What the inspector saw, in words; the photos are `evidence`.')
  evidenceNote?: string | null;

  @OptionalEnumColumn(() => ContestRuling, "HQ's ruling on the store's contest of the item, once given.")
  contestRuling?: ContestRuling | null;

  @OptionalTextColumn('Why HQ ruled so.')
  rulingNote?: string | null;

  @OptionalTimeColumn('When HQ ruled.')
  ruledAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  ruledBy?: string | null;

  @UpdatedAt()
  updatedAt!: Date;
}

@ObjectType({ description: "A store's contest of a failed item of its inspection, with its reason (one per item)." })
@Entity({ tableName: 'inspection_contests' })
export class InspectionContest extends TenantScopedEntity {
  [OptionalProps]?: 'createdAt';

  /** HQ's inspection (another tenant's row). */
  @Property({ type: 'uuid' })
  inspectionId!: string;

  @Property({ type: 'uuid' })
  resultId!: string;

  @TextColumn('Why the store thinks the finding is wrong.')
  reason!: string;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @CreatedAt('When the store contested it.')
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'What a store must put right after a failed inspection item, by a deadline on its working calendar.' })
@Entity({ tableName: 'corrective_actions' })
export class CorrectiveAction extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'createdAt';

  static override readonly nodeType = 'CorrectiveAction';

  @Property({ type: 'uuid' })
  storeId!: string;

  @Property({ type: 'uuid' })
  inspectionId!: string;

  @Property({ type: 'uuid' })
  resultId!: string;

  @TimeColumn("When it is due: working days after the submission, on the store's working calendar.")
  dueAt!: Date;

  @OptionalTimeColumn("When it was withdrawn because HQ upheld the store's contest of the item.")
  withdrawnAt?: Date | null;

  @CreatedAt('When it was opened (the inspection was submitted).')
  createdAt!: Date;
}

@ObjectType({ description: "The store's resolution of a corrective action." })
@Entity({ tableName: 'corrective_action_resolutions' })
export class CorrectiveActionResolution extends TenantScopedEntity {
  [OptionalProps]?: 'resolvedAt';

  /** HQ's corrective action (another tenant's row). */
  @Property({ type: 'uuid' })
  correctiveActionId!: string;

  @TextColumn('What the store did.')
  note!: string;

  @Property({ type: 'uuid', nullable: true })
  resolvedBy?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field({ description: 'When the store resolved it.' })
  resolvedAt: Date = new Date();
}
