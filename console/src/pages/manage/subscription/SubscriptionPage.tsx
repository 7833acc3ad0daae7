import '../manage.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { useViewer } from '../../../auth/viewer';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { graphql } from '../../../gql';
import { userErrorText } from '../../../lib/api-errors';
import { formatDate, formatDateTime, formatMoney } from '../../../lib/format';

const SUBSCRIPTION = graphql(`
  query ManageSubscription {
    storeSubscription {
      status
      standing
      subscribed
      cancelAtPeriodEnd
      trialEndsAt
      currentPeriodEnd
      pastDueSince
      readOnlyFrom
      unpaidInvoiceUrl
      plan {
        code
        nameZhCn
        nameEn
      }
      pendingPlan {
        code
        nameZhCn
        nameEn
      }
      checkout {
        state
        url
        expiresAt
        plan {
          code
          nameZhCn
          nameEn
        }
      }
    }
    billingPlans {
      code
      nameZhCn
      nameEn
      descriptionZhCn
      descriptionEn
      staffSeats
      features
      monthlyPrice {
        amountMinor
        currency
      }
    }
  }
`);

const CHECKOUT = graphql(`
  mutation ManageStartSubscriptionCheckout($input: StartSubscriptionCheckoutInput!) {
    startSubscriptionCheckout(input: $input) {
      checkout {
        state
        url
        expiresAt
        plan {
          code
          nameZhCn
          nameEn
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

const CHANGE_PLAN = graphql(`
  mutation ManageChangeSubscriptionPlan($input: ChangeSubscriptionPlanInput!) {
    changeSubscriptionPlan(input: $input) {
      subscription {
        plan {
          code
        }
        pendingPlan {
          code
          nameZhCn
          nameEn
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

const STANDING_TYPE = { FULL: 'success', GRACE_PERIOD: 'warning', READ_ONLY: 'error' } as const;

/** The store's subscription: its plan and standing (grace period, read-only) said plainly, the plans, and a checkout link to subscribe or pay. */
export default function SubscriptionPage() {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACES);
  const { viewer } = useViewer();
  const en = i18n.language === 'en';
  const { data, error, refetch, startPolling, stopPolling } = useQuery(SUBSCRIPTION, { fetchPolicy: 'cache-and-network' });
  const [checkout, checking] = useMutation(CHECKOUT);
  const [changePlan, changing] = useMutation(CHANGE_PLAN);
  const [pendingPlan, setPendingPlan] = useState<string | null>(null);
  const subscription = data?.storeSubscription;
  const zone = viewer?.tenant.timeZone ?? 'UTC';
  const date = (iso: string | null | undefined) => formatDate(iso, zone, i18n.language);
  // The link is the worker's work of seconds; once it is open, the manager pays in another tab and the subscription arrives by Stripe's event.
  const checkoutState = subscription?.checkout?.state;
  // A plan change waits for the worker's call to Stripe, then for Stripe's event: seconds.
  const pollEvery = checkoutState === 'PENDING' || subscription?.pendingPlan ? 2000 : checkoutState === 'OPEN' ? 3000 : 0;
  useEffect(() => {
    if (pollEvery) startPolling(pollEvery);
    else stopPolling();
  }, [pollEvery, startPolling, stopPolling]);
  const userErrors = [...(checking.data?.startSubscriptionCheckout.userErrors ?? []), ...(changing.data?.changeSubscriptionPlan.userErrors ?? [])];
  // A live subscription cannot be doubled (the api refuses it: it would bill the store twice); with billing off there is nothing to subscribe to.
  const maySubscribe = !!subscription && subscription.status !== 'BILLING_OFF' && (!subscription.subscribed || subscription.status === 'CANCELED');
  // A live subscription moves to another plan instead (Stripe prorates the difference).
  const mayChangePlan = !!subscription && subscription.status !== 'BILLING_OFF' && subscription.subscribed && subscription.status !== 'CANCELED';
  const planName = (plan: { nameEn: string; nameZhCn: string }) => (en ? plan.nameEn : plan.nameZhCn);

  return (
    <Space orientation="vertical" size="middle" className="manage-page">
      <Typography.Title level={1}>{t('subscription.title')}</Typography.Title>
      <ProblemAlert error={error ?? checking.error ?? changing.error} onRetry={() => void refetch()} />
      {userErrors.map((problem) => (
        <Alert
          key={problem.code}
          type="error"
          showIcon
          // The plan check of a change names what the store uses beyond the smaller plan, not a feature to upgrade for.
          title={problem.code === 'PLAN_LIMIT' ? t('subscription.downgradeTooBig') : userErrorText(t, problem)}
          role="alert"
        />
      ))}
      {subscription?.pendingPlan && <Alert type="info" showIcon title={t('subscription.pendingPlan', { plan: planName(subscription.pendingPlan) })} />}
      {subscription && (
        <>
          <Alert
            type={subscription.status === 'BILLING_OFF' ? 'info' : STANDING_TYPE[subscription.standing]}
            showIcon
            title={
              subscription.status === 'BILLING_OFF'
                ? t('subscription.billingOff')
                : t(`subscription.standing.${subscription.standing}`, { date: date(subscription.readOnlyFrom) })
            }
          />
          <Descriptions bordered column={1} size="small">
            <Descriptions.Item label={t('subscription.status')}>
              <Tag>{t(`enums:SubscriptionStatus.${subscription.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('subscription.plan')}>
              {subscription.plan ? (en ? subscription.plan.nameEn : subscription.plan.nameZhCn) : t('subscription.noPlan')}
            </Descriptions.Item>
            {subscription.trialEndsAt && <Descriptions.Item label={t('subscription.trialEnds')}>{date(subscription.trialEndsAt)}</Descriptions.Item>}
            {subscription.currentPeriodEnd && (
              <Descriptions.Item label={subscription.cancelAtPeriodEnd ? t('subscription.endsOn') : t('subscription.renewsOn')}>
                {date(subscription.currentPeriodEnd)}
              </Descriptions.Item>
            )}
            {subscription.pastDueSince && <Descriptions.Item label={t('subscription.pastDueSince')}>{date(subscription.pastDueSince)}</Descriptions.Item>}
            {subscription.unpaidInvoiceUrl && (
              <Descriptions.Item label={t('subscription.unpaidInvoice')}>
                <a href={subscription.unpaidInvoiceUrl} target="_blank" rel="noreferrer">
                  {t('subscription.payInvoice')}
                </a>
              </Descriptions.Item>
            )}
          </Descriptions>
          {subscription.checkout && (
            <Card
              title={
                <Typography.Title level={2} className="manage-card-title">
                  {t('subscription.checkoutTitle')}
                </Typography.Title>
              }
            >
              <Space orientation="vertical">
                <Typography.Text>
                  {t('subscription.checkoutFor', {
                    plan: en ? subscription.checkout.plan.nameEn : subscription.checkout.plan.nameZhCn,
                    state: t(`enums:SubscriptionCheckoutState.${subscription.checkout.state}`),
                  })}
                </Typography.Text>
                {subscription.checkout.url ? (
                  <a href={subscription.checkout.url} target="_blank" rel="noreferrer">
                    {t('subscription.openCheckout')}
                  </a>
                ) : (
                  <Typography.Text type="secondary">{t('subscription.checkoutPending')}</Typography.Text>
                )}
                {subscription.checkout.expiresAt && (
                  <Typography.Text type="secondary">
                    {t('subscription.checkoutExpires', { date: formatDateTime(subscription.checkout.expiresAt, zone, i18n.language) })}
                  </Typography.Text>
                )}
              </Space>
            </Card>
          )}
        </>
      )}
      <Typography.Title level={2}>{t('subscription.plans')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {(data?.billingPlans ?? []).map((plan) => (
          <Col key={plan.code} xs={24} md={12} xl={8}>
            <Card
              title={
                <Typography.Title level={3} className="manage-card-title">
                  {en ? plan.nameEn : plan.nameZhCn}
                </Typography.Title>
              }
              extra={
                subscription?.plan?.code === plan.code ? (
                  <Tag color="blue">{t('subscription.currentPlan')}</Tag>
                ) : (
                  subscription?.pendingPlan?.code === plan.code && <Tag>{t('subscription.pendingTag')}</Tag>
                )
              }
            >
              <Space orientation="vertical">
                <Typography.Text strong>
                  {t('subscription.perMonth', { price: formatMoney(plan.monthlyPrice.amountMinor, plan.monthlyPrice.currency, i18n.language) })}
                </Typography.Text>
                <Typography.Text>{en ? plan.descriptionEn : plan.descriptionZhCn}</Typography.Text>
                <Typography.Text>{t('subscription.seats', { n: plan.staffSeats })}</Typography.Text>
                <Space wrap>
                  {plan.features.map((feature) => (
                    <Tag key={feature}>{t(`enums:PlanFeature.${feature}`)}</Tag>
                  ))}
                </Space>
                {maySubscribe && (
                  <Button
                    type={subscription?.plan?.code === plan.code ? 'default' : 'primary'}
                    loading={checking.loading && pendingPlan === plan.code}
                    onClick={() => {
                      setPendingPlan(plan.code);
                      void checkout({ variables: { input: { plan: plan.code } } })
                        .then(() => refetch())
                        .catch(() => undefined);
                    }}
                  >
                    {t('subscription.subscribe', { plan: en ? plan.nameEn : plan.nameZhCn })}
                  </Button>
                )}
                {mayChangePlan && subscription?.plan?.code !== plan.code && subscription?.pendingPlan?.code !== plan.code && (
                  <Popconfirm
                    title={t('subscription.changePlanConfirm', { plan: planName(plan) })}
                    okText={t('subscription.changePlanOk')}
                    cancelText={t('common:actions.cancel')}
                    onConfirm={() => {
                      setPendingPlan(plan.code);
                      void changePlan({ variables: { input: { plan: plan.code } } })
                        .then(() => refetch())
                        .catch(() => undefined);
                    }}
                  >
                    <Button type="primary" loading={changing.loading && pendingPlan === plan.code}>
                      {t('subscription.changePlan')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
