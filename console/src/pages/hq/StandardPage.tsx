import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Descriptions, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { HqStandardQuery } from '../../gql/graphql';
import { userErrorText } from '../../lib/api-errors';
import { formatDateTime } from '../../lib/format';
import { EscalationLadder } from './EscalationLadder';
import { StandardDiff } from './StandardDiff';
import { amountText, scopeText } from './standard-words';

const HQ_STANDARD = graphql(`
  query HqStandard {
    slaStandard {
      code
      version
      publishedAt
      atRiskShare
      definition
      targets {
        metric
        ticketType
        priority
        tier
        amount
        unit
        locked
      }
      escalation {
        level
        name
        ...EscalationLevelWords
        workingHoursOnly
        fromHq
      }
    }
  }
`);

const PREVIEW = graphql(`
  query SlaTemplatePreview($definition: String!) {
    slaTemplatePreview(definition: $definition) {
      code
      version
      currentVersion
      publishable
      targetChanges {
        change
        metric
        ticketType
        priority
        tier
        from {
          amount
          unit
          locked
          metric
        }
        to {
          amount
          unit
          locked
          metric
        }
      }
      settingChanges {
        change
        setting
        from
        to
      }
      escalationChanges {
        change
        level
        from {
          name
          shareOfTarget
          minutesAfterBreach
        }
        to {
          name
          shareOfTarget
          minutesAfterBreach
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishSlaTemplate($input: PublishSlaTemplateInput!) {
    publishSlaTemplate(input: $input) {
      standard {
        code
        version
        publishedAt
        definition
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

type Target = HqStandardQuery['slaStandard']['targets'][number];

/** HQ's service standard: the version in force, its ladder, and (for HQ admins) the next version, previewed before it is published. */
export default function StandardPage() {
  const { t, i18n } = useTranslation(['hq', 'enums']);
  const { viewer, can } = useViewer();
  const { data, error, loading, refetch } = useQuery(HQ_STANDARD);
  const [draft, setDraft] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [published, setPublished] = useState<number | null>(null);
  const [runPreview, preview] = useLazyQuery(PREVIEW, { fetchPolicy: 'network-only' });
  const [publish, publishing] = useMutation(PUBLISH);
  const [publishErrors, setPublishErrors] = useState<string[]>([]);
  if (loading && !data) return <PageLoading />;
  const standard = data?.slaStandard;
  const text = draft ?? standard?.definition ?? '';
  const mayManage = can('STANDARD_MANAGE');
  const onPreview = async () => {
    setPublished(null);
    setPublishErrors([]);
    await runPreview({ variables: { definition: text } });
    setPreviewed(text);
  };
  const onPublish = async () => {
    const result = await publish({ variables: { input: { definition: text } } }).catch(() => null);
    const payload = result?.data?.publishSlaTemplate;
    if (!payload) return;
    if (payload.userErrors.length) {
      setPublishErrors(payload.userErrors.map((e) => userErrorText(t, e)));
      return;
    }
    setPublished(payload.standard?.version ?? null);
    setDraft(null);
    setPreviewed(null);
    await refetch();
  };
  const previewData = previewed !== null ? preview.data?.slaTemplatePreview : undefined;
  const canPublish = Boolean(previewData?.publishable) && previewed === text;
  return (
    <Space orientation="vertical" size="large" className="hq-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('standard.title')}</Typography.Title>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      {published !== null && <Alert type="success" showIcon role="status" title={t('standard.published', { version: published })} />}
      {standard && (
        <Card
          title={
            <Typography.Title level={2} className="hq-card-title">
              {t('standard.current')}
            </Typography.Title>
          }
        >
          <Descriptions
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'version', label: t('standard.version'), children: <span data-testid="standard-version">{standard.version ?? t('standard.none')}</span> },
              { key: 'code', label: t('standard.code'), children: standard.code ?? '—' },
              {
                key: 'publishedAt',
                label: t('standard.publishedAt'),
                children: formatDateTime(standard.publishedAt, viewer?.tenant.timeZone ?? 'Asia/Shanghai', i18n.language) || '—',
              },
              { key: 'atRisk', label: t('standard.atRiskShare'), children: standard.atRiskShare != null ? `${Math.round(standard.atRiskShare * 100)}%` : '—' },
            ]}
          />
          <Table<Target>
            size="small"
            pagination={false}
            caption={t('standard.targets')}
            rowKey={(row) => `${row.metric}:${row.ticketType}:${row.priority}:${row.tier}`}
            dataSource={standard.targets}
            columns={[
              { title: t('standard.rule'), key: 'rule', render: (_, row) => scopeText(t, row) },
              { title: t('standard.amount'), key: 'amount', render: (_, row) => amountText(t, row) },
            ]}
          />
        </Card>
      )}
      {standard && (
        <Card
          title={
            <Typography.Title level={2} className="hq-card-title">
              {t('standard.ladder')}
            </Typography.Title>
          }
        >
          <EscalationLadder levels={standard.escalation} />
        </Card>
      )}
      {mayManage && (
        <Card
          title={
            <Typography.Title level={2} className="hq-card-title">
              {t('standard.next')}
            </Typography.Title>
          }
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary">{t('standard.nextHint')}</Typography.Paragraph>
            <label htmlFor="hq-standard-draft" className="hq-label">
              {t('standard.draftLabel')}
            </label>
            <Input.TextArea
              id="hq-standard-draft"
              value={text}
              onChange={(event) => setDraft(event.target.value)}
              autoSize={{ minRows: 12, maxRows: 30 }}
              spellCheck={false}
              className="hq-yaml"
              style={{ fontFamily: 'monospace' }}
            />
            <Space>
              <Button onClick={() => void onPreview()} loading={preview.loading}>
                {t('standard.preview')}
              </Button>
              <Button type="primary" disabled={!canPublish} loading={publishing.loading} onClick={() => void onPublish()}>
                {t('standard.publish')}
              </Button>
            </Space>
            {previewed !== null && previewed !== text && <Typography.Text type="warning">{t('standard.changedSincePreview')}</Typography.Text>}
            <ProblemAlert error={preview.error ?? publishing.error} />
            {publishErrors.length > 0 && <Alert type="error" showIcon role="alert" title={publishErrors.join(' ')} />}
            {previewData && <StandardDiff preview={previewData} />}
          </Space>
        </Card>
      )}
    </Space>
  );
}
