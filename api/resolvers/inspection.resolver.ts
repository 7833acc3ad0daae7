import { Arg, Args, Ctx, Float, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../core/global-id';
import { CorrectiveActionStatus } from '../../core/inspection-enums';
import { findChecklist, listChecklists, publishChecklist } from '../../domain/inspections/checklists';
import { contestInspectionItem, ruleOnContest } from '../../domain/inspections/contests';
import { correctiveActionStatus, listCorrectiveActions, resolveCorrectiveAction } from '../../domain/inspections/corrective-actions';
import { findInspection, listInspections } from '../../domain/inspections/inspection-access';
import { recordInspection, scheduleInspection, submitInspection } from '../../domain/inspections/inspection-recording';
import { Permission } from '../../domain/permissions';
import { CorrectiveAction, Inspection, InspectionChecklist, InspectionChecklistItem, InspectionResult, Tenant, Upload } from '../../schema/entities';
import type { ConnectionShape } from '../../schema/graphql/connection';
import {
  ContestInspectionItemInput,
  CorrectiveActionConnection,
  CorrectiveActionPayload,
  CorrectiveActionResolutionView,
  CorrectiveActionsArgs,
  InspectionChecklistConnection,
  InspectionChecklistPayload,
  InspectionChecklistsArgs,
  InspectionConnection,
  InspectionItemContest,
  InspectionPayload,
  InspectionsArgs,
  PublishInspectionChecklistInput,
  RecordInspectionInput,
  ResolveCorrectiveActionInput,
  RuleOnInspectionContestInput,
  ScheduleInspectionInput,
  scoreOf,
  SubmitInspectionInput,
} from '../../schema/graphql/inspection.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { GlobalIdArg } from '../graphql/global-ids';
import { PermittedQuery } from '../graphql/permitted-query';
import { toConnection } from '../graphql/relay';
import { SavingMutation } from '../graphql/saving-mutation';

type SavedInspection = Promise<Omit<InspectionPayload, 'userErrors'>>;

@Resolver(() => Inspection)
export class InspectionResolver {
  @PermittedQuery(
    () => InspectionChecklistConnection,
    "The HQ's inspection checklist versions, newest first (a store reads its HQ's).",
    Permission.INSPECTION_READ,
  )
  async inspectionChecklists(@Args() args: InspectionChecklistsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<InspectionChecklist>> {
    return toConnection(await listChecklists(tenantOf(ctx), args));
  }

  @PermittedQuery(() => InspectionChecklist, 'One checklist version by id.', Permission.INSPECTION_READ)
  inspectionChecklist(@GlobalIdArg('id', 'InspectionChecklist') id: string, @Ctx() ctx: ApiContext): Promise<InspectionChecklist> {
    return findChecklist(tenantOf(ctx), id);
  }

  @PermittedQuery(
    () => InspectionConnection,
    "Inspections, newest first: an HQ's of its stores; a store's own, announced ones once scheduled and unannounced ones only once submitted.",
    Permission.INSPECTION_READ,
  )
  async inspections(@Args() args: InspectionsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<Inspection>> {
    return toConnection(await listInspections(tenantOf(ctx), args));
  }

  @PermittedQuery(() => Inspection, 'One inspection by id.', Permission.INSPECTION_READ)
  inspection(@GlobalIdArg('id', 'Inspection') id: string, @Ctx() ctx: ApiContext): Promise<Inspection> {
    return findInspection(tenantOf(ctx), id);
  }

  @PermittedQuery(
    () => CorrectiveActionConnection,
    "Corrective actions from inspections, newest first: an HQ's of its stores (`overdue: true` for the open ones past their deadline), a store's own.",
    Permission.INSPECTION_READ,
  )
  async correctiveActions(@Args() args: CorrectiveActionsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<CorrectiveAction>> {
    return toConnection(await listCorrectiveActions(tenantOf(ctx), args));
  }

  @SavingMutation(() => InspectionChecklistPayload, 'HQ publishes a checklist version (the next version of an existing code).', Permission.INSPECTION_MANAGE)
  async publishInspectionChecklist(
    @Arg('input') input: PublishInspectionChecklistInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<InspectionChecklistPayload, 'userErrors'>> {
    return { checklist: await publishChecklist(tenantOf(ctx), input) };
  }

  @SavingMutation(() => InspectionPayload, 'HQ schedules an inspection of one of its stores, announced or not.', Permission.INSPECTION_MANAGE)
  async scheduleInspection(@Arg('input') input: ScheduleInspectionInput, @Ctx() ctx: ApiContext): SavedInspection {
    return { inspection: await scheduleInspection(tenantOf(ctx), input) };
  }

  @SavingMutation(() => InspectionPayload, "HQ's inspector saves findings as a draft.", Permission.INSPECTION_MANAGE)
  async recordInspection(@Arg('input') input: RecordInspectionInput, @Ctx() ctx: ApiContext): SavedInspection {
    return { inspection: await recordInspection(tenantOf(ctx), input) };
  }

  @SavingMutation(
    () => InspectionPayload,
    'HQ submits an inspection: the total is computed, the store sees it, and each failed item opens a corrective action.',
    Permission.INSPECTION_MANAGE,
  )
  async submitInspection(@Arg('input') input: SubmitInspectionInput, @Ctx() ctx: ApiContext): SavedInspection {
    return { inspection: await submitInspection(tenantOf(ctx), input) };
  }

  @SavingMutation(() => InspectionPayload, 'The store contests a failed item of its submitted inspection, once, with a reason.', Permission.INSPECTION_RESPOND)
  async contestInspectionItem(@Arg('input') input: ContestInspectionItemInput, @Ctx() ctx: ApiContext): SavedInspection {
    return { inspection: await contestInspectionItem(tenantOf(ctx), input) };
  }

  @SavingMutation(
    () => InspectionPayload,
    "HQ rules on a store's contest: upheld changes the item and the total, rejected keeps them.",
    Permission.INSPECTION_MANAGE,
  )
  async ruleOnInspectionContest(@Arg('input') input: RuleOnInspectionContestInput, @Ctx() ctx: ApiContext): SavedInspection {
    return { inspection: await ruleOnContest(tenantOf(ctx), input) };
  }

  @SavingMutation(() => CorrectiveActionPayload, 'The store resolves a corrective action with a note of what it did.', Permission.INSPECTION_RESPOND)
  async resolveCorrectiveAction(
    @Arg('input') input: ResolveCorrectiveActionInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<CorrectiveActionPayload, 'userErrors'>> {
    return { correctiveAction: await resolveCorrectiveAction(tenantOf(ctx), input) };
  }
}

@Resolver(() => Inspection)
export class InspectionFieldsResolver {
  @FieldResolver(() => Tenant, { nullable: true, description: 'The inspected store.' })
  store(@Root() inspection: Inspection, @Ctx() ctx: ApiContext): Promise<Tenant | null> {
    return loadersOf(ctx).inspections.store.load(inspection.storeId);
  }

  @FieldResolver(() => InspectionChecklist, { nullable: true, description: 'The checklist version it is inspected against.' })
  checklist(@Root() inspection: Inspection, @Ctx() ctx: ApiContext): Promise<InspectionChecklist | null> {
    return loadersOf(ctx).inspections.checklist.load(inspection.checklistId);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "The store's total: the weights of the items passed over all the weights, in percent; set on submit.",
  })
  scorePercent(@Root() inspection: Inspection): number | null {
    return scoreOf(inspection.scorePercent);
  }

  @FieldResolver(() => [InspectionResult], { description: 'The findings, by item (a store reads them once submitted).' })
  results(@Root() inspection: Inspection, @Ctx() ctx: ApiContext): Promise<InspectionResult[]> {
    return loadersOf(ctx).inspections.results.load(inspection);
  }

  @FieldResolver(() => [CorrectiveAction], { description: 'The corrective actions its failed items opened.' })
  correctiveActions(@Root() inspection: Inspection, @Ctx() ctx: ApiContext): Promise<CorrectiveAction[]> {
    return loadersOf(ctx).inspections.correctiveActions.load(inspection);
  }
}

@Resolver(() => InspectionChecklist)
export class InspectionChecklistFieldsResolver {
  @FieldResolver(() => [InspectionChecklistItem], { description: 'Its items, in order.' })
  items(@Root() checklist: InspectionChecklist, @Ctx() ctx: ApiContext): Promise<InspectionChecklistItem[]> {
    return loadersOf(ctx).inspections.checklistItems.load(checklist);
  }
}

@Resolver(() => InspectionChecklistItem)
export class InspectionChecklistItemFieldsResolver {
  @FieldResolver(() => ID, { description: "The item's global id." })
  id(@Root() item: InspectionChecklistItem): string {
    return toGlobalId('InspectionChecklistItem', item.id);
  }
}

@Resolver(() => InspectionResult)
export class InspectionResultFieldsResolver {
  @FieldResolver(() => ID, { description: "The finding's global id (to contest it, or rule on its contest)." })
  id(@Root() result: InspectionResult): string {
    return toGlobalId('InspectionResult', result.id);
  }

  @FieldResolver(() => InspectionChecklistItem, { nullable: true, description: 'The item checked.' })
  item(@Root() result: InspectionResult, @Ctx() ctx: ApiContext): Promise<InspectionChecklistItem | null> {
    return loadersOf(ctx).inspections.item.load(result.itemId);
  }

  @FieldResolver(() => [Upload], {
    description: 'Photos of what the inspector saw, in the order given (the inspected store sees them once the inspection is submitted).',
  })
  evidence(@Root() result: InspectionResult, @Ctx() ctx: ApiContext): Promise<Upload[]> {
    return loadersOf(ctx).inspections.evidence.load(result);
  }

  @FieldResolver(() => InspectionItemContest, { nullable: true, description: "The store's contest of the item, if any." })
  async contest(@Root() result: InspectionResult, @Ctx() ctx: ApiContext): Promise<InspectionItemContest | null> {
    const contest = await loadersOf(ctx).inspections.contest.load(result);
    return contest && { reason: contest.reason, contestedAt: contest.createdAt };
  }
}

@Resolver(() => CorrectiveAction)
export class CorrectiveActionFieldsResolver {
  @FieldResolver(() => Tenant, { nullable: true, description: 'The store that must act.' })
  store(@Root() action: CorrectiveAction, @Ctx() ctx: ApiContext): Promise<Tenant | null> {
    return loadersOf(ctx).inspections.store.load(action.storeId);
  }

  @FieldResolver(() => Inspection, { nullable: true, description: 'The inspection whose failed item opened it.' })
  inspection(@Root() action: CorrectiveAction, @Ctx() ctx: ApiContext): Promise<Inspection | null> {
    return loadersOf(ctx).inspections.inspection.load(action.inspectionId);
  }

  @FieldResolver(() => InspectionResult, { nullable: true, description: 'The failed finding.' })
  result(@Root() action: CorrectiveAction, @Ctx() ctx: ApiContext): Promise<InspectionResult | null> {
    return loadersOf(ctx).inspections.result.load(action.resultId);
  }

  @FieldResolver(() => CorrectiveActionStatus, { description: 'OPEN, RESOLVED or WITHDRAWN.' })
  async status(@Root() action: CorrectiveAction, @Ctx() ctx: ApiContext): Promise<CorrectiveActionStatus> {
    return correctiveActionStatus(action, await loadersOf(ctx).inspections.resolution.load(action));
  }

  @FieldResolver(() => Boolean, { description: 'Open and past its deadline.' })
  async overdue(@Root() action: CorrectiveAction, @Ctx() ctx: ApiContext): Promise<boolean> {
    const status = correctiveActionStatus(action, await loadersOf(ctx).inspections.resolution.load(action));
    return status === CorrectiveActionStatus.OPEN && action.dueAt.getTime() < tenantOf(ctx).clock.now().getTime();
  }

  @FieldResolver(() => CorrectiveActionResolutionView, { nullable: true, description: "The store's resolution, once given." })
  async resolution(@Root() action: CorrectiveAction, @Ctx() ctx: ApiContext): Promise<CorrectiveActionResolutionView | null> {
    const resolution = await loadersOf(ctx).inspections.resolution.load(action);
    return resolution && { note: resolution.note, resolvedAt: resolution.resolvedAt };
  }
}
