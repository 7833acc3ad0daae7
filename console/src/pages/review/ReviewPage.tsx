import { Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { NetworkRanking } from './NetworkRanking';
import { previousMonthIn } from './review-month';
import { StoreRankingView } from './StoreRankingView';
import { TopProblems } from './TopProblems';
import './review.css';

/**
 * The monthly review: the stores' ranking on HQ's weighted score with the
 * network's medians and the stores below a target two months running (HQ's
 * admin publishes it to the stores), or a store's own rank beside the
 * medians; and the month's top three problems with who is handling them.
 * Opens on the month that last ended, in the tenant's time zone.
 */
export default function ReviewPage() {
  const { t } = useTranslation(['review', 'common']);
  const { viewer, can } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const isHq = viewer?.tenant.kind === 'HQ';
  const [month, setMonth] = useState(() => previousMonthIn(zone));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);

  return (
    <Space orientation="vertical" size="large" className="review-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('review:title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(isHq ? 'review:introHq' : 'review:intro')}</Typography.Paragraph>
      <Card>
        <label className="review-month">
          {t('review:monthLabel')}
          <Input type="month" value={month} onChange={(event) => setMonth(event.target.value)} />
        </label>
      </Card>
      {valid && (isHq ? <NetworkRanking month={month} canPublish={can('RANKING_MANAGE')} /> : <StoreRankingView month={month} />)}
      {valid && can('PROBLEM_READ') && <TopProblems month={month} />}
    </Space>
  );
}
