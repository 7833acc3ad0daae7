import { WorkOrderStatus as W } from '../../core/desk-enums';
import { WorkOrder } from '../../schema/entities';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { optionalText } from '../input/text';
import { markMilestone } from './work-order-milestones';
import type { UpdateWorkOrderInput } from '../../schema/graphql/dispatch.types';

/**
 * The partner's side of a dispatch: the work orders handed to it, and the
 * progress it reports. Each report also lands on the store's dispatch record
 * and the store's ticket timeline (handoff_report, in the same transaction).
 */
const NEXT: Record<W, readonly W[]> = {
  [W.RECEIVED]: [W.IN_REPAIR, W.WAITING_PARTS, W.RETURNED, W.CANCELLED],
  [W.IN_REPAIR]: [W.WAITING_PARTS, W.REPAIRED, W.RETURNED, W.CANCELLED],
  [W.WAITING_PARTS]: [W.IN_REPAIR, W.REPAIRED, W.RETURNED, W.CANCELLED],
  [W.REPAIRED]: [W.IN_REPAIR, W.RETURNED],
  [W.RETURNED]: [],
  [W.CANCELLED]: [],
};

export async function listWorkOrders(ctx: TenantContext, page: PageRequest, status?: W | null): Promise<Page<WorkOrder>> {
  checkPageSize(page.first);
  const where: Record<string, unknown> = { tenantId: ctx.tenantId, ...afterCondition(page.after) };
  if (status) where.status = status;
  const rows = await ctx.em.find(WorkOrder, where, { orderBy: NEWEST_FIRST, limit: page.first + 1 });
  return toPage(rows, page.first);
}

export async function findWorkOrder(ctx: TenantContext, id: string): Promise<WorkOrder> {
  const workOrder = await ctx.em.findOne(WorkOrder, { tenantId: ctx.tenantId, id });
  if (!workOrder) throw notFound('WorkOrder');
  return workOrder;
}

export async function updateWorkOrderStatus(ctx: TenantContext, input: UpdateWorkOrderInput): Promise<WorkOrder> {
  const note = optionalText(input.note, 'note', 2000);
  return atomically(ctx, async () => {
    const workOrder = await findWorkOrder(ctx, input.workOrderId);
    if (input.expectedVersion != null && input.expectedVersion !== workOrder.version) {
      throw new UserInputError(
        'STALE',
        `Work order was changed by someone else (version ${workOrder.version}, you had ${input.expectedVersion}); reload and retry`,
        ['expectedVersion'],
      );
    }
    if (input.status === workOrder.status) {
      if (!note) throw new UserInputError('NOTHING_TO_REPORT', 'Give a new status or a note', ['note']);
    } else if (!NEXT[workOrder.status].includes(input.status)) {
      const allowed = NEXT[workOrder.status];
      throw new UserInputError(
        'ILLEGAL_TRANSITION',
        `A work order cannot move from ${workOrder.status} to ${input.status}; allowed next: ${allowed.length ? allowed.join(', ') : 'none (final state)'}`,
        ['status'],
      );
    }
    const now = ctx.clock.now();
    markMilestone(workOrder, input.status, now);
    workOrder.status = input.status;
    workOrder.note = note;
    workOrder.updatedAt = now;
    // The versioned update first: a concurrent report fails here before anything reaches the store.
    await ctx.em.flush();
    await ctx.em.execute(`select handoff_report(?, ?, ?, ?)`, [workOrder.id, input.status, note, now]);
    return workOrder;
  });
}
