import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { FaultCategory } from '../../gql/graphql';
import { showUserErrors, type UserError, userErrorText } from '../../lib/api-errors';
import { FAULT_CATEGORIES, PROBLEM_NAMESPACES, problemPath } from './problem-words';
import { CREATE_PROBLEM, PRODUCT_MODELS } from './problems.queries';
import './problems.css';

interface Values {
  title: string;
  modelId?: string;
  faultCategory?: FaultCategory;
  rootCause?: string;
  workaround?: string;
}

/**
 * Records a problem: an HQ's for its whole network, a store's its own. What
 * the tickets share (model, fault category) and what is known so far; the
 * tickets, the owner and the rest are added on the record's page.
 */
export default function NewProblemPage() {
  const { t } = useTranslation(PROBLEM_NAMESPACES);
  const { viewer } = useViewer();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const models = useQuery(PRODUCT_MODELS);
  const [create, { loading }] = useMutation(CREATE_PROBLEM);
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);

  async function save(values: Values) {
    setFailure(null);
    setUnplaced([]);
    try {
      const { data } = await create({
        variables: {
          input: {
            title: values.title,
            modelId: values.modelId ?? null,
            faultCategory: values.faultCategory ?? null,
            rootCause: values.rootCause || null,
            workaround: values.workaround || null,
          },
        },
      });
      const payload = data!.createProblem;
      if (payload.problem) {
        navigate(problemPath(payload.problem.id));
        return;
      }
      setUnplaced(showUserErrors(form, t, payload.userErrors));
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <Space orientation="vertical" size="middle" className="problems-page">
      <Typography.Title level={1}>{t('problems:new.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(viewer?.tenant.kind === 'HQ' ? 'problems:new.introHq' : 'problems:new.intro')}</Typography.Paragraph>
      <ProblemAlert error={failure} onRetry={() => form.submit()} />
      {unplaced.length > 0 && <Alert type="error" showIcon role="alert" title={unplaced.map((error) => userErrorText(t, error)).join(' ')} />}
      <Card>
        <Form<Values> form={form} layout="vertical" requiredMark="optional" onFinish={(values) => void save(values)} style={{ maxWidth: 640 }}>
          <Form.Item name="title" label={t('problems:field.title')} rules={[{ required: true, whitespace: true, message: t('problems:required.title') }]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item name="modelId" label={t('problems:field.model')}>
            <Select
              allowClear
              loading={models.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(models.data?.productModels.edges ?? []).map((edge) => ({ value: edge.node.id, label: `${edge.node.name} (${edge.node.modelCode})` }))}
            />
          </Form.Item>
          <Form.Item name="faultCategory" label={t('problems:field.faultCategory')}>
            <Select allowClear options={FAULT_CATEGORIES.map((value) => ({ value, label: t(`enums:FaultCategory.${value}`) }))} />
          </Form.Item>
          <Form.Item name="rootCause" label={t('problems:field.rootCause')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="workaround" label={t('problems:field.workaround')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={loading}>
              {t('problems:new.save')}
            </Button>
            <Button onClick={() => navigate('/problems')}>{t('common:actions.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
