import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketVolumesQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { Chart } from '../hq/Chart';

type Bucket = TicketVolumesQuery['ticketFigures']['series'][number];

const LINES: { key: keyof Omit<Bucket, 'start' | 'end' | '__typename'>; color: string; type: 'bar' | 'line' }[] = [
  { key: 'registered', color: '#1d39c4', type: 'bar' },
  { key: 'backlog', color: '#a8071a', type: 'line' },
  { key: 'escalated', color: '#ad4e00', type: 'line' },
  { key: 'partsOrdered', color: '#237804', type: 'line' },
  { key: 'slipNotices', color: '#531dab', type: 'line' },
];

/** Per day or week of the period: tickets registered (bars), the backlog at the interval's end, the levels reached, parts ordered and slips. */
export function VolumeTrend({ series }: { series: Bucket[] }) {
  const { t, i18n } = useTranslation(['figures']);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 24, top: 56, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: series.map((bucket) => formatDate(bucket.start, 'UTC', i18n.language)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: LINES.map(({ key, color, type }) => ({
        name: t(`figures:volumes.trend.${key}`),
        type,
        itemStyle: { color },
        data: series.map((bucket) => bucket[key]),
      })),
    }),
    [series, t, i18n.language],
  );
  return <Chart option={option} label={t('figures:volumes.trend.label')} height={300} />;
}
