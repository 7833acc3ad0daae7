import { useMutation } from '@apollo/client/react';
import { Alert, Button, Descriptions, Drawer, Form, Input, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { PartnerWorkOrdersQuery } from '../../gql/graphql';
import { showUserErrors, userErrorText, type UserError } from '../../lib/api-errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { Deadline } from './Deadline';
import { UPDATE_WORK_ORDER } from './operations';
import { FINISHED_STATES, NEXT_STATES, STATUS_COLOR } from './work-order-moves';

export type WorkOrderRow = PartnerWorkOrdersQuery['workOrders']['edges'][number]['node'];

interface Part {
  partNumber?: string;
  description?: string;
  quantity?: number;
  expectedOn?: string;
}

interface Report {
  status: string;
  note?: string;
}

/** One work order: what to repair, the store's deadline, and the form to report progress or completion. */
export function WorkOrderDrawer({
  workOrder,
  now,
  timeZone,
  onClose,
  onSaved,
}: {
  workOrder: WorkOrderRow | null;
  now: number;
  timeZone: string;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, i18n } = useTranslation(['partner', 'enums']);
  const [form] = Form.useForm<Report>();
  const [update, { loading, error, reset }] = useMutation(UPDATE_WORK_ORDER);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const [saved, setSaved] = useState(false);
  if (!workOrder) return <Drawer open={false} onClose={onClose} />;
  const finished = FINISHED_STATES.includes(workOrder.status);
  const choices = [workOrder.status, ...(NEXT_STATES[workOrder.status] ?? [])];
  const parts = (Array.isArray(workOrder.parts) ? workOrder.parts : []) as Part[];
  const onFinish = async (values: Report) => {
    setUnplaced([]);
    setSaved(false);
    const result = await update({
      variables: {
        input: { workOrderId: workOrder.id, expectedVersion: workOrder.version, status: values.status as never, note: values.note?.trim() || null },
      },
    }).catch(() => null);
    const payload = result?.data?.updateWorkOrder;
    if (!payload) return;
    if (payload.userErrors.length) {
      setUnplaced(showUserErrors(form, t, payload.userErrors));
      return;
    }
    setSaved(true);
    form.setFieldsValue({ note: '' });
    onSaved();
  };
  return (
    <Drawer
      open
      destroyOnHidden
      size={560}
      title={t('drawer.title', { reference: workOrder.reference })}
      onClose={() => {
        reset();
        setSaved(false);
        onClose();
      }}
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'status',
            label: t('columns.status'),
            children: <Tag color={STATUS_COLOR[workOrder.status]}>{t(`enums:WorkOrderStatus.${workOrder.status}`)}</Tag>,
          },
          {
            key: 'deadline',
            label: t('columns.deadline'),
            children: <Deadline dueAt={workOrder.storeDueAt} now={now} timeZone={timeZone} finished={finished} />,
          },
          { key: 'device', label: t('columns.device'), children: [workOrder.deviceModel, workOrder.deviceSerial].filter(Boolean).join(' · ') || '—' },
          { key: 'received', label: t('columns.received'), children: formatDateTime(workOrder.createdAt, timeZone, i18n.language) },
          {
            key: 'problem',
            label: t('drawer.problem'),
            children: <Typography.Paragraph className="partner-problem">{workOrder.problem}</Typography.Paragraph>,
          },
          { key: 'note', label: t('drawer.lastNote'), children: workOrder.note ?? '—' },
        ]}
      />
      <Typography.Title level={3}>{t('drawer.parts')}</Typography.Title>
      {parts.length === 0 ? (
        <Typography.Paragraph>{t('drawer.noParts')}</Typography.Paragraph>
      ) : (
        <ul className="partner-parts">
          {parts.map((part, index) => (
            <li key={`${part.partNumber}:${index}`}>
              {t('drawer.part', {
                number: part.partNumber ?? '',
                description: part.description ?? '',
                quantity: part.quantity ?? 1,
                date: formatDate(part.expectedOn, timeZone, i18n.language),
              })}
            </li>
          ))}
        </ul>
      )}
      <Typography.Title level={3}>{t('drawer.report')}</Typography.Title>
      {finished ? (
        <Typography.Paragraph>{t('drawer.finished')}</Typography.Paragraph>
      ) : (
        <Form<Report> form={form} layout="vertical" initialValues={{ status: workOrder.status, note: '' }} onFinish={onFinish}>
          <Form.Item name="status" label={t('drawer.status')}>
            <Select
              options={choices.map((status) => ({
                value: status,
                label:
                  status === workOrder.status ? t('drawer.sameStatus', { status: t(`enums:WorkOrderStatus.${status}`) }) : t(`enums:WorkOrderStatus.${status}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('drawer.note')} extra={t('drawer.noteHint')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
          {unplaced.length > 0 && <Alert type="error" showIcon role="alert" title={unplaced.map((e) => userErrorText(t, e)).join(' ')} />}
          <ProblemAlert error={error} onReload={onSaved} />
          {saved && <Alert type="success" showIcon role="status" title={t('drawer.saved')} />}
          <Button type="primary" htmlType="submit" loading={loading}>
            {t('drawer.submit')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
