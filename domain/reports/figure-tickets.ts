import { FigureRunSubset, MeasuredOutcome, SlaMetric } from '../../core/sla-enums';
import type { TenantContext } from '../context';
import { encodeCursor, firstPageOf, KeysetReading, Page, PageRequest, Position, readKeysetPages } from '../pagination';
import { factConditions, FigureFilter, nowParams, outcomeCondition, subsetCondition } from './figure-filter';
import { dayRangeOf } from './figure-period';
import { FigureTicketColumns, FigureTicketRow, ticketColumnsOf } from './figure-ticket-columns';
import { readInScope } from './figure-scope';

/** One run behind a figure, with its ticket and store as a list shows them. */
export interface FigureTicket extends FigureTicketColumns {
  metric: SlaMetric;
  /** As the figures count it now (a running run past its due instant is breached). */
  outcome: MeasuredOutcome;
  startedAt: Date;
  localDate: string;
  dueAt: Date | null;
  stoppedAt: Date | null;
  breachedAt: Date | null;
  workingMinutes: number;
}

interface Row extends FigureTicketRow {
  metric: SlaMetric;
  outcome: MeasuredOutcome;
  started_at: Date;
  local_date: string;
  due_at: Date | null;
  stopped_at: Date | null;
  breached_at: Date | null;
  working_minutes: string;
}

/**
 * The runs behind a figure, newest start first, a page at a time: the same
 * filter as `serviceFigures`, one metric, an outcome (none: every run
 * measured) and a subset (the runs behind the time used and the first
 * response). Their count over all pages is the figure's.
 */
export async function serviceFigureTickets(
  ctx: TenantContext,
  filter: FigureFilter,
  metric: SlaMetric,
  outcome: MeasuredOutcome | null,
  subset: FigureRunSubset | null,
  page: PageRequest,
): Promise<Page<FigureTicket>> {
  const runs = { filter, metric, outcome, subset };
  return firstPageOf(page, (reading, onPage) => readFigureTickets(ctx, runs, reading, onPage), cursorOf);
}

function cursorOf(item: FigureTicket): string {
  return encodeCursor({ createdAt: item.startedAt, id: item.ticketId });
}

/** Which runs: a figure's filter, its metric, and the outcome or subset it counts. */
export interface FigureRuns {
  filter: FigureFilter;
  metric: SlaMetric;
  outcome: MeasuredOutcome | null;
  subset: FigureRunSubset | null;
}

/**
 * Reads the runs in keyset pages and hands each one over before reading the
 * next, so an export of any size holds one page at a time; all pages are
 * read in one scope (for an HQ, one audited network read) and against one
 * `now`, so a run cannot change outcome between two pages.
 */
export async function readFigureTickets(
  ctx: TenantContext,
  runs: FigureRuns,
  reading: KeysetReading,
  onPage: (rows: FigureTicket[]) => Promise<void>,
): Promise<void> {
  const { filter, metric, outcome, subset } = runs;
  const range = dayRangeOf(filter.period);
  await readInScope(ctx, filter.storeIds, 'service figure tickets across the network', async (storeIds) => {
    const now = ctx.clock.now();
    const where = factConditions(filter, storeIds, range);
    const only = subset ? subsetCondition(subset, now) : null;
    const readPage = (after: Position | null, limit: number) =>
      ctx.em.execute<Row[]>(
        `select f.ticket_id, t.number, t.type, t.status, t.priority, t.channel, s.slug, s.name, f.metric,
                case when ${outcomeCondition(MeasuredOutcome.BREACHED)} then 'BREACHED' else f.outcome end as outcome,
                f.started_at, to_char(f.local_date, 'YYYY-MM-DD') as local_date, f.due_at, f.stopped_at,
                f.breached_at, f.working_minutes
           from ticket_metric_facts f
           join tickets t on t.tenant_id = f.tenant_id and t.id = f.ticket_id
           join tenants s on s.id = f.tenant_id
          where ${where.sql} and f.metric = ?
            ${outcome ? `and ${outcomeCondition(outcome)}` : ''}
            ${only ? `and ${only.sql}` : ''}
            ${after ? 'and (f.started_at, f.ticket_id) < (?, ?)' : ''}
          order by f.started_at desc, f.ticket_id desc
          limit ?`,
        [
          now,
          ...where.params,
          metric,
          ...(outcome ? nowParams(outcome, now) : []),
          ...(only?.params ?? []),
          ...(after ? [after.createdAt, after.id] : []),
          limit,
        ],
      );
    const positionOf = (last: Row) => ({ createdAt: new Date(last.started_at), id: last.ticket_id });
    await readKeysetPages(reading, readPage, positionOf, (rows) => onPage(rows.map(toFigureTicket)));
  });
}

function toFigureTicket(row: Row): FigureTicket {
  return {
    ...ticketColumnsOf(row),
    metric: row.metric,
    outcome: row.outcome,
    startedAt: new Date(row.started_at),
    localDate: row.local_date,
    dueAt: row.due_at && new Date(row.due_at),
    stoppedAt: row.stopped_at && new Date(row.stopped_at),
    // A run counted breached because its due instant passed unwritten was breached then.
    breachedAt: row.breached_at ? new Date(row.breached_at) : row.outcome === MeasuredOutcome.BREACHED && row.due_at ? new Date(row.due_at) : null,
    workingMinutes: Number(row.working_minutes),
  };
}
