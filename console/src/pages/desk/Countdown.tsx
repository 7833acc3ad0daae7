import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { splitDuration } from '../../lib/format';
import { useNow } from '../../lib/now';

/** Time left until a deadline ("2 h 05 min 09 s"), or how long it is overdue; moves with the page's ticker. */
export function Countdown({ dueMs }: { dueMs: number | null }) {
  const { t } = useTranslation('desk');
  const now = useNow();
  if (dueMs === null) return <span>{t('countdown.none')}</span>;
  return <span data-countdown>{durationText(t, dueMs - now)}</span>;
}

export function durationText(t: (key: string, options?: Record<string, unknown>) => string, ms: number): string {
  const { negative, days, hours, minutes, seconds } = splitDuration(ms);
  const pad = (value: number) => String(value).padStart(2, '0');
  const text =
    days > 0
      ? t('countdown.days', { days, hours, minutes: pad(minutes), seconds: pad(seconds) })
      : t('countdown.hours', { hours, minutes: pad(minutes), seconds: pad(seconds) });
  return negative ? t('countdown.overdue', { duration: text }) : t('countdown.left', { duration: text });
}

/** Breached / at risk / on time, in words and colour (never colour alone). */
export function UrgencyTag({ breached, atRisk }: { breached: boolean; atRisk: boolean }) {
  const { t } = useTranslation('desk');
  if (breached) return <Tag className="desk-tag desk-tag-breached">{t('urgency.breached')}</Tag>;
  if (atRisk) return <Tag className="desk-tag desk-tag-risk">{t('urgency.atRisk')}</Tag>;
  return null;
}
