import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { userErrorText, type UserError } from '../lib/api-errors';

/**
 * The refusals of a save that belong to no one field, in the user's
 * language, above the form; a STALE one offers to reload what a colleague
 * changed meanwhile.
 */
export function RefusalsAlert({ refusals, onReload }: { refusals: readonly UserError[]; onReload: () => void }) {
  const { t } = useTranslation(['errors', 'common']);
  if (refusals.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={refusals.map((refusal) => userErrorText(t, refusal)).join(' ')}
      action={
        refusals.some((refusal) => refusal.code === 'STALE') ? (
          <Button size="small" onClick={onReload}>
            {t('common:actions.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
