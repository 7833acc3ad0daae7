import { useQuery } from '@apollo/client/react';
import { Button, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Deadline } from './Deadline';
import { WORK_ORDERS } from './operations';
import { useTicker } from '../../lib/now';
import { WorkOrderDrawer, type WorkOrderRow } from './WorkOrderDrawer';
import { FINISHED_STATES, STATUS_COLOR } from './work-order-moves';

type Filter = 'open' | 'finished' | 'all';

/** The partner's landing page: the work orders stores handed to it, the store's deadline counting down, each to open and report on. */
export default function WorkOrdersPage() {
  const { t } = useTranslation(['partner', 'enums']);
  const { viewer } = useViewer();
  const timeZone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const now = useTicker();
  const [filter, setFilter] = useState<Filter>('open');
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, error, loading, refetch } = useQuery(WORK_ORDERS, { pollInterval: 60_000 });
  const all = useMemo(() => data?.workOrders.edges.map((edge) => edge.node) ?? [], [data]);
  const rows = useMemo(() => {
    const chosen = all.filter((row) =>
      filter === 'all' ? true : filter === 'finished' ? FINISHED_STATES.includes(row.status) : !FINISHED_STATES.includes(row.status),
    );
    // The nearest deadline first; those without one last.
    return chosen.sort((a, b) => (a.storeDueAt ? Date.parse(a.storeDueAt) : Infinity) - (b.storeDueAt ? Date.parse(b.storeDueAt) : Infinity));
  }, [all, filter]);
  if (loading && !data) return <PageLoading />;
  const open = all.find((row) => row.id === openId) ?? null;
  return (
    <Space orientation="vertical" size="large" className="partner-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Segmented<Filter>
        aria-label={t('filter.label')}
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'open', label: t('filter.open') },
          { value: 'finished', label: t('filter.finished') },
          { value: 'all', label: t('filter.all') },
        ]}
      />
      <Table<WorkOrderRow>
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('none')} /> }}
        columns={[
          { title: t('columns.reference'), dataIndex: 'reference', render: (reference: string) => <Typography.Text strong>{reference}</Typography.Text> },
          { title: t('columns.device'), key: 'device', render: (_, row) => [row.deviceModel, row.deviceSerial].filter(Boolean).join(' · ') || '—' },
          { title: t('columns.problem'), dataIndex: 'problem', ellipsis: true },
          {
            title: t('columns.status'),
            dataIndex: 'status',
            render: (status: string) => <Tag color={STATUS_COLOR[status]}>{t(`enums:WorkOrderStatus.${status}`)}</Tag>,
          },
          {
            title: t('columns.deadline'),
            key: 'deadline',
            render: (_, row) => <Deadline dueAt={row.storeDueAt} now={now} timeZone={timeZone} finished={FINISHED_STATES.includes(row.status)} />,
          },
          {
            title: t('columns.actions'),
            key: 'actions',
            render: (_, row) => (
              // The name says which work order; the visible word is part of it (and not spaced out in Chinese).
              <Button autoInsertSpace={false} aria-label={t('openLabel', { reference: row.reference })} onClick={() => setOpenId(row.id)}>
                {t('open')}
              </Button>
            ),
          },
        ]}
      />
      <WorkOrderDrawer workOrder={open} now={now} timeZone={timeZone} onClose={() => setOpenId(null)} onSaved={() => void refetch()} />
    </Space>
  );
}
