import { useQuery } from '@apollo/client/react';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { InspectionsQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { localText } from './local-text';
import './inspections.css';
import { INSPECTIONS } from './operations';
import { scoreText } from './score-text';
import { ScheduleForm } from './ScheduleForm';

type InspectionRow = InspectionsQuery['inspections']['edges'][number]['node'];

/**
 * Inspections, newest first. HQ schedules them (announced, or unannounced as
 * a mystery customer) and opens one to record it; a store reads its own,
 * an unannounced one only once submitted (the api decides that).
 */
export default function InspectionsPage() {
  const { t, i18n } = useTranslation(['inspections', 'enums', 'common']);
  const { viewer, can } = useViewer();
  const isHq = viewer?.tenant.kind === 'HQ';
  const { data, error, loading, refetch } = useQuery(INSPECTIONS, { fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <PageLoading />;
  const rows = data?.inspections.edges.map((edge) => edge.node) ?? [];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('list.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(isHq ? 'list.introHq' : 'list.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      {isHq && can('INSPECTION_MANAGE') && <ScheduleForm onScheduled={() => void refetch()} />}
      <Table<InspectionRow>
        data-testid="inspections"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('list.empty') }}
        columns={[
          ...(isHq ? [{ title: t('list.store'), key: 'store', render: (_: unknown, row: InspectionRow) => row.store?.name ?? '' }] : []),
          {
            title: t('list.checklist'),
            key: 'checklist',
            render: (_, row) =>
              row.checklist
                ? t('list.checklistVersion', {
                    title: localText(i18n.language, row.checklist.titleZhCn, row.checklist.titleEn),
                    version: row.checklist.version,
                  })
                : '',
          },
          { title: t('list.scheduledOn'), key: 'scheduledOn', render: (_, row) => formatDate(row.scheduledOn, 'UTC', i18n.language) },
          { title: t('list.kind'), key: 'announced', render: (_, row) => <Tag>{t(row.announced ? 'list.announced' : 'list.unannounced')}</Tag> },
          { title: t('list.status'), key: 'status', render: (_, row) => t(`enums:InspectionStatus.${row.status}`) },
          { title: t('list.score'), key: 'score', render: (_, row) => scoreText(row.scorePercent, i18n.language) },
          {
            title: t('list.open'),
            key: 'open',
            render: (_, row) => <Link to={`/inspections/list/${encodeURIComponent(row.id)}`}>{t('list.openLabel', { store: row.store?.name ?? '' })}</Link>,
          },
        ]}
      />
    </Space>
  );
}
