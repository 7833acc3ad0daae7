import '../manage.css';
import { useQuery } from '@apollo/client/react';
import { Badge, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { graphql } from '../../../gql';
import type { Locale, MessageTemplateKey, MessageTemplateSource } from '../../../gql/graphql';

const TEMPLATES = graphql(`
  query ManageMessageTemplates {
    messageTemplates {
      key
      locale
      source
      subject
      ownOverride {
        problems {
          code
        }
      }
    }
  }
`);

interface Row {
  key: MessageTemplateKey;
  sources: Partial<Record<Locale, MessageTemplateSource>>;
  subjects: Partial<Record<Locale, string>>;
  problems: boolean;
}

/** Every message the product sends, with where the wording in force comes from (our own, HQ's, the default) in each language. */
export default function MessagesPage() {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACES);
  const { data, loading, error, refetch } = useQuery(TEMPLATES, { fetchPolicy: 'cache-and-network' });
  const rows = new Map<MessageTemplateKey, Row>();
  for (const template of data?.messageTemplates ?? []) {
    const row = rows.get(template.key) ?? { key: template.key, sources: {}, subjects: {}, problems: false };
    row.sources[template.locale] = template.source;
    row.subjects[template.locale] = template.subject;
    row.problems ||= (template.ownOverride?.problems.length ?? 0) > 0;
    rows.set(template.key, row);
  }
  const source = (row: Row, locale: Locale) => {
    const value = row.sources[locale];
    return value ? <Tag>{t(`enums:MessageTemplateSource.${value}`)}</Tag> : null;
  };
  return (
    <Space orientation="vertical" size="middle" className="manage-page">
      <Typography.Title level={1}>{t('messages.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('messages.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Table<Row>
        rowKey="key"
        loading={loading && !data}
        pagination={false}
        dataSource={[...rows.values()]}
        columns={[
          {
            title: t('messages.message'),
            key: 'key',
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/manage/messages/${row.key}`}>{t(`enums:MessageTemplateKey.${row.key}`)}</Link>
                <Typography.Text type="secondary">{(i18n.language === 'en' ? row.subjects.EN : row.subjects.ZH_CN) ?? ''}</Typography.Text>
              </Space>
            ),
          },
          { title: t('messages.zhCn'), key: 'zh', render: (_, row) => source(row, 'ZH_CN' as Locale) },
          { title: t('messages.en'), key: 'en', render: (_, row) => source(row, 'EN' as Locale) },
          {
            title: t('messages.problems'),
            key: 'problems',
            render: (_, row) => (row.problems ? <Badge status="error" text={t('messages.hasProblems')} /> : null),
          },
        ]}
      />
    </Space>
  );
}
