import { useMutation } from '@apollo/client/react';
import { Alert, Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { InspectionChecklistsQuery } from '../../gql/graphql';
import { showUserErrors, userErrorText, type UserError } from '../../lib/api-errors';
import { PUBLISH_CHECKLIST } from './operations';

export type ChecklistRow = InspectionChecklistsQuery['inspectionChecklists']['edges'][number]['node'];

interface ItemValues {
  weight: number;
  textZhCn: string;
  textEn: string;
  /** Empty: the item is passed or failed; set: scored from 0 to it, passing from passScore. */
  maxScore?: number | null;
  passScore?: number | null;
}
interface Values {
  code: string;
  titleZhCn: string;
  titleEn: string;
  items: ItemValues[];
}

/** Publishes a checklist: a new code, or the next version of one (starting from the version it is based on). */
export function ChecklistForm({ basis, onClose, onPublished }: { basis: ChecklistRow | null; onClose(): void; onPublished(): void }) {
  const { t } = useTranslation(['inspections', 'errors', 'common']);
  const [form] = Form.useForm<Values>();
  const [publish, publishing] = useMutation(PUBLISH_CHECKLIST);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const initial: Partial<Values> = basis
    ? {
        code: basis.code,
        titleZhCn: basis.titleZhCn,
        titleEn: basis.titleEn,
        items: basis.items.map(({ weight, textZhCn, textEn, maxScore, passScore }) => ({ weight, textZhCn, textEn, maxScore, passScore })),
      }
    : { items: [{ weight: 10, textZhCn: '', textEn: '' }] };
  const required = [{ required: true, whitespace: true, message: t('inspections:required') }];
  const onFinish = async (values: Values) => {
    setUnplaced([]);
    const result = await publish({
      variables: {
        input: {
          code: values.code.trim(),
          titleZhCn: values.titleZhCn.trim(),
          titleEn: values.titleEn.trim(),
          items: values.items.map((item) => ({
            weight: item.weight,
            textZhCn: item.textZhCn.trim(),
            textEn: item.textEn.trim(),
            maxScore: item.maxScore ?? null,
            passScore: item.passScore ?? null,
          })),
        },
      },
    })
      .then((r) => r.data?.publishInspectionChecklist)
      .catch(() => null);
    if (!result) return;
    if (result.userErrors.length) {
      setUnplaced(showUserErrors(form, t, result.userErrors));
      return;
    }
    onPublished();
  };
  return (
    <Modal
      open
      destroyOnHidden
      title={basis ? t('checklists.nextVersionTitle', { code: basis.code, version: basis.version + 1 }) : t('checklists.createTitle')}
      okText={t('checklists.publish')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={publishing.loading}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={760}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Form.Item name="code" label={t('checklists.code')} extra={t('checklists.codeHint')} rules={required}>
          <Input disabled={basis !== null} />
        </Form.Item>
        <Form.Item name="titleZhCn" label={t('checklists.titleZhCn')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="titleEn" label={t('checklists.titleEn')} rules={required}>
          <Input />
        </Form.Item>
        <Typography.Text strong>{t('checklists.items')}</Typography.Text>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap className="inspection-item-fields">
                  <Form.Item
                    name={[field.name, 'weight']}
                    label={t('checklists.itemWeight', { position: index + 1 })}
                    rules={[{ required: true, message: t('inspections:required') }]}
                  >
                    <InputNumber min={1} max={100} precision={0} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'textZhCn']} label={t('checklists.itemZhCn', { position: index + 1 })} rules={required}>
                    <Input style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'textEn']} label={t('checklists.itemEn', { position: index + 1 })} rules={required}>
                    <Input style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'maxScore']}
                    label={t('checklists.itemMaxScore', { position: index + 1 })}
                    tooltip={t('checklists.maxScoreHint')}
                  >
                    <InputNumber min={1} max={100} precision={0} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'passScore']} label={t('checklists.itemPassScore', { position: index + 1 })}>
                    <InputNumber min={1} max={100} precision={0} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                      {t('checklists.removeItem', { position: index + 1 })}
                    </Button>
                  )}
                </Space>
              ))}
              <Button onClick={() => add({ weight: 10, textZhCn: '', textEn: '' })}>{t('checklists.addItem')}</Button>
            </>
          )}
        </Form.List>
        {unplaced.length > 0 && <Alert type="error" showIcon role="alert" title={unplaced.map((e) => userErrorText(t, e)).join(' ')} />}
        <ProblemAlert error={publishing.error} />
      </Form>
    </Modal>
  );
}
