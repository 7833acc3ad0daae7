import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ServiceOrder, ServiceOrderLine } from '../../schema/entities';
import { PlanFeature } from '../../core/billing-enums';
import { Locale } from '../../core/enums';
import { QuoteState } from '../../core/paid-service-enums';
import { ServiceOrderKind, ServiceOrderState } from '../../core/service-order-enums';
import { requireFeature } from '../billing/entitlements';
import { requireBilling, StripeBilling } from '../billing/stripe-billing';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { formatMoney, money } from '../../core/money';
import { acceptQuote } from '../quotes/quote-answer.service';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { findTicket } from '../ticket-records/ticket-access';
import { appendTimeline } from '../ticket-records/timeline';
import { describeLines, lineColumns, OrderItems, pricedQuote, pricedServices } from './order-lines';
import type { CreateServiceOrderInput } from '../../schema/graphql/service-order.types';

export async function createServiceOrder(ctx: TenantContext, billing: StripeBilling | null, input: CreateServiceOrderInput): Promise<ServiceOrder> {
  requireBilling(billing);
  await requireFeature(ctx, PlanFeature.PAID_SERVICES);
  const byServices = (input.serviceIds?.length ?? 0) > 0;
  if (byServices === Boolean(input.quoteId)) {
    throw new UserInputError('ORDER_ITEMS_REQUIRED', 'An order is for services (serviceIds) or for one quote (quoteId), not both or neither', ['serviceIds']);
  }
  const ticket = await findTicket(ctx, input.ticketId);
  requireOpenTicket(ticket);
  const items = byServices ? await pricedServices(ctx, ticket, input.serviceIds!) : await pricedQuote(ctx, ticket, input.quoteId!);
  try {
    return await atomically(ctx, async () => {
      if (items.quote?.state === QuoteState.SENT) await acceptQuote(ctx, { quoteId: items.quote.id });
      const order = saveOrder(ctx, ticket.id, ticket.deviceId ?? null, items);
      // No ORM relation ties lines to their order: the order row must exist first.
      await ctx.em.flush();
      items.lines.forEach((line, index) =>
        ctx.em.create(ServiceOrderLine, { tenantId: ctx.tenantId, orderId: order.id, position: index + 1, currency: order.currency, ...lineColumns(line) }),
      );
      appendTimeline(ctx, ticket.id, {
        kind: 'ORDER_DRAFTED',
        summary: `Order drafted: ${describeLines(
          items.lines.map((line) => line.name),
          Locale.EN,
        )}, ${formatMoney(money(order.totalMinor, order.currency))}`,
        data: {
          orderId: order.id,
          kind: order.kind,
          quoteId: order.quoteId ?? null,
          totalMinor: order.totalMinor,
          currency: order.currency,
          codes: items.lines.map((l) => l.code),
        },
      });
      return order;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && items.kind === ServiceOrderKind.QUOTE) {
      throw new UserInputError('QUOTE_ALREADY_ORDERED', 'The quote already has an order that is not cancelled or expired', ['quoteId']);
    }
    throw error;
  }
}

function saveOrder(ctx: TenantContext, ticketId: string, deviceId: string | null, items: OrderItems): ServiceOrder {
  const now = ctx.clock.now();
  return ctx.em.create(ServiceOrder, {
    tenantId: ctx.tenantId,
    ticketId,
    kind: items.kind,
    quoteId: items.quote?.id ?? null,
    deviceId,
    state: ServiceOrderState.DRAFT,
    currency: items.currency,
    totalMinor: items.totalMinor,
    createdBy: ctx.principal.kind === 'USER' ? ctx.principal.id : null,
    createdAt: now,
    updatedAt: now,
  });
}
