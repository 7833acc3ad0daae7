import { ref } from '@mikro-orm/core';
import { PartsOrderStatus, TimelineVisibility } from '../../core/desk-enums';
import { PartsOrder, PartsOrderDateChange, Ticket } from '../../schema/entities';
import type { CancelPartOrderInput, ChangePartExpectedDateInput, MarkPartArrivedInput, OrderPartInput } from '../../schema/graphql/parts.types';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { publish } from '../events/dispatcher';
import { calendarDate } from '../input/calendar-date';
import { optionalText, requiredText } from '../input/text';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { storeTimeZone } from '../store-time';
import { todayIn } from '../../core/local-time';
import { ticketForUpdate, touchTicket } from '../ticket-records/ticket-access';
import { appendTimeline } from '../ticket-records/timeline';

/**
 * Parts ordered for a ticket. The expected arrival date is a promise to the
 * customer: every change of it is kept, and a later date is told to the
 * customer at once (the timeline entry is the record; a worker sends it).
 */
export interface PartsOrderResult {
  partsOrder: PartsOrder;
  ticket: Ticket;
}

export async function orderPart(ctx: TenantContext, input: OrderPartInput): Promise<PartsOrderResult> {
  const partNumber = requiredText(input.partNumber, 'partNumber', 64);
  const description = requiredText(input.description, 'description', 500);
  const supplier = requiredText(input.supplier, 'supplier', 200);
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 1000) {
    throw new UserInputError('INVALID_QUANTITY', 'Quantity must be 1 to 1000', ['quantity']);
  }
  const expectedOn = calendarDate(input.expectedOn, 'expectedOn');
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId, input.expectedVersion);
    requireOpenTicket(ticket);
    const now = ctx.clock.now();
    await refusePastDate(ctx, expectedOn, now);
    const partsOrder = ctx.em.create(PartsOrder, {
      tenantId: ctx.tenantId,
      ticketId: ticket.id,
      partNumber,
      description,
      quantity: input.quantity,
      supplier,
      orderedAt: now,
      expectedOn,
      status: PartsOrderStatus.ORDERED,
      createdAt: now,
      updatedAt: now,
    });
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'PART_ORDERED',
      visibility: TimelineVisibility.CUSTOMER,
      summary: `The part ${description} has been ordered and is expected on ${expectedOn}`,
      data: { partsOrderId: partsOrder.id, partNumber, description, quantity: input.quantity, supplier, expectedOn },
    });
    await publish(ctx, { type: 'PartOrdered', ticket, part: partsOrder });
    return { partsOrder, ticket };
  });
}

/**
 * Moves a part's expected date. The change is kept in the order's history;
 * a later date becomes a message to the customer, an earlier one an internal note.
 */
export async function changePartExpectedDate(ctx: TenantContext, input: ChangePartExpectedDateInput): Promise<PartsOrderResult> {
  const expectedOn = calendarDate(input.expectedOn, 'expectedOn');
  const reason = optionalText(input.reason, 'reason', 1000);
  return atomically(ctx, async () => {
    const { partsOrder, ticket } = await partsOrderForUpdate(ctx, input.partsOrderId, input.expectedVersion);
    requirePending(partsOrder);
    const previousOn = partsOrder.expectedOn;
    if (expectedOn === previousOn) {
      throw new UserInputError('DATE_UNCHANGED', `The part is already expected on ${expectedOn}`, ['expectedOn']);
    }
    const now = ctx.clock.now();
    await refusePastDate(ctx, expectedOn, now);
    ctx.em.create(PartsOrderDateChange, {
      tenantId: ctx.tenantId,
      partsOrder: ref(partsOrder),
      previousOn,
      expectedOn,
      reason,
      changedAt: now,
      changedBy: ctx.principal.id,
    });
    partsOrder.expectedOn = expectedOn;
    partsOrder.updatedAt = now;
    touchTicket(ticket, now);
    const later = expectedOn > previousOn;
    const data = { partsOrderId: partsOrder.id, partNumber: partsOrder.partNumber, previousOn, expectedOn, reason, later };
    if (later) {
      appendTimeline(ctx, ticket.id, {
        kind: 'PART_DELAYED',
        visibility: TimelineVisibility.CUSTOMER,
        summary: `The part ${partsOrder.description} is now expected on ${expectedOn} instead of ${previousOn}, sorry for the delay`,
        data,
      });
    } else {
      appendTimeline(ctx, ticket.id, {
        kind: 'PART_DATE_CHANGED',
        summary: `Part ${partsOrder.partNumber} now expected on ${expectedOn}, earlier than ${previousOn}${reason ? `: ${reason}` : ''}`,
        data,
      });
    }
    await publish(ctx, { type: 'PartDateChanged', ticket, part: partsOrder, previousOn, later });
    return { partsOrder, ticket };
  });
}

export async function markPartArrived(ctx: TenantContext, input: MarkPartArrivedInput): Promise<PartsOrderResult> {
  return atomically(ctx, async () => {
    const { partsOrder, ticket } = await partsOrderForUpdate(ctx, input.partsOrderId, input.expectedVersion);
    requirePending(partsOrder);
    const now = ctx.clock.now();
    partsOrder.status = PartsOrderStatus.ARRIVED;
    partsOrder.arrivedAt = now;
    partsOrder.updatedAt = now;
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'PART_ARRIVED',
      visibility: TimelineVisibility.CUSTOMER,
      summary: `The part ${partsOrder.description} has arrived`,
      data: { partsOrderId: partsOrder.id, partNumber: partsOrder.partNumber, expectedOn: partsOrder.expectedOn },
    });
    await publish(ctx, { type: 'PartArrived', ticket, part: partsOrder });
    return { partsOrder, ticket };
  });
}

export async function cancelPartOrder(ctx: TenantContext, input: CancelPartOrderInput): Promise<PartsOrderResult> {
  const reason = requiredText(input.reason, 'reason', 1000);
  return atomically(ctx, async () => {
    const { partsOrder, ticket } = await partsOrderForUpdate(ctx, input.partsOrderId, input.expectedVersion);
    requirePending(partsOrder);
    const now = ctx.clock.now();
    partsOrder.status = PartsOrderStatus.CANCELLED;
    partsOrder.updatedAt = now;
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'PART_CANCELLED',
      summary: `Order of part ${partsOrder.partNumber} cancelled: ${reason}`,
      data: { partsOrderId: partsOrder.id, partNumber: partsOrder.partNumber, reason },
    });
    await publish(ctx, { type: 'PartOrderCancelled', ticket, part: partsOrder });
    return { partsOrder, ticket };
  });
}

export async function findPartsOrder(ctx: TenantContext, id: string): Promise<PartsOrder> {
  const partsOrder = await ctx.em.findOne(PartsOrder, { tenantId: ctx.tenantId, id });
  if (!partsOrder) throw notFound('PartsOrder');
  return partsOrder;
}

/** Late: still on order, and its expected day is over where the store is. */
export function isPartLate(partsOrder: Pick<PartsOrder, 'status' | 'expectedOn'>, today: string): boolean {
  return partsOrder.status === PartsOrderStatus.ORDERED && partsOrder.expectedOn < today;
}

async function partsOrderForUpdate(ctx: TenantContext, id: string, expectedVersion?: number | null): Promise<PartsOrderResult> {
  const partsOrder = await findPartsOrder(ctx, id);
  const ticket = await ticketForUpdate(ctx, partsOrder.ticketId, expectedVersion);
  return { partsOrder, ticket };
}

function requirePending(partsOrder: PartsOrder): void {
  if (partsOrder.status !== PartsOrderStatus.ORDERED) {
    throw new UserInputError('PART_NOT_PENDING', `The part order is ${partsOrder.status}, not ORDERED`, ['partsOrderId']);
  }
}

async function refusePastDate(ctx: TenantContext, expectedOn: string, now: Date): Promise<void> {
  const today = todayIn(await storeTimeZone(ctx), now);
  if (expectedOn < today) {
    throw new UserInputError('DATE_IN_PAST', `The expected date cannot be before today (${today})`, ['expectedOn']);
  }
}
