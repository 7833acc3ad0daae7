import { useQuery } from '@apollo/client/react';
import { Alert, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../lib/format';
import { FindingsForm } from './FindingsForm';
import { localText } from './local-text';
import { INSPECTION } from './operations';
import { ResultsTable } from './ResultsTable';
import { scoreText } from './score-text';
import './inspections.css';

/**
 * One inspection. Until it is submitted, HQ records each item's finding,
 * saves a draft and submits it; once submitted, everyone reads the findings
 * and the store's total, the store contests a failed item (once) and HQ rules
 * on the contest. Times are the store's.
 */
export default function InspectionPage() {
  const { t, i18n } = useTranslation(['inspections', 'enums', 'common']);
  const id = useParams().id!;
  const { can } = useViewer();
  const { data, error, loading, refetch } = useQuery(INSPECTION, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [done, setDone] = useState<string | null>(null);
  const changed = (text?: string) => {
    setDone(text ?? null);
    void refetch();
  };
  if (loading && !data) return <PageLoading />;
  const inspection = data?.inspection;
  const zone = inspection?.store?.timeZone ?? 'Asia/Shanghai';
  const submitted = inspection?.status === 'SUBMITTED';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/inspections/list">{t('inspection.back')}</Link>
      <Typography.Title level={1}>{t('inspection.title', { store: inspection?.store?.name ?? '' })}</Typography.Title>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      {done && <Alert type="success" showIcon title={done} role="status" />}
      {inspection && (
        <>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('list.checklist')}>
                {inspection.checklist
                  ? t('list.checklistVersion', {
                      title: localText(i18n.language, inspection.checklist.titleZhCn, inspection.checklist.titleEn),
                      version: inspection.checklist.version,
                    })
                  : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('list.kind')}>{t(inspection.announced ? 'list.announced' : 'list.unannounced')}</Descriptions.Item>
              <Descriptions.Item label={t('list.scheduledOn')}>{formatDate(inspection.scheduledOn, zone, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('list.status')}>
                <span data-testid="inspection-status">{t(`enums:InspectionStatus.${inspection.status}`)}</span>
              </Descriptions.Item>
              {submitted && (
                <Descriptions.Item label={t('inspection.submittedAt')}>{formatDateTime(inspection.submittedAt, zone, i18n.language)}</Descriptions.Item>
              )}
              {submitted && (
                <Descriptions.Item label={t('inspection.total')}>
                  <strong data-testid="inspection-score">{scoreText(inspection.scorePercent, i18n.language)}</strong>
                </Descriptions.Item>
              )}
              {submitted && inspection.notes && <Descriptions.Item label={t('inspection.notes')}>{inspection.notes}</Descriptions.Item>}
            </Descriptions>
          </Card>
          {!submitted && can('INSPECTION_MANAGE') ? (
            <FindingsForm key={inspection.id} inspection={inspection} onSaved={changed} />
          ) : (
            <ResultsTable inspection={inspection} onChanged={changed} />
          )}
        </>
      )}
    </Space>
  );
}
