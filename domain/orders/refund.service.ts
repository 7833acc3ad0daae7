import type { RefundOrderInput } from '../../schema/graphql/service-order.types';
import { TimelineVisibility } from '../../core/desk-enums';
import { Refund, ServiceOrder } from '../../schema/entities';
import { recordAudit } from '../audit';
import { requireBilling, StripeBilling } from '../billing/stripe-billing';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { formatMoney, money } from '../../core/money';
import { requireAmount, requireCurrency, requireSameCurrency } from '../input/money';
import { ActionKind } from '../../core/action-enums';
import { scheduleAction } from '../scheduling/schedule';
import { requiredText } from '../input/text';
import { appendTimeline } from '../ticket-records/timeline';
import { lockOrder } from './order-access';
import { refundKey } from './order-metadata';
import { REFUNDABLE_STATES } from './order-state';

/**
 * A store manager refunds a paid order, whole or in part, with a reason.
 * The refund is recorded with its amount held against the order (so two
 * refunds at once can never exceed what was paid) and an ORDER_REFUND
 * action; the worker asks Stripe for it with the key `refund:<refundId>`.
 *
 * No plan check here: a store that no longer has the paid-services module
 * still gives its customers their money back.
 */
export async function refundOrder(
  ctx: TenantContext,
  billing: StripeBilling | null,
  input: RefundOrderInput,
): Promise<{ order: ServiceOrder; refund: Refund }> {
  requireBilling(billing);
  const reason = requiredText(input.reason, 'reason', 1000);
  return atomically(ctx, async () => {
    const order = await lockOrder(ctx, input.orderId, input.expectedVersion);
    if (!REFUNDABLE_STATES.includes(order.state)) {
      throw new UserInputError('ORDER_NOT_REFUNDABLE', `The order is ${order.state}; only a paid order (${REFUNDABLE_STATES.join(', ')}) can be refunded`, [
        'orderId',
      ]);
    }
    const refundable = (order.paidMinor ?? 0) - order.refundedMinor - order.refundPendingMinor;
    const show = (amountMinor: number) => formatMoney(money(amountMinor, order.currency));
    if (refundable <= 0) {
      throw new UserInputError('NOTHING_TO_REFUND', `Nothing is left to refund: ${show(order.refundPendingMinor)} is being refunded already`, ['orderId']);
    }
    let amountMinor = refundable;
    if (input.amount) {
      requireSameCurrency(requireCurrency(input.amount.currency, ['amount', 'currency']), order.currency, ['amount', 'currency']);
      amountMinor = requireAmount(input.amount.amountMinor, ['amount', 'amountMinor'], 1);
      if (amountMinor > refundable) {
        throw new UserInputError(
          'REFUND_TOO_LARGE',
          `At most ${show(refundable)} can be refunded (paid ${show(order.paidMinor ?? 0)}, refunded ${show(order.refundedMinor)}, being refunded ${show(order.refundPendingMinor)})`,
          ['amount', 'amountMinor'],
        );
      }
    }
    const now = ctx.clock.now();
    const refund = ctx.em.create(Refund, {
      tenantId: ctx.tenantId,
      orderId: order.id,
      amountMinor,
      currency: order.currency,
      reason,
      requestedBy: ctx.principal.kind === 'USER' ? ctx.principal.id : null,
      createdAt: now,
      updatedAt: now,
    });
    order.refundPendingMinor += amountMinor;
    order.updatedAt = now;
    await scheduleAction(ctx, {
      kind: ActionKind.ORDER_REFUND,
      key: refundKey(refund.id),
      dueAt: now,
      ticketId: order.ticketId,
      payload: { refundId: refund.id, orderId: order.id },
    });
    appendTimeline(ctx, order.ticketId, {
      kind: 'REFUND_REQUESTED',
      visibility: TimelineVisibility.INTERNAL,
      summary: `Refund of ${show(amountMinor)}${amountMinor === refundable && order.refundedMinor === 0 ? ' (the whole payment)' : ''} asked of Stripe: ${reason}`,
      data: { orderId: order.id, refundId: refund.id, amountMinor, currency: order.currency, reason },
    });
    recordAudit(ctx, 'ORDER_REFUND_REQUESTED', { orderId: order.id, refundId: refund.id, amountMinor, currency: order.currency, reason });
    return { order, refund };
  });
}
