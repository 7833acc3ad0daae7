import { useMutation } from '@apollo/client/react';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { ManageWebhookEndpointFragment, WebhookEventType } from '../../../gql/graphql';
import { showUserErrors, userErrorText, type UserError } from '../../../lib/api-errors';
import { CREATE_ENDPOINT, UPDATE_ENDPOINT } from './operations';

const EVENT_TYPES: WebhookEventType[] = [
  'TICKET_CREATED',
  'TICKET_STATUS_CHANGED',
  'TICKET_ESCALATED',
  'SLA_AT_RISK',
  'SLA_BREACHED',
  'PART_DELAYED',
  'PART_LATE',
  'APPOINTMENT_SCHEDULED',
  'CALLBACK_ANSWERED',
  'WORK_ORDER_DISPATCHED',
];

interface Values {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
}

/** Creates an endpoint (then its secret is shown once) or changes one. */
export function EndpointDialog({
  endpoint,
  onClose,
  onDone,
}: {
  endpoint: ManageWebhookEndpointFragment | null;
  onClose(): void;
  onDone(created: { url: string; secret: string } | null): void;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<Values>();
  const [create, creating] = useMutation(CREATE_ENDPOINT);
  const [update, updating] = useMutation(UPDATE_ENDPOINT);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const onFinish = async (values: Values) => {
    setUnplaced([]);
    const input = { url: values.url.trim(), description: values.description?.trim() || null, eventTypes: values.eventTypes };
    if (!endpoint) {
      const payload = (await create({ variables: { input } }).catch(() => null))?.data?.createWebhookEndpoint;
      if (!payload) return;
      if (payload.userErrors.length === 0 && payload.secret) return onDone({ url: input.url, secret: payload.secret });
      setUnplaced(showUserErrors(form, t, payload.userErrors));
    } else {
      const payload = (await update({ variables: { input: { ...input, id: endpoint.id, expectedVersion: endpoint.version } } }).catch(() => null))?.data
        ?.updateWebhookEndpoint;
      if (!payload) return;
      if (payload.userErrors.length === 0) return onDone(null);
      setUnplaced(showUserErrors(form, t, payload.userErrors));
    }
  };
  return (
    <Modal
      open
      wrapClassName="manage-dialog"
      title={endpoint ? t('webhooks.editTitle') : t('webhooks.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={endpoint ? t('common:actions.save') : t('webhooks.create')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={creating.loading || updating.loading}
      destroyOnHidden
    >
      <ProblemAlert error={creating.error ?? updating.error} />
      {unplaced.map((problem) => (
        <Alert key={problem.code + problem.message} type="error" showIcon title={userErrorText(t, problem)} role="alert" className="manage-gap" />
      ))}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        initialValues={{
          url: endpoint?.url ?? '',
          description: endpoint?.description ?? '',
          eventTypes: endpoint?.eventTypes ?? ['TICKET_CREATED', 'TICKET_STATUS_CHANGED'],
        }}
      >
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={t('webhooks.urlHint')}
          rules={[{ required: true, whitespace: true, message: t('required', { field: t('webhooks.url') }) }]}
        >
          <Input type="url" autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="eventTypes" label={t('webhooks.events')} rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.pickEvents') }]}>
          <Checkbox.Group options={EVENT_TYPES.map((type) => ({ value: type, label: t(`enums:WebhookEventType.${type}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
