import { LockMode } from '@mikro-orm/core';
import { describeStripeError } from '../ports/payment-gateway-errors';
import type { CheckoutLocale, PaymentCheckoutSession } from '../ports/payment-objects';
import { TimelineVisibility } from '../../core/desk-enums';
import { Customer, ServiceOrder, Tenant, Ticket } from '../../schema/entities';
import { Locale } from '../../core/enums';
import { ServiceOrderState } from '../../core/service-order-enums';
import { METADATA } from '../billing/stripe-billing';
import { replayedByStripe } from '../billing/stripe-reads';
import { formatMoney, money } from '../../core/money';
import type { Localized } from '../localized';
import { orderItemsParam } from '../notifications/order-items';
import { notifyCustomer } from '../notifications/ticket-notices';
import { TemplateKey } from '../../core/template-keys';
import { ActionProcessor, done, retryLater, skipped } from '../scheduling/processor';
import { appendTimeline } from '../ticket-records/timeline';
import { linesOfOrder } from './order-access';
import { describeLines, lineName } from './order-lines';
import { ORDER_METADATA, orderCheckoutKey } from './order-metadata';

/**
 * Where Checkout sends the customer back to: pages that only say what happens
 * next. The payment itself is recorded from Stripe's webhook, never from the
 * browser's redirect.
 */
const RETURN_PATHS = { complete: '/pay/complete', cancelled: '/pay/cancelled' } as const;

/** The language Checkout's page speaks to the customer, in Stripe's codes. */
const CHECKOUT_LOCALE: Localized<CheckoutLocale> = { [Locale.ZH_CN]: 'zh', [Locale.EN]: 'en' };

/**
 * ORDER_CHECKOUT: creates the Stripe Checkout Session (payment mode) of an
 * order awaiting payment, records its link on the order and e-mails it to
 * the customer.
 *
 * The call carries the key `order-checkout:<orderId>` and parameters read
 * from the order and its ticket, so a run that called Stripe and then failed
 * (a crash, a lost commit) is retried with the same request, and Stripe
 * answers with the session it already created: one order, one link, one
 * e-mail. A session paid in the meantime (the customer had the page of the
 * crashed run open) is recorded without sending its link: Stripe's event,
 * which waited for this record, then checks the payment against it. An
 * order no longer awaiting payment (cancelled meanwhile) is left as it is.
 */
export const processOrderCheckout: ActionProcessor = async ({ ctx, action, deps }) => {
  const billing = deps.billing;
  if (!billing) return retryLater('billing is off in the worker (no STRIPE_SECRET_KEY): the payment link waits');
  const orderId = String(action.payload.orderId ?? '');
  const order = await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!order) return skipped('the order no longer exists');
  if (order.state !== ServiceOrderState.AWAITING_PAYMENT) return skipped(`the order is ${order.state}`);
  if (order.stripeSessionId) return skipped('the payment link was already created');
  // One after the other: the queries share the action's transaction, hence one connection.
  const lines = await linesOfOrder(ctx, order.id);
  const ticket = await ctx.em.findOneOrFail(Ticket, { tenantId: ctx.tenantId, id: order.ticketId });
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const customer = await ctx.em.findOne(Customer, { tenantId: ctx.tenantId, id: ticket.customerId });
  const locale = customer?.locale ?? tenant.locale;
  const names = lines.map(lineName);
  const metadata = { [METADATA.tenantId]: ctx.tenantId, [ORDER_METADATA.orderId]: order.id, [ORDER_METADATA.ticketNumber]: ticket.number };

  let session: PaymentCheckoutSession;
  try {
    const created = await billing.gateway.createCheckoutSession(
      {
        mode: 'payment',
        clientReferenceId: order.id,
        lineItems: lines.map((line, index) => ({
          quantity: line.quantity,
          currency: order.currency.toLowerCase(),
          unitAmountMinor: line.unitPriceMinor,
          productName: names[index][locale],
          productMetadata: { aftersales_line: line.code ?? line.kind },
        })),
        locale: CHECKOUT_LOCALE[locale],
        successUrl: `${billing.returnBaseUrl}${RETURN_PATHS.complete}?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${billing.returnBaseUrl}${RETURN_PATHS.cancelled}`,
        metadata,
        // The payment intent (and its charge) carry the order too: refunds and their events refer to them.
        payment: { metadata, description: `${tenant.name} ${ticket.number}: ${describeLines(names, Locale.EN)}`.slice(0, 1000) },
      },
      orderCheckoutKey(order.id),
    );
    // A retried run gets Stripe's first answer again; the customer may have paid on that page since (it was open before
    // the earlier run's crash): what the session is now decides whether a link is still worth sending.
    session = replayedByStripe(created) ? await billing.gateway.retrieveCheckoutSession(created.id) : created;
  } catch (error) {
    return retryLater(`creating the checkout session failed: ${describeStripeError(error)}`);
  }
  if (!session.url && session.status === 'open') throw new Error(`Stripe returned checkout session ${session.id} without a URL`);

  const now = ctx.clock.now();
  const expiresAt = session.expiresAt;
  Object.assign(order, { stripeSessionId: session.id, paymentUrl: session.url ?? null, paymentExpiresAt: expiresAt, updatedAt: now });
  if (session.status !== 'open' || !session.url) {
    // Paid (its event waits for this record to be checked against) or lapsed already: no link to send.
    return done({ sessionId: session.id, linkNotSent: `the session is already ${session.status}` });
  }
  const total = formatMoney(money(order.totalMinor, order.currency));
  appendTimeline(ctx, ticket.id, {
    kind: 'PAYMENT_LINK_SENT',
    visibility: TimelineVisibility.CUSTOMER,
    summary: `Payment link for ${describeLines(names, Locale.EN)} (${total}) sent to the customer`,
    data: { orderId: order.id, totalMinor: order.totalMinor, currency: order.currency, expiresAt: expiresAt.toISOString() },
  });
  await notifyCustomer(ctx, ticket, {
    template: TemplateKey.PAYMENT_LINK,
    key: `order-payment-link:${order.id}`,
    params: {
      orderTotal: total,
      orderItems: orderItemsParam(names),
      paymentUrl: session.url,
      dueAt: expiresAt.toISOString(),
    },
  });
  return done({ sessionId: session.id });
};
