import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';

interface KnownError {
  id: string;
  title: string;
  workaround?: string | null;
}

/** What the registration hands to the ticket page it opens: the known errors matching the new ticket. */
export interface RegisteredState {
  knownErrors: KnownError[];
}

/**
 * Right after a registration, the workaround of every known error matching
 * the ticket's model and fault (the store's own records and its HQ's), so the
 * desk can offer it to the customer at once. The registration asked the api
 * for them; a later visit to the ticket does not repeat it.
 */
export function KnownErrors() {
  const { t } = useTranslation(['desk']);
  const state = useLocation().state as Partial<RegisteredState> | null;
  const knownErrors = state?.knownErrors ?? [];
  if (knownErrors.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="known-errors">
      {knownErrors.map((knownError) => (
        <Alert
          key={knownError.id}
          type="info"
          showIcon
          title={
            <>
              {t('knownError.title')}{' '}
              <Link className="desk-known-error-link" to={`/problems/${encodeURIComponent(knownError.id)}`}>
                {knownError.title}
              </Link>
            </>
          }
          description={<span className="desk-known-error">{t('knownError.workaround', { workaround: knownError.workaround ?? '—' })}</span>}
        />
      ))}
    </Space>
  );
}
