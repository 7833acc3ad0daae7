import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useViewer } from '../../../auth/viewer';
import { MANAGE_NAMESPACES } from '../namespaces';

/** What a refusal for the store's bill carries: its code, and for PAYMENT_REQUIRED the open invoice's page. */
function billingRefusalOf(error: unknown): { code: 'PLAN_LIMIT' | 'PAYMENT_REQUIRED'; invoiceUrl: string | null } | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const extensions = (error.errors[0]?.extensions ?? {}) as { code?: string; invoiceUrl?: string };
  if (extensions.code !== 'PLAN_LIMIT' && extensions.code !== 'PAYMENT_REQUIRED') return null;
  return { code: extensions.code, invoiceUrl: extensions.invoiceUrl ?? null };
}

/**
 * Under a PLAN_LIMIT or PAYMENT_REQUIRED refusal, the way out: the page of
 * the store's subscription (for those who may manage it) and, when the store
 * is read-only for an unpaid invoice, that invoice's payment page.
 */
export function BillingProblemHint({ error }: { error: unknown }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const { can } = useViewer();
  const refusal = billingRefusalOf(error);
  if (!refusal || !can('BILLING_MANAGE')) return null;
  return (
    <Space wrap data-testid="billing-problem-hint">
      <Typography.Text>{t(refusal.code === 'PLAN_LIMIT' ? 'subscription.planLimitHint' : 'subscription.paymentRequiredHint')}</Typography.Text>
      <Link to="/manage/subscription">{t('subscription.goToSubscription')}</Link>
      {refusal.invoiceUrl && (
        <a href={refusal.invoiceUrl} target="_blank" rel="noreferrer">
          {t('subscription.payInvoice')}
        </a>
      )}
    </Space>
  );
}
