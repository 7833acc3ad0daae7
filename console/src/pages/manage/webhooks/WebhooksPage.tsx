import '../manage.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { ManageWebhookEndpointFragment } from '../../../gql/graphql';
import { userErrorText, type UserError } from '../../../lib/api-errors';
import { DeliveriesDrawer } from './DeliveriesDrawer';
import { EndpointDialog } from './EndpointDialog';
import { DELETE_ENDPOINT, DISABLE_ENDPOINT, ENABLE_ENDPOINT, ENDPOINTS, ROTATE_SECRET } from './operations';
import { SecretDialog } from './SecretDialog';

type Endpoint = ManageWebhookEndpointFragment;

/** The store's webhook endpoints: what each receives, whether it works, its deliveries; create, change, pause, rotate the secret, delete. */
export default function WebhooksPage() {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const { data, loading, error, refetch } = useQuery(ENDPOINTS, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<Endpoint | 'new' | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [logOf, setLogOf] = useState<Endpoint | null>(null);
  const [problems, setProblems] = useState<UserError[]>([]);
  const [disable, disabling] = useMutation(DISABLE_ENDPOINT);
  const [enable, enabling] = useMutation(ENABLE_ENDPOINT);
  const [remove, removing] = useMutation(DELETE_ENDPOINT);
  const [rotate, rotating] = useMutation(ROTATE_SECRET);
  const endpoints = (data?.webhookEndpoints.edges ?? []).map((edge) => edge.node);

  const act = async (run: () => Promise<{ userErrors: UserError[] } | undefined | null>) => {
    setProblems([]);
    const payload = await run().catch(() => null);
    if (payload?.userErrors.length) setProblems(payload.userErrors);
    void refetch();
    return payload;
  };

  return (
    <Space orientation="vertical" size="middle" className="manage-page">
      <Typography.Title level={1}>{t('webhooks.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>
      <Space>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('webhooks.add')}
        </Button>
      </Space>
      <ProblemAlert error={error ?? disabling.error ?? enabling.error ?? removing.error ?? rotating.error} onRetry={() => void refetch()} />
      {problems.map((problem) => (
        <Alert key={problem.code + problem.message} type="error" showIcon title={userErrorText(t, problem)} role="alert" />
      ))}
      <Table<Endpoint>
        rowKey="id"
        loading={loading && !data}
        pagination={false}
        dataSource={endpoints}
        locale={{ emptyText: <Typography.Text>{t('webhooks.none')}</Typography.Text> }}
        columns={[
          {
            title: t('webhooks.url'),
            key: 'url',
            render: (_, endpoint) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text code>{endpoint.url}</Typography.Text>
                {endpoint.description && <Typography.Text type="secondary">{endpoint.description}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('webhooks.events'),
            key: 'events',
            render: (_, endpoint) => endpoint.eventTypes.map((type) => <Tag key={type}>{t(`enums:WebhookEventType.${type}`)}</Tag>),
          },
          {
            title: t('webhooks.status'),
            key: 'status',
            render: (_, endpoint) => (
              <Space orientation="vertical" size={0}>
                <Badge status={endpoint.status === 'ACTIVE' ? 'success' : 'error'} text={t(`enums:WebhookEndpointStatus.${endpoint.status}`)} />
                {endpoint.disabledCause && <Typography.Text type="secondary">{t(`enums:WebhookDisableCause.${endpoint.disabledCause}`)}</Typography.Text>}
                {endpoint.consecutiveFailedDeliveries > 0 && (
                  <Typography.Text>{t('webhooks.failing', { n: endpoint.consecutiveFailedDeliveries })}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('webhooks.actions'),
            key: 'actions',
            render: (_, endpoint) => (
              <Space wrap>
                <Button
                  size="small"
                  type="primary"
                  ghost
                  autoInsertSpace={false}
                  onClick={() => setLogOf(endpoint)}
                  aria-label={t('webhooks.deliveriesOf', { url: endpoint.url })}
                >
                  {t('webhooks.deliveries')}
                </Button>
                <Button size="small" autoInsertSpace={false} onClick={() => setEditing(endpoint)} aria-label={t('webhooks.editOf', { url: endpoint.url })}>
                  {t('webhooks.edit')}
                </Button>
                {endpoint.status === 'ACTIVE' ? (
                  <Button
                    size="small"
                    onClick={() => void act(async () => (await disable({ variables: { input: { id: endpoint.id } } })).data?.disableWebhookEndpoint)}
                  >
                    {t('webhooks.disable')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    onClick={() => void act(async () => (await enable({ variables: { input: { id: endpoint.id } } })).data?.enableWebhookEndpoint)}
                  >
                    {t('webhooks.enable')}
                  </Button>
                )}
                <Popconfirm
                  title={t('webhooks.rotateConfirm')}
                  okText={t('webhooks.rotate')}
                  cancelText={t('common:actions.cancel')}
                  onConfirm={() =>
                    void act(async () => {
                      const payload = (await rotate({ variables: { input: { id: endpoint.id } } })).data?.rotateWebhookEndpointSecret;
                      if (payload?.secret) setSecret({ url: endpoint.url, secret: payload.secret });
                      return payload;
                    })
                  }
                >
                  <Button size="small">{t('webhooks.rotate')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t('webhooks.deleteConfirm')}
                  okText={t('webhooks.delete')}
                  cancelText={t('common:actions.cancel')}
                  onConfirm={() => void act(async () => (await remove({ variables: { input: { id: endpoint.id } } })).data?.deleteWebhookEndpoint)}
                >
                  <Button size="small">{t('webhooks.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <EndpointDialog
          endpoint={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={(created) => {
            setEditing(null);
            if (created) setSecret(created);
            void refetch();
          }}
        />
      )}
      {secret && <SecretDialog url={secret.url} secret={secret.secret} onClose={() => setSecret(null)} />}
      {logOf && <DeliveriesDrawer endpoint={logOf} onClose={() => setLogOf(null)} />}
    </Space>
  );
}
