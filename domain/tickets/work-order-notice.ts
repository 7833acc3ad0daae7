import { WorkOrder } from '../../schema/entities';
import { WebhookEventType } from '../../schema/webhook-enums';
import type { TenantContext } from '../context';
import { ACTION_RULES, ActionKind } from '../scheduling/action-kinds';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { publishEvent } from '../webhooks/publish';

/**
 * A store hands a repair to a partner: besides the store's own partners'
 * webhook, the partner's systems hear of the work order through their
 * endpoints. The store schedules the notice in the partner's name (a narrow
 * database function checks it is the store's own hand-off), in the
 * transaction of the hand-off.
 */
export async function noticeToPartner(ctx: TenantContext, partnerTenantId: string, workOrderId: string): Promise<void> {
  const kind = ActionKind.WORK_ORDER_NOTICE;
  await ctx.em.execute('select handoff_partner_notice(?, ?, ?, ?, ?, ?)', [
    partnerTenantId,
    workOrderId,
    kind,
    `work-order-received:${workOrderId}`,
    ctx.clock.now(),
    ACTION_RULES[kind].retry.maxAttempts,
  ]);
}

/** Runs in the partner's name: publishes the work order to the partner's own endpoints. */
export const processWorkOrderNotice: ActionProcessor = async ({ ctx, action }) => {
  const workOrder = await ctx.em.findOne(WorkOrder, { tenantId: ctx.tenantId, id: String(action.payload.workOrderId) });
  if (!workOrder) return skipped('the work order is gone');
  await publishEvent(ctx, {
    type: WebhookEventType.WORK_ORDER_DISPATCHED,
    key: `work-order-received:${workOrder.id}`,
    data: {
      workOrderId: workOrder.nodeId,
      reference: workOrder.reference,
      deviceModel: workOrder.deviceModel ?? null,
      deviceSerial: workOrder.deviceSerial ?? null,
      problem: workOrder.problem,
      status: workOrder.status,
    },
  });
  return done({ workOrderId: workOrder.id });
};
