import type { TicketChannel, TicketPriority, TicketType } from '../../core/desk-enums';
import { BacklogAge, FigureInterval, TicketFactKind } from '../../core/sla-enums';
import type { TenantContext } from '../context';
import { bucketStarts, dayRangeOf } from './figure-period';
import { readInScope } from './figure-scope';
import { ageAt, BACKLOG_INSTANT, inBacklogAt, PART_ARRIVED_LATE, PART_LATE_NOW, VolumeFilter, volumeConditions } from './volume-filter';

export interface Count<K> {
  key: K;
  count: number;
}

export interface ModelCount {
  /** Null for the tickets without a device. */
  modelId: string | null;
  name: string | null;
  count: number;
}

export interface BacklogFigures {
  /** Tickets open at the end of the period (or now, for a period that has not ended). */
  total: number;
  /** Every age bucket, in order, zeros included. */
  ages: { age: BacklogAge; count: number }[];
}

export interface EscalationCount {
  level: number;
  /** The level's name in the ladder (of the first ticket's standard, by name). */
  name: string;
  /** Times the level was reached (a ticket can reach it once per clock run). */
  count: number;
  /** Tickets that reached it. */
  tickets: number;
}

export interface PartsFigures {
  /** Parts ordered in the period (on the day they were ordered). */
  ordered: number;
  /** Of those, still awaited past their expected day (as of now). */
  late: number;
  /** Of those, arrived after their expected day. */
  arrivedLate: number;
  /** Of those, whose expected date moved later at least once. */
  slipped: number;
  /** The later moves of those orders' dates, all counted. */
  slips: number;
  /** slips / ordered, two decimals; null without orders. */
  slipsPerOrder: number | null;
  /** Slips of a part's date that happened in the period (on their day). */
  slipNotices: number;
  /** Of those, told to the customer within the standard. */
  told: number;
  /** told / slipNotices in percent, two decimals; null without slips. */
  toldPercent: number | null;
}

export interface VolumeBucket {
  start: string;
  /** The interval's last day within the period. */
  end: string;
  registered: number;
  /** Open at the end of `end`. */
  backlog: number;
  escalated: number;
  partsOrdered: number;
  slipNotices: number;
}

export interface TicketFigures {
  from: string;
  to: string;
  storeIds: string[];
  registered: number;
  byType: Count<TicketType>[];
  byChannel: Count<TicketChannel>[];
  byPriority: Count<TicketPriority>[];
  byModel: ModelCount[];
  backlog: BacklogFigures;
  escalations: EscalationCount[];
  parts: PartsFigures;
  series: VolumeBucket[];
}

interface PeriodRow {
  kind: TicketFactKind;
  ticket_type: TicketType | null;
  channel: TicketChannel | null;
  priority: TicketPriority | null;
  model_id: string | null;
  level: number | null;
  by_type: number;
  by_channel: number;
  by_priority: number;
  by_model: number;
  by_level: number;
  n: string;
  tickets: string;
  level_name: string | null;
  late: string;
  arrived_late: string;
  slipped: string;
  slips: string;
  told: string;
}

const BUCKET_SQL: Record<FigureInterval, string> = {
  [FigureInterval.DAY]: `to_char(v.local_date, 'YYYY-MM-DD')`,
  [FigureInterval.WEEK]: `to_char(date_trunc('week', v.local_date), 'YYYY-MM-DD')`,
  [FigureInterval.MONTH]: `to_char(date_trunc('month', v.local_date), 'YYYY-MM-DD')`,
};

/**
 * The ticket-volume figures of a store, some stores or an HQ's network over a
 * period of local days: tickets registered by type, channel, priority and
 * product model, the backlog at the period's end by age, the ladder levels
 * reached, and the parts ordered, late and slipped with the customers told.
 * Counted in SQL from `ticket_volume_facts`: one statement for the period's
 * rows, one for the backlog, and two more for a series, whatever the number
 * of tickets and stores.
 */
export async function ticketFigures(ctx: TenantContext, filter: VolumeFilter, groupBy: FigureInterval | null = null): Promise<TicketFigures> {
  const range = dayRangeOf(filter.period);
  return readInScope(ctx, filter.storeIds, 'ticket figures across the network', async (storeIds) => {
    const now = ctx.clock.now();
    const where = volumeConditions(filter, storeIds);
    const rows = await ctx.em.execute<PeriodRow[]>(
      `select v.kind, v.ticket_type, v.channel, v.priority, v.model_id, v.level,
              grouping(v.ticket_type) = 0 as by_type, grouping(v.channel) = 0 as by_channel, grouping(v.priority) = 0 as by_priority,
              grouping(v.model_id) = 0 as by_model, grouping(v.level) = 0 as by_level,
              count(*) as n, count(distinct v.ticket_id) as tickets, min(v.level_name) as level_name,
              count(*) filter (where ${PART_LATE_NOW}) as late,
              count(*) filter (where ${PART_ARRIVED_LATE}) as arrived_late,
              count(*) filter (where v.slips > 0) as slipped,
              coalesce(sum(v.slips), 0) as slips,
              count(*) filter (where v.told_at is not null) as told
         from ticket_volume_facts v
         join tenants s on s.id = v.tenant_id
        where ${where.sql} and v.local_date between ? and ?
        group by grouping sets ((v.kind), (v.kind, v.ticket_type), (v.kind, v.channel), (v.kind, v.priority), (v.kind, v.model_id), (v.kind, v.level))`,
      [now, ...where.params, range.from, range.to],
    );
    const ages = await ctx.em.execute<{ age: BacklogAge; n: string }[]>(
      `select ${ageAt('b.at')} as age, count(*) as n
         from ticket_volume_facts v
         join tenants s on s.id = v.tenant_id
         cross join lateral (select ${BACKLOG_INSTANT} as at) b
        where ${where.sql} and ${inBacklogAt('b.at')}
        group by 1`,
      [range.to, now, ...where.params],
    );
    const totalOf = (kind: TicketFactKind) => rows.find((row) => row.kind === kind && !groupedAtAll(row));
    const registered = totalOf(TicketFactKind.REGISTERED);
    const ordered = totalOf(TicketFactKind.PART_ORDERED);
    const slipRows = totalOf(TicketFactKind.PART_SLIPPED);
    const counted = <K>(by: keyof PeriodRow, key: keyof PeriodRow): Count<K>[] =>
      rows
        .filter((row) => row.kind === TicketFactKind.REGISTERED && row[by])
        .map((row) => ({ key: row[key] as K, count: Number(row.n) }))
        .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
    const models = rows.filter((row) => row.kind === TicketFactKind.REGISTERED && row.by_model);
    const names = await modelNames(
      ctx,
      models.flatMap((row) => (row.model_id ? [row.model_id] : [])),
    );
    const backlogCounts = new Map(ages.map((row) => [row.age, Number(row.n)]));
    const orderedCount = Number(ordered?.n ?? 0);
    const slipCount = Number(ordered?.slips ?? 0);
    const notices = Number(slipRows?.n ?? 0);
    const told = Number(slipRows?.told ?? 0);
    return {
      ...range,
      storeIds,
      registered: Number(registered?.n ?? 0),
      byType: counted<TicketType>('by_type', 'ticket_type'),
      byChannel: counted<TicketChannel>('by_channel', 'channel'),
      byPriority: counted<TicketPriority>('by_priority', 'priority'),
      byModel: models
        .map((row) => ({ modelId: row.model_id, name: row.model_id ? (names.get(row.model_id) ?? null) : null, count: Number(row.n) }))
        .sort((a, b) => b.count - a.count || Number(a.name === null) - Number(b.name === null) || (a.name ?? '').localeCompare(b.name ?? '')),
      backlog: {
        total: [...backlogCounts.values()].reduce((sum, n) => sum + n, 0),
        ages: Object.values(BacklogAge).map((age) => ({ age, count: backlogCounts.get(age) ?? 0 })),
      },
      escalations: rows
        .filter((row) => row.kind === TicketFactKind.ESCALATED && row.by_level)
        .map((row) => ({ level: row.level!, name: row.level_name ?? '', count: Number(row.n), tickets: Number(row.tickets) }))
        .sort((a, b) => a.level - b.level),
      parts: {
        ordered: orderedCount,
        late: Number(ordered?.late ?? 0),
        arrivedLate: Number(ordered?.arrived_late ?? 0),
        slipped: Number(ordered?.slipped ?? 0),
        slips: slipCount,
        slipsPerOrder: orderedCount ? Math.round((slipCount / orderedCount) * 100) / 100 : null,
        slipNotices: notices,
        told,
        toldPercent: notices ? Math.round((told / notices) * 10000) / 100 : null,
      },
      series: groupBy ? await seriesOf(ctx, where, range, groupBy, now) : [],
    };
  });
}

/** A row of the grouping sets that breaks a kind down (the kind's own total has every column rolled up). */
const groupedAtAll = (row: PeriodRow) => row.by_type || row.by_channel || row.by_priority || row.by_model || row.by_level;

async function modelNames(ctx: TenantContext, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await ctx.em.execute<{ id: string; name: string }[]>(`select id, name from product_models where id in (?)`, [ids]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function seriesOf(
  ctx: TenantContext,
  where: { sql: string; params: unknown[] },
  range: { from: string; to: string },
  groupBy: FigureInterval,
  now: Date,
): Promise<VolumeBucket[]> {
  const starts = bucketStarts(range, groupBy);
  const ends = starts.map((_, index) => (starts[index + 1] ? dayBefore(starts[index + 1]) : range.to));
  const counts = await ctx.em.execute<{ bucket: string; kind: TicketFactKind; n: string }[]>(
    `select ${BUCKET_SQL[groupBy]} as bucket, v.kind, count(*) as n
       from ticket_volume_facts v
      where ${where.sql} and v.local_date between ? and ?
      group by 1, 2`,
    [...where.params, range.from, range.to],
  );
  const backlog = await ctx.em.execute<{ day: string; n: string }[]>(
    `select to_char(b.last_day, 'YYYY-MM-DD') as day, count(*) as n
       from unnest(?::date[]) as b(last_day)
       cross join ticket_volume_facts v
       join tenants s on s.id = v.tenant_id
       cross join lateral (select least(((b.last_day + 1)::timestamp at time zone s.time_zone), ?::timestamptz) as at) i
      where ${where.sql} and ${inBacklogAt('i.at')}
      group by 1`,
    [`{${ends.join(',')}}`, now, ...where.params],
  );
  const count = (start: string, kind: TicketFactKind) => Number(counts.find((row) => row.bucket === start && row.kind === kind)?.n ?? 0);
  return starts.map((start, index) => ({
    start,
    end: ends[index],
    registered: count(start, TicketFactKind.REGISTERED),
    backlog: Number(backlog.find((row) => row.day === ends[index])?.n ?? 0),
    escalated: count(start, TicketFactKind.ESCALATED),
    partsOrdered: count(start, TicketFactKind.PART_ORDERED),
    slipNotices: count(start, TicketFactKind.PART_SLIPPED),
  }));
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
