import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../lib/api-errors';

/** A failed call, said plainly; STALE offers to reload the record, a network failure to try again. */
export function ProblemAlert({ error, onReload, onRetry }: { error: unknown; onReload?: () => void; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = problemOf(t, error);
  const action =
    problem.code === 'STALE' && onReload ? (
      <Button size="small" onClick={onReload}>
        {t('actions.reload')}
      </Button>
    ) : problem.code === 'NETWORK' && onRetry ? (
      <Button size="small" onClick={onRetry}>
        {t('actions.retry')}
      </Button>
    ) : undefined;
  return <Alert type="error" showIcon role="alert" title={problem.text} action={action} />;
}
