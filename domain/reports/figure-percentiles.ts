import { PercentileMeasure, SlaMetric } from '../../core/sla-enums';
import { STOPPED } from './figure-filter';

/**
 * What the medians and the 90th percentile add to a figures statement: a part
 * of its `with`, its columns and their join, with the parameters the part
 * takes, in the order its `?` appear.
 */
export interface PercentilesPart {
  cte: string;
  columns: string;
  join: string;
  params: unknown[];
}

/** A read of the counts alone: the columns are there, empty. */
export const NO_PERCENTILES: PercentilesPart = { cte: '', columns: 'null as median, null as p90, null as median_minutes', join: '', params: [] };

const COLUMNS = 's.working[1] as median, s.working[2] as p90, s.median_minutes';
const JOIN = 'left join stopped s on s.bucket = c.bucket and s.metric = c.metric';

/**
 * Each metric's medians and 90th percentile per `bucket` (an expression on
 * `f`), by PostgreSQL's `percentile_cont` over the stopped runs' own values,
 * read metric by metric from the index of stopped runs: every run of the
 * period is read and sorted. Any filter, any grouping.
 */
export function sortedPercentiles(bucket: string, where: { sql: string; params: unknown[] }): PercentilesPart {
  return {
    cte: `,
     stopped as (
       select s.bucket, m.metric, s.working, s.median_minutes
         from unnest(?::text[]) as m(metric)
        cross join lateral (
          select ${bucket} as bucket,
                 percentile_cont(array[0.5, 0.9]) within group (order by f.working_minutes_float) as working,
                 percentile_cont(0.5) within group (order by f.calendar_minutes_float)
                   filter (where f.metric = '${SlaMetric.FIRST_CONTACT}') as median_minutes
            from ticket_metric_facts f
           where ${STOPPED} and f.metric = m.metric and ${where.sql}
           group by 1
        ) s
     )`,
    columns: COLUMNS,
    join: JOIN,
    params: [`{${Object.values(SlaMetric).join(',')}}`, ...where.params],
  };
}

/** The percentiles a read gives: each metric's working median and 90th percentile, and the first contact's calendar median. */
const WANTED: { metric: SlaMetric; measure: PercentileMeasure; fraction: number }[] = [
  ...Object.values(SlaMetric).flatMap((metric) => [0.5, 0.9].map((fraction) => ({ metric, measure: PercentileMeasure.WORKING, fraction }))),
  { metric: SlaMetric.FIRST_CONTACT, measure: PercentileMeasure.CALENDAR, fraction: 0.5 },
];

/**
 * The same figures as `sortedPercentiles` for the whole period (one group),
 * equal to the last bit, without reading every run: from
 * `ticket_metric_month_buckets`, the stopped runs counted per bucket of their
 * minutes (`app_figure_bucket`), a read sums the period's rows per bucket and
 * finds the bucket holding each rank that `percentile_cont` interpolates
 * between (floor and ceiling of fraction x (n - 1)); then it reads and sorts
 * the runs of that bucket alone, from the facts' index by bucket, and takes
 * the values at those ranks (the next nonempty bucket's too when the second
 * rank is the first run there). Bucket 0 holds zeros only: a rank there is
 * zero, read from nowhere. `percentile_cont`'s own arithmetic follows:
 * low + (high - low) x (rank - floor(rank)).
 *
 * For whole months only (the rows are per local month) and without a ticket
 * kind filter (they carry none): `monthWhere` is the filter on the rows'
 * `month`, `factWhere` the same filter on the facts' `local_date`.
 */
export function bucketedPercentiles(monthWhere: { sql: string; params: unknown[] }, factWhere: { sql: string; params: unknown[] }): PercentilesPart {
  const wanted = WANTED.map(({ metric, measure, fraction }) => `('${metric}', '${measure}', ${fraction}::float8)`).join(', ');
  const runsOf = (column: string, measure: PercentileMeasure, metric: string) => `(select f.${column} as x
                     from ticket_metric_facts f
                    where r.measure = '${measure}' and ${STOPPED} and f.metric = ${metric} and ${factWhere.sql}
                      and app_figure_bucket(f.${column}) between r.read_from and r.read_to
                    order by 1 offset r.read_offset limit r.read_limit)`;
  return {
    cte: `,
     histogram as (
       select f.metric, f.measure, f.bucket, sum(f.runs)::bigint as runs
         from ticket_metric_month_buckets f
        where ${monthWhere.sql}
        group by 1, 2, 3
       having sum(f.runs) > 0
     ),
     placed as (
       select metric, measure, bucket, runs,
              (sum(runs) over (partition by metric, measure order by bucket) - runs)::bigint as below,
              (sum(runs) over (partition by metric, measure))::bigint as n,
              lead(bucket) over (partition by metric, measure order by bucket) as next_bucket
         from histogram
     ),
     wanted as (
       select w.metric, w.measure, w.fraction,
              floor(w.fraction * (t.n - 1)::float8) as low,
              w.fraction * (t.n - 1)::float8 - floor(w.fraction * (t.n - 1)::float8) as part
         from (values ${wanted}) as w(metric, measure, fraction)
         join (select distinct metric, measure, n from placed) t on t.metric = w.metric and t.measure = w.measure
     ),
     located as (
       select w.*, b.bucket = 0 as zero, w.part > 0 and w.low + 1 = b.below + b.runs as second_in_next, b.bucket, b.next_bucket, b.below
         from wanted w
         join placed b on b.metric = w.metric and b.measure = w.measure and w.low >= b.below and w.low < b.below + b.runs
     ),
     reads as materialized (
       select l.*,
              case when l.zero then l.next_bucket else l.bucket end as read_from,
              case when l.second_in_next then l.next_bucket else l.bucket end as read_to,
              case when l.zero then 0 else (l.low - l.below)::bigint end as read_offset,
              case when not l.zero then 2 when l.second_in_next then 1 else 0 end as read_limit
         from located l
     ),
     picked as (
       select r.metric, r.measure, r.fraction,
              case when r.part = 0 then v.low_value else v.low_value + (v.high_value - v.low_value) * r.part end as value
         from reads r
        cross join lateral (
          select case when r.zero then 0 else s.x[1] end as low_value,
                 case when not r.zero then s.x[2] when r.second_in_next then s.x[1] else 0 end as high_value
            from (select array_agg(u.x order by u.x) as x
                    from (${runsOf('working_minutes_float', PercentileMeasure.WORKING, 'r.metric')}
                          union all
                          ${runsOf('calendar_minutes_float', PercentileMeasure.CALENDAR, `'${SlaMetric.FIRST_CONTACT}'`)}) u) s
        ) v
     ),
     stopped as (
       select ''::text as bucket, p.metric,
              array[max(p.value) filter (where p.measure = '${PercentileMeasure.WORKING}' and p.fraction = 0.5),
                    max(p.value) filter (where p.measure = '${PercentileMeasure.WORKING}' and p.fraction = 0.9)] as working,
              max(p.value) filter (where p.measure = '${PercentileMeasure.CALENDAR}') as median_minutes
         from picked p
        group by p.metric
     )`,
    columns: COLUMNS,
    join: JOIN,
    params: [...monthWhere.params, ...factWhere.params, ...factWhere.params],
  };
}
