import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { signIn } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';

interface Credentials {
  tenantSlug: string;
  email: string;
  password: string;
}

/** Staff of a store, HQ or a partner sign in with their tenant's code, e-mail and password. */
export default function SignInPage() {
  const { t } = useTranslation('auth');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async ({ tenantSlug, email, password }: Credentials) => {
    setBusy(true);
    setProblem(null);
    try {
      const failure = await signIn(tenantSlug.trim(), email.trim(), password);
      if (failure?.code === 'THROTTLED') setProblem(t('throttled', { seconds: Math.ceil((failure.retryAfterMs ?? 1000) / 1000) }));
      else if (failure) setProblem(t('failed'));
    } catch {
      setProblem(t('common:errors.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <Card className="signin-card">
        <div className="signin-header">
          <Typography.Title level={1}>{t('common:product')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
        <Typography.Title level={2}>{t('title')}</Typography.Title>
        {problem && <Alert type="error" showIcon title={problem} role="alert" className="signin-problem" />}
        <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="tenantSlug"
            label={t('tenant')}
            extra={t('tenantHint')}
            rules={[{ required: true, whitespace: true, message: t('required', { field: t('tenant') }) }]}
          >
            <Input autoComplete="organization" autoFocus />
          </Form.Item>
          <Form.Item name="email" label={t('email')} rules={[{ required: true, whitespace: true, message: t('required', { field: t('email') }) }]}>
            <Input type="email" autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required', { field: t('password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('submit')}
          </Button>
        </Form>
        <Typography.Paragraph className="signin-status-link">
          <Link to="/status">{t('statusLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
