import DataLoader from 'dataloader';
import type { TenantContext } from '../domain/context';
import { createInspectionLoaders, InspectionLoaders } from './inspection-loaders';
import { linkedTicketsOf } from '../domain/problems/problem-access';
import { attachmentsOf } from '../domain/uploads/ticket-attachments';
import { calendarOf } from '../domain/standards/tenant-calendar';
import type { WorkingCalendar } from '../domain/standards/working-calendar';
import { Appointment, Customer, Device, Dispatch, PartsOrder, Problem, ProductModel, StaffUser, Tenant, Ticket, TicketEvent, Upload } from '../schema/entities';
import { groupBy } from '../core/group-by';
import { readOnlyEntity } from '../domain/read-only-entities';

/**
 * Per-request batch loaders: nested fields load through these, so a list of N
 * items costs one query per relation, not N.
 */
export interface Loaders {
  staffUser: DataLoader<string, StaffUser | null>;
  /** The caller's tickets by id (what a quote or an order is on). */
  ticket: DataLoader<string, Ticket | null>;
  tenant: DataLoader<string, Tenant | null>;
  customer: DataLoader<string, Customer | null>;
  device: DataLoader<string, Device | null>;
  /** Models of the caller's catalogue (its own, or its HQ's: RLS decides which rows are readable). */
  productModel: DataLoader<string, ProductModel | null>;
  /** The latest timeline entries of a ticket, newest first; the key is `ticketId:limit`. */
  recentTimeline: DataLoader<string, TicketEvent[]>;
  /** Every timeline entry of a ticket, oldest first (for its clocks); the key is the ticket id. */
  eventsByTicket: DataLoader<string, TicketEvent[]>;
  /** The caller's working calendar, built once per request. */
  calendar: () => Promise<WorkingCalendar>;
  /** A ticket's parts orders, oldest first, with their date changes; the key is the ticket id. */
  partsOrdersByTicket: DataLoader<string, PartsOrder[]>;
  /** A ticket's on-site appointments, by window start; the key is the ticket id. */
  appointmentsByTicket: DataLoader<string, Appointment[]>;
  /** A ticket's dispatches to partners, oldest first; the key is the ticket id. */
  dispatchesByTicket: DataLoader<string, Dispatch[]>;
  /** A problem's linked tickets the caller can read, in the order they were linked. */
  ticketsByProblem: DataLoader<Problem, Ticket[], string>;
  /** A ticket's attachments, in the order they were attached; the key is the ticket id. */
  attachmentsByTicket: DataLoader<string, Upload[]>;
  /** Inspections' checklists, findings, contests, corrective actions and stores. */
  inspections: InspectionLoaders;
}

export function createLoaders(ctx: TenantContext): Loaders {
  return {
    staffUser: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(StaffUser, { tenantId: ctx.tenantId, id: { $in: [...ids] } });
      return inOrder(ids, rows);
    }),
    ticket: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(Ticket, { tenantId: ctx.tenantId, id: { $in: [...ids] } });
      return inOrder(ids, rows);
    }),
    tenant: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(Tenant, { id: { $in: [...ids] } });
      return inOrder(ids, rows);
    }),
    customer: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(Customer, { tenantId: ctx.tenantId, id: { $in: [...ids] } });
      return inOrder(ids, rows);
    }),
    device: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(Device, { tenantId: ctx.tenantId, id: { $in: [...ids] } });
      return inOrder(ids, rows);
    }),
    productModel: new DataLoader(async (ids) => {
      const rows = await ctx.em.find(ProductModel, { id: { $in: [...ids] } });
      return inOrder(ids, rows);
    }),
    recentTimeline: new DataLoader(async (keys) => {
      // One statement for every ticket of the page: each ticket's newest N entries by a lateral index scan, mapped to entities as read.
      const limit = Math.max(...keys.map((key) => Number(key.split(':')[1])));
      const ticketIds = [...new Set(keys.map((key) => key.split(':')[0]))];
      const rows = await ctx.em.execute<Record<string, unknown>[]>(
        `select e.* from tickets k cross join lateral (
           select e.* from ticket_events e where e.tenant_id = k.tenant_id and e.ticket_id = k.id order by e.occurred_at desc, e.seq desc limit ?
         ) e where k.tenant_id = ? and k.id in (?) order by e.occurred_at desc, e.seq desc`,
        [limit, ctx.tenantId, ticketIds],
      );
      const events = rows.map((row) => readOnlyEntity(ctx.em, TicketEvent, row));
      return keys.map((key) => {
        const [ticketId, n] = key.split(':');
        return events.filter((event) => event.ticketId === ticketId).slice(0, Number(n));
      });
    }),
    eventsByTicket: new DataLoader(async (ticketIds) => {
      const rows = await ctx.em.find(TicketEvent, { tenantId: ctx.tenantId, ticketId: { $in: [...ticketIds] } }, { orderBy: { occurredAt: 'asc', id: 'asc' } });
      return groupedBy(ticketIds, rows, (row) => row.ticketId);
    }),
    calendar: memoized(() => calendarOf(ctx)),
    partsOrdersByTicket: new DataLoader(async (ticketIds) => {
      // Their date changes come in the same statement, so reading them under each part costs nothing more.
      const rows = await ctx.em.find(
        PartsOrder,
        { tenantId: ctx.tenantId, ticketId: { $in: [...ticketIds] } },
        { populate: ['dateChanges'], strategy: 'joined', orderBy: { orderedAt: 'asc', id: 'asc', dateChanges: { changedAt: 'asc', id: 'asc' } } },
      );
      return groupedBy(ticketIds, rows, (row) => row.ticketId);
    }),
    appointmentsByTicket: new DataLoader(async (ticketIds) => {
      const rows = await ctx.em.find(
        Appointment,
        { tenantId: ctx.tenantId, ticketId: { $in: [...ticketIds] } },
        { orderBy: { windowStart: 'asc', id: 'asc' } },
      );
      return groupedBy(ticketIds, rows, (row) => row.ticketId);
    }),
    dispatchesByTicket: new DataLoader(async (ticketIds) => {
      const rows = await ctx.em.find(Dispatch, { tenantId: ctx.tenantId, ticketId: { $in: [...ticketIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return groupedBy(ticketIds, rows, (row) => row.ticketId);
    }),
    ticketsByProblem: new DataLoader((problems) => linkedTicketsOf(ctx, problems), { cacheKeyFn: (problem) => problem.id }),
    attachmentsByTicket: new DataLoader((ticketIds) => attachmentsOf(ctx, ticketIds)),
    inspections: createInspectionLoaders(ctx),
  };
}

/** DataLoader wants one result per key, in the keys' order. */
function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** One list per key (empty when nothing matched), keeping the rows' order. */
function groupedBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = groupBy(rows, keyOf);
  return keys.map((key) => groups.get(key) ?? []);
}

function memoized<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}
