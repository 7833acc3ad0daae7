import { FigureInterval, MeasuredOutcome, SlaMetric } from '../../core/sla-enums';
import type { TenantContext } from '../context';
import { DECIDED_ON_24_HOURS, factConditions, FigureFilter, narrowsByKind, outcomeCondition, STOPPED, UNSETTLED, WITHIN_24_HOURS } from './figure-filter';
import { bucketStarts, DayRange, dayRangeOf, isWholeMonths } from './figure-period';
import { bucketedPercentiles, NO_PERCENTILES, PercentilesPart, sortedPercentiles } from './figure-percentiles';
import { readInScope } from './figure-scope';

/** One metric's figures over a set of runs. */
export interface MetricFigures {
  metric: SlaMetric;
  /** Runs started in the period: met + breached + running. */
  measured: number;
  met: number;
  breached: number;
  /** Neither stopped nor past due yet (paused ones included). */
  running: number;
  /** met / (met + breached), in percent with two decimals; null when nothing is decided. */
  compliancePercent: number | null;
  /** Of the runs that stopped: the median and 90th percentile of the working minutes they used (interpolated). */
  medianWorkingMinutes: number | null;
  p90WorkingMinutes: number | null;
}

/** How soon customers first heard from a person (the FIRST_CONTACT clock's runs). */
export interface FirstResponseFigures {
  measured: number;
  responded: number;
  /** Calendar minutes from registration to the first contact, over the runs that stopped. */
  averageMinutes: number | null;
  medianMinutes: number | null;
  averageWorkingMinutes: number | null;
  medianWorkingMinutes: number | null;
  /** Responded within 24 calendar hours. */
  within24Hours: number;
  /** within24Hours over the runs decided on it (responded, or waiting 24 hours or more), in percent. */
  within24HoursPercent: number | null;
  /** The FIRST_CONTACT target met over met + breached, in percent. */
  withinStandardPercent: number | null;
}

export interface FigureBucket {
  /** First day of the interval (a Monday for a week). */
  start: string;
  metrics: MetricFigures[];
  firstResponse: FirstResponseFigures;
}

/** One store's figures over the same runs, for a comparison of stores read in one statement. */
export interface StoreFigures {
  storeId: string;
  slug: string;
  name: string;
  metrics: MetricFigures[];
  firstResponse: FirstResponseFigures;
}

export interface ServiceFigures {
  from: string;
  to: string;
  storeIds: string[];
  metrics: MetricFigures[];
  firstResponse: FirstResponseFigures;
  /** Every interval of the period in order, empty ones included; none unless asked for. */
  series: FigureBucket[];
  /** Every store counted, by slug, zeros included; none unless asked for. */
  stores: StoreFigures[];
}

/**
 * How much of a part of the read the caller uses: nothing, the counts, or the
 * counts with the medians and 90th percentiles (which sort every stopped run
 * of the part: most of a network read's time, so left out when nobody reads them).
 */
export type FigurePart = 'NONE' | 'COUNTS' | 'ALL';

/** What a read adds to the period's figures: a series by interval, the stores one by one; and how much of each part is used. */
export interface FigureBreakdowns {
  groupBy?: FigureInterval | null;
  byStore?: boolean;
  /** By default all of each part asked for. */
  parts?: { period?: FigurePart; series?: FigurePart; stores?: FigurePart };
}

interface Row {
  /** The interval's first day, or the store's id (empty for the period): the group a row counts. */
  bucket: string;
  metric: SlaMetric;
  measured: string;
  met: string;
  breached: string;
  running: string;
  median: string | null;
  p90: string | null;
  responded: string;
  avg_minutes: string | null;
  median_minutes: string | null;
  avg_working: string | null;
  within_24h: string;
  decided_24h: string;
}

/** The group of a read of the whole period. */
const PERIOD = `''`;

const BUCKET_SQL: Record<FigureInterval, string> = {
  [FigureInterval.DAY]: `to_char(f.local_date, 'YYYY-MM-DD')`,
  [FigureInterval.WEEK]: `to_char(date_trunc('week', f.local_date), 'YYYY-MM-DD')`,
  [FigureInterval.MONTH]: `to_char(date_trunc('month', f.local_date), 'YYYY-MM-DD')`,
};

/**
 * The statement of one read, grouped by `bucket` (an expression on `f`) and
 * metric. Its counts add two parts that never overlap: the settled runs,
 * summed from `settled.table`'s rollups (see `settledRollups`), and the
 * others, counted from the facts (few: the partial index of unsettled runs)
 * with the outcome they have at `now`. The medians and the 90th percentile are
 * the `stopped` part (figure-percentiles.ts), only where the caller reads them.
 * Parameters: the rollups' filter, `now` three times and the facts' filter,
 * then the percentiles' own.
 */
function figuresSql(bucket: string, settled: SettledRollups, where: string, stopped: PercentilesPart): string {
  return `with settled as (
       select ${bucket} as bucket, f.metric, sum(f.runs) as measured, sum(f.met) as met, sum(f.breached) as breached, 0 as running,
              sum(f.runs) as responded, sum(f.within_24h) as within_24h, sum(f.runs) as decided_24h,
              sum(f.working_minutes) as working_minutes, sum(f.calendar_seconds) as calendar_seconds
         from ${settled.table} f
        where ${settled.where.sql}
        group by 1, 2
     ),
     unsettled as (
       select ${bucket} as bucket, f.metric, count(*) as measured,
              count(*) filter (where ${outcomeCondition(MeasuredOutcome.MET)}) as met,
              count(*) filter (where ${outcomeCondition(MeasuredOutcome.BREACHED)}) as breached,
              count(*) filter (where ${outcomeCondition(MeasuredOutcome.RUNNING)}) as running,
              count(*) filter (where ${STOPPED}) as responded,
              count(*) filter (where ${WITHIN_24_HOURS}) as within_24h,
              count(*) filter (where ${DECIDED_ON_24_HOURS}) as decided_24h,
              sum(f.working_minutes) filter (where ${STOPPED}) as working_minutes,
              sum(extract(epoch from f.stopped_at - f.started_at)) filter (where ${STOPPED}) as calendar_seconds
         from ticket_metric_facts f
        where ${UNSETTLED} and ${where}
        group by 1, 2
     ),
     counted as (
       select bucket, metric, sum(measured) as measured, sum(met) as met, sum(breached) as breached, sum(running) as running,
              sum(responded) as responded, sum(within_24h) as within_24h, sum(decided_24h) as decided_24h,
              sum(working_minutes) as working_minutes, sum(calendar_seconds) as calendar_seconds
         from (select * from settled union all select * from unsettled) parts
        group by 1, 2
     )${stopped.cte}
     select c.bucket, c.metric, c.measured, c.met, c.breached, c.running, c.responded, c.within_24h, c.decided_24h,
            ${stopped.columns},
            c.working_minutes / nullif(c.responded, 0) as avg_working,
            c.calendar_seconds / 60 / nullif(c.responded, 0) as avg_minutes
       from counted c ${stopped.join}`;
}

/** Where a read sums its settled runs: a table of rollups and the filter on it. */
interface SettledRollups {
  table: string;
  where: { sql: string; params: unknown[] };
}

/**
 * The fewest rollup rows that count the filter's settled runs exactly: per
 * store and local month for whole months (one row where a day's were about
 * thirty), else per store and day; per ticket kind only when the filter names
 * a ticket type, channel or priority (the other rows carry none).
 */
function settledRollups(filter: FigureFilter, storeIds: string[], range: DayRange, byMonth: boolean): SettledRollups {
  if (byMonth) return { table: 'ticket_metric_month_rollups', where: factConditions(filter, storeIds, range, 'month') };
  return { table: narrowsByKind(filter) ? 'ticket_metric_rollups' : 'ticket_metric_day_rollups', where: factConditions(filter, storeIds, range) };
}

/**
 * The service figures of a store, some stores or an HQ's whole network over a
 * period of local days, per metric, with the first response, as a series
 * when `groupBy` is given, and store by store when asked. One statement for
 * the period, one for the series and one for the stores, whatever the number
 * of tickets and stores behind them (see `figuresSql`); none for a part the
 * caller does not use, and no percentiles where it uses only the counts.
 */
export async function serviceFigures(ctx: TenantContext, filter: FigureFilter, breakdowns: FigureBreakdowns = {}): Promise<ServiceFigures> {
  const { groupBy = null, byStore = false, parts = {} } = breakdowns;
  const { period = 'ALL', series: seriesPart = groupBy ? 'ALL' : 'NONE', stores: storesPart = byStore ? 'ALL' : 'NONE' } = parts;
  const range = dayRangeOf(filter.period);
  return readInScope(ctx, filter.storeIds, 'service figures across the network', async (storeIds) => {
    const now = ctx.clock.now();
    const where = factConditions(filter, storeIds, range);
    // Whole months without a kind filter are counted from the rows per month (the series' buckets are days and weeks too: per day).
    const byMonth = !narrowsByKind(filter) && isWholeMonths(range);
    const read = async (bucket: string, part: FigurePart, monthly = byMonth): Promise<Row[]> => {
      if (part === 'NONE') return [];
      const settled = settledRollups(filter, storeIds, range, monthly);
      const stopped =
        part === 'COUNTS' ? NO_PERCENTILES : monthly && bucket === PERIOD ? bucketedPercentiles(settled.where, where) : sortedPercentiles(bucket, where);
      const params = [...settled.where.params, now, now, now, ...where.params, ...stopped.params];
      return ctx.em.execute<Row[]>(figuresSql(bucket, settled, where.sql, stopped), params);
    };
    const totals = await read(PERIOD, period);
    const series = groupBy ? await read(BUCKET_SQL[groupBy], seriesPart, false) : [];
    return {
      ...range,
      storeIds,
      ...figuresOf(totals),
      series: groupBy ? bucketStarts(range, groupBy).map((start) => ({ start, ...figuresOf(series.filter((row) => row.bucket === start)) })) : [],
      stores: byStore ? storesOf(await storeNames(ctx, storeIds), await read('f.tenant_id::text', storesPart)) : [],
    };
  });
}

async function storeNames(ctx: TenantContext, storeIds: string[]): Promise<{ id: string; slug: string; name: string }[]> {
  return ctx.em.execute(`select id, slug, name from tenants where id in (?) order by slug`, [storeIds]);
}

function storesOf(stores: { id: string; slug: string; name: string }[], rows: Row[]): StoreFigures[] {
  return stores.map(({ id, slug, name }) => ({ storeId: id, slug, name, ...figuresOf(rows.filter((row) => row.bucket === id)) }));
}

function figuresOf(rows: Row[]): { metrics: MetricFigures[]; firstResponse: FirstResponseFigures } {
  const byMetric = new Map(rows.map((row) => [row.metric, row]));
  const metrics = Object.values(SlaMetric).map((metric) => metricFigures(metric, byMetric.get(metric)));
  const contact = byMetric.get(SlaMetric.FIRST_CONTACT);
  const contactFigures = metrics.find((figures) => figures.metric === SlaMetric.FIRST_CONTACT)!;
  return {
    metrics,
    firstResponse: {
      measured: contactFigures.measured,
      responded: Number(contact?.responded ?? 0),
      averageMinutes: decimal(contact?.avg_minutes),
      medianMinutes: decimal(contact?.median_minutes),
      averageWorkingMinutes: decimal(contact?.avg_working),
      medianWorkingMinutes: contactFigures.medianWorkingMinutes,
      within24Hours: Number(contact?.within_24h ?? 0),
      within24HoursPercent: percent(Number(contact?.within_24h ?? 0), Number(contact?.decided_24h ?? 0)),
      withinStandardPercent: contactFigures.compliancePercent,
    },
  };
}

function metricFigures(metric: SlaMetric, row: Row | undefined): MetricFigures {
  const met = Number(row?.met ?? 0);
  const breached = Number(row?.breached ?? 0);
  return {
    metric,
    measured: Number(row?.measured ?? 0),
    met,
    breached,
    running: Number(row?.running ?? 0),
    compliancePercent: percent(met, met + breached),
    medianWorkingMinutes: decimal(row?.median),
    p90WorkingMinutes: decimal(row?.p90),
  };
}

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10000) / 100);

const decimal = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100;
