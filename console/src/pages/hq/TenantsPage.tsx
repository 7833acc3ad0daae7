import { useQuery } from '@apollo/client/react';
import { Card, Table, Tag, Typography, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { HqNetworkTenantsQuery } from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../lib/format';
import { BAD, GOOD, WARNING } from './tag-colors';

const NETWORK_TENANTS = graphql(`
  query HqNetworkTenants($withBilling: Boolean!) {
    tenants(first: 100) {
      edges {
        node {
          id
          slug
          name
          kind
          status
          timeZone
          locale
          contactPhone
          createdAt
        }
      }
    }
    storeSubscriptions(first: 100) @include(if: $withBilling) {
      edges {
        node {
          status
          standing
          subscribed
          currentPeriodEnd
          trialEndsAt
          pastDueSince
          readOnlyFrom
          cancelAtPeriodEnd
          plan {
            code
            nameEn
            nameZhCn
          }
          store {
            id
          }
        }
      }
    }
  }
`);

type TenantRow = HqNetworkTenantsQuery['tenants']['edges'][number]['node'];
type Subscription = NonNullable<HqNetworkTenantsQuery['storeSubscriptions']>['edges'][number]['node'];

const STANDING_COLOR: Record<string, string> = { FULL: GOOD, GRACE_PERIOD: WARNING, READ_ONLY: BAD };

/** HQ's network: its stores with their subscription standing, and its repair partners. */
export default function TenantsPage() {
  const { t, i18n } = useTranslation(['hq', 'enums']);
  const { viewer, can } = useViewer();
  const withBilling = can('BILLING_READ');
  const { data, error, loading, refetch } = useQuery(NETWORK_TENANTS, { variables: { withBilling } });
  if (loading && !data) return <PageLoading />;
  const tenants = data?.tenants.edges.map((edge) => edge.node) ?? [];
  const stores = tenants.filter((tenant) => tenant.kind === 'STORE');
  const partners = tenants.filter((tenant) => tenant.kind === 'PARTNER');
  const subscriptionOf = new Map((data?.storeSubscriptions?.edges ?? []).map((edge) => [edge.node.store.id, edge.node]));
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const statusTag = (status: string) => <Tag color={status === 'ACTIVE' ? GOOD : BAD}>{t(`enums:TenantStatus.${status}`)}</Tag>;
  const standing = (subscription: Subscription | undefined) => {
    if (!subscription) return '—';
    const until = subscription.readOnlyFrom ?? subscription.currentPeriodEnd ?? subscription.trialEndsAt;
    return (
      <Space orientation="vertical" size={0}>
        <Space size={4}>
          <Tag color={STANDING_COLOR[subscription.standing]}>{t(`enums:BillingStanding.${subscription.standing}`)}</Tag>
          <span>{t(`enums:SubscriptionStatus.${subscription.status}`)}</span>
        </Space>
        {subscription.plan && (
          <Typography.Text type="secondary">
            {t('tenants.plan', { plan: i18n.language === 'en' ? subscription.plan.nameEn : subscription.plan.nameZhCn })}
          </Typography.Text>
        )}
        {until && (
          <Typography.Text type="secondary">
            {subscription.readOnlyFrom
              ? t('tenants.readOnlyFrom', { date: formatDate(until, zone, i18n.language) })
              : t('tenants.until', { date: formatDate(until, zone, i18n.language) })}
          </Typography.Text>
        )}
      </Space>
    );
  };
  return (
    <Space orientation="vertical" size="large" className="hq-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('tenants.title')}</Typography.Title>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Card
        title={
          <Typography.Title level={2} className="hq-card-title">
            {t('tenants.stores', { count: stores.length })}
          </Typography.Title>
        }
      >
        <Table<TenantRow>
          rowKey="id"
          pagination={false}
          dataSource={stores}
          columns={[
            {
              title: t('tenants.name'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{name}</Typography.Text>
                  <Typography.Text type="secondary">{row.slug}</Typography.Text>
                </Space>
              ),
            },
            { title: t('tenants.status'), dataIndex: 'status', render: statusTag },
            { title: t('tenants.timeZone'), dataIndex: 'timeZone' },
            { title: t('tenants.phone'), dataIndex: 'contactPhone', render: (phone: string | null) => phone ?? '—' },
            ...(withBilling
              ? [{ title: t('tenants.subscription'), key: 'subscription', render: (_: unknown, row: TenantRow) => standing(subscriptionOf.get(row.id)) }]
              : []),
          ]}
        />
      </Card>
      <Card
        title={
          <Typography.Title level={2} className="hq-card-title">
            {t('tenants.partners', { count: partners.length })}
          </Typography.Title>
        }
      >
        <Table<TenantRow>
          rowKey="id"
          pagination={false}
          dataSource={partners}
          columns={[
            {
              title: t('tenants.name'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{name}</Typography.Text>
                  <Typography.Text type="secondary">{row.slug}</Typography.Text>
                </Space>
              ),
            },
            { title: t('tenants.status'), dataIndex: 'status', render: statusTag },
            { title: t('tenants.phone'), dataIndex: 'contactPhone', render: (phone: string | null) => phone ?? '—' },
            { title: t('tenants.since'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, zone, i18n.language) },
          ]}
        />
      </Card>
    </Space>
  );
}
