import { useQuery } from '@apollo/client/react';
import { Alert, Card, Descriptions, Input, Segmented, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { FigureRunSubset, MeasuredOutcome, ServiceFiguresQuery, SlaMetric } from '../../gql/graphql';
import { CareFigures } from './CareFigures';
import { DrillButton } from './DrillButton';
import { ExportButtons } from './ExportButtons';
import { defaultChoice, intervalOf, type PeriodChoice, type PeriodKind, periodOf } from './figure-period';
import { FigureTickets } from './FigureTickets';
import { StoreComparison } from './StoreComparison';
import { TicketVolumes } from './TicketVolumes';
import { TrendChart } from './TrendChart';
import './figures.css';

const SERVICE_FIGURES = graphql(`
  query ServiceFigures($filter: ServiceFigureFilter!, $groupBy: FigureInterval) {
    serviceFigures(filter: $filter, groupBy: $groupBy) {
      from
      to
      storeCount
      metrics {
        metric
        measured
        met
        breached
        running
        compliancePercent
        medianWorkingMinutes
        p90WorkingMinutes
      }
      firstResponse {
        measured
        responded
        averageMinutes
        medianMinutes
        within24Hours
        within24HoursPercent
        withinStandardPercent
      }
      series {
        start
        metrics {
          metric
          compliancePercent
        }
      }
    }
  }
`);

type MetricRow = ServiceFiguresQuery['serviceFigures']['metrics'][number];

/** Which runs the list below shows: a figure's metric with its outcome, or with a subset for the times and the first response. */
export interface Drill {
  metric: SlaMetric;
  outcome: MeasuredOutcome | null;
  only: FigureRunSubset | null;
  /** The figure's name, for the list's heading. */
  label: string;
}

/**
 * The service figures over a month, a week or a range of days: per metric
 * (runs measured, met, breached, running, compliance, working minutes used),
 * the first response, the trend of each metric's compliance and, for HQ,
 * each store beside the network's median, the customer care and the ticket
 * volumes (their own cards). Every count opens the list of the tickets behind
 * it under its card; the figures and the lists export as CSV and JSON.
 */
export default function FiguresPage() {
  const { t } = useTranslation(['figures', 'enums', 'common']);
  const { viewer } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const isHq = viewer?.tenant.kind === 'HQ';
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultChoice(zone));
  const period = useMemo(() => periodOf(choice), [choice]);
  const groupBy = period ? intervalOf(period) : 'DAY';
  // (skipped while a range is incomplete)
  const filter = useMemo(() => ({ period: period ?? { month: choice.month } }), [period, choice.month]);
  const { data, error, loading, refetch } = useQuery(SERVICE_FIGURES, { variables: { filter, groupBy }, skip: !period });
  const figures = data?.serviceFigures;
  const [drill, setDrill] = useState<Drill | null>(null);
  const set = (patch: Partial<PeriodChoice>) => {
    setChoice((current) => ({ ...current, ...patch }));
    setDrill(null);
  };
  const metricName = (metric: string) => t(`enums:SlaMetric.${metric}`);
  const open = (metric: SlaMetric, outcome: MeasuredOutcome | null, only: FigureRunSubset | null, figure: string) =>
    setDrill({ metric, outcome, only, label: t('figures:drill.title', { metric: metricName(metric), figure }) });
  const count = (metric: SlaMetric, value: number, outcome: MeasuredOutcome | null, only: FigureRunSubset | null, figure: string) => (
    <DrillButton value={value} title={t('figures:drill.open', { metric: metricName(metric), figure })} onClick={() => open(metric, outcome, only, figure)} />
  );
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);
  const minutes = (value: number | null | undefined) => (value === null || value === undefined ? '—' : t('figures:minutes', { value }));

  return (
    <Space orientation="vertical" size="large" className="figures-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('figures:title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(isHq ? 'figures:introHq' : 'figures:intro')}</Typography.Paragraph>
      <Card>
        <div className="figures-period" role="group" aria-label={t('figures:period.label')}>
          <Segmented<PeriodKind>
            value={choice.kind}
            onChange={(kind) => set({ kind })}
            options={(['month', 'week', 'custom'] as const).map((kind) => ({ value: kind, label: t(`figures:period.${kind}`) }))}
          />
          {choice.kind === 'month' && (
            <label>
              {t('figures:period.monthLabel')}
              <Input type="month" value={choice.month} onChange={(event) => set({ month: event.target.value })} />
            </label>
          )}
          {choice.kind === 'week' && (
            <label>
              {t('figures:period.weekLabel')}
              <Input type="week" value={choice.week} onChange={(event) => set({ week: event.target.value })} />
            </label>
          )}
          {choice.kind === 'custom' && (
            <>
              <label>
                {t('figures:period.from')}
                <Input type="date" value={choice.from} onChange={(event) => set({ from: event.target.value })} />
              </label>
              <label>
                {t('figures:period.to')}
                <Input type="date" value={choice.to} onChange={(event) => set({ to: event.target.value })} />
              </label>
            </>
          )}
          <div className="figures-actions">
            <ExportButtons
              route="figures"
              params={period ? { ...period, groupBy } : {}}
              disabled={!period}
              labels={{ csv: t('figures:export.csv'), json: t('figures:export.json') }}
            />
          </div>
        </div>
        {!period && <Alert type="warning" showIcon title={t('figures:period.incomplete')} />}
        {figures && (
          <Typography.Paragraph className="figures-range" data-testid="figures-range">
            {t(isHq ? 'figures:rangeHq' : 'figures:range', { from: figures.from, to: figures.to, stores: figures.storeCount })}
          </Typography.Paragraph>
        )}
      </Card>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Card
        title={
          <Typography.Title level={2} className="figures-card-title">
            {t('figures:metrics.title')}
          </Typography.Title>
        }
      >
        <Table<MetricRow>
          rowKey="metric"
          loading={loading}
          dataSource={figures?.metrics ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="figures-metrics"
          columns={[
            { title: t('figures:column.metric'), dataIndex: 'metric', render: (metric: string) => metricName(metric) },
            {
              title: t('figures:column.measured'),
              key: 'measured',
              render: (_, row) => count(row.metric, row.measured, null, null, t('figures:column.measured')),
            },
            { title: t('figures:column.met'), key: 'met', render: (_, row) => count(row.metric, row.met, 'MET', null, t('figures:column.met')) },
            {
              title: t('figures:column.breached'),
              key: 'breached',
              render: (_, row) => count(row.metric, row.breached, 'BREACHED', null, t('figures:column.breached')),
            },
            {
              title: t('figures:column.running'),
              key: 'running',
              render: (_, row) => count(row.metric, row.running, 'RUNNING', null, t('figures:column.running')),
            },
            { title: t('figures:column.compliance'), dataIndex: 'compliancePercent', render: percent },
            {
              title: t('figures:column.median'),
              key: 'median',
              render: (_, row) =>
                row.medianWorkingMinutes === null ? (
                  '—'
                ) : (
                  <DrillButton
                    value={minutes(row.medianWorkingMinutes)}
                    title={t('figures:drill.open', { metric: metricName(row.metric), figure: t('figures:column.median') })}
                    onClick={() => open(row.metric, null, 'STOPPED', t('figures:column.median'))}
                  />
                ),
            },
            { title: t('figures:column.p90'), dataIndex: 'p90WorkingMinutes', render: minutes },
          ]}
        />
      </Card>
      {drill && period && <FigureTickets key={JSON.stringify([drill, period])} drill={drill} filter={filter} period={period} onClose={() => setDrill(null)} />}
      {figures && (
        <Card
          title={
            <Typography.Title level={2} className="figures-card-title">
              {t('figures:firstResponse.title')}
            </Typography.Title>
          }
        >
          <Descriptions
            column={{ xs: 1, sm: 2, lg: 4 }}
            data-testid="figures-first-response"
            items={[
              {
                key: 'measured',
                label: t('figures:firstResponse.measured'),
                children: count('FIRST_CONTACT', figures.firstResponse.measured, null, null, t('figures:firstResponse.measured')),
              },
              {
                key: 'responded',
                label: t('figures:firstResponse.responded'),
                // (the tickets contacted: the first-contact runs that stopped)
                children: count('FIRST_CONTACT', figures.firstResponse.responded, null, 'STOPPED', t('figures:firstResponse.responded')),
              },
              { key: 'average', label: t('figures:firstResponse.average'), children: minutes(figures.firstResponse.averageMinutes) },
              { key: 'median', label: t('figures:firstResponse.median'), children: minutes(figures.firstResponse.medianMinutes) },
              { key: 'within24', label: t('figures:firstResponse.within24Hours'), children: percent(figures.firstResponse.within24HoursPercent) },
              { key: 'standard', label: t('figures:firstResponse.withinStandard'), children: percent(figures.firstResponse.withinStandardPercent) },
            ]}
          />
        </Card>
      )}
      {period && <CareFigures key={`care ${JSON.stringify(period)}`} filter={filter} period={period} />}
      {period && <TicketVolumes key={`volumes ${JSON.stringify(period)}`} filter={filter} period={period} groupBy={groupBy} />}
      {figures && (
        <Card
          title={
            <Typography.Title level={2} className="figures-card-title">
              {t('figures:trend.title')}
            </Typography.Title>
          }
        >
          <TrendChart series={figures.series} />
        </Card>
      )}
      {isHq && period && <StoreComparison period={period} />}
    </Space>
  );
}
