import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { formatDateTime } from '../../lib/format';
import { targetText } from '../../lib/target-text';
import { Countdown } from './Countdown';
import type { DeskTicket } from './TicketActions';

const TONE: Record<string, string> = { BREACHED: 'desk-tag-breached', AT_RISK: 'desk-tag-risk', RUNNING: 'desk-tag-info', MET: 'desk-tag-ok', PAUSED: '' };

/** The service clocks: what is measured, the target, the promised time and, while running, the time left. */
export function ClocksSection({ clocks }: { clocks: DeskTicket['slaClocks'] }) {
  const { t, i18n } = useTranslation(['desk', 'enums']);
  const { viewer } = useViewer();
  const zone = viewer!.tenant.timeZone;
  return (
    <section aria-labelledby="desk-clocks-title" className="desk-section">
      <h3 id="desk-clocks-title">{t('ticket.clocks.title')}</h3>
      {clocks.length === 0 && <p>{t('ticket.clocks.none')}</p>}
      <ul className="desk-plain-list">
        {clocks.map((clock) => (
          <li key={clock.metric} data-clock={clock.metric}>
            <strong>{t(`enums:SlaMetric.${clock.metric}`)}</strong> <span>({targetText(t, clock.targetAmount, clock.targetUnit)})</span>{' '}
            <Tag className={`desk-tag ${TONE[clock.state]}`}>{t(`enums:ClockState.${clock.state}`)}</Tag>
            {clock.dueAt && <span>{t('ticket.clocks.due', { at: formatDateTime(clock.dueAt, zone, i18n.language) })} </span>}
            {(clock.state === 'RUNNING' || clock.state === 'AT_RISK') && clock.dueAt && <Countdown dueMs={Date.parse(clock.dueAt)} />}
            {clock.state === 'BREACHED' && clock.breachedAt && (
              <span>{t('ticket.clocks.breachedAt', { at: formatDateTime(clock.breachedAt, zone, i18n.language) })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
