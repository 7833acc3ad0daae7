import { WorkOrderStatus as W } from '../../core/desk-enums';
import type { WorkOrder } from '../../schema/entities';

/**
 * When a work order reached the states its partner's figures count: repaired
 * (the last time: a rework takes the repair back), returned, cancelled. Kept
 * on the order itself, written with the status, so a figure reads one row per
 * order and never a history.
 */
export function markMilestone(workOrder: WorkOrder, next: W, at: Date): void {
  const previous = workOrder.status;
  if (previous === next) return;
  if (previous === W.REPAIRED && next === W.IN_REPAIR) {
    workOrder.repairedAt = null;
    workOrder.reworks += 1;
  }
  if (next === W.REPAIRED) workOrder.repairedAt = at;
  if (next === W.RETURNED) workOrder.returnedAt = at;
  if (next === W.CANCELLED) workOrder.cancelledAt = at;
}
