import '../manage.css';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { Link, useParams } from 'react-router-dom';
import type { Locale, MessageTemplateKey } from '../../../gql/graphql';
import { MessageWordingEditor } from './MessageWordingEditor';

/** One message's wording in zh-CN and in en, each edited beside its preview. */
export default function MessageEditPage() {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const key = useParams().key as MessageTemplateKey;
  return (
    <Space orientation="vertical" size="middle" className="manage-page">
      <Link to="/manage/messages">{t('messages.back')}</Link>
      <Typography.Title level={1}>{t(`enums:MessageTemplateKey.${key}`)}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('messages.editIntro')}</Typography.Paragraph>
      <MessageWordingEditor templateKey={key} locale={'ZH_CN' as Locale} />
      <MessageWordingEditor templateKey={key} locale={'EN' as Locale} />
    </Space>
  );
}
