import type { CallbackState } from '../../core/callback-enums';
import { CareFigure } from '../../core/care-enums';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';
import { encodeCursor, firstPageOf, KeysetReading, Page, PageRequest, Position, readKeysetPages } from '../pagination';
import { CARE_CONDITIONS, SOURCES } from './care-conditions';
import { factConditions, FigureFilter } from './figure-filter';
import { dayRangeOf } from './figure-period';
import { FigureTicketColumns, FigureTicketRow, ticketColumnsOf } from './figure-ticket-columns';
import { readInScope } from './figure-scope';

/** One ticket (for the survey figures, one callback of it) behind a customer-care figure. */
export interface CareFigureTicket extends FigureTicketColumns {
  /** The day it counts on: registered (complaints), resolved (surveys, repeat repairs), in the store's time zone. */
  localDate: string;
  /** The instant it counts from: its registration or its resolution. */
  countedAt: Date;
  /** Complaints: when the result was reported, and when the standard wanted it. */
  resultReportedAt: Date | null;
  complaintDueAt: Date | null;
  /** Repeat repairs: when the same device came back. */
  returnedAt: Date | null;
  /** Surveys: the callback's state, score, and whether the ticket was reopened after the answer. */
  callbackState: CallbackState | null;
  score: number | null;
  reopened: boolean | null;
  /** What breaks ties in the order: the ticket's id, or the callback's. */
  key: string;
}

/** A ticket behind a figure as a list or an export shows it: without the ordering key. */
export type CareFigureLine = Omit<CareFigureTicket, 'key'>;

export function lineOf(ticket: CareFigureTicket): CareFigureLine {
  const line: Partial<CareFigureTicket> = { ...ticket };
  delete line.key;
  return line as CareFigureLine;
}

/** Which rows: a figure's filter, the figure, and for the surveys a score and paid services only. */
export interface CareFigureRows {
  filter: FigureFilter;
  figure: CareFigure;
  score?: number | null;
  paidServicesOnly?: boolean | null;
}

interface Row extends FigureTicketRow {
  local_date: string;
  counted_at: Date;
  result_reported_at: Date | null;
  complaint_due_at: Date | null;
  returned_at: Date | null;
  callback_state: CallbackState | null;
  score: number | null;
  reopened: boolean | null;
  key: string;
}

/** The columns each source gives beyond the ticket's: nulls where they mean nothing. */
const EXTRA_COLUMNS = {
  registrations: `f.result_reported_at, case when f.ticket_type = 'COMPLAINT' then r.due_at end as complaint_due_at, null::timestamptz as returned_at,
                  null::text as callback_state, null::smallint as score, null::boolean as reopened`,
  resolutions: `null::timestamptz as result_reported_at, null::timestamptz as complaint_due_at, f.returned_at,
                null::text as callback_state, null::smallint as score, null::boolean as reopened`,
  callbacks: `null::timestamptz as result_reported_at, null::timestamptz as complaint_due_at, null::timestamptz as returned_at,
              f.state as callback_state, f.score, f.reopened`,
};

/**
 * The tickets behind a customer-care figure, newest first, a page at a time:
 * the same filter as `careFigures`; their count over all pages is the figure's.
 */
export async function careFigureTickets(ctx: TenantContext, rows: CareFigureRows, page: PageRequest): Promise<Page<CareFigureTicket>> {
  return firstPageOf(page, (reading, onPage) => readCareFigureTickets(ctx, rows, reading, onPage), cursorOf);
}

function cursorOf(item: CareFigureTicket): string {
  return encodeCursor({ createdAt: item.countedAt, id: item.key });
}

/**
 * Reads the rows in keyset pages and hands each over before reading the next
 * (an export holds one page at a time), all in one scope and against one `now`.
 */
export async function readCareFigureTickets(
  ctx: TenantContext,
  rows: CareFigureRows,
  reading: KeysetReading,
  onPage: (rows: CareFigureTicket[]) => Promise<void>,
): Promise<void> {
  const condition = CARE_CONDITIONS[rows.figure];
  const source = SOURCES[condition.source];
  const narrowed = narrowing(rows, condition.source);
  const range = dayRangeOf(rows.filter.period);
  await readInScope(ctx, rows.filter.storeIds, 'customer-care figure tickets across the network', async (storeIds) => {
    const now = ctx.clock.now();
    const where = factConditions(rows.filter, storeIds, range, source.dateColumn);
    const readPage = (after: Position | null, limit: number) =>
      ctx.em.execute<Row[]>(
        `select f.ticket_id, t.number, t.type, t.status, t.priority, t.channel, s.slug, s.name,
                to_char(f.${source.dateColumn}, 'YYYY-MM-DD') as local_date, ${source.instant} as counted_at, ${source.key} as key,
                ${EXTRA_COLUMNS[condition.source]}
           from ${source.from}
           join tickets t on t.tenant_id = f.tenant_id and t.id = f.ticket_id
           join tenants s on s.id = f.tenant_id
          where ${where.sql} and ${condition.sql} ${narrowed.sql}
            ${after ? `and (${source.instant}, ${source.key}) < (?, ?)` : ''}
          order by ${source.instant} desc, ${source.key} desc
          limit ?`,
        [...where.params, ...(condition.takesNow ? [now] : []), ...narrowed.params, ...(after ? [after.createdAt, after.id] : []), limit],
      );
    const positionOf = (last: Row) => ({ createdAt: new Date(last.counted_at), id: last.key });
    await readKeysetPages(reading, readPage, positionOf, (found) => onPage(found.map(toTicket)));
  });
}

/** A score and paid services narrow the survey figures only. */
function narrowing(rows: CareFigureRows, source: string): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (rows.score != null || rows.paidServicesOnly) {
    if (source !== 'callbacks') {
      throw new UserInputError('NOT_A_SURVEY_FIGURE', '`score` and `paidServicesOnly` narrow the survey figures only', [
        rows.score != null ? 'score' : 'paidServicesOnly',
      ]);
    }
  }
  if (rows.score != null) {
    if (!Number.isInteger(rows.score) || rows.score < 1 || rows.score > 5) throw new UserInputError('INVALID_SCORE', 'A score is 1 to 5', ['score']);
    parts.push('and f.score = ?');
    params.push(rows.score);
  }
  if (rows.paidServicesOnly) parts.push('and f.paid_service');
  return { sql: parts.join(' '), params };
}

function toTicket(row: Row): CareFigureTicket {
  const instant = (value: Date | null) => (value ? new Date(value) : null);
  return {
    ...ticketColumnsOf(row),
    localDate: row.local_date,
    countedAt: new Date(row.counted_at),
    resultReportedAt: instant(row.result_reported_at),
    complaintDueAt: instant(row.complaint_due_at),
    returnedAt: instant(row.returned_at),
    callbackState: row.callback_state,
    score: row.score === null ? null : Number(row.score),
    reopened: row.reopened,
    key: row.key,
  };
}
