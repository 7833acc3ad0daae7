import { Customer, PartsOrder, Tenant, Ticket, TicketEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { MarkedClock, markProvisional } from './provisional-marks';
import { calendarsOf } from './tenant-calendar';
import { ticketClocks } from './ticket-clocks';
import type { WorkingCalendar } from './working-calendar';
import { groupBy } from '../../core/group-by';

/** One ticket's clocks as of now, with what they were computed from. */
export interface TicketClocksNow {
  ticket: Ticket;
  clocks: MarkedClock[];
  customer: Customer | null;
  events: TicketEvent[];
  parts: PartsOrder[];
  calendar: WorkingCalendar;
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
  if (tickets.length === 0) return result;
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
  const now = ctx.clock.now();
  for (const ticket of tickets) {
    const calendar = calendars.get(ticket.tenantId)!;
    const ticketEvents = eventsOf.get(ticket.id) ?? [];
    const customer = customerByKey.get(`${ticket.tenantId}:${ticket.customerId}`) ?? null;
    const ticketParts = partsOf.get(ticket.id) ?? [];
    const clocks = markProvisional(ticketClocks({ ticket, customer, events: ticketEvents, parts: ticketParts, calendar, now }), calendar, now);
    result.set(ticket.id, { ticket, clocks, customer, events: ticketEvents, parts: ticketParts, calendar });
  }
  return result;
}
