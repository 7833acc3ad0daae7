import type { ServiceOrder } from '../../schema/entities';
import { PaymentAnomalyReason } from '../../core/billing-enums';
import { Currency, formatMoney, money } from '../../core/money';
import type { PaymentCheckoutSession } from '../ports/payment-objects';

/**
 * When a Checkout Session pays an order. Only the session recorded for the
 * order (the one the worker created for it, whose link the customer was
 * sent), as Stripe has it now, paid, in the order's currency, for the
 * order's whole total. Anything else (another session whose metadata names
 * the order, a short amount, a payment presented in another currency, a
 * session Stripe does not report paid) is refused: the order stays as it is
 * and the store's managers read why.
 */
export interface PaymentRefusal {
  reason: PaymentAnomalyReason;
  message: string;
}

type CheckedOrder = Pick<ServiceOrder, 'stripeSessionId' | 'currency' | 'totalMinor'>;
type CheckedSession = Pick<PaymentCheckoutSession, 'id' | 'status' | 'paymentStatus' | 'currency' | 'amountTotal'>;

export function checkOrderPayment(order: CheckedOrder, session: CheckedSession): PaymentRefusal | null {
  const total = formatMoney(money(order.totalMinor, order.currency));
  const paid = describeAmount(session.amountTotal, session.currency);
  if (session.id !== order.stripeSessionId) {
    return {
      reason: PaymentAnomalyReason.NOT_THE_ORDERS_SESSION,
      message: `Checkout Session ${session.id} (${paid}, payment ${session.paymentStatus}) names the order but is not its payment link${
        order.stripeSessionId ? ` (${order.stripeSessionId})` : ', which was never recorded'
      }: it is not taken as the order's payment; if the customer paid it, refund it in Stripe`,
    };
  }
  if (session.paymentStatus !== 'paid') {
    return {
      reason: PaymentAnomalyReason.NOT_PAID,
      message: `Stripe reports the order's Checkout Session ${session.status ?? 'in no state'} with its payment ${session.paymentStatus}: the order stays unpaid until Stripe reports it paid (a delayed payment method is confirmed by a later event)`,
    };
  }
  if (session.currency?.toUpperCase() !== order.currency) {
    return {
      reason: PaymentAnomalyReason.CURRENCY_MISMATCH,
      message: `The order's Checkout Session was paid ${paid}, not in the order's currency ${order.currency} (${total}): it is not taken as the order's payment`,
    };
  }
  if (session.amountTotal !== order.totalMinor) {
    return {
      reason: PaymentAnomalyReason.AMOUNT_MISMATCH,
      message: `The order's Checkout Session was paid ${paid}, not the order's total of ${total}: it is not taken as the order's payment`,
    };
  }
  return null;
}

/** `¥73.45` in a currency of ours, `1800 USD (minor units)` in any other. */
function describeAmount(amountMinor: number | null, currency: string | null): string {
  if (amountMinor == null) return 'no amount';
  const code = currency?.toUpperCase() ?? '';
  if ((Object.values(Currency) as string[]).includes(code)) return formatMoney(money(amountMinor, code as Currency));
  return `${amountMinor} ${code || '(no currency)'} (minor units)`;
}
