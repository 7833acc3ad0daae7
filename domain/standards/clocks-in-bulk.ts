import { Customer, PartsOrder, Tenant, Ticket, TicketEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { MarkedClock, markProvisional } from './provisional-marks';
import { calendarsOf } from './tenant-calendar';
import { ticketClocks } from './ticket-clocks';
import type { WorkingCalendar } from './working-calendar';
import { groupBy } from '../../core/group-by';

/** What one ticket's clocks are computed from. */
export interface TicketClockInputs {
  ticket: Ticket;
  customer: Customer | null;
  events: TicketEvent[];
  parts: PartsOrder[];
  calendar: WorkingCalendar;
}

/** One ticket's clocks as of now, with what they were computed from. */
export interface TicketClocksNow extends TicketClockInputs {
  clocks: MarkedClock[];
}

/**
 * What the clocks are computed from is only read: kept out of the request's
 * unit of work, the rows are not compared for changes at its flush.
 */
const READ_ONLY = { disableIdentityMap: true } as const;

/**
 * The clocks of many tickets at once (a store's queue, HQ's network at risk):
 * one query per relation for the whole set, whatever its size, and one for
 * the calendars of all their stores. `stores` must hold every ticket's store.
 */
export async function clocksInBulk(ctx: TenantContext, tickets: Ticket[], stores: Tenant[]): Promise<Map<string, TicketClocksNow>> {
  const result = new Map<string, TicketClocksNow>();
  const now = ctx.clock.now();
  for (const inputs of await clockInputsInBulk(ctx, tickets, stores)) {
    const clocks = markProvisional(ticketClocks({ ...inputs, now }), inputs.calendar, now);
    result.set(inputs.ticket.id, { ...inputs, clocks });
  }
  return result;
}

/**
 * What many tickets' clocks are computed from, in the tickets' order, without
 * computing them (a rebuild measures the runs instead): one query per relation
 * for the whole set. `stores` must hold every ticket's store.
 */
export async function clockInputsInBulk(ctx: TenantContext, tickets: Ticket[], stores: Tenant[]): Promise<TicketClockInputs[]> {
  if (tickets.length === 0) return [];
  const tenantIds = [...new Set(tickets.map((ticket) => ticket.tenantId))];
  const ticketIds = tickets.map((ticket) => ticket.id);
  const [events, parts, customers, calendars] = await Promise.all([
    ctx.em.find(TicketEvent, { tenantId: { $in: tenantIds }, ticketId: { $in: ticketIds } }, READ_ONLY),
    ctx.em.find(PartsOrder, { tenantId: { $in: tenantIds }, ticketId: { $in: ticketIds } }, READ_ONLY),
    ctx.em.find(Customer, { tenantId: { $in: tenantIds }, id: { $in: [...new Set(tickets.map((t) => t.customerId))] } }, READ_ONLY),
    calendarsOf(
      ctx,
      stores.filter((store) => tenantIds.includes(store.id)),
    ),
  ]);

  const customerByKey = new Map(customers.map((customer) => [`${customer.tenantId}:${customer.id}`, customer]));
  const eventsOf = groupBy(events, (event) => event.ticketId);
  const partsOf = groupBy(parts, (part) => part.ticketId);
  return tickets.map((ticket) => ({
    ticket,
    customer: customerByKey.get(`${ticket.tenantId}:${ticket.customerId}`) ?? null,
    events: eventsOf.get(ticket.id) ?? [],
    parts: partsOf.get(ticket.id) ?? [],
    calendar: calendars.get(ticket.tenantId)!,
  }));
}
