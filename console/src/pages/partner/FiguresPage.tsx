import { useQuery } from '@apollo/client/react';
import { Button, Card, Descriptions, Input, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { WorkOrderFigure } from '../../gql/graphql';
import { ExportButtons } from '../figures/ExportButtons';
import { todayIn } from '../figures/figure-period';
import { Chart } from '../hq/Chart';
import { formatDate } from '../../lib/format';
import { FigureOrders } from './FigureOrders';
import { WORK_ORDER_FIGURES } from './figures.queries';

/** The counts shown, in reading order: each opens the orders behind it. */
const COUNTS: {
  figure: WorkOrderFigure;
  field:
    | 'received'
    | 'repaired'
    | 'repairedOnTime'
    | 'repairedLate'
    | 'repairedWithoutDeadline'
    | 'reworked'
    | 'returnedUnrepaired'
    | 'cancelled'
    | 'open'
    | 'overdue';
}[] = [
  { figure: 'RECEIVED', field: 'received' },
  { figure: 'REPAIRED', field: 'repaired' },
  { figure: 'REPAIRED_ON_TIME', field: 'repairedOnTime' },
  { figure: 'REPAIRED_LATE', field: 'repairedLate' },
  { figure: 'REPAIRED_WITHOUT_DEADLINE', field: 'repairedWithoutDeadline' },
  { figure: 'REWORKED', field: 'reworked' },
  { figure: 'RETURNED_UNREPAIRED', field: 'returnedUnrepaired' },
  { figure: 'CANCELLED', field: 'cancelled' },
  { figure: 'OPEN', field: 'open' },
  { figure: 'OVERDUE', field: 'overdue' },
];

/**
 * A repair centre's month: orders received, repairs done by the store's
 * deadline or late, reworks, returns, cancellations, what is still on the
 * bench, the turnaround, and a chart by week; every count lists its orders.
 */
export default function PartnerFiguresPage() {
  const { t, i18n } = useTranslation(['partner', 'enums']);
  const { viewer } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const [month, setMonth] = useState(() => todayIn(zone).slice(0, 7));
  const [drill, setDrill] = useState<WorkOrderFigure | null>(null);
  const period = useMemo(() => ({ month }), [month]);
  const { data, error, loading, refetch } = useQuery(WORK_ORDER_FIGURES, { variables: { period, groupBy: 'WEEK' }, skip: !month });
  const figures = data?.workOrderFigures;
  const hours = (value: number | null | undefined) => (value === null || value === undefined ? '—' : t('figures.hours', { value }));
  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 24, top: 48, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: (figures?.series ?? []).map((bucket) => formatDate(bucket.start, 'UTC', i18n.language)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('enums:WorkOrderFigure.RECEIVED'),
          type: 'bar',
          itemStyle: { color: '#1d39c4' },
          data: (figures?.series ?? []).map((bucket) => bucket.received),
        },
        {
          name: t('enums:WorkOrderFigure.REPAIRED_ON_TIME'),
          type: 'bar',
          stack: 'done',
          itemStyle: { color: '#237804' },
          data: (figures?.series ?? []).map((bucket) => bucket.repairedOnTime),
        },
        {
          name: t('enums:WorkOrderFigure.REPAIRED_LATE'),
          type: 'bar',
          stack: 'done',
          itemStyle: { color: '#a8071a' },
          data: (figures?.series ?? []).map((bucket) => bucket.repairedLate),
        },
      ],
    }),
    [figures, t, i18n.language],
  );

  return (
    <Space orientation="vertical" size="large" className="partner-figures-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('figures.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('figures.intro')}</Typography.Paragraph>
      <Card>
        <label className="partner-figures-month">
          {t('figures.month')}
          <Input
            type="month"
            value={month}
            onChange={(event) => {
              setMonth(event.target.value);
              setDrill(null);
            }}
          />
        </label>
        {figures && (
          <Typography.Paragraph data-testid="partner-figures-range">{t('figures.range', { from: figures.from, to: figures.to })}</Typography.Paragraph>
        )}
        <ExportButtons
          route="work-order-figures"
          params={{ month, groupBy: 'WEEK' }}
          disabled={!month}
          labels={{ csv: t('figures.export.csv'), json: t('figures.export.json') }}
        />
      </Card>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Card loading={loading && !figures}>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="partner-figures">
          {COUNTS.map(({ figure, field }) => (
            <Descriptions.Item key={figure} label={t(`enums:WorkOrderFigure.${figure}`)}>
              <Button
                type="link"
                size="small"
                className="partner-figures-count"
                title={t('figures.drill.open', { figure: t(`enums:WorkOrderFigure.${figure}`) })}
                onClick={() => setDrill(figure)}
              >
                {figures?.[field] ?? 0}
              </Button>
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('figures.onTime')}>{figures?.onTimePercent == null ? '—' : `${figures.onTimePercent}%`}</Descriptions.Item>
          <Descriptions.Item label={t('figures.turnaroundMedian')}>{hours(figures?.turnaround.medianHours)}</Descriptions.Item>
          <Descriptions.Item label={t('figures.turnaroundP90')}>{hours(figures?.turnaround.p90Hours)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {figures && (
        <Card
          title={
            <Typography.Title level={2} className="partner-figures-card-title">
              {t('figures.byWeek')}
            </Typography.Title>
          }
        >
          <Chart option={chart} label={t('figures.byWeek')} height={280} />
        </Card>
      )}
      {drill && <FigureOrders period={period} figure={drill} timeZone={zone} onClose={() => setDrill(null)} />}
    </Space>
  );
}
