import { randomUUID } from 'node:crypto';
import { PartsOrderStatus, TicketType, WorkOrderStatus } from '../../core/desk-enums';
import { Dispatch, PartsOrder, Ticket } from '../../schema/entities';
import { atomically, TenantContext } from '../context';
import { SlaMetric } from '../../core/sla-enums';
import { readWatchedTicket } from '../standards/ticket-watch';
import { notFound, UserInputError } from '../errors';
import { publish } from '../events/dispatcher';
import { optionalText } from '../input/text';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { ticketForUpdate, touchTicket } from '../ticket-records/ticket-access';
import { appendTimeline } from '../ticket-records/timeline';
import { noticeToPartner } from './work-order-notice';
import type { DispatchToPartnerInput } from '../../schema/graphql/dispatch.types';

/**
 * Hands a repair to a partner of the same network. The partner gets a work
 * order of its own with only what it needs to do the work (the ticket number
 * as reference, the device, the problem, the parts on order), never the
 * customer; the store keeps a dispatch record that shows the partner's progress.
 */
export interface DispatchResult {
  dispatch: Dispatch;
  ticket: Ticket;
}

const DISPATCHABLE: readonly TicketType[] = [TicketType.REPAIR, TicketType.ONSITE];
/** A dispatch is over once the partner returned the device or the work was cancelled. */
const FINISHED_WORK: readonly WorkOrderStatus[] = [WorkOrderStatus.RETURNED, WorkOrderStatus.CANCELLED];

/** What the partner is sent about each part still on order. */
export interface DispatchedPart {
  partNumber: string;
  description: string;
  quantity: number;
  expectedOn: string;
}

export async function dispatchToPartner(ctx: TenantContext, input: DispatchToPartnerInput): Promise<DispatchResult> {
  const note = optionalText(input.note, 'note', 2000);
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId, input.expectedVersion);
    requireOpenTicket(ticket);
    if (!DISPATCHABLE.includes(ticket.type)) {
      throw new UserInputError('NOT_DISPATCHABLE', `A ${ticket.type} ticket cannot be handed to a partner; only ${DISPATCHABLE.join(' or ')}`, ['ticketId']);
    }
    const open = await ctx.em.count(Dispatch, { tenantId: ctx.tenantId, ticketId: ticket.id, partnerStatus: { $nin: [...FINISHED_WORK] } });
    if (open > 0) throw new UserInputError('ALREADY_DISPATCHED', 'The ticket is already with a partner', ['ticketId']);

    const device = ticket.deviceId ? await deviceFacts(ctx, ticket.deviceId) : null;
    const parts = await openParts(ctx, ticket.id);
    const problem = note ? `${ticket.problem}\n\nNote from the store: ${note}` : ticket.problem;
    const dispatchId = randomUUID();
    const workOrderId = randomUUID();
    try {
      await ctx.em.execute(`select handoff_dispatch(?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)`, [
        input.partnerTenantId,
        workOrderId,
        dispatchId,
        ticket.number,
        device?.modelCode ?? null,
        device?.serialNumber ?? null,
        problem,
        JSON.stringify(parts),
        ctx.clock.now(),
      ]);
    } catch (error) {
      // The database refuses anything that is not an active partner of this store's network.
      if ((error as { code?: string }).code === 'P0002') {
        throw new UserInputError('PARTNER_NOT_AVAILABLE', 'That is not an active partner of your network', ['partnerTenantId']);
      }
      throw error;
    }
    const due = await resolutionDue(ctx, ticket);
    if (due) await ctx.em.execute(`select handoff_deadline(?, ?, ?)`, [input.partnerTenantId, workOrderId, due]);
    const now = ctx.clock.now();
    const dispatch = ctx.em.create(Dispatch, {
      tenantId: ctx.tenantId,
      id: dispatchId,
      ticketId: ticket.id,
      partnerTenantId: input.partnerTenantId,
      workOrderId,
      partnerStatus: WorkOrderStatus.RECEIVED,
      createdAt: now,
    });
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'DISPATCHED',
      summary: `Handed to a partner for repair${note ? `: ${note}` : ''}`,
      data: { dispatchId, workOrderId, partnerTenantId: input.partnerTenantId, parts: parts.length, note },
    });
    await publish(ctx, { type: 'WorkOrderDispatched', ticket, dispatch });
    await noticeToPartner(ctx, input.partnerTenantId, workOrderId);
    return { dispatch, ticket };
  });
}

export async function findDispatch(ctx: TenantContext, id: string): Promise<Dispatch> {
  const dispatch = await ctx.em.findOne(Dispatch, { tenantId: ctx.tenantId, id });
  if (!dispatch) throw notFound('Dispatch');
  return dispatch;
}

/** When the ticket is due to be resolved, by its running resolution clock; the partner works to it. */
async function resolutionDue(ctx: TenantContext, ticket: Ticket): Promise<Date | null> {
  const { clocks } = await readWatchedTicket(ctx, ticket);
  return clocks.find((clock) => clock.metric === SlaMetric.RESOLUTION)?.dueAt ?? null;
}

/** The model code (from HQ's catalogue) and serial number of the ticket's device. */
async function deviceFacts(ctx: TenantContext, deviceId: string): Promise<{ modelCode: string | null; serialNumber: string } | null> {
  const rows = await ctx.em.execute<{ model_code: string | null; serial_number: string }[]>(
    `select m.model_code, d.serial_number
       from devices d left join product_models m on m.id = d.model_id
      where d.tenant_id = ? and d.id = ?`,
    [ctx.tenantId, deviceId],
  );
  return rows[0] ? { modelCode: rows[0].model_code, serialNumber: rows[0].serial_number } : null;
}

async function openParts(ctx: TenantContext, ticketId: string): Promise<DispatchedPart[]> {
  const orders = await ctx.em.find(
    PartsOrder,
    { tenantId: ctx.tenantId, ticketId, status: PartsOrderStatus.ORDERED },
    { orderBy: { orderedAt: 'asc', id: 'asc' } },
  );
  return orders.map((order) => ({
    partNumber: order.partNumber,
    description: order.description,
    quantity: order.quantity,
    expectedOn: order.expectedOn,
  }));
}
