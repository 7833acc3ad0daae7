import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { statusByLink, type StatusAnswer } from './status-api';
import { StatusLayout } from './StatusLayout';
import { StatusProblemNotice } from './StatusProblemNotice';
import { TicketStatusView } from './TicketStatusView';

/** `/console/status/<token>`: the page the link in every message to the customer opens. */
export default function StatusByLinkPage() {
  const { t } = useTranslation('status');
  const { token = '' } = useParams();
  const [answer, setAnswer] = useState<StatusAnswer | null>(null);
  const load = useCallback(() => {
    setAnswer(null);
    void statusByLink(token).then(setAnswer);
  }, [token]);
  useEffect(load, [load]);
  return (
    <StatusLayout>
      {!answer ? (
        <p className="status-loading" role="status">
          {t('loading')}
        </p>
      ) : 'ticket' in answer ? (
        <TicketStatusView ticket={answer.ticket} />
      ) : (
        <>
          <h1>{t('title')}</h1>
          <StatusProblemNotice problem={answer.problem} via="link" onRetry={load} />
          <p>
            <Link to="/status">{t('lookup.byNumberInstead')}</Link>
          </p>
        </>
      )}
    </StatusLayout>
  );
}
