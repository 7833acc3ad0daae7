import '../manage.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useViewer } from '../../../auth/viewer';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { ManageTicketMoneyQuery } from '../../../gql/graphql';
import { userErrorText, type UserError } from '../../../lib/api-errors';
import { formatDate, formatDateTime, formatMoney } from '../../../lib/format';
import { MANAGE_NAMESPACES } from '../namespaces';
import { BillingProblemHint } from '../subscription/BillingProblemHint';
import { CANCEL_ORDER, CREATE_ORDER, MONEY, MONEY_ORDERS, REFUND_ORDER, REQUEST_PAYMENT, SEND_QUOTE, WITHDRAW_QUOTE } from './operations';
import { QuoteForm } from './QuoteForm';
import { ReasonDialog, type ReasonValues } from './ReasonDialog';

type Ticket = ManageTicketMoneyQuery['ticket'];
type Quote = Ticket['quotes'][number];
type Order = Ticket['orders'][number];
type Asking = { kind: 'withdraw'; quote: Quote } | { kind: 'cancel'; order: Order } | { kind: 'refund'; order: Order } | null;

/** Money on one ticket: repair quotes (create, send, withdraw), orders with their payment link, cancellation and refunds. */
export default function TicketMoneyPage() {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACES);
  const { viewer, can } = useViewer();
  const ticketId = useParams().id!;
  const { data, error, refetch } = useQuery(MONEY, { variables: { id: ticketId }, fetchPolicy: 'network-only' });
  // While Stripe's answer is awaited, only the orders are read again; they land on the ticket the page shows.
  const pollEvery = pollingInterval(data?.ticket.orders ?? []);
  useQuery(MONEY_ORDERS, { variables: { id: ticketId }, fetchPolicy: 'network-only', skip: pollEvery === 0, pollInterval: pollEvery });
  const [sendQuote, sending] = useMutation(SEND_QUOTE);
  const [withdrawQuote, withdrawing] = useMutation(WITHDRAW_QUOTE);
  const [createOrder, ordering] = useMutation(CREATE_ORDER);
  const [requestPayment, requesting] = useMutation(REQUEST_PAYMENT);
  const [cancelOrder, cancelling] = useMutation(CANCEL_ORDER);
  const [refundOrder, refunding] = useMutation(REFUND_ORDER);
  const [problems, setProblems] = useState<UserError[]>([]);
  const [dialogProblems, setDialogProblems] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [services, setServices] = useState<string[]>([]);
  const ticket = data?.ticket;
  // A quote is ordered once (until that order is cancelled or lapses): the api refuses a second order with QUOTE_ALREADY_ORDERED.
  const orderedQuotes = new Set(
    (ticket?.orders ?? []).flatMap((order) => (order.quote && order.state !== 'CANCELLED' && order.state !== 'EXPIRED' ? [order.quote.id] : [])),
  );
  const zone = viewer?.tenant.timeZone ?? 'UTC';
  const money = (value: { amountMinor: number; currency: string } | null | undefined) =>
    value ? formatMoney(value.amountMinor, value.currency, i18n.language) : '';
  const en = i18n.language === 'en';

  // A refusal of what the dialog asked is shown in the dialog, on its field; any other above the tables.
  const act = async (run: () => Promise<{ userErrors: UserError[] } | null | undefined>, inDialog = false) => {
    setProblems([]);
    setDialogProblems([]);
    setFailure(null);
    try {
      const payload = await run();
      if (payload?.userErrors.length) (inDialog ? setDialogProblems : setProblems)(payload.userErrors);
      else setAsking(null);
    } catch (caught) {
      setFailure(caught);
    }
    void refetch();
  };

  const onReason = (values: ReasonValues) => {
    if (!asking) return;
    if (asking.kind === 'withdraw')
      void act(
        async () =>
          (await withdrawQuote({ variables: { input: { quoteId: asking.quote.id, reason: values.reason.trim(), expectedVersion: asking.quote.version } } }))
            .data?.withdrawQuote,
        true,
      );
    if (asking.kind === 'cancel')
      void act(
        async () =>
          (await cancelOrder({ variables: { input: { orderId: asking.order.id, reason: values.reason.trim(), expectedVersion: asking.order.version } } })).data
            ?.cancelOrder,
        true,
      );
    if (asking.kind === 'refund') {
      const amount = values.amount ? { amountMinor: Math.round(values.amount * 100), currency: asking.order.refundable.currency } : null;
      void act(
        async () =>
          (
            await refundOrder({
              variables: { input: { orderId: asking.order.id, reason: values.reason.trim(), amount, expectedVersion: asking.order.version } },
            })
          ).data?.refundOrder,
        true,
      );
    }
  };
  const ask = (next: Asking) => {
    setDialogProblems([]);
    setFailure(null);
    setAsking(next);
  };

  return (
    <Space orientation="vertical" size="middle" className="manage-page">
      <Typography.Title level={1}>{ticket ? t('money.title', { number: ticket.number }) : t('money.titleLoading')}</Typography.Title>
      {ticket && <Typography.Paragraph type="secondary">{ticket.problem}</Typography.Paragraph>}
      <ProblemAlert error={error ?? failure} onRetry={() => void refetch()} onReload={() => void refetch()} />
      <BillingProblemHint error={failure} />
      {problems.map((problem) => (
        <Alert key={problem.code + problem.message} type="error" showIcon title={userErrorText(t, problem)} role="alert" />
      ))}
      {ticket && (
        <>
          <Typography.Title level={2}>{t('money.quotes')}</Typography.Title>
          <Table<Quote>
            rowKey="id"
            pagination={false}
            dataSource={ticket.quotes}
            locale={{ emptyText: <Typography.Text>{t('money.noQuotes')}</Typography.Text> }}
            expandable={{
              expandedRowRender: (quote) => (
                <Space orientation="vertical" size={0}>
                  {quote.lines.map((line) => (
                    <Typography.Text key={line.position}>
                      {t('money.quoteLine', {
                        kind: t(`enums:QuoteLineKind.${line.kind}`),
                        description: line.description,
                        quantity: line.quantity,
                        price: money(line.unitPrice),
                        amount: money(line.amount),
                      })}
                    </Typography.Text>
                  ))}
                  {quote.note && <Typography.Text type="secondary">{quote.note}</Typography.Text>}
                  {quote.reason && <Typography.Text type="secondary">{t('money.why', { reason: quote.reason })}</Typography.Text>}
                </Space>
              ),
            }}
            columns={[
              { title: t('money.created'), key: 'created', render: (_, quote) => formatDateTime(quote.createdAt, zone, i18n.language) },
              { title: t('money.state'), key: 'state', render: (_, quote) => <Tag>{t(`enums:QuoteState.${quote.state}`)}</Tag> },
              { title: t('money.total'), key: 'total', render: (_, quote) => money(quote.total) },
              { title: t('money.validUntil'), key: 'valid', render: (_, quote) => formatDate(quote.validUntil, zone, i18n.language) },
              {
                title: t('money.actions'),
                key: 'actions',
                render: (_, quote) => (
                  <Space wrap>
                    {quote.state === 'DRAFT' && (
                      <Button
                        size="small"
                        type="primary"
                        autoInsertSpace={false}
                        loading={sending.loading}
                        onClick={() =>
                          void act(
                            async () => (await sendQuote({ variables: { input: { quoteId: quote.id, expectedVersion: quote.version } } })).data?.sendQuote,
                          )
                        }
                      >
                        {t('money.send')}
                      </Button>
                    )}
                    {(quote.state === 'SENT' || quote.state === 'ACCEPTED') && !orderedQuotes.has(quote.id) && (
                      <Button
                        size="small"
                        autoInsertSpace={false}
                        loading={ordering.loading}
                        onClick={() =>
                          void act(async () => (await createOrder({ variables: { input: { ticketId, quoteId: quote.id } } })).data?.createServiceOrder)
                        }
                      >
                        {t('money.order')}
                      </Button>
                    )}
                    {(quote.state === 'DRAFT' || quote.state === 'SENT') && (
                      <Button size="small" autoInsertSpace={false} onClick={() => ask({ kind: 'withdraw', quote })}>
                        {t('money.withdraw')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <QuoteForm ticketId={ticketId} onCreated={() => void refetch()} />

          <Card
            title={
              <Typography.Title level={3} className="manage-card-title">
                {t('money.servicesTitle')}
              </Typography.Title>
            }
          >
            <Space wrap>
              <Select
                mode="multiple"
                className="manage-services"
                aria-label={t('money.services')}
                placeholder={t('money.services')}
                value={services}
                onChange={setServices}
                options={(data?.paidServices.edges ?? []).map(({ node }) => ({
                  value: node.id,
                  label: `${en ? node.nameEn : node.nameZhCn} · ${money(node.storeOffer?.price)}`,
                }))}
              />
              <Button
                type="primary"
                disabled={services.length === 0}
                loading={ordering.loading}
                onClick={() =>
                  void act(async () => {
                    const payload = (await createOrder({ variables: { input: { ticketId, serviceIds: services } } })).data?.createServiceOrder;
                    if (payload && payload.userErrors.length === 0) setServices([]);
                    return payload;
                  })
                }
              >
                {t('money.orderServices')}
              </Button>
            </Space>
          </Card>

          <Typography.Title level={2}>{t('money.orders')}</Typography.Title>
          <Table<Order>
            rowKey="id"
            pagination={false}
            dataSource={ticket.orders}
            locale={{ emptyText: <Typography.Text>{t('money.noOrders')}</Typography.Text> }}
            expandable={{
              expandedRowRender: (order) => (
                <Space orientation="vertical" size={0}>
                  {order.lines.map((line) => (
                    <Typography.Text key={line.position}>
                      {t('money.orderLine', { name: en ? line.nameEn : line.nameZhCn, quantity: line.quantity, amount: money(line.amount) })}
                    </Typography.Text>
                  ))}
                  {order.refunds.map((refund) => (
                    <Typography.Text key={refund.createdAt}>
                      {t('money.refundLine', {
                        amount: money(refund.amount),
                        state: t(`enums:RefundState.${refund.state}`),
                        reason: refund.reason,
                        at: formatDateTime(refund.createdAt, zone, i18n.language),
                      })}
                      {refund.state === 'FAILED' && refund.failureReason && ` ${t('money.refundFailed', { reason: refund.failureReason })}`}
                      {refund.state === 'SUCCEEDED' &&
                        ` ${refund.confirmedAt ? t('money.refundConfirmed', { at: formatDateTime(refund.confirmedAt, zone, i18n.language) }) : t('money.refundUnconfirmed')}`}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            }}
            columns={[
              { title: t('money.created'), key: 'created', render: (_, order) => formatDateTime(order.createdAt, zone, i18n.language) },
              { title: t('money.kind'), key: 'kind', render: (_, order) => t(`enums:ServiceOrderKind.${order.kind}`) },
              { title: t('money.state'), key: 'state', render: (_, order) => <Tag>{t(`enums:ServiceOrderState.${order.state}`)}</Tag> },
              { title: t('money.total'), key: 'total', render: (_, order) => money(order.total) },
              { title: t('money.paid'), key: 'paid', render: (_, order) => money(order.amountPaid) },
              {
                title: t('money.refunded'),
                key: 'refunded',
                render: (_, order) => (
                  <Space orientation="vertical" size={0}>
                    {order.amountRefunded.amountMinor > 0 && <Typography.Text>{money(order.amountRefunded)}</Typography.Text>}
                    {order.refundPending.amountMinor > 0 && (
                      <Typography.Text type="secondary">{t('money.refundInProgress', { amount: money(order.refundPending) })}</Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('money.payment'),
                key: 'payment',
                render: (_, order) =>
                  order.paymentUrl && order.state === 'AWAITING_PAYMENT' ? (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text copyable={{ text: order.paymentUrl, tooltips: [t('webhooks.copy'), t('webhooks.copied')] }}>
                        <a href={order.paymentUrl} target="_blank" rel="noreferrer">
                          {t('money.paymentLink')}
                        </a>
                      </Typography.Text>
                      {order.paymentExpiresAt && (
                        <Typography.Text type="secondary">
                          {t('money.paymentExpires', { at: formatDateTime(order.paymentExpiresAt, zone, i18n.language) })}
                        </Typography.Text>
                      )}
                    </Space>
                  ) : order.state === 'AWAITING_PAYMENT' ? (
                    <Typography.Text type="secondary">{t('money.paymentPending')}</Typography.Text>
                  ) : null,
              },
              {
                title: t('money.actions'),
                key: 'actions',
                render: (_, order) => (
                  <Space wrap>
                    {order.allowedTransitions.includes('AWAITING_PAYMENT') && (
                      <Button
                        size="small"
                        type="primary"
                        autoInsertSpace={false}
                        loading={requesting.loading}
                        onClick={() =>
                          void act(
                            async () =>
                              (await requestPayment({ variables: { input: { orderId: order.id, expectedVersion: order.version } } })).data?.requestPayment,
                          )
                        }
                      >
                        {t('money.requestPayment')}
                      </Button>
                    )}
                    {order.allowedTransitions.includes('CANCELLED') && (
                      <Button size="small" autoInsertSpace={false} onClick={() => ask({ kind: 'cancel', order })}>
                        {t('money.cancel')}
                      </Button>
                    )}
                    {order.refundable.amountMinor > 0 && can('REFUND') && (
                      <Button size="small" autoInsertSpace={false} onClick={() => ask({ kind: 'refund', order })}>
                        {t('money.refund')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
      {asking && (
        <ReasonDialog
          title={
            asking.kind === 'withdraw'
              ? t('money.withdrawTitle')
              : asking.kind === 'cancel'
                ? t('money.cancelTitle')
                : t('money.refundTitle', { max: money(asking.order.refundable) })
          }
          withAmount={asking.kind === 'refund'}
          maxAmount={asking.kind === 'refund' ? asking.order.refundable.amountMinor / 100 : undefined}
          busy={withdrawing.loading || cancelling.loading || refunding.loading}
          errors={dialogProblems}
          failure={failure}
          onCancel={() => setAsking(null)}
          onSubmit={onReason}
        />
      )}
    </Space>
  );
}

/**
 * How often to look again, in ms (0: not at all). A payment link and a
 * refund are Stripe's work of seconds; a customer may pay, and Stripe confirm
 * a refund, while the manager watches the page.
 */
function pollingInterval(orders: readonly Order[]): number {
  const linkPending = orders.some((order) => order.state === 'AWAITING_PAYMENT' && !order.paymentUrl);
  const refundPending = orders.some((order) => order.refunds.some((refund) => refund.state === 'PENDING'));
  if (linkPending || refundPending) return 2000;
  const awaitingStripe = orders.some(
    (order) => order.state === 'AWAITING_PAYMENT' || order.refunds.some((refund) => refund.state === 'SUCCEEDED' && !refund.confirmedAt),
  );
  return awaitingStripe ? 3000 : 0;
}
