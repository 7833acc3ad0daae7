import { WorkOrder } from '../../schema/entities';
import { WebhookEventType } from '../../core/webhook-enums';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { publishEvent } from './publish';

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
