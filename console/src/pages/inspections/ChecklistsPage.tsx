import { useQuery } from '@apollo/client/react';
import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { ChecklistForm, type ChecklistRow } from './ChecklistForm';
import { CHECKLISTS } from './operations';
import { localText } from './local-text';
import './inspections.css';

/** HQ's inspection checklists, newest version first; publishing a code again makes its next version, inspections keep theirs. */
export default function ChecklistsPage() {
  const { t, i18n } = useTranslation(['inspections', 'common']);
  const { viewer } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const { data, error, loading, refetch } = useQuery(CHECKLISTS, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<ChecklistRow | 'new' | null>(null);
  if (loading && !data) return <PageLoading />;
  const rows = data?.inspectionChecklists.edges.map((edge) => edge.node) ?? [];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('checklists.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('checklists.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Button type="primary" onClick={() => setEditing('new')} style={{ alignSelf: 'flex-start' }}>
        {t('checklists.create')}
      </Button>
      <Table<ChecklistRow>
        data-testid="inspection-checklists"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        expandable={{
          expandedRowRender: (row) => (
            <ol className="inspection-items">
              {row.items.map((item) => (
                <li key={item.id}>
                  {t(item.maxScore ? 'checklists.scoredItemLine' : 'checklists.itemLine', {
                    text: localText(i18n.language, item.textZhCn, item.textEn),
                    weight: item.weight,
                    max: item.maxScore,
                    pass: item.passScore,
                  })}
                </li>
              ))}
            </ol>
          ),
        }}
        columns={[
          { title: t('checklists.code'), dataIndex: 'code' },
          { title: t('checklists.name'), key: 'title', render: (_, row) => localText(i18n.language, row.titleZhCn, row.titleEn) },
          { title: t('checklists.version'), key: 'version', render: (_, row) => t('checklists.versionOf', { version: row.version }) },
          { title: t('checklists.items'), key: 'items', render: (_, row) => String(row.items.length) },
          { title: t('checklists.publishedAt'), key: 'publishedAt', render: (_, row) => formatDateTime(row.publishedAt, zone, i18n.language) },
          {
            title: t('checklists.actions'),
            key: 'actions',
            render: (_, row) => <Button onClick={() => setEditing(row)}>{t('checklists.nextVersionOf', { code: row.code })}</Button>,
          },
        ]}
      />
      {editing && (
        <ChecklistForm
          basis={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onPublished={() => {
            setEditing(null);
            void refetch();
          }}
        />
      )}
    </Space>
  );
}
