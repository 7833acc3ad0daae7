import { BacklogAge, TicketFigure } from '../../core/sla-enums';
import type { TenantContext } from '../context';
import { encodeCursor, firstPageOf, KeysetReading, Page, PageRequest, Position, readKeysetPages } from '../pagination';
import { dayRangeOf } from './figure-period';
import { FigureTicketColumns, FigureTicketRow, ticketColumnsOf } from './figure-ticket-columns';
import { readInScope } from './figure-scope';
import { ageAt, BACKLOG_INSTANT, inBacklogAt, periodFigure, VolumeFilter, volumeConditions } from './volume-filter';

/** One row behind a ticket-volume figure: a ticket, a level it reached, a part ordered or a slip, with its ticket and store. */
export interface VolumeTicket extends FigureTicketColumns {
  /** The row's own id: the ticket, the timeline entry, the parts order or the date change. */
  itemId: string;
  figure: TicketFigure;
  modelName: string | null;
  /** Registered, reached, ordered or slipped. */
  occurredAt: Date;
  localDate: string;
  /** BACKLOG: how long it had waited at the end of the period. */
  backlogAge: BacklogAge | null;
  level: number | null;
  levelName: string | null;
  partNumber: string | null;
  expectedOn: string | null;
  arrivedOn: string | null;
  slips: number | null;
  toldAt: Date | null;
}

/** Which rows: a figure's filter, the figure, and the age bucket (BACKLOG) or the level (ESCALATED) it narrows to. */
export interface VolumeRows {
  filter: VolumeFilter;
  figure: TicketFigure;
  backlogAge?: BacklogAge | null;
  level?: number | null;
}

interface Row extends FigureTicketRow {
  item_id: string;
  model_name: string | null;
  occurred_at: Date;
  local_date: string;
  backlog_age: BacklogAge | null;
  level: number | null;
  level_name: string | null;
  part_number: string | null;
  expected_on: string | null;
  arrived_on: string | null;
  slips: number | null;
  told_at: Date | null;
}

/** The rows behind a figure of `ticketFigures`, newest first, a page at a time: as many over all pages as the figure counts. */
export async function ticketFigureTickets(ctx: TenantContext, rows: VolumeRows, page: PageRequest): Promise<Page<VolumeTicket>> {
  return firstPageOf(page, (reading, onPage) => readVolumeTickets(ctx, rows, reading, onPage), cursorOf);
}

function cursorOf(item: VolumeTicket): string {
  return encodeCursor({ createdAt: item.occurredAt, id: item.itemId });
}

/**
 * Reads the rows in keyset pages and hands each one over before reading the
 * next (an export holds one page at a time), in one scope and against one
 * `now`, so a row cannot change between two pages.
 */
export async function readVolumeTickets(
  ctx: TenantContext,
  rows: VolumeRows,
  reading: KeysetReading,
  onPage: (rows: VolumeTicket[]) => Promise<void>,
): Promise<void> {
  const { filter, figure } = rows;
  const range = dayRangeOf(filter.period);
  await readInScope(ctx, filter.storeIds, 'ticket figure tickets across the network', async (storeIds) => {
    const now = ctx.clock.now();
    const where = volumeConditions(filter, storeIds);
    const counted = periodFigure(figure);
    const backlog = counted === null;
    const which = backlog
      ? { sql: `${inBacklogAt('b.at')}${rows.backlogAge ? ` and ${ageAt('b.at')} = ?` : ''}`, params: rows.backlogAge ? [rows.backlogAge] : [] }
      : {
          sql: `v.kind = ? and v.local_date between ? and ?${counted.only ? ` and ${counted.only}` : ''}`,
          params: [counted.kind, range.from, range.to, ...Array(counted.nows).fill(now)],
        };
    const level = figure === TicketFigure.ESCALATED && rows.level != null ? rows.level : null;
    const readPage = (after: Position | null, limit: number) =>
      ctx.em.execute<Row[]>(
        `select v.ticket_id, v.item_id, t.number, v.ticket_type as type, t.status, v.priority, v.channel, s.slug, s.name, pm.name as model_name,
                v.occurred_at, to_char(v.local_date, 'YYYY-MM-DD') as local_date, ${backlog ? ageAt('b.at') : 'null'} as backlog_age,
                v.level, v.level_name, po.part_number, to_char(v.expected_on, 'YYYY-MM-DD') as expected_on,
                to_char(v.arrived_on, 'YYYY-MM-DD') as arrived_on, v.slips, v.told_at
           from ticket_volume_facts v
           join tickets t on t.tenant_id = v.tenant_id and t.id = v.ticket_id
           join tenants s on s.id = v.tenant_id
           left join product_models pm on pm.id = v.model_id
           left join parts_orders po on po.tenant_id = v.tenant_id and po.id = v.parts_order_id
           ${backlog ? `cross join lateral (select ${BACKLOG_INSTANT} as at) b` : ''}
          where ${where.sql} and ${which.sql}
            ${level !== null ? 'and v.level = ?' : ''}
            ${after ? 'and (v.occurred_at, v.item_id) < (?, ?)' : ''}
          order by v.occurred_at desc, v.item_id desc
          limit ?`,
        [
          ...(backlog ? [range.to, now] : []),
          ...where.params,
          ...which.params,
          ...(level !== null ? [level] : []),
          ...(after ? [after.createdAt, after.id] : []),
          limit,
        ],
      );
    const positionOf = (last: Row) => ({ createdAt: new Date(last.occurred_at), id: last.item_id });
    await readKeysetPages(reading, readPage, positionOf, (found) => onPage(found.map((row) => toVolumeTicket(row, figure))));
  });
}

function toVolumeTicket(row: Row, figure: TicketFigure): VolumeTicket {
  const { ticketId, ...ticket } = ticketColumnsOf(row);
  // The row's own keys after its ticket's id, as the export's JSON has always listed them.
  return {
    ticketId,
    itemId: row.item_id,
    figure,
    ...ticket,
    modelName: row.model_name,
    occurredAt: new Date(row.occurred_at),
    localDate: row.local_date,
    backlogAge: row.backlog_age,
    level: row.level,
    levelName: row.level_name,
    partNumber: row.part_number,
    expectedOn: row.expected_on,
    arrivedOn: row.arrived_on,
    slips: row.slips,
    toldAt: row.told_at && new Date(row.told_at),
  };
}
