import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';

/** A signing secret, shown this once: the api never shows it again. */
export function SecretDialog({ url, secret, onClose }: { url: string; secret: string; onClose(): void }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  return (
    <Modal
      open
      wrapClassName="manage-dialog"
      title={t('webhooks.secretTitle')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('webhooks.secretKept')}
        </Button>
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('webhooks.secretOnce')} className="manage-gap" />
      <Typography.Paragraph>{t('webhooks.secretFor', { url })}</Typography.Paragraph>
      <Typography.Paragraph code copyable={{ text: secret, tooltips: [t('webhooks.copy'), t('webhooks.copied')] }} data-testid="webhook-secret">
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
