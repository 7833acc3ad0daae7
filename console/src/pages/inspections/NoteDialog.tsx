import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { userErrorText, type UserError } from '../../lib/api-errors';

/**
 * Asks for the words a step needs (the store's reason to contest an item,
 * HQ's note on its ruling, what the store did) and saves them; the dialog
 * stays open with the api's refusal when nothing was saved.
 */
export function NoteDialog({
  title,
  label,
  okText,
  required,
  onSave,
  onClose,
}: {
  title: string;
  label: string;
  okText: string;
  required: boolean;
  /** The refusals, or an empty list when saved; a failed call rejects (the dialog keeps what was typed). */
  onSave(note: string): Promise<readonly UserError[]>;
  onClose(): void;
}) {
  const { t } = useTranslation(['inspections', 'errors', 'common']);
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<readonly UserError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const onFinish = async ({ note }: { note?: string }) => {
    setSaving(true);
    setFailure(null);
    try {
      const errors = await onSave((note ?? '').trim());
      if (errors.length) setRefused(errors);
      else onClose();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      destroyOnHidden
      title={title}
      okText={okText}
      cancelText={t('common:actions.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="note" label={label} rules={required ? [{ required: true, whitespace: true, message: t('required') }] : []}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        {refused.length > 0 && <Alert type="error" showIcon role="alert" title={refused.map((e) => userErrorText(t, e)).join(' ')} />}
        <ProblemAlert error={failure} />
      </Form>
    </Modal>
  );
}
