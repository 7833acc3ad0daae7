import { useQuery } from '@apollo/client/react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { FigureTicketsQuery, ServiceFigureFilter } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { BAD, GOOD, INFO } from '../hq/tag-colors';
import { exportQuery } from './figure-period';
import type { Drill } from './FiguresPage';

const FIGURE_TICKETS = graphql(`
  query FigureTickets($filter: ServiceFigureFilter!, $metric: SlaMetric!, $outcome: MeasuredOutcome, $only: FigureRunSubset, $first: Int!, $after: String) {
    serviceFigureTickets(filter: $filter, metric: $metric, outcome: $outcome, only: $only, first: $first, after: $after) {
      edges {
        cursor
        node {
          ticketId
          number
          storeName
          outcome
          startedAt
          dueAt
          stoppedAt
          workingMinutes
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Run = FigureTicketsQuery['serviceFigureTickets']['edges'][number]['node'];

const PAGE_SIZE = 20;
const OUTCOME_COLORS: Record<string, string> = { MET: GOOD, BREACHED: BAD, RUNNING: INFO };

/** The runs behind one figure, newest start first, 20 a page; a store's tickets link to their page. */
export function FigureTickets({
  drill,
  filter,
  exportParams,
  onExport,
  exporting,
  onClose,
}: {
  drill: Drill;
  filter: ServiceFigureFilter;
  exportParams: Record<string, string | null>;
  onExport: (what: string, path: string, filename: string) => Promise<void>;
  exporting: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['figures', 'enums']);
  const { viewer } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const isStore = viewer?.tenant.kind === 'STORE';
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const { data, previousData, loading, error, refetch } = useQuery(FIGURE_TICKETS, {
    variables: { filter, metric: drill.metric, outcome: drill.outcome, only: drill.only, first: PAGE_SIZE, after: cursors[page] },
    fetchPolicy: 'network-only',
  });
  const shown = data ?? previousData;
  const runs = shown?.serviceFigureTickets.edges.map((edge) => edge.node) ?? [];
  const pageInfo = shown?.serviceFigureTickets.pageInfo;
  const query = exportQuery(exportParams);

  return (
    <Card
      data-testid="figures-drill"
      title={
        <Typography.Title level={2} className="figures-card-title">
          {drill.label}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <Button
            loading={exporting === 'tickets-csv'}
            onClick={() => void onExport('tickets-csv', `/exports/figure-tickets.csv${query}`, 'figure-tickets.csv')}
          >
            {t('figures:export.ticketsCsv')}
          </Button>
          <Button
            loading={exporting === 'tickets-json'}
            onClick={() => void onExport('tickets-json', `/exports/figure-tickets.json${query}`, 'figure-tickets.json')}
          >
            {t('figures:export.ticketsJson')}
          </Button>
          <Button onClick={onClose}>{t('figures:drill.close')}</Button>
        </Space>
      }
    >
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Table<Run>
        rowKey={(run) => `${run.ticketId}|${run.startedAt}`}
        loading={loading}
        dataSource={runs}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('figures:drill.empty') }}
        columns={[
          {
            title: t('figures:drill.number'),
            dataIndex: 'number',
            render: (number: string, run) => (isStore ? <Link to={`/desk/tickets/${encodeURIComponent(run.ticketId)}`}>{number}</Link> : number),
          },
          ...(isStore ? [] : [{ title: t('figures:drill.store'), dataIndex: 'storeName' }]),
          {
            title: t('figures:drill.outcome'),
            dataIndex: 'outcome',
            render: (outcome: string) => <Tag color={OUTCOME_COLORS[outcome]}>{t(`enums:MeasuredOutcome.${outcome}`)}</Tag>,
          },
          { title: t('figures:drill.started'), dataIndex: 'startedAt', render: (at: string) => formatDateTime(at, zone, i18n.language) },
          { title: t('figures:drill.due'), dataIndex: 'dueAt', render: (at: string | null) => formatDateTime(at, zone, i18n.language) || '—' },
          { title: t('figures:drill.stopped'), dataIndex: 'stoppedAt', render: (at: string | null) => formatDateTime(at, zone, i18n.language) || '—' },
          { title: t('figures:drill.workingMinutes'), dataIndex: 'workingMinutes' },
        ]}
      />
      <Space className="figures-pager">
        <Button disabled={page === 0} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
          {t('figures:drill.previous')}
        </Button>
        <Typography.Text>{t('figures:drill.page', { page: page + 1 })}</Typography.Text>
        <Button disabled={!pageInfo?.hasNextPage || loading} onClick={() => setCursors((stack) => [...stack, pageInfo?.endCursor ?? null])}>
          {t('figures:drill.next')}
        </Button>
      </Space>
    </Card>
  );
}
