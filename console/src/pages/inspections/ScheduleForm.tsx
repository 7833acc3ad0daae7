import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Form, Input, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { showUserErrors, userErrorText, type UserError } from '../../lib/api-errors';
import { localText } from './local-text';
import { CHECKLISTS, SCHEDULE_CHOICES, SCHEDULE_INSPECTION } from './operations';

interface Values {
  storeId: string;
  checklistId: string;
  scheduledOn: string;
  announced: boolean;
}

/** HQ schedules an inspection of one of its stores against a checklist version, announced or as a mystery customer. */
export function ScheduleForm({ onScheduled }: { onScheduled(): void }) {
  const { t, i18n } = useTranslation(['inspections', 'errors', 'common']);
  const [form] = Form.useForm<Values>();
  const stores = useQuery(SCHEDULE_CHOICES);
  const checklists = useQuery(CHECKLISTS, { fetchPolicy: 'cache-and-network' });
  const [schedule, scheduling] = useMutation(SCHEDULE_INSPECTION);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const [done, setDone] = useState(false);
  const storeOptions = (stores.data?.tenants.edges ?? []).map(({ node }) => ({ value: node.id, label: node.name }));
  const checklistOptions = (checklists.data?.inspectionChecklists.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: t('list.checklistVersion', { title: localText(i18n.language, node.titleZhCn, node.titleEn), version: node.version }),
  }));
  const required = [{ required: true, message: t('required') }];
  const onFinish = async (values: Values) => {
    setUnplaced([]);
    setDone(false);
    const result = await schedule({ variables: { input: { ...values, announced: values.announced ?? false } } })
      .then((r) => r.data?.scheduleInspection)
      .catch(() => null);
    if (!result) return;
    if (result.userErrors.length) {
      setUnplaced(showUserErrors(form, t, result.userErrors));
      return;
    }
    setDone(true);
    form.resetFields();
    onScheduled();
  };
  return (
    <Card
      title={
        <Typography.Title level={2} className="inspection-card-title">
          {t('schedule.title')}
        </Typography.Title>
      }
    >
      <Form<Values> form={form} layout="inline" initialValues={{ announced: true }} onFinish={onFinish}>
        <Form.Item name="storeId" label={t('schedule.store')} rules={required}>
          <Select aria-label={t('schedule.store')} options={storeOptions} style={{ width: 240 }} loading={stores.loading} />
        </Form.Item>
        <Form.Item name="checklistId" label={t('schedule.checklist')} rules={required}>
          <Select aria-label={t('schedule.checklist')} options={checklistOptions} style={{ width: 280 }} loading={checklists.loading} />
        </Form.Item>
        <Form.Item name="scheduledOn" label={t('schedule.on')} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="announced" label={t('schedule.announced')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={scheduling.loading}>
            {t('schedule.submit')}
          </Button>
        </Form.Item>
      </Form>
      {unplaced.length > 0 && <Alert type="error" showIcon role="alert" title={unplaced.map((e) => userErrorText(t, e)).join(' ')} />}
      {done && <Alert type="success" showIcon title={t('schedule.done')} role="status" />}
      <ProblemAlert error={scheduling.error ?? stores.error ?? checklists.error} />
    </Card>
  );
}
