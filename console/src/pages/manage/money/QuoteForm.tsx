import { useMutation } from '@apollo/client/react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { QuoteLineKind } from '../../../gql/graphql';
import { showUserErrors, userErrorText, type UserError } from '../../../lib/api-errors';
import { MANAGE_NAMESPACES } from '../namespaces';
import { BillingProblemHint } from '../subscription/BillingProblemHint';
import { CREATE_QUOTE } from './operations';

interface Line {
  kind: QuoteLineKind;
  description: string;
  quantity: number;
  unitPrice: number;
}

interface Values {
  lines: Line[];
  validUntil: string;
  note: string;
}

/** A new repair quote: parts and labour lines, the last day it is valid, a note for the customer. */
export function QuoteForm({ ticketId, onCreated }: { ticketId: string; onCreated(): void }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<Values>();
  const [create, state] = useMutation(CREATE_QUOTE);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const onFinish = async (values: Values) => {
    setUnplaced([]);
    const input = {
      ticketId,
      validUntil: values.validUntil,
      note: values.note?.trim() || null,
      lines: values.lines.map((line) => ({
        kind: line.kind,
        description: line.description.trim(),
        quantity: line.quantity,
        unitPrice: { amountMinor: Math.round(line.unitPrice * 100), currency: 'CNY' as const },
      })),
    };
    const payload = (await create({ variables: { input } }).catch(() => null))?.data?.createQuote;
    if (!payload) return;
    if (payload.userErrors.length === 0) {
      form.resetFields();
      return onCreated();
    }
    setUnplaced(showUserErrors(form, t, payload.userErrors));
  };
  return (
    <Card
      title={
        <Typography.Title level={3} className="manage-card-title">
          {t('money.newQuote')}
        </Typography.Title>
      }
    >
      <ProblemAlert error={state.error} />
      <BillingProblemHint error={state.error} />
      {unplaced.map((problem) => (
        <Alert key={problem.code + problem.message} type="error" showIcon title={userErrorText(t, problem)} role="alert" className="manage-gap" />
      ))}
      <Form
        form={form}
        name="money-quote"
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        initialValues={{ lines: [{ kind: 'PARTS', description: '', quantity: 1, unitPrice: null }], validUntil: '', note: '' }}
      >
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" className="manage-page">
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'kind']} label={t('money.lineKind', { n: index + 1 })}>
                    <Select
                      className="manage-select"
                      options={(['PARTS', 'LABOUR'] as QuoteLineKind[]).map((kind) => ({ value: kind, label: t(`enums:QuoteLineKind.${kind}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'description']}
                    label={t('money.lineDescription', { n: index + 1 })}
                    rules={[{ required: true, whitespace: true, message: t('required', { field: t('money.description') }) }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} label={t('money.lineQuantity', { n: index + 1 })}>
                    <InputNumber min={1} precision={0} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unitPrice']}
                    label={t('money.lineUnitPrice', { n: index + 1 })}
                    rules={[{ required: true, message: t('required', { field: t('money.unitPrice') }) }]}
                  >
                    <InputNumber min={0} precision={2} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button className="manage-line-remove" onClick={() => remove(field.name)} aria-label={t('money.removeLine', { n: index + 1 })}>
                      {t('money.remove')}
                    </Button>
                  )}
                </Space>
              ))}
              <Button onClick={() => add({ kind: 'LABOUR', description: '', quantity: 1, unitPrice: null })}>{t('money.addLine')}</Button>
            </Space>
          )}
        </Form.List>
        <Space align="start" wrap className="manage-actions">
          <Form.Item name="validUntil" label={t('money.validUntil')} rules={[{ required: true, message: t('required', { field: t('money.validUntil') }) }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="note" label={t('money.note')}>
            <Input />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={state.loading}>
          {t('money.createQuote')}
        </Button>
      </Form>
    </Card>
  );
}
