import { DateTime } from 'luxon';
import { Tenant, Ticket } from '../../schema/entities';
import { TicketPriority, TicketSort, TicketStatus, TicketType } from '../../core/desk-enums';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';
import { checkPageSize, Page, PageRequest } from '../pagination';
import { mapWithRelations, TicketPageRelated, TicketPageRelations, withRelations } from './ticket-page-relations';

export interface TicketFilter {
  status?: TicketStatus[] | null;
  type?: TicketType[] | null;
  priority?: TicketPriority[] | null;
  assigneeId?: string | null;
  customerId?: string | null;
  /** A re-contacting customer quotes one of these. */
  number?: string | null;
  customerPhone?: string | null;
  deviceSerial?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  /** Only tickets with a part ordered and not arrived past its expected date. */
  latePartsOnly?: boolean | null;
  /** Words in the problem, the suspected cause or the notes, any case. */
  text?: string | null;
}

interface Cursor {
  rank: number;
  createdAt: string;
  id: string;
}

/** A pattern shorter than this gives no trigram, so the trigram indexes cannot narrow it. */
const TRIGRAM_MIN_CHARS = 3;

const PRIORITY_RANK: Record<TicketPriority, number> = { URGENT: 4, HIGH: 3, NORMAL: 2, LOW: 1 };

/** A page of tickets and the related rows read with it. */
export type TicketPage = Page<Ticket> & { related: TicketPageRelated };

/**
 * Finds tickets with keyset pagination: the cursor holds the sort key of the
 * last row, so pages stay stable while new tickets are registered. One
 * statement reads the page and the relations asked for (customers, devices,
 * assignees, the store), whatever the page size.
 */
export async function searchTickets(
  ctx: TenantContext,
  filter: TicketFilter,
  sort: TicketSort,
  page: PageRequest,
  relations: TicketPageRelations = {},
): Promise<TicketPage> {
  checkPageSize(page.first);
  const where: string[] = ['t.tenant_id = ?'];
  const params: unknown[] = [ctx.tenantId];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.status?.length) add(`t.status in (?)`, filter.status);
  if (filter.type?.length) add(`t.type in (?)`, filter.type);
  if (filter.priority?.length) add(`t.priority in (?)`, filter.priority);
  if (filter.assigneeId) add(`t.assignee_id = ?`, filter.assigneeId);
  if (filter.customerId) add(`t.customer_id = ?`, filter.customerId);
  if (filter.number) add(`t.number = ?`, filter.number.trim().toUpperCase());
  // The customer's ids and the devices' ids are read first (an InitPlan), so that each condition is a plain
  // equality on an indexed column of tickets: the planner can combine the indexes, which it cannot do for an
  // EXISTS joined by OR.
  if (filter.customerPhone) {
    const phone = filter.customerPhone.replace(/[\s\-().]/g, '');
    add(`(t.contact_phone = ? or t.customer_id = any (array(select c.id from customers c where c.tenant_id = ? and c.phone = ?)))`, phone, ctx.tenantId, phone);
  }
  if (filter.deviceSerial) {
    add(`t.device_id = any (array(select d.id from devices d where d.tenant_id = ? and d.serial_number = ?))`, ctx.tenantId, filter.deviceSerial.trim());
  }
  if (filter.createdFrom) add(`t.created_at >= cast(? as timestamptz)`, filter.createdFrom);
  if (filter.createdTo) add(`t.created_at < cast(? as timestamptz)`, filter.createdTo);
  if (filter.latePartsOnly) {
    add(
      `t.id = any (array(select p.ticket_id from parts_orders p where p.tenant_id = ? and p.status = 'ORDERED' and p.expected_on < cast(? as date)))`,
      ctx.tenantId,
      await localToday(ctx),
    );
  }
  const text = filter.text?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if ([...text].length >= TRIGRAM_MIN_CHARS) {
      // ~~*& is ILIKE declared leakproof (migration 0150), so that under Row Level Security it may use the trigram
      // indexes; each text is searched on its own index and the matching ids are united.
      add(
        `t.id in (select s.id from tickets s where s.tenant_id = ? and s.problem ~~*& ?
                  union all select s.id from tickets s where s.tenant_id = ? and s.suspected_cause ~~*& ?
                  union all select e.ticket_id from ticket_events e
                             where e.tenant_id = ? and e.kind in ('NOTE', 'MESSAGE_TO_CUSTOMER') and e.summary ~~*& ?)`,
        ctx.tenantId,
        like,
        ctx.tenantId,
        like,
        ctx.tenantId,
        like,
      );
    } else {
      // One or two characters give no trigram: the page is read along the list's own order, each ticket checked
      // until the page is full (common words fill it at once; see docs/architecture.md, "Searching text").
      add(
        // The notes are read per ticket walked (an aggregate cannot be turned into one scan of every note).
        `(t.problem ilike ? or t.suspected_cause ilike ? or coalesce((select bool_or(e.summary ilike ?) from ticket_events e where e.tenant_id = t.tenant_id and e.ticket_id = t.id and e.kind in ('NOTE', 'MESSAGE_TO_CUSTOMER')), false))`,
        like,
        like,
        like,
      );
    }
  }
  if (sort === TicketSort.URGENCY) return byUrgency(ctx, where, params, page, relations);
  const order = ORDER[sort];
  if (page.after) {
    const cursor = decodeTicketCursor(page.after);
    add(order.after, ...order.afterParams(cursor));
  }
  params.push(page.first + 1);
  // The page's rows are mapped to entities as read: one statement for the page and its relations.
  const pageSql = `select t.* from tickets t where ${where.join(' and ')} order by ${order.by} limit ?`;
  const rows = await ctx.em.execute<Record<string, unknown>[]>(withRelations(ctx, pageSql, order.by, relations), params);
  const { tickets: ordered, related } = mapWithRelations(ctx, rows, relations);
  return {
    related,
    items: ordered.slice(0, page.first),
    hasNextPage: ordered.length > page.first,
    cursorOf: (ticket) => encodeTicketCursor({ rank: PRIORITY_RANK[ticket.priority], createdAt: ticket.createdAt.toISOString(), id: ticket.id }),
  };
}

const ORDER: Record<Exclude<TicketSort, TicketSort.URGENCY>, { by: string; after: string; afterParams(c: Cursor): unknown[] }> = {
  [TicketSort.NEWEST]: {
    by: 't.created_at desc, t.id desc',
    after: '(t.created_at, t.id) < (cast(? as timestamptz), cast(? as uuid))',
    afterParams: (c) => [c.createdAt, c.id],
  },
  [TicketSort.OLDEST]: {
    by: 't.created_at asc, t.id asc',
    after: '(t.created_at, t.id) > (cast(? as timestamptz), cast(? as uuid))',
    afterParams: (c) => [c.createdAt, c.id],
  },
  [TicketSort.PRIORITY]: {
    by: 't.priority_rank desc, t.created_at desc, t.id desc',
    after: '(t.priority_rank, t.created_at, t.id) < (cast(? as smallint), cast(? as timestamptz), cast(? as uuid))',
    afterParams: (c) => [c.rank, c.createdAt, c.id],
  },
};

/**
 * The filter's tickets by the earliest due instant of their clocks, as stored
 * at each change (see domain/standards/clock-points.ts): those with a clock
 * still to keep first, the earliest first (a breached clock was due in the
 * past, so it comes before any still running), then those without one, oldest
 * first. A keyset read like the other orders: the cursor holds the last row's
 * (rank, instant, id).
 *
 * The two groups are read apart, each in its own order and limited to the
 * page, so that neither sorts the store's tickets: the first from the clock
 * points (kept for open tickets only), the second along the tickets' index by
 * registration.
 */
async function byUrgency(ctx: TenantContext, where: string[], params: unknown[], page: PageRequest, relations: TicketPageRelations): Promise<TicketPage> {
  const cursor = page.after ? decodeTicketCursor(page.after) : null;
  const dueConditions = [...where];
  const dueValues = [...params];
  const restConditions = [...where];
  const restValues = [...params];
  if (cursor && cursor.rank === 2) {
    dueConditions.push('false');
    restConditions.push('(t.created_at, t.id) > (cast(? as timestamptz), cast(? as uuid))');
    restValues.push(cursor.createdAt, cursor.id);
  } else if (cursor) {
    dueConditions.push('(p.due_at, p.ticket_id) > (cast(? as timestamptz), cast(? as uuid))');
    dueValues.push(cursor.createdAt, cursor.id);
  }
  const limit = page.first + 1;
  // The first group walks the clock points by due instant (ticket_clock_points_due_idx), keeping each ticket's
  // earliest point only; the second walks the tickets oldest first, skipping those with a point.
  const rows = await ctx.em.execute<{ id: string; due_at: Date | null; created_at: Date }[]>(
    `select u.id, u.due_at, u.created_at from (
       (select t.id, p.due_at, t.created_at, 0 as urgency_rank, p.due_at as urgency_at
          from ticket_clock_points p
          join tickets t on t.tenant_id = p.tenant_id and t.id = p.ticket_id
         where p.tenant_id = ?
           and not exists (select 1 from ticket_clock_points q where q.tenant_id = p.tenant_id and q.ticket_id = p.ticket_id
                             and (q.due_at, q.metric) < (p.due_at, p.metric))
           and ${dueConditions.join(' and ')}
         order by p.due_at, p.ticket_id limit ?)
       union all
       (select t.id, null, t.created_at, 1, t.created_at from tickets t
         where ${restConditions.join(' and ')}
           and not exists (select 1 from ticket_clock_points p where p.tenant_id = t.tenant_id and p.ticket_id = t.id)
         order by t.created_at, t.id limit ?)
     ) u order by u.urgency_rank, u.urgency_at, u.id limit ?`,
    [ctx.tenantId, ...dueValues, limit, ...restValues, limit, limit],
  );
  const ids = rows.map((row) => row.id);
  const loadedRows = ids.length
    ? await ctx.em.execute<Record<string, unknown>[]>(
        withRelations(ctx, 'select t.* from tickets t where t.tenant_id = ? and t.id in (?)', 't.id', relations),
        [ctx.tenantId, ids],
      )
    : [];
  const { tickets: loaded, related } = mapWithRelations(ctx, loadedRows, relations);
  const byId = new Map(loaded.map((ticket) => [ticket.id, ticket]));
  const keys = new Map(rows.map((row) => [row.id, keyOf(row, ctx.clock.now())]));
  const ordered = ids.map((id) => byId.get(id)!).filter(Boolean);
  return {
    related,
    items: ordered.slice(0, page.first),
    hasNextPage: ordered.length > page.first,
    cursorOf: (ticket) => {
      const key = keys.get(ticket.id)!;
      return encodeTicketCursor({ rank: key.rank, createdAt: key.at.toISOString(), id: ticket.id });
    },
  };
}

/**
 * Where a ticket stands in the urgency order, as its page cursor tells it:
 * 0 breached (the longest overdue first), 1 a deadline ahead (the nearest
 * first), 2 no clock running (the oldest first).
 */
interface UrgencyKey {
  rank: 0 | 1 | 2;
  /** When it breached, when it is due, or when the ticket was registered. */
  at: Date;
  id: string;
}

function keyOf(row: { id: string; due_at: Date | null; created_at: Date }, now: Date): UrgencyKey {
  if (!row.due_at) return { rank: 2, at: new Date(row.created_at), id: row.id };
  const at = new Date(row.due_at);
  return { rank: at <= now ? 0 : 1, at, id: row.id };
}

function encodeTicketCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeTicketCursor(text: string): Cursor {
  try {
    const [rank, createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [number, string, string];
    if (typeof rank !== 'number' || Number.isNaN(new Date(createdAt).getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad');
    return { rank, createdAt, id };
  } catch {
    throw new UserInputError('INVALID_CURSOR', 'The `after` cursor is not valid', ['after']);
  }
}

/** Today's date where the store is: a part is late from the day after its expected date, local time. */
export async function localToday(ctx: TenantContext): Promise<string> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  return DateTime.fromJSDate(ctx.clock.now(), { zone: tenant.timeZone }).toISODate()!;
}
