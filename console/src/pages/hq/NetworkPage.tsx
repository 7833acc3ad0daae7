import { useQuery } from '@apollo/client/react';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { NetworkAtRiskQuery } from '../../gql/graphql';
import { formatDateTime, splitDuration } from '../../lib/format';
import { targetText } from '../../lib/target-text';
import { useTicker } from '../../lib/now';
import { AtRiskTicketDrawer } from './AtRiskTicketDrawer';
import { storeRisks } from './network-figures';
import { BAD, WARNING } from './tag-colors';
import { StoreRiskChart } from './StoreRiskChart';
import { WeeklyTrend } from './WeeklyTrend';

/**
 * Every at-risk ticket with all its clocks, the most urgent first (the list
 * shows that one; the drawer all of them, since HQ cannot open a store's
 * ticket itself). `mostUrgent` is not asked again: a second clock per row
 * would take the page past the query-cost budget.
 */
const NETWORK_AT_RISK = graphql(`
  query NetworkAtRisk {
    ticketsAtRisk(first: 100) {
      ticketId
      number
      type
      status
      priority
      storeSlug
      storeName
      escalationLevel
      escalationLevelName
      clocks {
        metric
        state
        dueAt
        breachedAt
        targetAmount
        targetUnit
      }
    }
    tenants(first: 100, kind: STORE) {
      edges {
        node {
          id
          slug
          name
          timeZone
          contactPhone
          contactAddress
        }
      }
    }
  }
`);

type Reading = NetworkAtRiskQuery['ticketsAtRisk'][number];
type Row = Reading & { mostUrgent: Reading['clocks'][number] };

/** HQ's landing page: every ticket of the network at risk or breached (each opens as HQ may read it), and how the stores compare. */
export default function NetworkPage() {
  const { t, i18n } = useTranslation(['hq', 'enums']);
  const { viewer } = useViewer();
  const now = useTicker();
  const { data, error, loading, refetch } = useQuery(NETWORK_AT_RISK, { pollInterval: 60_000, notifyOnNetworkStatusChange: false });
  const stores = useMemo(() => data?.tenants.edges.map((edge) => edge.node) ?? [], [data]);
  const zoneOf = useMemo(() => new Map(stores.map((store) => [store.slug, store.timeZone])), [stores]);
  const rows: Row[] = useMemo(() => (data?.ticketsAtRisk ?? []).map((row) => ({ ...row, mostUrgent: row.clocks[0] })), [data]);
  const risks = useMemo(() => storeRisks(stores, rows), [stores, rows]);
  // The ticket open in the drawer, by id: the list is polled, and the drawer follows its latest reading.
  const [openId, setOpenId] = useState<string | null>(null);
  if (loading && !data) return <PageLoading />;
  const opened = rows.find((row) => row.ticketId === openId) ?? null;
  const when = (row: Row) => {
    const zone = zoneOf.get(row.storeSlug) ?? viewer?.tenant.timeZone ?? 'Asia/Shanghai';
    const clock = row.mostUrgent;
    if (clock.state === 'BREACHED') return t('network.breachedAt', { time: formatDateTime(clock.breachedAt, zone, i18n.language) });
    const left = clock.dueAt ? splitDuration(Date.parse(clock.dueAt) - now) : null;
    return (
      <Space orientation="vertical" size={0}>
        <span>{t('network.dueAt', { time: formatDateTime(clock.dueAt, zone, i18n.language) })}</span>
        {left && !left.negative && (
          <Typography.Text type="secondary">
            {t('network.left', {
              hours: left.days * 24 + left.hours,
              minutes: String(left.minutes).padStart(2, '0'),
              seconds: String(left.seconds).padStart(2, '0'),
            })}
          </Typography.Text>
        )}
      </Space>
    );
  };
  return (
    <Space orientation="vertical" size="large" className="hq-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('network.title')}</Typography.Title>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Typography.Paragraph type="secondary">
        {t('network.summary', {
          breached: rows.filter((row) => row.mostUrgent.state === 'BREACHED').length,
          atRisk: rows.filter((row) => row.mostUrgent.state !== 'BREACHED').length,
        })}
      </Typography.Paragraph>
      <section aria-labelledby="hq-risk-list">
        <Typography.Title level={2} id="hq-risk-list">
          {t('network.listTitle')}
        </Typography.Title>
        <Table<Row>
          rowKey="ticketId"
          dataSource={rows}
          onRow={(row) => ({ onClick: () => setOpenId(row.ticketId), style: { cursor: 'pointer' } })}
          pagination={false}
          size="middle"
          locale={{ emptyText: <Empty description={t('network.none')} /> }}
          columns={[
            {
              title: t('network.columns.ticket'),
              dataIndex: 'number',
              render: (number: string, row) => (
                <Space orientation="vertical" size={0}>
                  <Button
                    type="link"
                    style={{ padding: 0, height: 'auto' }}
                    onClick={() => setOpenId(row.ticketId)}
                    aria-label={t('network.ticket.open', { number })}
                  >
                    {number}
                  </Button>
                  <Typography.Text type="secondary">
                    {t(`enums:TicketType.${row.type}`)} · {t(`enums:TicketStatus.${row.status}`)}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('network.columns.store'), dataIndex: 'storeName' },
            { title: t('network.columns.priority'), dataIndex: 'priority', render: (priority: string) => t(`enums:TicketPriority.${priority}`) },
            {
              title: t('network.columns.clock'),
              key: 'clock',
              render: (_, row) => (
                <Space orientation="vertical" size={0}>
                  <span>{t(`enums:SlaMetric.${row.mostUrgent.metric}`)}</span>
                  <Typography.Text type="secondary">
                    {t('network.target', { target: targetText(t, row.mostUrgent.targetAmount, row.mostUrgent.targetUnit) })}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('network.columns.state'),
              key: 'state',
              render: (_, row) => <Tag color={row.mostUrgent.state === 'BREACHED' ? BAD : WARNING}>{t(`enums:ClockState.${row.mostUrgent.state}`)}</Tag>,
            },
            { title: t('network.columns.when'), key: 'when', render: (_, row) => when(row) },
            {
              title: t('network.columns.escalation'),
              key: 'escalation',
              render: (_, row) =>
                row.escalationLevel ? t('network.level', { level: row.escalationLevel, name: row.escalationLevelName }) : t('network.noLevel'),
            },
          ]}
        />
      </section>
      <Card
        title={
          <Typography.Title level={2} className="hq-card-title">
            {t('network.chart.title')}
          </Typography.Title>
        }
      >
        <StoreRiskChart stores={risks} />
      </Card>
      <WeeklyTrend />
      <AtRiskTicketDrawer
        row={opened}
        store={opened ? stores.find((store) => store.slug === opened.storeSlug) : undefined}
        now={now}
        onClose={() => setOpenId(null)}
      />
    </Space>
  );
}
