import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { showUserErrors, userErrorText, type UserError } from '../../../lib/api-errors';
import { MANAGE_NAMESPACES } from '../namespaces';
import { BillingProblemHint } from '../subscription/BillingProblemHint';

export interface ReasonValues {
  reason: string;
  amount?: number | null;
}

/** A refusal names the input's field first (`amount` of `amount.amountMinor`). */
const formFieldOf = (path: readonly string[]) => path.find((part) => part !== 'input' && !/^\d+$/.test(part)) ?? null;

/**
 * Asks why (withdrawing a quote, cancelling or refunding an order) and, for a
 * refund, how much (empty: all that is refundable). The amount is not capped
 * in the field: a figure silently lowered to the maximum would refund money
 * nobody typed, so a refund over what is left is refused by the api and its
 * reason shown on the field. `errors` are the api's refusals of the last try.
 */
export function ReasonDialog(props: {
  title: string;
  withAmount?: boolean;
  maxAmount?: number;
  busy: boolean;
  errors: readonly UserError[];
  /** The last try's failure other than a refusal (a network failure, PAYMENT_REQUIRED...): what was typed stays. */
  failure: unknown;
  onCancel(): void;
  onSubmit(values: ReasonValues): void;
}) {
  const { title, withAmount, maxAmount, busy, errors, failure, onCancel, onSubmit } = props;
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<ReasonValues>();
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  useEffect(() => setUnplaced(showUserErrors(form, t, errors, formFieldOf)), [errors, form, t]);
  return (
    <Modal
      open
      wrapClassName="manage-dialog"
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('money.confirm')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <ProblemAlert error={failure} />
      <BillingProblemHint error={failure} />
      {unplaced.map((problem) => (
        <Alert key={problem.code + problem.message} type="error" showIcon title={userErrorText(t, problem)} role="alert" className="manage-gap" />
      ))}
      <Form
        form={form}
        name="money-reason"
        layout="vertical"
        onFinish={onSubmit}
        onValuesChange={(changed: Partial<ReasonValues>) =>
          form.setFields((Object.keys(changed) as (keyof ReasonValues)[]).map((name) => ({ name, errors: [] })))
        }
        requiredMark={false}
        initialValues={{ reason: '', amount: null }}
      >
        {withAmount && (
          <Form.Item name="amount" label={t('money.refundAmount')} extra={t('money.refundAmountHint', { max: maxAmount ?? 0 })}>
            <InputNumber min={0.01} precision={2} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('money.reason')} rules={[{ required: true, whitespace: true, message: t('required', { field: t('money.reason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
