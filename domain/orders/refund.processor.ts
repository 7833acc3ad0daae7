import { LockMode } from '@mikro-orm/core';
import { describeStripeError } from '../ports/payment-gateway-errors';
import type { PaymentRefund } from '../ports/payment-objects';
import { Refund, ServiceOrder } from '../../schema/entities';
import { RefundState } from '../../core/service-order-enums';
import { METADATA } from '../billing/stripe-billing';
import { ActionProcessor, done, retryLater, skipped } from '../scheduling/processor';
import { ORDER_METADATA, refundKey } from './order-metadata';
import { settleRefund } from './refund-outcome';
import { isStripeRefusal } from './stripe-refusal';

/** Stripe keeps at most 500 characters in a metadata value. */
const METADATA_VALUE_MAX = 500;

/**
 * ORDER_REFUND: asks Stripe to refund a refund we recorded, against the
 * order's payment intent, and writes down what Stripe answered.
 *
 * The call carries the key `refund:<refundId>` and parameters taken from the
 * refund row alone: a job that crashed after Stripe refunded is retried with
 * the same request, and Stripe answers with the refund it already made
 * instead of refunding twice. A refund Stripe refuses outright (more than is
 * left on the charge, a payment that is not refundable) is recorded FAILED
 * and its amount released; a refund Stripe is still processing stays
 * PENDING until its webhook settles it.
 */
export const processOrderRefund: ActionProcessor = async ({ ctx, action, deps }) => {
  const billing = deps.billing;
  if (!billing) return retryLater('billing is off in the worker (no STRIPE_SECRET_KEY): the refund waits');
  const refund = await ctx.em.findOne(Refund, { tenantId: ctx.tenantId, id: String(action.payload.refundId ?? '') });
  if (!refund) return skipped('the refund no longer exists');
  const order = await ctx.em.findOneOrFail(
    ServiceOrder,
    { tenantId: ctx.tenantId, id: refund.orderId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  // Stripe's event may have settled it first (it arrived before this job's commit).
  await ctx.em.refresh(refund);
  if (refund.state !== RefundState.PENDING) return skipped(`the refund is already ${refund.state}`);
  if (!order.paymentIntentId) throw new Error(`order ${order.id} has a refund but no payment intent`);

  let stripeRefund: PaymentRefund;
  try {
    stripeRefund = await billing.gateway.createRefund(
      {
        paymentIntentId: order.paymentIntentId,
        amountMinor: refund.amountMinor,
        reason: 'requested_by_customer',
        metadata: {
          [METADATA.tenantId]: ctx.tenantId,
          [ORDER_METADATA.orderId]: order.id,
          [ORDER_METADATA.refundId]: refund.id,
          aftersales_reason: refund.reason.slice(0, METADATA_VALUE_MAX),
        },
      },
      refundKey(refund.id),
    );
  } catch (error) {
    if (isStripeRefusal(error)) {
      const outcome = await settleRefund(ctx, order, refund, null, { confirmed: false, refusal: describeStripeError(error) });
      return done({ ...outcome, refused: true });
    }
    return retryLater(`refunding failed: ${describeStripeError(error)}`);
  }
  return done(await settleRefund(ctx, order, refund, stripeRefund, { confirmed: false }));
};
