import { useTranslation } from 'react-i18next';
import type { StatusProblem } from './status-api';

/** Why the page shows no ticket, said plainly, with what to do. */
export function StatusProblemNotice({ problem, via, onRetry }: { problem: StatusProblem; via: 'link' | 'number' | 'store'; onRetry?: () => void }) {
  const { t } = useTranslation('status');
  const text =
    problem.code === 'NOT_FOUND'
      ? t(via === 'link' ? 'problems.notFoundLink' : via === 'store' ? 'problems.notFoundStore' : 'problems.notFoundNumber')
      : problem.code === 'THROTTLED'
        ? t('problems.throttled', { seconds: problem.seconds })
        : problem.code === 'NETWORK'
          ? t('problems.network')
          : t('problems.unexpected');
  return (
    <div className="status-problem" role="alert">
      <p>{text}</p>
      {onRetry && problem.code !== 'NOT_FOUND' && (
        <button type="button" className="status-button" onClick={onRetry}>
          {t('problems.retry')}
        </button>
      )}
    </div>
  );
}
