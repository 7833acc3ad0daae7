import type { FastifyInstance, FastifyReply } from 'fastify';
import { paymentReturnState, PaymentReturnState } from '../../domain/orders/payment-return';
import type { ApiDeps } from '../context';

/**
 * Where Stripe Checkout sends people back to, in Simplified Chinese and in
 * English like the other pages.
 *
 * `/pay/complete?session_id=...` is where a store's customer lands after
 * paying for a service: it says where the order really stands, read from our
 * records (payment-return.ts), since landing here proves nothing (anyone can
 * open the address, and Stripe's confirmation may still be on its way). It
 * tells the standing and nothing else of the order, the store or the
 * customer. `/pay/cancelled` is where they land when they go back without
 * paying.
 *
 * `/billing/checkout/complete` and `/cancelled` are a store manager's, after
 * subscribing: they only say what happens next (the subscription itself
 * arrives by webhook).
 */
const PAY_COMPLETE: Record<PaymentReturnState, { status: number; en: string; zh: string }> = {
  PAID: {
    status: 200,
    en: 'Thank you: your payment went through. The store has been told and will keep you informed; you can close this page.',
    zh: '谢谢！付款已完成，门店已收到通知并会及时告知您服务进展，您可以关闭此页面。',
  },
  REFUNDED: {
    status: 200,
    en: 'This payment was refunded to you in full. Contact the store if you have questions.',
    zh: '这笔付款已全额退还给您。如有疑问，请联系门店。',
  },
  CONFIRMING: {
    status: 200,
    en: 'Your payment is being confirmed: the confirmation has not reached the store yet. It usually takes less than a minute; reload this page to see it. If anything is missing, the store will contact you.',
    zh: '正在确认您的付款：门店尚未收到付款确认，通常不到一分钟即可完成，请稍后刷新此页面。如有问题，门店会与您联系。',
  },
  NOT_PAID: {
    status: 200,
    en: 'This order was not paid: its payment link is no longer valid. Contact the store to pay for it.',
    zh: '此订单未付款：付款链接已失效。如需付款，请联系门店。',
  },
  UNKNOWN: {
    status: 404,
    en: 'This payment link is not known here. If you paid, keep your receipt and contact the store.',
    zh: '无法识别此付款链接。如您已付款，请保留付款凭证并联系门店。',
  },
};

export function registerPaymentReturnPages(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/pay/complete', async (request, reply) => {
    const state = await paymentReturnState(deps.orm, (request.query as Record<string, unknown>).session_id);
    const page = PAY_COMPLETE[state];
    return send(reply.code(page.status), page.en, page.zh);
  });
  app.get('/pay/cancelled', async (_request, reply) =>
    send(
      reply,
      'Nothing was charged. You can pay later with the same link while it is valid, or contact the store.',
      '未扣款。链接有效期内您可以稍后再付款，或联系门店。',
    ),
  );
  app.get('/billing/checkout/complete', async (_request, reply) =>
    send(
      reply,
      'Thank you: the payment went through. The subscription becomes active within a minute; you can close this page.',
      '谢谢！付款已完成，订阅将在一分钟内生效，您可以关闭此页面。',
    ),
  );
  app.get('/billing/checkout/cancelled', async (_request, reply) =>
    send(
      reply,
      'Nothing was charged. The payment link stays valid for 24 hours, or start again from the platform.',
      '未扣款。付款链接 24 小时内仍可使用，也可以在平台中重新发起订阅。',
    ),
  );
}

function send(reply: FastifyReply, en: string, zh: string): FastifyReply {
  return (
    reply
      .type('text/html; charset=utf-8')
      // The Checkout Session id is in the address: keep it out of caches and other sites' logs; the page runs nothing.
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
      .header('x-frame-options', 'DENY')
      .send(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>付款 · Payment</title></head><body><p lang="zh-CN">${zh}</p><p lang="en">${en}</p></body></html>`,
      )
  );
}
