import { Alert, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaTemplatePreviewQuery } from '../../gql/graphql';
import { userErrorText } from '../../lib/api-errors';
import { triggerText } from '../../lib/escalation-words';
import { amountText, scopeText } from './standard-words';
import { BAD, GOOD, INFO } from './tag-colors';

type Preview = SlaTemplatePreviewQuery['slaTemplatePreview'];

const CHANGE_COLOR: Record<string, string> = { ADDED: GOOD, CHANGED: INFO, REMOVED: BAD };

/** What publishing the draft would change against the version in force, and why it would be refused. */
export function StandardDiff({ preview }: { preview: Preview }) {
  const { t } = useTranslation(['hq', 'enums']);
  const changeTag = (change: string) => <Tag color={CHANGE_COLOR[change]}>{t(`enums:SlaChangeKind.${change}`)}</Tag>;
  const nothing = preview.targetChanges.length + preview.settingChanges.length + preview.escalationChanges.length === 0;
  return (
    <section aria-labelledby="hq-standard-diff" className="hq-standard-diff">
      <Typography.Title level={3} id="hq-standard-diff">
        {t('standard.diff.title', { from: preview.currentVersion ?? '—', to: preview.version ?? '—' })}
      </Typography.Title>
      {preview.userErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('standard.diff.refused')}
          description={
            <ul>
              {preview.userErrors.map((error) => (
                <li key={`${error.code}:${error.message}`}>{userErrorText(t, error)}</li>
              ))}
            </ul>
          }
        />
      )}
      {preview.publishable && <Alert type="success" showIcon title={t('standard.diff.publishable', { version: preview.version })} />}
      {nothing && preview.userErrors.length === 0 && <Typography.Paragraph>{t('standard.diff.nothing')}</Typography.Paragraph>}
      {preview.targetChanges.length > 0 && (
        <Table
          size="small"
          pagination={false}
          caption={t('standard.diff.targets')}
          rowKey={(row) => `${row.metric}:${row.ticketType}:${row.priority}:${row.tier}`}
          dataSource={preview.targetChanges}
          columns={[
            { title: t('standard.diff.change'), dataIndex: 'change', render: changeTag },
            { title: t('standard.diff.rule'), key: 'rule', render: (_, row) => scopeText(t, row) },
            { title: t('standard.diff.from'), key: 'from', render: (_, row) => amountText(t, row.from) },
            { title: t('standard.diff.to'), key: 'to', render: (_, row) => amountText(t, row.to) },
          ]}
        />
      )}
      {preview.settingChanges.length > 0 && (
        <Table
          size="small"
          pagination={false}
          caption={t('standard.diff.settings')}
          rowKey="setting"
          dataSource={preview.settingChanges}
          columns={[
            { title: t('standard.diff.change'), dataIndex: 'change', render: changeTag },
            { title: t('standard.diff.setting'), dataIndex: 'setting' },
            { title: t('standard.diff.from'), dataIndex: 'from', render: (value: string | null) => value ?? '—' },
            { title: t('standard.diff.to'), dataIndex: 'to', render: (value: string | null) => value ?? '—' },
          ]}
        />
      )}
      {preview.escalationChanges.length > 0 && (
        <Table
          size="small"
          pagination={false}
          caption={t('standard.diff.escalation')}
          rowKey="level"
          dataSource={preview.escalationChanges}
          columns={[
            { title: t('standard.diff.change'), dataIndex: 'change', render: changeTag },
            { title: t('standard.diff.level'), dataIndex: 'level' },
            { title: t('standard.diff.from'), key: 'from', render: (_, row) => (row.from ? `${row.from.name}: ${triggerText(t, row.from)}` : '—') },
            { title: t('standard.diff.to'), key: 'to', render: (_, row) => (row.to ? `${row.to.name}: ${triggerText(t, row.to)}` : '—') },
          ]}
        />
      )}
    </section>
  );
}
