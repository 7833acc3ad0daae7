import { LockMode } from '@mikro-orm/core';
import { TimelineVisibility } from '../../core/desk-enums';
import { ScheduledAction, ServiceOrder, Ticket } from '../../schema/entities';
import { PaymentAnomalySubject } from '../../core/billing-enums';
import { Locale } from '../../core/enums';
import { ServiceOrderState } from '../../core/service-order-enums';
import { recordAnomaly, refusedOutcome } from '../billing/payment-anomalies';
import { NotYet, StripeEventRun } from '../billing/stripe-event-handler';
import type { TenantContext } from '../context';
import { publish } from '../events/dispatcher';
import type { PaymentCheckoutSession } from '../ports/payment-objects';
import { formatMoney, money } from '../../core/money';
import { appendTimeline } from '../ticket-records/timeline';
import { linesOfOrder } from './order-access';
import { describeLines, lineName } from './order-lines';
import { ActionState } from '../../core/action-enums';
import { ORDER_METADATA, orderCheckoutKey, uuidOrNull } from './order-metadata';
import { beginService, serviceStartsOnPayment } from './order-service.service';
import { PAYABLE_STATES } from './order-state';
import { checkOrderPayment, PaymentRefusal } from './payment-check';
import { applyWarrantyExtensions } from './warranty-extension';

/**
 * The customer paid: a Checkout Session of an order completed, as read back
 * from Stripe (never taken from the event). It counts only when it is the
 * order's own session, paid in full in the order's currency
 * (payment-check.ts); anything else is recorded as a payment anomaly for the
 * store's managers (and on the ticket's timeline), and the order is left as
 * it was. A counted payment makes the order PAID with the payment intent, a
 * warranty extension it sells moves the device's end, and the service starts
 * when the ticket is being worked.
 *
 * Applied once: an order with its payment recorded ignores any further event
 * about its session. The event may come before the worker recorded the
 * session (it crashed after Stripe answered): until the order's checkout job
 * has run again and recorded it, the payment cannot be checked, so the event
 * waits for it.
 */
export async function recordPayment(run: StripeEventRun, session: PaymentCheckoutSession): Promise<Record<string, unknown> | NotYet> {
  const { ctx } = run;
  const order = await orderOfSession(ctx, session);
  if (!order) return { ignored: 'the session names no order of this store' };
  const orderId = order.id;
  if (order.paidAt && order.stripeSessionId === session.id) return { orderId, ignored: 'the payment was already recorded', state: order.state };
  if (!order.stripeSessionId && !order.paidAt) {
    const job = await ctx.em.findOne(ScheduledAction, { tenantId: ctx.tenantId, idempotencyKey: orderCheckoutKey(order.id), state: ActionState.PENDING });
    if (job) {
      const until = new Date(Math.max(job.dueAt.getTime(), ctx.clock.now().getTime()) + LINK_RECORDING_WAIT_MS);
      return new NotYet(until, `the order's payment link is still being recorded (${job.idempotencyKey}): the payment is checked against it then`);
    }
  }
  const refusal = checkOrderPayment(order, session);
  if (refusal) return refusePayment(run, order, session, refusal);
  if (!PAYABLE_STATES.includes(order.state)) return { orderId, ignored: `a ${order.state} order takes no payment` };
  const paymentIntentId = session.paymentIntentId;
  if (!paymentIntentId) throw new Error(`checkout session ${session.id} is paid but names no payment intent`);

  const paidMinor = order.totalMinor;
  const before = order.state;
  const now = ctx.clock.now();
  Object.assign(order, { state: ServiceOrderState.PAID, paidAt: now, paidMinor, paymentIntentId, updatedAt: now });
  const lines = await linesOfOrder(ctx, order.id);
  const ticket = await ctx.em.findOneOrFail(Ticket, { tenantId: ctx.tenantId, id: order.ticketId });
  appendTimeline(ctx, ticket.id, {
    kind: 'ORDER_PAID',
    visibility: TimelineVisibility.CUSTOMER,
    summary: `Payment of ${formatMoney(money(paidMinor, order.currency))} received for ${describeLines(lines.map(lineName), Locale.EN)}`,
    data: { orderId: order.id, paidMinor, currency: order.currency, paymentIntentId },
  });
  const extendedUntil = await applyWarrantyExtensions(ctx, order, lines);
  await publish(ctx, { type: 'ServiceOrderPaid', ticket, order });
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
  return { orderId, paidMinor, state: order.state, ...(extendedUntil ? { extendedWarrantyUntil: extendedUntil } : {}) };
}

/** How long after the order's checkout job is due a waiting payment is looked at again. */
const LINK_RECORDING_WAIT_MS = 5_000;

/** The order a session is about: the one it is recorded for, or else the one its reference or metadata names. */
async function orderOfSession(ctx: TenantContext, session: PaymentCheckoutSession): Promise<ServiceOrder | null> {
  const recorded = await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, stripeSessionId: session.id });
  const orderId = recorded?.id ?? uuidOrNull(session.clientReferenceId ?? session.metadata[ORDER_METADATA.orderId]);
  if (!orderId) return null;
  return ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/** Keeps the refused payment for the store's managers, on the order's ticket too; the order itself is not touched. */
async function refusePayment(
  run: StripeEventRun,
  order: ServiceOrder,
  session: PaymentCheckoutSession,
  refusal: PaymentRefusal,
): Promise<Record<string, unknown>> {
  const { ctx, event } = run;
  const report = {
    subject: PaymentAnomalySubject.ORDER_PAYMENT,
    ...refusal,
    event,
    objectId: session.id,
    orderId: order.id,
    expected: money(order.totalMinor, order.currency),
    received: session.amountTotal != null && session.currency ? { amountMinor: session.amountTotal, currency: session.currency } : null,
  };
  const recorded = await recordAnomaly(ctx, report);
  if (recorded) {
    appendTimeline(ctx, order.ticketId, {
      kind: 'PAYMENT_ANOMALY',
      summary: `Payment not accepted: ${refusal.message}`,
      data: {
        orderId: order.id,
        reason: refusal.reason,
        sessionId: session.id,
        receivedMinor: session.amountTotal,
        receivedCurrency: session.currency?.toUpperCase() ?? null,
      },
    });
  }
  return { orderId: order.id, state: order.state, ...refusedOutcome(report, recorded) };
}

/** The link lapsed unpaid: an order still waiting for this session's payment becomes EXPIRED. */
export async function recordExpiry(ctx: TenantContext, session: PaymentCheckoutSession): Promise<Record<string, unknown>> {
  const orderId = uuidOrNull(session.clientReferenceId ?? session.metadata[ORDER_METADATA.orderId]);
  if (!orderId) return { ignored: 'the session names no order' };
  const order = await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!order) return { orderId, ignored: 'no such order' };
  if (session.status !== 'expired') return { orderId, ignored: `the session is ${session.status}` };
  if (order.state !== ServiceOrderState.AWAITING_PAYMENT) return { orderId, ignored: `the order is ${order.state}` };
  if (order.stripeSessionId && order.stripeSessionId !== session.id) return { orderId, ignored: "not the order's current session" };
  const now = ctx.clock.now();
  Object.assign(order, { state: ServiceOrderState.EXPIRED, expiredAt: now, stripeSessionId: order.stripeSessionId ?? session.id, updatedAt: now });
  appendTimeline(ctx, order.ticketId, {
    kind: 'ORDER_EXPIRED',
    summary: 'The payment link lapsed unpaid; draft a new order to send the customer a new link',
    data: { orderId: order.id, sessionId: session.id },
  });
  return { orderId, state: order.state };
}
