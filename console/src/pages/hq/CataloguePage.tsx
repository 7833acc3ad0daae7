import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { userErrorText } from '../../lib/api-errors';
import { DEACTIVATE_PAID_SERVICE, PAID_SERVICES, REACTIVATE_PAID_SERVICE } from './catalogue-operations';
import { PaidServiceForm, type PaidServiceRow } from './PaidServiceForm';
import { BAD, GOOD } from './tag-colors';

/** HQ's catalogue of paid services and the price range stores may charge; HQ admins add, change, deactivate and reactivate them. */
export default function CataloguePage() {
  const { t, i18n } = useTranslation('hq');
  const { can } = useViewer();
  const { message } = App.useApp();
  const mayManage = can('CATALOGUE_MANAGE');
  const { data, error, loading, refetch } = useQuery(PAID_SERVICES);
  const [deactivate, deactivating] = useMutation(DEACTIVATE_PAID_SERVICE);
  const [reactivate, reactivating] = useMutation(REACTIVATE_PAID_SERVICE);
  const [editing, setEditing] = useState<PaidServiceRow | 'new' | null>(null);
  if (loading && !data) return <PageLoading />;
  const rows = data?.paidServices.edges.map((edge) => edge.node) ?? [];
  const toggle = async (row: PaidServiceRow) => {
    const input = { id: row.id, expectedVersion: row.version };
    const result = row.active
      ? await deactivate({ variables: { input } })
          .then((r) => r.data?.deactivatePaidService)
          .catch(() => null)
      : await reactivate({ variables: { input } })
          .then((r) => r.data?.reactivatePaidService)
          .catch(() => null);
    if (result?.userErrors.length) void message.error(result.userErrors.map((e) => userErrorText(t, e)).join(' '));
    else if (result) void message.success(row.active ? t('catalogue.deactivated', { code: row.code }) : t('catalogue.reactivated', { code: row.code }));
    await refetch();
  };
  return (
    <Space orientation="vertical" size="large" className="hq-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('catalogue.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalogue.intro')}</Typography.Paragraph>
      <ProblemAlert error={error ?? deactivating.error ?? reactivating.error} onRetry={() => void refetch()} />
      {mayManage && (
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('catalogue.create')}
        </Button>
      )}
      <Table<PaidServiceRow>
        rowKey="id"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('catalogue.code'), dataIndex: 'code' },
          { title: t('catalogue.name'), key: 'name', render: (_, row) => (i18n.language === 'en' ? row.nameEn : row.nameZhCn) },
          {
            title: t('catalogue.priceRange'),
            key: 'range',
            render: (_, row) => t('catalogue.range', { min: row.minPrice.formatted, max: row.maxPrice.formatted }),
          },
          {
            title: t('catalogue.warranty'),
            key: 'warranty',
            render: (_, row) => (row.extendsWarranty ? t('catalogue.extends', { months: row.warrantyExtensionMonths }) : '—'),
          },
          {
            title: t('catalogue.state'),
            dataIndex: 'active',
            render: (active: boolean) => <Tag color={active ? GOOD : BAD}>{active ? t('catalogue.active') : t('catalogue.inactive')}</Tag>,
          },
          ...(mayManage
            ? [
                {
                  title: t('catalogue.actions'),
                  key: 'actions',
                  render: (_: unknown, row: PaidServiceRow) => (
                    <Space>
                      <Button onClick={() => setEditing(row)}>{t('catalogue.editLabel', { code: row.code })}</Button>
                      <Button onClick={() => void toggle(row)}>
                        {row.active ? t('catalogue.deactivateLabel', { code: row.code }) : t('catalogue.reactivateLabel', { code: row.code })}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <PaidServiceForm
          service={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refetch();
          }}
        />
      )}
    </Space>
  );
}
