import { useQuery } from '@apollo/client/react';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { ProblemListQuery, ProblemStatus } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { PROBLEM_NAMESPACES, problemPath, STATUS_COLOR, STATUSES } from './problem-words';
import { PROBLEMS, PRODUCT_MODELS } from './problems.queries';
import './problems.css';

type Row = ProblemListQuery['problems']['edges'][number]['node'];

const PAGE = 20;

/**
 * The problem records the viewer reads, newest first: HQ's and every store's
 * for an HQ, the store's own and its HQ's for a store. Filtered by status and
 * product model; pages of 20 by cursor.
 */
export default function ProblemsPage() {
  const { t, i18n } = useTranslation(PROBLEM_NAMESPACES);
  const { viewer, can } = useViewer();
  const navigate = useNavigate();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const [status, setStatus] = useState<ProblemStatus | 'ALL'>('ALL');
  const [modelId, setModelId] = useState<string | null>(null);
  // The cursors of the pages before this one, to go back; a new filter starts again at the first page.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const models = useQuery(PRODUCT_MODELS);
  const variables = { first: PAGE, after: cursors[cursors.length - 1], status: status === 'ALL' ? null : [status], modelId };
  const { data, loading, error, refetch } = useQuery(PROBLEMS, { variables, fetchPolicy: 'cache-and-network' });
  const rows = (data?.problems.edges ?? []).map((edge) => edge.node);
  const pageInfo = data?.problems.pageInfo;

  return (
    <Space orientation="vertical" size="middle" className="problems-page">
      <div className="problems-head">
        <Typography.Title level={1}>{t('problems:title')}</Typography.Title>
        {can('PROBLEM_MANAGE') && (
          <Button type="primary" onClick={() => navigate('/problems/new')}>
            {t('problems:new.open')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t(viewer?.tenant.kind === 'HQ' ? 'problems:introHq' : 'problems:intro')}</Typography.Paragraph>
      <Card>
        <Space wrap size="large">
          <label className="problems-filter">
            {t('problems:filter.status')}
            <Select<ProblemStatus | 'ALL'>
              aria-label={t('problems:filter.status')}
              value={status}
              onChange={(value) => {
                setStatus(value);
                setCursors([null]);
              }}
              style={{ minWidth: 160 }}
              options={[{ value: 'ALL', label: t('problems:filter.all') }, ...STATUSES.map((value) => ({ value, label: t(`enums:ProblemStatus.${value}`) }))]}
            />
          </label>
          <label className="problems-filter">
            {t('problems:filter.model')}
            <Select<string>
              aria-label={t('problems:filter.model')}
              allowClear
              placeholder={t('problems:filter.allModels')}
              value={modelId ?? undefined}
              onChange={(value) => {
                setModelId(value ?? null);
                setCursors([null]);
              }}
              style={{ minWidth: 240 }}
              loading={models.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(models.data?.productModels.edges ?? []).map((edge) => ({ value: edge.node.id, label: `${edge.node.name} (${edge.node.modelCode})` }))}
            />
          </label>
        </Space>
      </Card>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Table<Row>
        rowKey="id"
        data-testid="problems-list"
        loading={loading && !data}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Typography.Text>{t('problems:none')}</Typography.Text> }}
        columns={[
          { title: t('problems:column.title'), key: 'title', render: (_, row) => <Link to={problemPath(row.id)}>{row.title}</Link> },
          {
            title: t('problems:column.status'),
            dataIndex: 'status',
            render: (value: ProblemStatus) => <Tag color={STATUS_COLOR[value]}>{t(`enums:ProblemStatus.${value}`)}</Tag>,
          },
          { title: t('problems:column.model'), key: 'model', render: (_, row) => (row.model ? `${row.model.name} (${row.model.modelCode})` : '—') },
          {
            title: t('problems:column.faultCategory'),
            key: 'faultCategory',
            render: (_, row) => (row.faultCategory ? t(`enums:FaultCategory.${row.faultCategory}`) : '—'),
          },
          { title: t('problems:column.tickets'), key: 'tickets', render: (_, row) => row.tickets.length },
          { title: t('problems:column.recordedBy'), key: 'mine', render: (_, row) => t(row.mine ? 'problems:recordedBy.us' : 'problems:recordedBy.other') },
          {
            title: t('problems:column.handling'),
            key: 'handling',
            render: (_, row) =>
              row.owner
                ? t('problems:handledBy', { owner: row.owner.name, due: row.dueDate ?? '—' })
                : row.dueDate
                  ? t('problems:due', { due: row.dueDate })
                  : t('problems:unowned'),
          },
          { title: t('problems:column.updatedAt'), key: 'updatedAt', render: (_, row) => formatDateTime(row.updatedAt, zone, i18n.language) },
        ]}
      />
      <Space>
        <Button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('problems:previousPage')}
        </Button>
        <Button disabled={!pageInfo?.hasNextPage} onClick={() => setCursors([...cursors, pageInfo!.endCursor ?? null])}>
          {t('problems:nextPage')}
        </Button>
      </Space>
    </Space>
  );
}
