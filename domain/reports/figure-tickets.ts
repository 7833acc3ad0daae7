import type { TicketChannel, TicketPriority, TicketStatus, TicketType } from '../../core/desk-enums';
import { FigureRunSubset, MeasuredOutcome, SlaMetric } from '../../core/sla-enums';
import type { TenantContext } from '../context';
import { checkPageSize, decodeCursor, encodeCursor, Page, PageRequest } from '../pagination';
import { factConditions, FigureFilter, nowParams, outcomeCondition, subsetCondition } from './figure-filter';
import { dayRangeOf } from './figure-period';
import { readInScope } from './figure-scope';

/** One run behind a figure, with its ticket and store as a list shows them. */
export interface FigureTicket {
  ticketId: string;
  number: string;
  type: TicketType;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  storeSlug: string;
  storeName: string;
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

interface Row {
  ticket_id: string;
  number: string;
  type: TicketType;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  slug: string;
  name: string;
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
  checkPageSize(page.first);
  const range = dayRangeOf(filter.period);
  const after = page.after ? decodeCursor(page.after) : null;
  return readInScope(ctx, filter.storeIds, 'service figure tickets across the network', async (storeIds) => {
    const now = ctx.clock.now();
    const where = factConditions(filter, storeIds, range);
    const only = subset ? subsetCondition(subset, now) : null;
    const rows = await ctx.em.execute<Row[]>(
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
        page.first + 1,
      ],
    );
    return {
      items: rows.slice(0, page.first).map(toFigureTicket),
      hasNextPage: rows.length > page.first,
      cursorOf: (item: FigureTicket) => encodeCursor({ createdAt: item.startedAt, id: item.ticketId }),
    };
  });
}

function toFigureTicket(row: Row): FigureTicket {
  return {
    ticketId: row.ticket_id,
    number: row.number,
    type: row.type,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    storeSlug: row.slug,
    storeName: row.name,
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
