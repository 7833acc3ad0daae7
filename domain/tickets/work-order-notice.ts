import type { TenantContext } from '../context';
import { ACTION_RULES } from '../scheduling/action-kinds';
import { ActionKind } from '../../core/action-enums';

/**
 * A store hands a repair to a partner: besides the store's own partners'
 * webhook, the partner's systems hear of the work order through their
 * endpoints (webhooks/work-order-notice.processor.ts). The store schedules
 * the notice in the partner's name (a narrow database function checks it is
 * the store's own hand-off), in the transaction of the hand-off.
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
