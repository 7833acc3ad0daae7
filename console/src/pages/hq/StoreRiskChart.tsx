import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from './Chart';
import { median, StoreRisk } from './network-figures';

/** Each store's tickets at risk and breached, stacked, beside the network's median per store. */
export function StoreRiskChart({ stores }: { stores: StoreRisk[] }) {
  const { t } = useTranslation('hq');
  const networkMedian = median(stores.map((store) => store.atRisk + store.breached));
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 24, top: 40, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: stores.map((store) => store.name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('network.chart.atRisk'), type: 'bar', stack: 'risk', data: stores.map((store) => store.atRisk), itemStyle: { color: '#d48806' } },
        {
          name: t('network.chart.breached'),
          type: 'bar',
          stack: 'risk',
          data: stores.map((store) => store.breached),
          itemStyle: { color: '#cf1322' },
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#1d39c4' },
            label: { position: 'insideEndTop', formatter: t('network.chart.median', { value: networkMedian }) },
            data: [{ yAxis: networkMedian }],
          },
        },
      ],
    }),
    [stores, networkMedian, t],
  );
  return <Chart option={option} label={t('network.chart.label', { median: networkMedian })} />;
}
