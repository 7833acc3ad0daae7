import { Inspection, InspectionChecklist, InspectionChecklistItem, InspectionResult } from '../../schema/entities';
import { InspectionStatus } from '../../core/inspection-enums';
import type { RecordInspectionInput, ScheduleInspectionInput, SubmitInspectionInput } from '../../schema/graphql/inspection.types';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { forbidden, UserInputError } from '../errors';
import { calendarDate } from '../input/calendar-date';
import { optionalText } from '../input/text';
import { TenantKind } from '../../core/enums';
import { openCorrectiveActions } from './corrective-action-opening';
import { ownInspectionForUpdate, ownStore } from './inspection-access';
import { GivenEvidence, replaceEvidence } from './inspection-evidence';
import { weighed, weightedScore } from './inspection-score';
import { findingOf } from './item-scale';

const DEFAULT_WORKING_DAYS = 3;
const MAX_WORKING_DAYS = 30;

/** HQ plans an inspection of one of its stores against a checklist version. */
export async function scheduleInspection(ctx: TenantContext, input: ScheduleInspectionInput): Promise<Inspection> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ schedules inspections');
  const scheduledOn = calendarDate(input.scheduledOn, 'scheduledOn');
  return atomically(ctx, async () => {
    const store = await ownStore(ctx, input.storeId);
    const checklist = await ctx.em.findOne(InspectionChecklist, { tenantId: ctx.tenantId, id: input.checklistId });
    if (!checklist) throw new UserInputError('CHECKLIST_NOT_FOUND', 'No such checklist version of yours', ['checklistId']);
    const inspection = ctx.em.create(Inspection, {
      tenantId: ctx.tenantId,
      storeId: store.id,
      checklistId: checklist.id,
      announced: input.announced,
      scheduledOn,
    });
    recordAudit(ctx, 'INSPECTION_SCHEDULED', { inspectionId: inspection.id, storeId: store.id, announced: input.announced });
    return inspection;
  });
}

/** The inspector saves findings as a draft; items given replace their earlier finding. */
export async function recordInspection(ctx: TenantContext, input: RecordInspectionInput): Promise<Inspection> {
  return atomically(ctx, async () => {
    const inspection = await ownInspectionForUpdate(ctx, input.inspectionId, input.expectedVersion);
    if (inspection.status === InspectionStatus.SUBMITTED) {
      throw new UserInputError('INSPECTION_SUBMITTED', 'A submitted inspection is final; contests are ruled on instead', ['inspectionId']);
    }
    const items = await itemsOf(ctx, inspection);
    const existing = await ctx.em.find(InspectionResult, { tenantId: ctx.tenantId, inspectionId: inspection.id });
    const seen = new Set<string>();
    const photos: GivenEvidence[] = [];
    input.results.forEach((given, index) => {
      if (!items.has(given.itemId))
        throw new UserInputError('ITEM_NOT_FOUND', "Not an item of the inspection's checklist", ['results', String(index), 'itemId']);
      if (seen.has(given.itemId)) throw new UserInputError('DUPLICATE_ITEM', 'One finding per item', ['results', String(index), 'itemId']);
      seen.add(given.itemId);
      const values = {
        ...findingOf(items.get(given.itemId)!, given, ['results', String(index)]),
        note: optionalText(given.note, 'note', 2000),
        evidenceNote: optionalText(given.evidenceNote, 'evidenceNote', 2000),
      };
      let result = existing.find((row) => row.itemId === given.itemId);
      if (result) Object.assign(result, values);
      else
        result = ctx.em.create(InspectionResult, {
          tenantId: ctx.tenantId,
          inspectionId: inspection.id,
          itemId: given.itemId,
          storeId: inspection.storeId,
          ...values,
        });
      if (given.evidenceIds != null) photos.push({ result, uploadIds: given.evidenceIds, field: ['results', String(index), 'evidenceIds'] });
    });
    await replaceEvidence(ctx, photos);
    if (input.notes != null) inspection.notes = optionalText(input.notes, 'notes', 5000);
    if (ctx.principal.kind === 'USER') inspection.inspectorId = ctx.principal.id;
    inspection.status = InspectionStatus.DRAFT;
    return inspection;
  });
}

/**
 * Makes an inspection final: every item has a finding, the total is computed
 * from the weights, the store sees it from now on, and each failed item opens
 * a corrective action due on the store's working calendar.
 */
export async function submitInspection(ctx: TenantContext, input: SubmitInspectionInput): Promise<Inspection> {
  const days = input.correctiveActionWorkingDays ?? DEFAULT_WORKING_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_WORKING_DAYS) {
    throw new UserInputError('INVALID_WORKING_DAYS', `correctiveActionWorkingDays must be 1 to ${MAX_WORKING_DAYS}`, ['correctiveActionWorkingDays']);
  }
  return atomically(ctx, async () => {
    const inspection = await ownInspectionForUpdate(ctx, input.inspectionId, input.expectedVersion);
    if (inspection.status === InspectionStatus.SUBMITTED) throw new UserInputError('INSPECTION_SUBMITTED', 'Already submitted', ['inspectionId']);
    const items = await itemsOf(ctx, inspection);
    const results = await ctx.em.find(InspectionResult, { tenantId: ctx.tenantId, inspectionId: inspection.id });
    const missing = [...items.values()].filter((item) => !results.some((result) => result.itemId === item.id));
    if (missing.length) {
      throw new UserInputError('FINDINGS_MISSING', `${missing.length} item(s) have no finding yet (positions ${missing.map((i) => i.position).join(', ')})`, [
        'inspectionId',
      ]);
    }
    const now = ctx.clock.now();
    inspection.scorePercent = String(weightedScore(results.map((result) => weighed(result, items.get(result.itemId)!))));
    inspection.status = InspectionStatus.SUBMITTED;
    inspection.submittedAt = now;
    inspection.submittedBy = ctx.principal.id;
    await openCorrectiveActions(
      ctx,
      inspection,
      results.filter((result) => !result.passed),
      days,
    );
    recordAudit(ctx, 'INSPECTION_SUBMITTED', { inspectionId: inspection.id, storeId: inspection.storeId, scorePercent: inspection.scorePercent });
    return inspection;
  });
}

/** The items of the inspection's checklist version, by id. */
export async function itemsOf(ctx: TenantContext, inspection: Inspection): Promise<Map<string, InspectionChecklistItem>> {
  const items = await ctx.em.find(InspectionChecklistItem, { tenantId: inspection.tenantId, checklistId: inspection.checklistId });
  return new Map(items.map((item) => [item.id, item]));
}
