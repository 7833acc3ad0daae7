import { TicketStatus, TimelineVisibility } from '../../core/desk-enums';
import type { ServiceOrder, Ticket } from '../../schema/entities';
import { Locale } from '../../core/enums';
import { ServiceOrderState } from '../../core/service-order-enums';
import { atomically, TenantContext } from '../context';
import { requiredText } from '../input/text';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { checkMove } from '../ticket-records/lifecycle';
import { findTicket } from '../ticket-records/ticket-access';
import { moveTicket } from '../tickets/ticket.service';
import { appendTimeline } from '../ticket-records/timeline';
import { ActionKind } from '../../core/action-enums';
import { scheduleAction } from '../scheduling/schedule';
import { linesOfOrder, lockOrder } from './order-access';
import { describeLines, lineName } from './order-lines';
import { orderCheckoutExpireKey } from './order-metadata';
import { requireOrderMove } from './order-state';
import type { CancelOrderInput, OrderStepInput } from '../../schema/graphql/service-order.types';

/** Ticket states from which starting the service moves the ticket to IN_PROGRESS. */
const TICKET_STARTS_FROM: readonly TicketStatus[] = [TicketStatus.ASSIGNED, TicketStatus.REOPENED, TicketStatus.WAITING_CUSTOMER];
/** Ticket states in which someone is working it already. */
const TICKET_WORKED: readonly TicketStatus[] = [...TICKET_STARTS_FROM, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_PARTS];

/** Whether paying starts the service at once: someone is assigned and the ticket is open for work. */
export function serviceStartsOnPayment(ticket: Ticket): boolean {
  return Boolean(ticket.assigneeId) && TICKET_WORKED.includes(ticket.status);
}

/** Marks the order IN_SERVICE, says so on the timeline, and moves the ticket to IN_PROGRESS where that is its next step. */
export async function beginService(ctx: TenantContext, order: ServiceOrder, ticket: Ticket, trigger: 'payment' | 'desk'): Promise<void> {
  const now = ctx.clock.now();
  order.state = ServiceOrderState.IN_SERVICE;
  order.startedAt = now;
  order.updatedAt = now;
  const lines = await linesOfOrder(ctx, order.id);
  appendTimeline(ctx, ticket.id, {
    kind: 'ORDER_SERVICE_STARTED',
    visibility: TimelineVisibility.CUSTOMER,
    summary: `Service started: ${describeLines(lines.map(lineName), Locale.EN)}`,
    data: { orderId: order.id, trigger },
  });
  if (TICKET_STARTS_FROM.includes(ticket.status) && checkMove(ticket, TicketStatus.IN_PROGRESS).ok) {
    await moveTicket(ctx, {
      ticketId: ticket.id,
      to: TicketStatus.IN_PROGRESS,
      note: trigger === 'payment' ? 'Payment received: the service starts' : 'The paid service starts',
    });
  }
}

export async function startOrderService(ctx: TenantContext, input: OrderStepInput): Promise<ServiceOrder> {
  return atomically(ctx, async () => {
    const order = await lockOrder(ctx, input.orderId, input.expectedVersion);
    requireOrderMove(order, ServiceOrderState.IN_SERVICE);
    const ticket = await findTicket(ctx, order.ticketId);
    requireOpenTicket(ticket);
    await beginService(ctx, order, ticket, 'desk');
    return order;
  });
}

/** The service was delivered. The ticket itself is resolved by the desk as usual, with what was done. */
export async function completeOrder(ctx: TenantContext, input: OrderStepInput): Promise<ServiceOrder> {
  return atomically(ctx, async () => {
    const order = await lockOrder(ctx, input.orderId, input.expectedVersion);
    requireOrderMove(order, ServiceOrderState.DONE);
    const now = ctx.clock.now();
    order.state = ServiceOrderState.DONE;
    order.completedAt = now;
    order.updatedAt = now;
    const lines = await linesOfOrder(ctx, order.id);
    appendTimeline(ctx, order.ticketId, {
      kind: 'ORDER_SERVICE_DONE',
      visibility: TimelineVisibility.CUSTOMER,
      summary: `Service completed: ${describeLines(lines.map(lineName), Locale.EN)}`,
      data: { orderId: order.id },
    });
    return order;
  });
}

/**
 * Cancels an unpaid order. A payment link already created is expired at
 * Stripe by the worker (ORDER_CHECKOUT_EXPIRE), so the customer can no
 * longer pay it; should the customer complete the payment in the same
 * moment, the payment is still recorded (the money is with the store) and
 * the store refunds it or carries on.
 */
export async function cancelOrder(ctx: TenantContext, input: CancelOrderInput): Promise<ServiceOrder> {
  const reason = requiredText(input.reason, 'reason', 1000);
  return atomically(ctx, async () => {
    const order = await lockOrder(ctx, input.orderId, input.expectedVersion);
    requireOrderMove(order, ServiceOrderState.CANCELLED);
    const linkSent = order.state === ServiceOrderState.AWAITING_PAYMENT;
    const now = ctx.clock.now();
    order.state = ServiceOrderState.CANCELLED;
    order.cancelledAt = now;
    order.cancelReason = reason;
    order.updatedAt = now;
    if (linkSent) {
      await scheduleAction(ctx, {
        kind: ActionKind.ORDER_CHECKOUT_EXPIRE,
        key: orderCheckoutExpireKey(order.id),
        dueAt: now,
        ticketId: order.ticketId,
        payload: { orderId: order.id },
      });
    }
    appendTimeline(ctx, order.ticketId, {
      kind: 'ORDER_CANCELLED',
      // A draft the customer never saw goes quietly; a payment link they were sent is withdrawn in front of them.
      visibility: linkSent ? TimelineVisibility.CUSTOMER : TimelineVisibility.INTERNAL,
      summary: `Order cancelled${linkSent ? ', its payment link no longer works' : ''}: ${reason}`,
      data: { orderId: order.id, reason },
    });
    return order;
  });
}
