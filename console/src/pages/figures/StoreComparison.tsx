import { useQuery } from '@apollo/client/react';
import { Card, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { SlaMetric } from '../../gql/graphql';
import { Chart } from '../hq/Chart';
import { type FigurePeriod, median } from './figure-period';

// Every store of the network in one read: the server counts them store by store in one statement.
const STORE_FIGURES = graphql(`
  query StoreFigures($filter: ServiceFigureFilter!) {
    serviceFigures(filter: $filter) {
      stores {
        storeId
        name
        metrics {
          metric
          measured
          compliancePercent
        }
      }
    }
  }
`);

const METRICS: SlaMetric[] = ['DISPATCH', 'FIRST_CONTACT', 'RESOLUTION', 'PROGRESS_UPDATE', 'CALLBACK'];

interface StoreLine {
  id: string;
  name: string;
  measured: number;
  compliancePercent: number | null;
}

/** HQ: each store's compliance on one metric over the period, beside the network's median of the stores'. */
export function StoreComparison({ period }: { period: FigurePeriod }) {
  const { t } = useTranslation(['figures', 'enums']);
  const figures = useQuery(STORE_FIGURES, { variables: { filter: { period } } });
  const [metric, setMetric] = useState<SlaMetric>('FIRST_CONTACT');
  const stores = figures.data?.serviceFigures.stores;
  const lines = useMemo(() => {
    if (!stores) return null;
    const byMetric: Record<string, StoreLine[]> = {};
    for (const store of stores) {
      for (const line of store.metrics) {
        (byMetric[line.metric] ??= []).push({
          id: store.storeId,
          name: store.name,
          measured: line.measured,
          compliancePercent: line.compliancePercent ?? null,
        });
      }
    }
    return byMetric;
  }, [stores]);

  const shown = useMemo(() => lines?.[metric] ?? [], [lines, metric]);
  const networkMedian = median(shown.flatMap((line) => (line.compliancePercent === null ? [] : [line.compliancePercent])));
  const medianText = networkMedian === null ? '—' : `${networkMedian}%`;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 24, top: 32, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: shown.map((line) => line.name) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t(`enums:SlaMetric.${metric}`),
          type: 'bar',
          itemStyle: { color: '#1d39c4' },
          data: shown.map((line) => line.compliancePercent),
          markLine:
            networkMedian === null
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: '#a8071a' },
                  label: { position: 'insideEndTop', formatter: t('figures:stores.median', { value: medianText }) },
                  data: [{ yAxis: networkMedian }],
                },
        },
      ],
    }),
    [shown, metric, networkMedian, medianText, t],
  );

  return (
    <Card
      title={
        <Typography.Title level={2} className="figures-card-title">
          {t('figures:stores.title')}
        </Typography.Title>
      }
    >
      <ProblemAlert error={figures.error} onRetry={() => void figures.refetch()} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <label htmlFor="figures-store-metric">{t('figures:stores.metric')}</label>
          <Select<SlaMetric>
            id="figures-store-metric"
            value={metric}
            onChange={setMetric}
            style={{ minWidth: 200 }}
            options={METRICS.map((value) => ({ value, label: t(`enums:SlaMetric.${value}`) }))}
          />
          <Typography.Text strong data-testid="figures-network-median">
            {t('figures:stores.median', { value: medianText })}
          </Typography.Text>
        </Space>
        <Chart option={option} label={t('figures:stores.label', { metric: t(`enums:SlaMetric.${metric}`), median: medianText })} height={300} />
        <Table<StoreLine>
          rowKey="id"
          loading={lines === null}
          dataSource={shown}
          pagination={false}
          data-testid="figures-stores"
          columns={[
            { title: t('figures:stores.store'), dataIndex: 'name' },
            { title: t('figures:column.measured'), dataIndex: 'measured' },
            {
              title: t('figures:column.compliance'),
              dataIndex: 'compliancePercent',
              render: (value: number | null) => (value === null ? '—' : `${value}%`),
            },
            {
              title: t('figures:stores.versusMedian'),
              key: 'versus',
              render: (_, line) =>
                line.compliancePercent === null || networkMedian === null
                  ? '—'
                  : t('figures:stores.points', { value: Math.round((line.compliancePercent - networkMedian) * 100) / 100 }),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
