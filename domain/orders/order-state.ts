import type { ServiceOrder } from '../../schema/entities';
import { ServiceOrderState as S } from '../../core/service-order-enums';
import { UserInputError } from '../errors';

/**
 * The life of an order. The store drafts it, asks for payment (the worker
 * creates the Stripe Checkout link), and cancels it while it is unpaid;
 * Stripe's events say it was PAID or that the link EXPIRED unpaid; the
 * service is then started and completed; a refund of the whole payment makes
 * it REFUNDED (a partial refund leaves the state as it is).
 */
const MOVES: Record<S, readonly S[]> = {
  [S.DRAFT]: [S.AWAITING_PAYMENT, S.CANCELLED],
  [S.AWAITING_PAYMENT]: [S.PAID, S.CANCELLED, S.EXPIRED],
  [S.PAID]: [S.IN_SERVICE, S.REFUNDED],
  [S.IN_SERVICE]: [S.DONE, S.REFUNDED],
  [S.DONE]: [S.REFUNDED],
  [S.CANCELLED]: [],
  [S.EXPIRED]: [],
  [S.REFUNDED]: [],
};

/** Only Stripe moves an order into these: the customer pays, or the link lapses, or the money has all gone back. */
const BY_STRIPE: readonly S[] = [S.PAID, S.EXPIRED, S.REFUNDED];

export function allowedOrderMoves(state: S): S[] {
  return [...MOVES[state]];
}

/** A move the store asks for, or a userError naming what the order may become next. */
export function requireOrderMove(order: Pick<ServiceOrder, 'state'>, to: S): void {
  if (MOVES[order.state].includes(to)) return;
  const next = MOVES[order.state].map((state) => (BY_STRIPE.includes(state) ? `${state} (by Stripe)` : state));
  throw new UserInputError(
    'INVALID_ORDER_STATE',
    `The order is ${order.state}; it cannot become ${to}. Allowed next: ${next.length ? next.join(', ') : 'none (final state)'}`,
    ['orderId'],
  );
}

/** States in which the customer's money is with the store: what may be refunded. */
export const REFUNDABLE_STATES: readonly S[] = [S.PAID, S.IN_SERVICE, S.DONE];

/**
 * The customer's money arrived. Normally the order awaits payment; a
 * payment can also complete while the store was cancelling the order (the
 * customer had the page open): the money is with the store all the same, so
 * it is recorded, and the store decides whether to carry on or refund.
 */
export const PAYABLE_STATES: readonly S[] = [S.AWAITING_PAYMENT, S.CANCELLED, S.EXPIRED];
