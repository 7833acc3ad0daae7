import { Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';

export interface ReasonValues {
  reason: string;
  amount?: number | null;
}

/** Asks why (withdrawing a quote, cancelling or refunding an order) and, for a refund, how much (empty: all that is refundable). */
export function ReasonDialog({ title, withAmount, maxAmount, busy, onCancel, onSubmit }: { title: string; withAmount?: boolean; maxAmount?: number; busy: boolean; onCancel(): void; onSubmit(values: ReasonValues): void }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<ReasonValues>();
  return (
    <Modal open wrapClassName="manage-dialog" title={title} onCancel={onCancel} onOk={() => form.submit()} okText={t('money.confirm')} cancelText={t('common:actions.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} name="money-reason" layout="vertical" onFinish={onSubmit} requiredMark={false} initialValues={{ reason: '', amount: null }}>
        {withAmount && (
          <Form.Item name="amount" label={t('money.refundAmount')} extra={t('money.refundAmountHint', { max: maxAmount ?? 0 })}>
            <InputNumber min={0.01} max={maxAmount} precision={2} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('money.reason')} rules={[{ required: true, whitespace: true, message: t('required', { field: t('money.reason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
