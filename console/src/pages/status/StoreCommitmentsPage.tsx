import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { storeCommitments, type CommitmentsAnswer } from './commitments-api';
import { StatusLayout } from './StatusLayout';
import { StatusProblemNotice } from './StatusProblemNotice';
import { StoreCard } from './StoreCard';

/**
 * `/console/commitments/<store code>`: what a store promises every customer,
 * for anyone, without an account. The sentences come from the api in the
 * page's language, worded from the standard the store's tickets are held to;
 * switching the language asks again.
 */
export default function StoreCommitmentsPage() {
  const { t, i18n } = useTranslation('status');
  const { store = '' } = useParams();
  const language = i18n.language;
  const [answer, setAnswer] = useState<CommitmentsAnswer | null>(null);
  const load = useCallback(() => {
    setAnswer(null);
    void storeCommitments(store, language).then(setAnswer);
  }, [store, language]);
  useEffect(load, [load]);
  if (!answer) {
    return (
      <StatusLayout>
        <p className="status-loading" role="status">
          {t('commitments.loading')}
        </p>
      </StatusLayout>
    );
  }
  if ('problem' in answer) {
    return (
      <StatusLayout>
        <h1>{t('commitments.title')}</h1>
        <StatusProblemNotice problem={answer.problem} via="store" onRetry={load} />
      </StatusLayout>
    );
  }
  const { page } = answer;
  return (
    <StatusLayout>
      <article className="status-commitments" data-store={page.slug}>
        <h1>{t('commitments.heading', { store: page.store.name })}</h1>
        <section className="status-card" aria-labelledby="status-commitments">
          <h2 id="status-commitments">{t('commitments.promises')}</h2>
          {page.commitments.length === 0 ? (
            <p>{t('commitments.none')}</p>
          ) : (
            <ul className="status-commitment-list">
              {page.commitments.map((commitment, index) => (
                <li key={index} data-kind={commitment.kind}>
                  {commitment.text}
                </li>
              ))}
            </ul>
          )}
          <p className="status-hint">{t('commitments.enforced')}</p>
        </section>
        <StoreCard store={page.store} />
        <p>
          <Link to="/status">{t('commitments.checkRepair')}</Link>
        </p>
      </article>
    </StatusLayout>
  );
}
