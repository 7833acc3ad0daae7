import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { statusByNumber, type StatusAnswer } from './status-api';
import { StatusLayout } from './StatusLayout';
import { StatusProblemNotice } from './StatusProblemNotice';
import { TicketStatusView } from './TicketStatusView';

const DIGITS = /^\d{4}$/;

/** `/console/status`: the ticket number and the last 4 digits of the phone open the same page as the link. */
export default function StatusLookupPage() {
  const { t } = useTranslation('status');
  const [ticketNumber, setTicketNumber] = useState('');
  const [phoneLast4, setPhoneLast4] = useState('');
  const [invalid, setInvalid] = useState<{ number?: boolean; digits?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<StatusAnswer | null>(null);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const number = ticketNumber.trim();
    const check = { number: number.length === 0, digits: !DIGITS.test(phoneLast4) };
    setInvalid(check);
    if (check.number || check.digits) return;
    setBusy(true);
    setAnswer(null);
    const next = await statusByNumber(number, phoneLast4);
    setBusy(false);
    setAnswer(next);
  };

  if (answer && 'ticket' in answer)
    return (
      <StatusLayout>
        <TicketStatusView ticket={answer.ticket} focus />
        <p className="status-another">
          <button type="button" className="status-link-button" onClick={() => setAnswer(null)}>
            {t('lookup.another')}
          </button>
        </p>
      </StatusLayout>
    );

  return (
    <StatusLayout>
      <h1>{t('lookup.title')}</h1>
      <p className="status-intro">{t('lookup.intro')}</p>
      <form className="status-form" onSubmit={submit} noValidate>
        <div className="status-field">
          <label htmlFor="status-ticket-number">{t('lookup.ticketNumber')}</label>
          <input
            id="status-ticket-number"
            name="ticketNumber"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={t('lookup.ticketNumberExample')}
            value={ticketNumber}
            aria-invalid={invalid.number || undefined}
            aria-describedby={invalid.number ? 'status-ticket-number-error' : undefined}
            onChange={(event) => setTicketNumber(event.target.value)}
          />
          {invalid.number && (
            <p id="status-ticket-number-error" className="status-field-error">
              {t('lookup.ticketNumberMissing')}
            </p>
          )}
        </div>
        <div className="status-field">
          <label htmlFor="status-phone-last4">{t('lookup.phoneLast4')}</label>
          <input
            id="status-phone-last4"
            name="phoneLast4"
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            value={phoneLast4}
            aria-invalid={invalid.digits || undefined}
            aria-describedby={invalid.digits ? 'status-phone-last4-error' : 'status-phone-last4-hint'}
            onChange={(event) => setPhoneLast4(event.target.value.replace(/\D/g, '').slice(0, 4))}
          />
          {invalid.digits ? (
            <p id="status-phone-last4-error" className="status-field-error">
              {t('lookup.phoneLast4Invalid')}
            </p>
          ) : (
            <p id="status-phone-last4-hint" className="status-hint">
              {t('lookup.phoneLast4Hint')}
            </p>
          )}
        </div>
        <button type="submit" className="status-button" disabled={busy}>
          {busy ? t('lookup.checking') : t('lookup.submit')}
        </button>
      </form>
      {answer && 'problem' in answer && (
        <StatusProblemNotice problem={answer.problem} via="number" onRetry={answer.problem.code === 'THROTTLED' ? undefined : () => void submit()} />
      )}
    </StatusLayout>
  );
}
