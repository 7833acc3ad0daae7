import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, splitDuration } from '../../lib/format';

/** The store's deadline, in the partner's time zone, with the time left (or overdue) counting down. */
export function Deadline({ dueAt, now, timeZone, finished }: { dueAt: string | null | undefined; now: number; timeZone: string; finished: boolean }) {
  const { t, i18n } = useTranslation('partner');
  if (!dueAt) return <Typography.Text type="secondary">{t('deadline.none')}</Typography.Text>;
  const left = splitDuration(new Date(dueAt).getTime() - now);
  const parts = { days: left.days, hours: left.hours, minutes: String(left.minutes).padStart(2, '0'), seconds: String(left.seconds).padStart(2, '0') };
  const remaining = left.days > 0 ? t('deadline.daysLeft', parts) : t('deadline.left', parts);
  return (
    <span className="partner-deadline" style={{ display: 'inline-flex', flexDirection: 'column' }}>
      <span>{formatDateTime(dueAt, timeZone, i18n.language)}</span>
      {!finished && (
        <Typography.Text type={left.negative ? 'danger' : undefined} className="partner-countdown">
          {left.negative ? t('deadline.overdue', { time: remaining }) : t('deadline.remaining', { time: remaining })}
        </Typography.Text>
      )}
    </span>
  );
}
