import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { useViewer } from '../../../auth/viewer';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { graphql } from '../../../gql';
import type { Locale, MessageTemplateKey } from '../../../gql/graphql';
import { showUserErrors, userErrorText, type UserError } from '../../../lib/api-errors';

const TEMPLATE = graphql(`
  query ManageMessageTemplate($key: MessageTemplateKey!, $locale: Locale!) {
    messageTemplates(key: $key, locale: $locale) {
      key
      locale
      source
      subject
      body
      placeholders
      requiredPlaceholders
      inherited {
        source
      }
      ownOverride {
        problems {
          field
          code
          message
        }
      }
    }
  }
`);

const PREVIEW = graphql(`
  query ManageMessageTemplatePreview($key: MessageTemplateKey!, $locale: Locale!, $subject: String, $body: String) {
    messageTemplatePreview(key: $key, locale: $locale, subject: $subject, body: $body) {
      subject
      text
      problems {
        field
        code
        message
      }
    }
  }
`);

const SET = graphql(`
  mutation ManageSetMessageTemplate($input: SetMessageTemplateInput!) {
    setMessageTemplate(input: $input) {
      template {
        key
        locale
        source
        subject
        body
        inherited {
          source
        }
        ownOverride {
          problems {
            field
            code
            message
          }
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

const RESET = graphql(`
  mutation ManageResetMessageTemplate($input: ResetMessageTemplateInput!) {
    resetMessageTemplate(input: $input) {
      template {
        key
        locale
        source
        subject
        body
        inherited {
          source
        }
        ownOverride {
          problems {
            field
            code
            message
          }
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

interface Draft {
  subject: string;
  body: string;
}

/** Waits until typing pauses before asking for a preview. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** One message in one language: its wording (own, HQ's or the default) edited beside a live preview with sample values. */
export function MessageWordingEditor({ templateKey, locale }: { templateKey: MessageTemplateKey; locale: Locale }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const { can } = useViewer();
  const editable = can('MESSAGE_TEMPLATE_MANAGE');
  const language = t(`messages.language.${locale}`);
  const { data, error, refetch } = useQuery(TEMPLATE, { variables: { key: templateKey, locale }, fetchPolicy: 'network-only' });
  const template = data?.messageTemplates[0];
  const [form] = Form.useForm<Draft>();
  const subject = Form.useWatch('subject', form);
  const body = Form.useWatch('body', form);
  const draft = useSettled({ subject, body }, 300);
  const preview = useQuery(PREVIEW, {
    variables: { key: templateKey, locale, subject: draft.subject, body: draft.body },
    skip: draft.subject === undefined || draft.body === undefined,
    fetchPolicy: 'network-only',
  });
  const shown = preview.data ?? preview.previousData;
  const [save, saving] = useMutation(SET);
  const [reset, resetting] = useMutation(RESET);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (template) form.setFieldsValue({ subject: template.subject, body: template.body });
  }, [template, form]);

  const onFinish = async (values: Draft) => {
    setDone(null);
    setUnplaced([]);
    const result = await save({ variables: { input: { key: templateKey, locale, subject: values.subject, body: values.body } } }).catch(() => null);
    const payload = result?.data?.setMessageTemplate;
    if (!payload) return;
    if (payload.userErrors.length === 0) {
      form.setFields([
        { name: 'subject', errors: [] },
        { name: 'body', errors: [] },
      ]);
      setDone(t('messages.saved', { language }));
      void refetch();
      return;
    }
    setUnplaced(showUserErrors(form, t, payload.userErrors));
  };
  const onReset = async () => {
    setDone(null);
    setUnplaced([]);
    const result = await reset({ variables: { input: { key: templateKey, locale } } }).catch(() => null);
    const payload = result?.data?.resetMessageTemplate;
    if (!payload) return;
    if (payload.userErrors.length === 0) {
      setDone(t('messages.resetDone', { language }));
      form.setFields([
        { name: 'subject', errors: [] },
        { name: 'body', errors: [] },
      ]);
      void refetch();
    } else setUnplaced(payload.userErrors);
  };
  const headingId = `wording-title-${locale}`;

  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <Space>
            <Typography.Title level={2} id={headingId} className="manage-card-title">
              {language}
            </Typography.Title>
            {template && <Tag>{t(`enums:MessageTemplateSource.${template.source}`)}</Tag>}
          </Space>
        }
      >
        <ProblemAlert error={error ?? saving.error ?? resetting.error} onRetry={() => void refetch()} />
        {done && <Alert type="success" showIcon title={done} role="status" className="manage-gap" />}
        {unplaced.map((problem) => (
          <Alert key={problem.code + problem.message} type="error" showIcon title={userErrorText(t, problem)} role="alert" className="manage-gap" />
        ))}
        {(template?.ownOverride?.problems ?? []).map((problem) => (
          <Alert
            key={problem.code + problem.message}
            type="warning"
            showIcon
            title={t('messages.overrideProblem', { problem: userErrorText(t, problem) })}
            className="manage-gap"
          />
        ))}
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form
              form={form}
              name={`wording-${locale}`}
              layout="vertical"
              onFinish={onFinish}
              onValuesChange={(changed) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Draft, errors: [] })))}
              // Until the wording has loaded, what one typed would be overwritten by it.
              disabled={!editable || !template}
              requiredMark={false}
            >
              <Form.Item name="subject" label={t('messages.subjectIn', { language })}>
                <Input />
              </Form.Item>
              <Form.Item name="body" label={t('messages.bodyIn', { language })}>
                <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} />
              </Form.Item>
              {template && (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('messages.required')}>
                    {template.requiredPlaceholders.map((name) => `{{${name}}}`).join(' ') || '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('messages.available')}>{template.placeholders.map((name) => `{{${name}}}`).join(' ')}</Descriptions.Item>
                  <Descriptions.Item label={t('messages.resetGives')}>{t(`enums:MessageTemplateSource.${template.inherited.source}`)}</Descriptions.Item>
                </Descriptions>
              )}
              {editable && (
                <Space className="manage-actions">
                  <Button type="primary" htmlType="submit" autoInsertSpace={false} loading={saving.loading} aria-label={t('messages.saveIn', { language })}>
                    {t('messages.save')}
                  </Button>
                  {template?.source === 'OWN' && (
                    <Popconfirm
                      title={t('messages.resetConfirm')}
                      okText={t('messages.reset')}
                      cancelText={t('common:actions.cancel')}
                      onConfirm={() => void onReset()}
                    >
                      <Button autoInsertSpace={false} loading={resetting.loading} aria-label={t('messages.resetIn', { language })}>
                        {t('messages.reset')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              )}
            </Form>
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Title level={3} className="manage-card-title manage-gap">
              {t('messages.previewIn', { language })}
            </Typography.Title>
            {shown && (
              <div className="manage-preview" aria-live="polite" data-testid={`preview-${locale}`}>
                <Typography.Paragraph strong>{shown.messageTemplatePreview.subject}</Typography.Paragraph>
                <Typography.Paragraph className="manage-preview-text">{shown.messageTemplatePreview.text}</Typography.Paragraph>
                {shown.messageTemplatePreview.problems.map((problem) => (
                  <Alert
                    key={problem.code + problem.message}
                    type="warning"
                    showIcon
                    title={t('messages.wouldRefuse', { problem: userErrorText(t, problem) })}
                    className="manage-gap"
                  />
                ))}
              </div>
            )}
          </Col>
        </Row>
      </Card>
    </section>
  );
}
