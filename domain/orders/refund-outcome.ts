import { TimelineVisibility } from '../../core/desk-enums';
import { Refund, ServiceOrder, Ticket } from '../../schema/entities';
import { RefundState, ServiceOrderState } from '../../core/service-order-enums';
import type { TenantContext } from '../context';
import type { PaymentRefund } from '../ports/payment-objects';
import { formatMoney, money } from '../../core/money';
import { notifyCustomer } from '../notifications/ticket-notices';
import { TemplateKey } from '../../core/template-keys';
import { appendTimeline } from '../ticket-records/timeline';
import { linesOfOrder } from './order-access';
import { withdrawWarrantyExtensions } from './warranty-extension';

/**
 * What Stripe says of a refund, written on our refund and its order. Called
 * by the refund job with Stripe's answer and by Stripe's events with the
 * refund re-read from Stripe, in any order and any number of times: the
 * amounts move only when our refund's state changes, so each outcome is
 * applied once.
 */
export type StripeRefundView = Pick<PaymentRefund, 'id' | 'status' | 'failureReason'>;

export interface SettleOptions {
  /** Stripe's webhook says so (not only the answer to our own call): the outcome is confirmed. */
  confirmed: boolean;
  /** Why the refund failed, when Stripe refused the request itself. */
  refusal?: string;
}

const FAILED_STATUSES = ['failed', 'canceled'];

export async function settleRefund(
  ctx: TenantContext,
  order: ServiceOrder,
  refund: Refund,
  stripe: StripeRefundView | null,
  options: SettleOptions,
): Promise<Record<string, unknown>> {
  const now = ctx.clock.now();
  if (stripe) {
    refund.stripeRefundId ??= stripe.id;
    refund.stripeStatus = stripe.status ?? null;
  }
  const status = stripe?.status ?? (options.refusal ? 'failed' : null);
  const final = status === 'succeeded' || FAILED_STATUSES.includes(status ?? '');
  if (options.confirmed && final) refund.confirmedAt ??= now;
  refund.updatedAt = now;
  const before = refund.state;
  if (status === 'succeeded' && refund.state === RefundState.PENDING) await succeed(ctx, order, refund, now);
  else if (FAILED_STATUSES.includes(status ?? '') && refund.state !== RefundState.FAILED)
    await fail(ctx, order, refund, now, options.refusal ?? stripe?.failureReason ?? status!);
  return { refundId: refund.id, stripeRefundId: refund.stripeRefundId ?? null, stripeStatus: status, state: refund.state, applied: refund.state !== before };
}

async function succeed(ctx: TenantContext, order: ServiceOrder, refund: Refund, now: Date): Promise<void> {
  refund.state = RefundState.SUCCEEDED;
  refund.succeededAt = now;
  order.refundPendingMinor -= refund.amountMinor;
  order.refundedMinor += refund.amountMinor;
  order.updatedAt = now;
  const whole = order.refundedMinor === order.paidMinor;
  if (whole) {
    order.state = ServiceOrderState.REFUNDED;
    order.refundedAt = now;
  }
  const show = (amountMinor: number) => formatMoney(money(amountMinor, order.currency));
  const ticket = await ctx.em.findOneOrFail(Ticket, { tenantId: ctx.tenantId, id: order.ticketId });
  appendTimeline(ctx, ticket.id, {
    kind: 'REFUND_ISSUED',
    visibility: TimelineVisibility.CUSTOMER,
    summary: `Refund of ${show(refund.amountMinor)} issued${whole ? ' (the whole payment)' : ` (${show(order.refundedMinor)} of ${show(order.paidMinor!)} refunded in all)`}: ${refund.reason}`,
    data: {
      orderId: order.id,
      refundId: refund.id,
      amountMinor: refund.amountMinor,
      refundedMinor: order.refundedMinor,
      paidMinor: order.paidMinor,
      currency: order.currency,
    },
  });
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.REFUND_ISSUED,
    key: `refund-issued:${refund.id}`,
    params: { refundAmount: show(refund.amountMinor), refundedTotal: show(order.refundedMinor), orderTotal: show(order.paidMinor!), reason: refund.reason },
  });
  if (whole) await withdrawWarrantyExtensions(ctx, order, await linesOfOrder(ctx, order.id));
}

async function fail(ctx: TenantContext, order: ServiceOrder, refund: Refund, now: Date, why: string): Promise<void> {
  const wasSucceeded = refund.state === RefundState.SUCCEEDED;
  refund.state = RefundState.FAILED;
  refund.failedAt = now;
  refund.failureReason = why.slice(0, 1000);
  if (wasSucceeded) {
    // The bank sent the money back after Stripe first reported the refund done: the customer did not get it.
    order.refundedMinor -= refund.amountMinor;
    if (order.state === ServiceOrderState.REFUNDED) {
      order.state = order.completedAt ? ServiceOrderState.DONE : order.startedAt ? ServiceOrderState.IN_SERVICE : ServiceOrderState.PAID;
      order.refundedAt = null;
    }
  } else {
    order.refundPendingMinor -= refund.amountMinor;
  }
  order.updatedAt = now;
  appendTimeline(ctx, order.ticketId, {
    kind: 'REFUND_FAILED',
    summary: `Refund of ${formatMoney(money(refund.amountMinor, order.currency))} failed at Stripe (${refund.failureReason}); the amount may be refunded again${wasSucceeded ? '. It had been reported done: tell the customer' : ''}`,
    data: { orderId: order.id, refundId: refund.id, amountMinor: refund.amountMinor, reason: refund.failureReason, afterSuccess: wasSucceeded },
  });
}

/** Our refund a Stripe refund stands for: by the id in its metadata, or by the Stripe id recorded. */
export async function refundFor(ctx: TenantContext, refundId: string | null, stripeRefundId: string): Promise<Refund | null> {
  if (refundId) {
    const byId = await ctx.em.findOne(Refund, { tenantId: ctx.tenantId, id: refundId });
    if (byId) return byId;
  }
  return ctx.em.findOne(Refund, { tenantId: ctx.tenantId, stripeRefundId });
}
