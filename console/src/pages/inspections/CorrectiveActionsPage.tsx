import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { CorrectiveActionsQuery } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { BAD, INFO } from '../hq/tag-colors';
import { localText } from './local-text';
import { NoteDialog } from './NoteDialog';
import { CORRECTIVE_ACTIONS, RESOLVE_CORRECTIVE_ACTION } from './operations';
import './inspections.css';

type ActionRow = CorrectiveActionsQuery['correctiveActions']['edges'][number]['node'];
type Shown = 'open' | 'overdue' | 'all';

const FILTERS: Record<Shown, { status?: 'OPEN'; overdue?: boolean }> = { open: { status: 'OPEN' }, overdue: { overdue: true }, all: {} };

/**
 * Corrective actions opened by failed inspection items, newest first, each
 * due by a deadline in its store's time zone. A store resolves its own with a
 * note of what it did; HQ follows the open and overdue ones across its stores.
 */
export default function CorrectiveActionsPage() {
  const { t, i18n } = useTranslation(['inspections', 'enums', 'errors', 'common']);
  const { viewer, can } = useViewer();
  const isHq = viewer?.tenant.kind === 'HQ';
  const [shown, setShown] = useState<Shown>(isHq ? 'open' : 'all');
  const { data, error, loading, refetch } = useQuery(CORRECTIVE_ACTIONS, { variables: FILTERS[shown], fetchPolicy: 'cache-and-network' });
  const [resolve] = useMutation(RESOLVE_CORRECTIVE_ACTION);
  const [resolving, setResolving] = useState<ActionRow | null>(null);
  const [done, setDone] = useState(false);
  if (loading && !data) return <PageLoading />;
  const rows = data?.correctiveActions.edges.map((edge) => edge.node) ?? [];
  const zoneOf = (row: ActionRow) => row.store?.timeZone ?? viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const save = async (note: string) => {
    const payload = (await resolve({ variables: { input: { correctiveActionId: resolving!.id, note } } })).data?.resolveCorrectiveAction;
    const errors = payload?.userErrors ?? [];
    if (!errors.length) {
      setDone(true);
      void refetch();
    }
    return errors;
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('corrective.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(isHq ? 'corrective.introHq' : 'corrective.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      {done && <Alert type="success" showIcon title={t('corrective.resolved')} role="status" />}
      <Radio.Group
        aria-label={t('corrective.filter')}
        optionType="button"
        value={shown}
        onChange={(event) => setShown(event.target.value as Shown)}
        options={(['open', 'overdue', 'all'] as const).map((value) => ({ value, label: t(`corrective.show.${value}`) }))}
      />
      <Table<ActionRow>
        data-testid="corrective-actions"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('corrective.empty') }}
        columns={[
          ...(isHq ? [{ title: t('list.store'), key: 'store', render: (_: unknown, row: ActionRow) => row.store?.name ?? '' }] : []),
          {
            title: t('results.item'),
            key: 'item',
            render: (_, row) => (row.result?.item ? localText(i18n.language, row.result.item.textZhCn, row.result.item.textEn) : ''),
          },
          { title: t('results.note'), key: 'finding', render: (_, row) => row.result?.note ?? '' },
          { title: t('corrective.dueAt'), key: 'dueAt', render: (_, row) => formatDateTime(row.dueAt, zoneOf(row), i18n.language) },
          {
            title: t('corrective.status'),
            key: 'status',
            render: (_, row) => (
              <Space size={4}>
                <Tag color={row.status === 'OPEN' ? INFO : undefined}>{t(`enums:CorrectiveActionStatus.${row.status}`)}</Tag>
                {row.overdue && <Tag color={BAD}>{t('corrective.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('corrective.resolution'),
            key: 'resolution',
            render: (_, row) =>
              row.resolution
                ? t('corrective.resolutionText', { note: row.resolution.note, at: formatDateTime(row.resolution.resolvedAt, zoneOf(row), i18n.language) })
                : '',
          },
          {
            title: t('results.actions'),
            key: 'actions',
            render: (_, row) => (
              <Space wrap>
                {row.inspection && <Link to={`/inspections/list/${encodeURIComponent(row.inspection.id)}`}>{t('corrective.inspectionLink')}</Link>}
                {row.status === 'OPEN' && can('INSPECTION_RESPOND') && (
                  <Button onClick={() => setResolving(row)}>
                    {t('corrective.resolveLabel', { item: row.result?.item ? localText(i18n.language, row.result.item.textZhCn, row.result.item.textEn) : '' })}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {resolving && (
        <NoteDialog
          title={t('corrective.resolveTitle')}
          label={t('corrective.resolveNote')}
          okText={t('corrective.resolveSubmit')}
          required
          onSave={save}
          onClose={() => setResolving(null)}
        />
      )}
    </Space>
  );
}
