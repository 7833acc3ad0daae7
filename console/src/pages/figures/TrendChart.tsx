import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceFiguresQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { Chart } from '../hq/Chart';

const COLORS: Record<string, string> = {
  DISPATCH: '#1d39c4',
  FIRST_CONTACT: '#237804',
  RESOLUTION: '#a8071a',
  PROGRESS_UPDATE: '#ad4e00',
  CALLBACK: '#531dab',
};

/** Each metric's compliance per day or week of the period; a gap where nothing was decided yet. */
export function TrendChart({ series }: { series: ServiceFiguresQuery['serviceFigures']['series'] }) {
  const { t, i18n } = useTranslation(['figures', 'enums']);
  const option = useMemo(() => {
    const metrics = series[0]?.metrics.map((figures) => figures.metric) ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 24, top: 56, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: series.map((bucket) => formatDate(bucket.start, 'UTC', i18n.language)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: metrics.map((metric) => ({
        name: t(`enums:SlaMetric.${metric}`),
        type: 'line',
        connectNulls: false,
        itemStyle: { color: COLORS[metric] },
        data: series.map((bucket) => bucket.metrics.find((figures) => figures.metric === metric)?.compliancePercent ?? null),
      })),
    };
  }, [series, t, i18n.language]);
  return <Chart option={option} label={t('figures:trend.label')} height={320} />;
}
