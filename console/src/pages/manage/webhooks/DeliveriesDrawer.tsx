import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Drawer, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { useViewer } from '../../../auth/viewer';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { ManageWebhookDeliveriesQuery, ManageWebhookEndpointFragment } from '../../../gql/graphql';
import { userErrorText, type UserError } from '../../../lib/api-errors';
import { formatDateTime } from '../../../lib/format';
import { DELIVERIES, REPLAY } from './operations';

type Delivery = ManageWebhookDeliveriesQuery['webhookEndpoint']['deliveries']['edges'][number]['node'];

const STATE_BADGE = { DONE: 'success', PENDING: 'processing', DEAD: 'error', CANCELLED: 'default' } as const;

/** An endpoint's delivery log, newest first, with its dead letters; any delivery can be sent again. */
export function DeliveriesDrawer({ endpoint, onClose }: { endpoint: ManageWebhookEndpointFragment; onClose(): void }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACES);
  const { viewer } = useViewer();
  const [filter, setFilter] = useState<'ALL' | 'DEAD'>('ALL');
  const { data, loading, error, refetch } = useQuery(DELIVERIES, { variables: { id: endpoint.id }, fetchPolicy: 'network-only', pollInterval: 3000 });
  const [replay, replaying] = useMutation(REPLAY);
  const [problems, setProblems] = useState<UserError[]>([]);
  const [replayed, setReplayed] = useState(false);
  const all = (data?.webhookEndpoint.deliveries.edges ?? []).map((edge) => edge.node);
  const shown = filter === 'DEAD' ? all.filter((delivery) => delivery.state === 'DEAD') : all;
  const when = (iso: string | null | undefined) => (viewer ? formatDateTime(iso, viewer.tenant.timeZone, i18n.language) : '');

  const onReplay = async (delivery: Delivery) => {
    setProblems([]);
    setReplayed(false);
    const payload = (await replay({ variables: { input: { deliveryId: delivery.id } } }).catch(() => null))?.data?.replayWebhookDelivery;
    if (!payload) return;
    if (payload.userErrors.length) setProblems(payload.userErrors);
    else setReplayed(true);
    void refetch();
  };

  return (
    <Drawer
      open
      size="large"
      title={t('webhooks.logTitle', { url: endpoint.url })}
      onClose={onClose}
      destroyOnHidden
      closable={{ 'aria-label': t('webhooks.closeLog') }}
    >
      <Space orientation="vertical" size="middle" className="manage-page">
        <Segmented
          aria-label={t('webhooks.filter')}
          value={filter}
          onChange={(value) => setFilter(value as 'ALL' | 'DEAD')}
          options={[
            { value: 'ALL', label: t('webhooks.all', { n: all.length }) },
            { value: 'DEAD', label: t('webhooks.dead', { n: all.filter((delivery) => delivery.state === 'DEAD').length }) },
          ]}
        />
        <ProblemAlert error={error ?? replaying.error} onRetry={() => void refetch()} />
        {replayed && <Alert type="success" showIcon title={t('webhooks.replayed')} role="status" />}
        {problems.map((problem) => (
          <Alert key={problem.code + problem.message} type="error" showIcon title={userErrorText(t, problem)} role="alert" />
        ))}
        <Table<Delivery>
          rowKey="id"
          size="small"
          loading={loading && !data}
          pagination={false}
          dataSource={shown}
          locale={{ emptyText: <Typography.Text>{filter === 'DEAD' ? t('webhooks.noDead') : t('webhooks.noDeliveries')}</Typography.Text> }}
          expandable={{
            expandedRowRender: (delivery) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text type="secondary">{t('webhooks.webhookId', { id: delivery.webhookId })}</Typography.Text>
                {delivery.attempts.map((attempt) => (
                  <Typography.Text key={attempt.attemptNumber}>
                    {t('webhooks.attempt', { number: attempt.attemptNumber, at: when(attempt.at), status: attempt.statusCode ?? '—', ms: attempt.latencyMs })}
                    {attempt.error ? ` · ${attempt.error}` : ''}
                  </Typography.Text>
                ))}
              </Space>
            ),
          }}
          columns={[
            { title: t('webhooks.when'), key: 'when', render: (_, delivery) => when(delivery.createdAt) },
            { title: t('webhooks.event'), key: 'event', render: (_, delivery) => t(`enums:WebhookEventType.${delivery.eventType}`) },
            {
              title: t('webhooks.state'),
              key: 'state',
              render: (_, delivery) => (
                <Space orientation="vertical" size={0}>
                  <Badge status={STATE_BADGE[delivery.state]} text={t(`enums:ScheduledActionState.${delivery.state}`)} />
                  {delivery.replayOf && <Typography.Text type="secondary">{t('webhooks.isReplay')}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('webhooks.attempts'), key: 'attempts', render: (_, delivery) => `${delivery.attemptCount} / ${delivery.maxAttempts}` },
            { title: t('webhooks.lastError'), key: 'error', render: (_, delivery) => delivery.lastError ?? delivery.skippedReason ?? '' },
            {
              title: t('webhooks.actions'),
              key: 'actions',
              render: (_, delivery) => (
                <Button
                  size="small"
                  autoInsertSpace={false}
                  onClick={() => void onReplay(delivery)}
                  loading={replaying.loading}
                  aria-label={t('webhooks.replayOf', { when: when(delivery.createdAt), event: t(`enums:WebhookEventType.${delivery.eventType}`) })}
                >
                  {t('webhooks.replay')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}
