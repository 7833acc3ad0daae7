import { useMutation } from '@apollo/client/react';
import { Alert, Form, Input, InputNumber, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { HqPaidServicesQuery } from '../../gql/graphql';
import { showUserErrors, userErrorText, type UserError } from '../../lib/api-errors';
import { CREATE_PAID_SERVICE, UPDATE_PAID_SERVICE } from './catalogue-operations';

export type PaidServiceRow = HqPaidServicesQuery['paidServices']['edges'][number]['node'];

interface Values {
  code: string;
  nameZhCn: string;
  nameEn: string;
  description: string;
  includes?: string;
  minPrice: number;
  maxPrice: number;
  requiresDevice: boolean;
  extendsWarranty: boolean;
  warrantyExtensionMonths?: number | null;
}

const toMinor = (yuan: number) => Math.round(yuan * 100);

/** Adds a paid service to the catalogue, or changes one (its version guards against two admins overwriting each other). */
export function PaidServiceForm({ service, onClose, onSaved }: { service: PaidServiceRow | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('hq');
  const [form] = Form.useForm<Values>();
  const [create, creating] = useMutation(CREATE_PAID_SERVICE);
  const [update, updating] = useMutation(UPDATE_PAID_SERVICE);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const extendsWarranty = Form.useWatch('extendsWarranty', form);
  const initial: Partial<Values> = service
    ? {
        code: service.code,
        nameZhCn: service.nameZhCn,
        nameEn: service.nameEn,
        description: service.description,
        includes: service.includes.join('\n'),
        minPrice: service.minPrice.amountMinor / 100,
        maxPrice: service.maxPrice.amountMinor / 100,
        requiresDevice: service.requiresDevice,
        extendsWarranty: service.extendsWarranty,
        warrantyExtensionMonths: service.warrantyExtensionMonths ?? null,
      }
    : { requiresDevice: true, extendsWarranty: false };
  const fieldOf = (path: readonly string[]) => {
    const last = [...path].reverse().find((part) => !/^\d+$/.test(part) && part !== 'input' && part !== 'amountMinor' && part !== 'currency');
    return last ?? null;
  };
  const onFinish = async (values: Values) => {
    setUnplaced([]);
    const common = {
      code: values.code.trim(),
      nameZhCn: values.nameZhCn.trim(),
      nameEn: values.nameEn.trim(),
      description: values.description.trim(),
      includes: (values.includes ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      minPrice: { amountMinor: toMinor(values.minPrice), currency: 'CNY' as never },
      maxPrice: { amountMinor: toMinor(values.maxPrice), currency: 'CNY' as never },
      requiresDevice: values.requiresDevice,
      extendsWarranty: values.extendsWarranty,
      warrantyExtensionMonths: values.extendsWarranty ? (values.warrantyExtensionMonths ?? null) : null,
    };
    const result = service
      ? await update({ variables: { input: { id: service.id, expectedVersion: service.version, ...common } } })
          .then((r) => r.data?.updatePaidService)
          .catch(() => null)
      : await create({ variables: { input: common } })
          .then((r) => r.data?.createPaidService)
          .catch(() => null);
    if (!result) return;
    if (result.userErrors.length) {
      setUnplaced(showUserErrors(form, t, result.userErrors, fieldOf));
      return;
    }
    onSaved();
  };
  return (
    <Modal
      open
      destroyOnHidden
      title={service ? t('catalogue.editTitle', { code: service.code }) : t('catalogue.createTitle')}
      okText={t('catalogue.save')}
      cancelText={t('catalogue.cancel')}
      confirmLoading={creating.loading || updating.loading}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Form.Item name="code" label={t('catalogue.code')} rules={[{ required: true, whitespace: true, message: t('catalogue.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameZhCn" label={t('catalogue.nameZhCn')} rules={[{ required: true, whitespace: true, message: t('catalogue.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('catalogue.nameEn')} rules={[{ required: true, whitespace: true, message: t('catalogue.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('catalogue.description')} rules={[{ required: true, whitespace: true, message: t('catalogue.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="includes" label={t('catalogue.includes')} extra={t('catalogue.includesHint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="minPrice" label={t('catalogue.minPrice')} rules={[{ required: true, message: t('catalogue.required') }]}>
          <InputNumber min={0.01} step={1} precision={2} prefix="¥" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="maxPrice"
          label={t('catalogue.maxPrice')}
          dependencies={['minPrice']}
          rules={[
            { required: true, message: t('catalogue.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: number | null) =>
                value == null || getFieldValue('minPrice') == null || value >= getFieldValue('minPrice')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('catalogue.rangeUpsideDown'))),
            }),
          ]}
        >
          <InputNumber min={0.01} step={1} precision={2} prefix="¥" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="requiresDevice" label={t('catalogue.requiresDevice')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="extendsWarranty" label={t('catalogue.extendsWarranty')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {extendsWarranty && (
          <Form.Item name="warrantyExtensionMonths" label={t('catalogue.months')} rules={[{ required: true, message: t('catalogue.required') }]}>
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
        )}
        {unplaced.length > 0 && <Alert type="error" showIcon role="alert" title={unplaced.map((e) => userErrorText(t, e)).join(' ')} />}
        <ProblemAlert error={creating.error ?? updating.error} />
      </Form>
    </Modal>
  );
}
