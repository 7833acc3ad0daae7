import { LockMode } from '@mikro-orm/core';
import type Stripe from 'stripe';
import { TimelineVisibility } from '../../schema/desk-enums';
import { ServiceOrder, Ticket } from '../../schema/entities';
import { Locale } from '../../schema/enums';
import { ServiceOrderState } from '../../schema/service-order-enums';
import type { TenantContext } from '../context';
import { formatMoney, money } from '../money';
import { appendTimeline } from '../tickets/timeline';
import { linesOfOrder } from './order-access';
import { describeLines } from './order-lines';
import { idOf, ORDER_METADATA, uuidOrNull } from './order-metadata';
import { beginService, serviceStartsOnPayment } from './order-service.service';
import { PAYABLE_STATES } from './order-state';
import { applyWarrantyExtensions } from './warranty-extension';

/**
 * The customer paid: a Checkout Session of an order completed with its
 * payment through (read back from Stripe, not taken from the event). The
 * order becomes PAID with the payment intent and the amount Stripe took, a
 * warranty extension it sells moves the device's end, and the service starts
 * when the ticket is being worked.
 *
 * Applied once: an order with a payment recorded ignores any further event
 * about it. The event may come before the worker recorded the session (it
 * crashed after Stripe answered): the session is then recorded here, and the
 * checkout job, when retried, finds the order paid and sends no link.
 */
export async function recordPayment(ctx: TenantContext, session: Stripe.Checkout.Session): Promise<Record<string, unknown>> {
  const orderId = uuidOrNull(session.client_reference_id ?? session.metadata?.[ORDER_METADATA.orderId]);
  if (!orderId) return { ignored: 'the session names no order' };
  const order = await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!order) return { orderId, ignored: 'no such order' };
  if (session.payment_status !== 'paid') return { orderId, ignored: `the session's payment is ${session.payment_status}` };
  if (order.paidAt) return { orderId, ignored: 'the payment was already recorded', state: order.state };
  if (!PAYABLE_STATES.includes(order.state)) return { orderId, ignored: `a ${order.state} order takes no payment` };
  const paymentIntentId = idOf(session.payment_intent);
  if (!paymentIntentId) throw new Error(`checkout session ${session.id} is paid but names no payment intent`);
  if (session.currency?.toUpperCase() !== order.currency || session.amount_total == null) {
    throw new Error(`checkout session ${session.id} charged ${session.amount_total} ${session.currency}, not in the order's currency ${order.currency}`);
  }

  const before = order.state;
  const now = ctx.clock.now();
  Object.assign(order, {
    state: ServiceOrderState.PAID,
    paidAt: now,
    paidMinor: session.amount_total,
    paymentIntentId,
    stripeSessionId: order.stripeSessionId ?? session.id,
    updatedAt: now,
  });
  const lines = await linesOfOrder(ctx, order.id);
  const ticket = await ctx.em.findOneOrFail(Ticket, { tenantId: ctx.tenantId, id: order.ticketId });
  appendTimeline(ctx, ticket.id, {
    kind: 'ORDER_PAID',
    visibility: TimelineVisibility.CUSTOMER,
    summary: `Payment of ${formatMoney(money(session.amount_total, order.currency))} received for ${describeLines(lines, Locale.EN)}`,
    data: { orderId: order.id, paidMinor: session.amount_total, currency: order.currency, paymentIntentId },
  });
  const extendedUntil = await applyWarrantyExtensions(ctx, order, lines);
  if (before !== ServiceOrderState.AWAITING_PAYMENT) {
    appendTimeline(ctx, ticket.id, {
      kind: 'ORDER_PAID_AFTER_CANCEL',
      summary: `The customer paid although the order was ${before}: start the service, or refund the payment`,
      data: { orderId: order.id, previousState: before },
    });
  } else if (serviceStartsOnPayment(ticket)) {
    await beginService(ctx, order, ticket, 'payment');
  } else {
    appendTimeline(ctx, ticket.id, {
      kind: 'ORDER_AWAITING_START',
      summary: 'Paid: assign the ticket and start the service (startOrderService)',
      data: { orderId: order.id },
    });
  }
  return { orderId, paidMinor: session.amount_total, state: order.state, ...(extendedUntil ? { extendedWarrantyUntil: extendedUntil } : {}) };
}

/** The link lapsed unpaid: an order still waiting for this session's payment becomes EXPIRED. */
export async function recordExpiry(ctx: TenantContext, session: Stripe.Checkout.Session): Promise<Record<string, unknown>> {
  const orderId = uuidOrNull(session.client_reference_id ?? session.metadata?.[ORDER_METADATA.orderId]);
  if (!orderId) return { ignored: 'the session names no order' };
  const order = await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!order) return { orderId, ignored: 'no such order' };
  if (session.status !== 'expired') return { orderId, ignored: `the session is ${session.status}` };
  if (order.state !== ServiceOrderState.AWAITING_PAYMENT) return { orderId, ignored: `the order is ${order.state}` };
  if (order.stripeSessionId && order.stripeSessionId !== session.id) return { orderId, ignored: 'not the order\'s current session' };
  const now = ctx.clock.now();
  Object.assign(order, { state: ServiceOrderState.EXPIRED, expiredAt: now, stripeSessionId: order.stripeSessionId ?? session.id, updatedAt: now });
  appendTimeline(ctx, order.ticketId, {
    kind: 'ORDER_EXPIRED',
    summary: 'The payment link lapsed unpaid; draft a new order to send the customer a new link',
    data: { orderId: order.id, sessionId: session.id },
  });
  return { orderId, state: order.state };
}
