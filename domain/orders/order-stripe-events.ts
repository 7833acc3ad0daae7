import { LockMode } from '@mikro-orm/core';
import { Refund, ServiceOrder } from '../../schema/entities';
import { RefundState } from '../../core/service-order-enums';
import { PaymentAnomalyReason, PaymentAnomalySubject } from '../../core/billing-enums';
import { recordAnomaly, refusedOutcome } from '../billing/payment-anomalies';
import type { StripeEventHandler, StripeEventRun, TenantLookup } from '../billing/stripe-event-handler';
import { readAtStripe } from '../billing/stripe-reads';
import type { TenantContext } from '../context';
import type { PaymentEvent } from '../ports/payment-objects';
import { money } from '../../core/money';
import { ORDER_METADATA, tenantOfOrder, uuidOrNull } from './order-metadata';
import { recordExpiry, recordPayment } from './order-payment-received';
import { refundFor, settleRefund } from './refund-outcome';

/**
 * Stripe's events about orders. Each re-reads the object from Stripe before
 * acting (a completed session may be followed by its async payment, a refund
 * goes pending → succeeded → sometimes failed: the payload may already be
 * stale), and each is applied once by the state of our own records.
 */

function paymentSessionTenant(event: PaymentEvent, lookup: TenantLookup): Promise<string | null> {
  const session = event.data.object;
  // Subscription checkouts have their own handler; only a payment-mode session can be an order's.
  if (session.mode !== 'payment') return Promise.resolve(null);
  return tenantOfOrder(lookup, session.client_reference_id ?? session.metadata?.[ORDER_METADATA.orderId], session.payment_intent);
}

/** checkout.session.completed (mode payment) and checkout.session.async_payment_succeeded: the customer paid. */
export const orderCheckoutCompleted: StripeEventHandler = {
  tenantOf: paymentSessionTenant,
  apply: async (run) => {
    const sessionId = run.event.data.object.id;
    const session = await readAtStripe(() => run.billing.gateway.retrieveCheckoutSession(sessionId));
    if (!session) return unknownSession(run, sessionId);
    return recordPayment(run, session);
  },
};

/** The event names a session Stripe has never had: nothing is paid, and the store's managers see what was claimed. */
async function unknownSession(run: StripeEventRun, sessionId: string): Promise<Record<string, unknown>> {
  const claimed = run.event.data.object;
  const orderId = uuidOrNull(claimed.client_reference_id ?? claimed.metadata?.[ORDER_METADATA.orderId]);
  const order = orderId ? await run.ctx.em.findOne(ServiceOrder, { tenantId: run.ctx.tenantId, id: orderId }) : null;
  const report = {
    subject: PaymentAnomalySubject.ORDER_PAYMENT,
    reason: PaymentAnomalyReason.UNKNOWN_AT_STRIPE,
    message: `The event says Checkout Session ${sessionId} was paid${order ? ' for the order' : ''}, but Stripe has no such session: nothing is recorded as paid`,
    event: run.event,
    objectId: sessionId,
    orderId: order?.id ?? null,
    expected: order ? money(order.totalMinor, order.currency) : null,
  };
  return refusedOutcome(report, await recordAnomaly(run.ctx, report));
}

/** checkout.session.expired: the link lapsed unpaid. */
export const orderCheckoutExpired: StripeEventHandler = {
  tenantOf: paymentSessionTenant,
  apply: async ({ ctx, billing, event }) => {
    const sessionId = event.data.object.id;
    const session = await readAtStripe(() => billing.gateway.retrieveCheckoutSession(sessionId));
    return session ? recordExpiry(ctx, session) : { ignored: `Stripe has no checkout session ${sessionId}` };
  },
};

/** refund.updated (and refund.created): one refund, re-read from Stripe, confirms or corrects ours. */
export const orderRefundEvents: StripeEventHandler = {
  tenantOf: (event, lookup) => {
    const refund = event.data.object;
    return tenantOfOrder(lookup, refund.metadata?.[ORDER_METADATA.orderId], refund.payment_intent);
  },
  apply: async ({ ctx, billing, event }) => {
    const stripeRefund = await billing.gateway.retrieveRefund(event.data.object.id);
    const refund = await refundFor(ctx, uuidOrNull(stripeRefund.metadata[ORDER_METADATA.refundId]), stripeRefund.id);
    if (!refund) return { stripeRefundId: stripeRefund.id, ignored: 'not a refund made through the platform' };
    const order = await lockedOrder(ctx, refund.orderId);
    await ctx.em.refresh(refund);
    return settleRefund(ctx, order, refund, stripeRefund, { confirmed: true });
  },
};

/**
 * charge.refunded: the charge of an order's payment was refunded (in part).
 * Each refund of the order Stripe has an id for and whose outcome is not
 * confirmed yet is re-read and settled; the charge's refunded total is
 * reported beside ours, so a refund made in Stripe's dashboard shows up in
 * the event's outcome.
 */
export const orderChargeRefunded: StripeEventHandler = {
  tenantOf: (event, lookup) => {
    const charge = event.data.object;
    return tenantOfOrder(lookup, charge.metadata?.[ORDER_METADATA.orderId], charge.payment_intent);
  },
  apply: async ({ ctx, billing, event }) => {
    const charge = await billing.gateway.retrieveCharge(event.data.object.id);
    const paymentIntentId = charge.paymentIntentId;
    const found = paymentIntentId ? await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, paymentIntentId }) : null;
    if (!found) return { chargeId: charge.id, ignored: 'not the payment of an order' };
    const order = await lockedOrder(ctx, found.id);
    const open = await ctx.em.find(
      Refund,
      { tenantId: ctx.tenantId, orderId: order.id, stripeRefundId: { $ne: null }, $or: [{ state: RefundState.PENDING }, { confirmedAt: null }] },
      { orderBy: { createdAt: 'asc', id: 'asc' }, refresh: true },
    );
    const settled: Record<string, unknown>[] = [];
    for (const refund of open)
      settled.push(await settleRefund(ctx, order, refund, await billing.gateway.retrieveRefund(refund.stripeRefundId!), { confirmed: true }));
    return { orderId: order.id, chargeRefundedMinor: charge.amountRefundedMinor, orderRefundedMinor: order.refundedMinor, settled };
  },
};

async function lockedOrder(ctx: TenantContext, orderId: string): Promise<ServiceOrder> {
  return ctx.em.findOneOrFail(ServiceOrder, { tenantId: ctx.tenantId, id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}
