import { Alert, Form, FormInstance, Modal } from 'antd';
import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { showUserErrors, UserError, userErrorText } from '../../lib/api-errors';

/**
 * One action on a ticket, in a dialog: its form, its errors next to their
 * fields, a network failure that keeps what was typed, and STALE handed to
 * the page (which offers to reload the ticket).
 */
export function ActionModal<V extends object>({
  title,
  okText,
  onClose,
  onStale,
  run,
  initialValues,
  children,
}: {
  title: string;
  okText: string;
  onClose: (done: boolean) => void;
  onStale: () => void;
  run: (values: V) => Promise<readonly UserError[]>;
  initialValues?: Partial<V>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}) {
  const { t } = useTranslation(['desk', 'errors']);
  const [form] = Form.useForm<V>();
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const [busy, setBusy] = useState(false);

  async function finish(values: V) {
    setFailure(null);
    setUnplaced([]);
    setBusy(true);
    try {
      const errors = await run(values);
      if (errors.some((error) => error.code === 'STALE')) {
        onStale();
        onClose(false);
        return;
      }
      if (errors.length === 0) {
        onClose(true);
        return;
      }
      setUnplaced(showUserErrors(form, t, errors));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      confirmLoading={busy}
    >
      <ProblemAlert error={failure} onRetry={() => form.submit()} />
      {unplaced.length > 0 && <Alert type="error" showIcon role="alert" title={unplaced.map((error) => userErrorText(t, error)).join(' ')} />}
      <Form<V> form={form} layout="vertical" onFinish={(values) => void finish(values)} initialValues={initialValues}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
