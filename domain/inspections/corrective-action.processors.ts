import { CorrectiveAction, CorrectiveActionResolution, Inspection, InspectionChecklistItem, InspectionResult } from '../../schema/entities';
import { Role } from '../../core/enums';
import { TemplateKey } from '../../core/template-keys';
import type { TenantContext } from '../context';
import { scheduleNotification } from '../notifications/notify';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { correctiveActionKey } from './corrective-action-opening';

interface StillOpen {
  action: CorrectiveAction;
  params: Record<string, string>;
}

/**
 * Re-reads a corrective action in the store's name (its HQ's row that names
 * the store, the store's own resolution): nothing to do once it is resolved
 * or withdrawn, or if its deadline moved past this action's due time.
 */
async function stillOpen(ctx: TenantContext, payload: Record<string, unknown>): Promise<StillOpen | { stale: string }> {
  const hqId = String(payload.hqId);
  const action = await ctx.em.findOne(CorrectiveAction, { tenantId: hqId, id: String(payload.correctiveActionId), storeId: ctx.tenantId });
  if (!action) return { stale: 'the corrective action no longer exists' };
  if (action.withdrawnAt) return { stale: 'withdrawn: the contest of its item was upheld' };
  const resolution = await ctx.em.findOne(CorrectiveActionResolution, { tenantId: ctx.tenantId, correctiveActionId: action.id });
  if (resolution) return { stale: 'resolved by the store' };
  const result = await ctx.em.findOneOrFail(InspectionResult, { tenantId: hqId, id: action.resultId });
  const item = await ctx.em.findOneOrFail(InspectionChecklistItem, { tenantId: hqId, id: result.itemId });
  const inspection = await ctx.em.findOneOrFail(Inspection, { tenantId: hqId, id: action.inspectionId });
  return {
    action,
    params: { inspectedOn: inspection.scheduledOn, checklistItemZhCn: item.textZhCn, checklistItemEn: item.textEn, dueAt: action.dueAt.toISOString() },
  };
}

/** Before the deadline: the store's managers are reminded of the open corrective action. */
export const processCorrectiveActionReminder: ActionProcessor = async ({ ctx, action }) => {
  const found = await stillOpen(ctx, action.payload);
  if ('stale' in found) return skipped(found.stale);
  await scheduleNotification(ctx, {
    key: `${correctiveActionKey(found.action.id, 'reminder')}:managers`,
    template: TemplateKey.STAFF_CORRECTIVE_ACTION_REMINDER,
    recipient: { kind: 'TENANT_ADMINS' },
    params: found.params,
  });
  return done({ correctiveActionId: found.action.id, reminded: 'managers' });
};

/** At the deadline, still open: HQ service quality is told, and the store's managers with it. */
export const processCorrectiveActionEscalation: ActionProcessor = async ({ ctx, action }) => {
  const found = await stillOpen(ctx, action.payload);
  if ('stale' in found) return skipped(found.stale);
  await scheduleNotification(ctx, {
    key: `${correctiveActionKey(found.action.id, 'escalation')}:hq`,
    template: TemplateKey.STAFF_CORRECTIVE_ACTION_OVERDUE,
    recipient: { kind: 'HQ_ROLE', role: Role.HQ_SUPERVISOR },
    params: found.params,
  });
  await scheduleNotification(ctx, {
    key: `${correctiveActionKey(found.action.id, 'escalation')}:managers`,
    template: TemplateKey.STAFF_CORRECTIVE_ACTION_OVERDUE,
    recipient: { kind: 'TENANT_ADMINS' },
    params: found.params,
  });
  return done({ correctiveActionId: found.action.id, escalatedTo: ['HQ_SUPERVISOR', 'managers'] });
};
