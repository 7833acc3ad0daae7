import { TicketStatus, TicketType } from '../../core/desk-enums';
import { Appointment, PartsOrderDateChange, StaffUser, Tenant, Ticket, TicketEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { historyOf } from '../standards/ticket-clocks';
import { readWatchedTicket } from '../standards/ticket-watch';
import { customerTimeline, CustomerTimelineEntry } from './customer-timeline';
import { firstNameOf } from './first-name';
import { CustomerStore, storeCard } from './store-card';
import {
  customerParts,
  CustomerPart,
  customerPromises,
  CustomerPromise,
  customerVisits,
  CustomerVisit,
  nextStep,
  NextStep,
  promiseHistory,
  PromiseChange,
} from './promises';

/**
 * Everything the customer's status page shows, and nothing else: where the
 * repair stands, what was promised and every change of it, what happens
 * next, the customer-visible timeline, and how to reach the store. Staff are
 * named by their given name only; internal notes and reasons stay out.
 */
export interface CustomerTicketStatus {
  ticketNumber: string;
  type: TicketType;
  status: TicketStatus;
  /** When the ticket entered its current status. */
  statusSince: Date;
  registeredAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  store: CustomerStore;
  assigneeFirstName: string | null;
  promises: CustomerPromise[];
  promiseHistory: PromiseChange[];
  parts: CustomerPart[];
  visits: CustomerVisit[];
  nextStep: NextStep;
  timeline: CustomerTimelineEntry[];
}

/** How long after it was closed or cancelled a ticket's page still opens. */
export const PAGE_KEPT_AFTER_FINISH_DAYS = 90;
const DAY = 24 * 3600_000;
const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

/** The page of one ticket of `ctx`'s tenant; null when there is none to show (gone, or finished too long ago). */
export async function customerTicketStatus(ctx: TenantContext, ticketId: string): Promise<CustomerTicketStatus | null> {
  const ticket = await ctx.em.findOne(Ticket, { tenantId: ctx.tenantId, id: ticketId });
  if (!ticket) return null;
  const now = ctx.clock.now();
  const store = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const watched = await readWatchedTicket(ctx, ticket);
  const statusSince = historyOf(ticket, watched.events, watched.parts, watched.calendar.timeZone).statuses.at(-1)!.from;
  if (FINISHED.includes(ticket.status) && now.getTime() - statusSince.getTime() > PAGE_KEPT_AFTER_FINISH_DAYS * DAY) return null;

  const events = await inWrittenOrder(ctx, ticket.id, watched.events);
  const partIds = watched.parts.map((part) => part.id);
  const dateChanges = partIds.length
    ? await ctx.em.find(PartsOrderDateChange, { tenantId: ctx.tenantId, partsOrderId: { $in: partIds } }, { orderBy: { changedAt: 'asc' } })
    : [];
  const appointments = await ctx.em.find(Appointment, { tenantId: ctx.tenantId, ticketId: ticket.id });
  const staffIds = [...new Set([ticket.assigneeId, ...appointments.map((a) => a.technicianId)].filter((id): id is string => !!id))];
  const staff = staffIds.length ? await ctx.em.find(StaffUser, { tenantId: ctx.tenantId, id: { $in: staffIds } }) : [];
  const firstNames = new Map(staff.map((person) => [person.id, firstNameOf(person.name, store.locale)]));

  const promises = customerPromises(watched, now);
  return {
    ticketNumber: ticket.number,
    type: ticket.type,
    status: ticket.status,
    statusSince,
    registeredAt: ticket.createdAt,
    resolvedAt: ticket.resolvedAt ?? null,
    closedAt: ticket.closedAt ?? null,
    store: await storeCard(ctx, store),
    assigneeFirstName: ticket.assigneeId ? (firstNames.get(ticket.assigneeId) ?? null) : null,
    promises,
    promiseHistory: promiseHistory({ parts: watched.parts, dateChanges, appointments, events }),
    parts: customerParts(watched, dateChanges, now),
    visits: customerVisits(appointments, firstNames),
    nextStep: nextStep(watched, promises, appointments, now),
    timeline: customerTimeline(events, watched.parts, store.timeZone),
  };
}

/** The timeline in the order it was written: entries of one transaction share their instant, their sequence tells them apart. */
async function inWrittenOrder(ctx: TenantContext, ticketId: string, events: readonly TicketEvent[]): Promise<TicketEvent[]> {
  const rows = await ctx.em.execute<{ id: string }[]>('select id from ticket_events where tenant_id = ? and ticket_id = ? order by seq', [
    ctx.tenantId,
    ticketId,
  ]);
  const byId = new Map(events.map((event) => [event.id, event]));
  return rows.flatMap((row) => byId.get(row.id) ?? []);
}
