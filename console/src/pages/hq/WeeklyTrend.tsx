import { useQuery } from '@apollo/client/react';
import { Card, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import { formatDate } from '../../lib/format';
import { Chart } from './Chart';
import { median } from './network-figures';

const NETWORK_FIGURES = graphql(`
  query NetworkFigures($weeks: Int!) {
    networkFigures(weeks: $weeks) {
      storeSlug
      storeName
      weekStart
      opened
      resolvedOnTime
      breached
    }
  }
`);

const SERIES = [
  { key: 'opened', color: '#1d39c4' },
  { key: 'onTime', color: '#237804' },
  { key: 'breached', color: '#a8071a' },
] as const;

/** One store's tickets per week (opened, resolved on time, breached) beside the network's weekly median of each. */
export function WeeklyTrend({ weeks = 8 }: { weeks?: number }) {
  const { t, i18n } = useTranslation('hq');
  const { data, error, refetch } = useQuery(NETWORK_FIGURES, { variables: { weeks } });
  const figures = useMemo(() => data?.networkFigures ?? [], [data]);
  const stores = useMemo(() => [...new Map(figures.map((row) => [row.storeSlug, row.storeName])).entries()], [figures]);
  const [chosen, setChosen] = useState<string | null>(null);
  const store = chosen ?? stores[0]?.[0] ?? null;
  const option = useMemo(() => {
    const weekStarts = [...new Set(figures.map((row) => row.weekStart))].sort();
    const valueOf = (row: (typeof figures)[number], key: (typeof SERIES)[number]['key']) =>
      key === 'opened' ? row.opened : key === 'onTime' ? row.resolvedOnTime : row.breached;
    const series = SERIES.flatMap(({ key, color }) => [
      {
        name: t(`network.trend.${key}`),
        type: 'line',
        itemStyle: { color },
        data: weekStarts.map((week) => {
          const row = figures.find((r) => r.storeSlug === store && r.weekStart === week);
          return row ? valueOf(row, key) : 0;
        }),
      },
      {
        name: t('network.trend.medianOf', { series: t(`network.trend.${key}`) }),
        type: 'line',
        lineStyle: { type: 'dashed', color },
        itemStyle: { color },
        symbol: 'none',
        data: weekStarts.map((week) => median(figures.filter((r) => r.weekStart === week).map((r) => valueOf(r, key)))),
      },
    ]);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 24, top: 56, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: weekStarts.map((week) => formatDate(week, 'UTC', i18n.language)) },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    };
  }, [figures, store, t, i18n.language]);
  const storeName = stores.find(([slug]) => slug === store)?.[1] ?? '';
  return (
    <Card
      title={
        <Typography.Title level={2} className="hq-card-title">
          {t('network.trend.title')}
        </Typography.Title>
      }
    >
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      {stores.length === 0 ? (
        <Typography.Paragraph>{t('network.trend.empty')}</Typography.Paragraph>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space>
            <label htmlFor="hq-trend-store">{t('network.trend.storeLabel')}</label>
            <Select
              id="hq-trend-store"
              value={store}
              onChange={setChosen}
              style={{ minWidth: 260 }}
              options={stores.map(([slug, name]) => ({ value: slug, label: name }))}
            />
          </Space>
          <Chart option={option} label={t('network.trend.label', { store: storeName })} height={360} />
        </Space>
      )}
    </Card>
  );
}
