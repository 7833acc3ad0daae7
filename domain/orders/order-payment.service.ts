import { TimelineVisibility } from '../../core/desk-enums';
import type { ServiceOrder } from '../../schema/entities';
import { PlanFeature } from '../../core/billing-enums';
import { ServiceOrderState } from '../../core/service-order-enums';
import { requireFeature } from '../billing/entitlements';
import { requireBilling, StripeBilling } from '../billing/stripe-billing';
import { atomically, TenantContext } from '../context';
import { formatMoney, money } from '../../core/money';
import { ActionKind } from '../../core/action-enums';
import { scheduleAction } from '../scheduling/schedule';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { findTicket } from '../ticket-records/ticket-access';
import { appendTimeline } from '../ticket-records/timeline';
import { lockOrder } from './order-access';
import { orderCheckoutKey } from './order-metadata';
import { requireOrderMove } from './order-state';
import type { OrderStepInput } from '../../schema/graphql/service-order.types';

/**
 * Asks the customer to pay a drafted order. Nothing here calls Stripe: the
 * order moves to AWAITING_PAYMENT and an ORDER_CHECKOUT action is scheduled
 * in the same transaction; the worker creates the Checkout Session (key
 * `order-checkout:<orderId>`), records its link on the order and e-mails it
 * to the customer.
 */
export async function requestPayment(ctx: TenantContext, billing: StripeBilling | null, input: OrderStepInput): Promise<ServiceOrder> {
  requireBilling(billing);
  await requireFeature(ctx, PlanFeature.PAID_SERVICES);
  return atomically(ctx, async () => {
    const order = await lockOrder(ctx, input.orderId, input.expectedVersion);
    requireOrderMove(order, ServiceOrderState.AWAITING_PAYMENT);
    requireOpenTicket(await findTicket(ctx, order.ticketId));
    const now = ctx.clock.now();
    order.state = ServiceOrderState.AWAITING_PAYMENT;
    order.paymentRequestedAt = now;
    order.updatedAt = now;
    await scheduleAction(ctx, {
      kind: ActionKind.ORDER_CHECKOUT,
      key: orderCheckoutKey(order.id),
      dueAt: now,
      ticketId: order.ticketId,
      payload: { orderId: order.id },
    });
    appendTimeline(ctx, order.ticketId, {
      kind: 'PAYMENT_REQUESTED',
      visibility: TimelineVisibility.INTERNAL,
      summary: `Payment of ${formatMoney(money(order.totalMinor, order.currency))} requested; the link goes to the customer within a minute`,
      data: { orderId: order.id, totalMinor: order.totalMinor, currency: order.currency },
    });
    return order;
  });
}
