import { connectStripeGateway } from '../../infra/stripe/stripe-payment-gateway';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { stripeBillingFrom, StripeBilling } from '../../domain/billing/stripe-billing';
import { linesOfOrders, ordersOfTickets, refundsOfOrders } from '../../domain/orders/order-access';
import { createServiceOrder } from '../../domain/orders/order-draft.service';
import { requestPayment } from '../../domain/orders/order-payment.service';
import { cancelOrder, completeOrder, startOrderService } from '../../domain/orders/order-service.service';
import { allowedOrderMoves } from '../../domain/orders/order-state';
import { refundOrder } from '../../domain/orders/refund.service';
import { Permission } from '../../domain/permissions';
import { quotesByIds } from '../../domain/quotes/quote-access';
import { Refund, RepairQuote, ServiceOrder, ServiceOrderLine, Ticket } from '../../schema/entities';
import { ServiceOrderState } from '../../core/service-order-enums';
import {
  CancelOrderInput,
  CreateServiceOrderInput,
  OrderStepInput,
  RefundOrderInput,
  RefundOrderPayload,
  ServiceOrderPayload,
} from '../../schema/graphql/service-order.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { AllowedWhilePaymentDue, Requires } from '../graphql/guard';
import { ReturnsUserErrors } from '../graphql/user-errors';
import { SavingMutation } from '../graphql/saving-mutation';
import { requestLoader } from '../request-loader';

function billingOf(ctx: ApiContext): StripeBilling | null {
  return stripeBillingFrom(ctx.deps.config, connectStripeGateway);
}

@Resolver()
export class ServiceOrderResolver {
  @Mutation(() => ServiceOrderPayload, {
    description:
      "Draft an order on a ticket: paid services at the store's prices now, or one repair quote. Nothing reaches the customer until `requestPayment`.",
  })
  @Requires(Permission.ORDER_WRITE)
  @ReturnsUserErrors()
  async createServiceOrder(@Arg('input') input: CreateServiceOrderInput, @Ctx() ctx: ApiContext): Promise<Omit<ServiceOrderPayload, 'userErrors'>> {
    return { order: await createServiceOrder(tenantOf(ctx), billingOf(ctx), input) };
  }

  @Mutation(() => ServiceOrderPayload, {
    description: 'Ask the customer to pay a drafted order: a Stripe Checkout link is created within seconds, shown in `paymentUrl` and sent to the customer.',
  })
  @Requires(Permission.ORDER_WRITE)
  @ReturnsUserErrors()
  async requestPayment(@Arg('input') input: OrderStepInput, @Ctx() ctx: ApiContext): Promise<Omit<ServiceOrderPayload, 'userErrors'>> {
    return { order: await requestPayment(tenantOf(ctx), billingOf(ctx), input) };
  }

  @Mutation(() => ServiceOrderPayload, {
    description:
      'Start the service of a paid order (payment starts it by itself when someone is assigned to the ticket); an ASSIGNED ticket moves to IN_PROGRESS.',
  })
  @Requires(Permission.TICKET_WORK)
  @ReturnsUserErrors()
  async startOrderService(@Arg('input') input: OrderStepInput, @Ctx() ctx: ApiContext): Promise<Omit<ServiceOrderPayload, 'userErrors'>> {
    return { order: await startOrderService(tenantOf(ctx), input) };
  }

  @SavingMutation(() => ServiceOrderPayload, 'The service of an order was delivered.', Permission.TICKET_WORK)
  async completeOrder(@Arg('input') input: OrderStepInput, @Ctx() ctx: ApiContext): Promise<Omit<ServiceOrderPayload, 'userErrors'>> {
    return { order: await completeOrder(tenantOf(ctx), input) };
  }

  @SavingMutation(
    () => ServiceOrderPayload,
    'Cancel an order that is not paid yet, with the reason; a payment link sent is expired at Stripe.',
    Permission.ORDER_WRITE,
  )
  async cancelOrder(@Arg('input') input: CancelOrderInput, @Ctx() ctx: ApiContext): Promise<Omit<ServiceOrderPayload, 'userErrors'>> {
    return { order: await cancelOrder(tenantOf(ctx), input) };
  }

  @Mutation(() => RefundOrderPayload, {
    description:
      "Store managers: refund a paid order, whole or in part, with the reason. Stripe refunds it within seconds; the customer is told. Allowed while the store is read-only: customers never wait on the store's bill.",
  })
  @Requires(Permission.REFUND)
  @AllowedWhilePaymentDue()
  @ReturnsUserErrors()
  refundOrder(@Arg('input') input: RefundOrderInput, @Ctx() ctx: ApiContext): Promise<Omit<RefundOrderPayload, 'userErrors'>> {
    return refundOrder(tenantOf(ctx), billingOf(ctx), { ...input, amount: input.amount ?? null });
  }
}

@Resolver(() => ServiceOrder)
export class ServiceOrderFieldsResolver {
  @FieldResolver(() => [ServiceOrderLine], { description: 'What the order sells, in order, at the prices frozen when it was drafted.' })
  lines(@Root() order: ServiceOrder, @Ctx() ctx: ApiContext): Promise<ServiceOrderLine[]> {
    return requestLoader(ctx, 'orderLines', linesOfOrders).load(order.id);
  }

  @FieldResolver(() => [Refund], { description: 'Refunds of the order, oldest first.' })
  refunds(@Root() order: ServiceOrder, @Ctx() ctx: ApiContext): Promise<Refund[]> {
    return requestLoader(ctx, 'orderRefunds', refundsOfOrders).load(order.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The Stripe Checkout page the customer pays on: only while the order awaits payment and the link works.',
  })
  paymentUrl(@Root() order: ServiceOrder, @Ctx() ctx: ApiContext): string | null {
    const open = order.state === ServiceOrderState.AWAITING_PAYMENT && order.paymentExpiresAt && order.paymentExpiresAt > tenantOf(ctx).clock.now();
    return open ? (order.paymentUrl ?? null) : null;
  }

  @FieldResolver(() => [ServiceOrderState], { description: 'States the order may move to next (PAID, EXPIRED and REFUNDED come from Stripe).' })
  allowedTransitions(@Root() order: ServiceOrder): ServiceOrderState[] {
    return allowedOrderMoves(order.state);
  }

  @FieldResolver(() => Ticket, { description: 'The ticket the order is on.' })
  async ticket(@Root() order: ServiceOrder, @Ctx() ctx: ApiContext): Promise<Ticket> {
    return (await loadersOf(ctx).ticket.load(order.ticketId))!;
  }

  @FieldResolver(() => RepairQuote, { nullable: true, description: 'The repair quote it pays for (QUOTE orders).' })
  quote(@Root() order: ServiceOrder, @Ctx() ctx: ApiContext): Promise<RepairQuote | null> {
    // A quote the store cannot read rejects its key alone, with the same NOT_FOUND as a single read.
    return order.quoteId ? (requestLoader(ctx, 'quotesById', quotesByIds).load(order.quoteId) as Promise<RepairQuote>) : Promise.resolve(null);
  }
}

@Resolver(() => Ticket)
export class TicketOrdersResolver {
  @FieldResolver(() => [ServiceOrder], { description: 'Orders of paid services (or of a repair quote) on this ticket, oldest first.' })
  orders(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<ServiceOrder[]> {
    return requestLoader(ctx, 'ticketOrders', ordersOfTickets).load(ticket.id);
  }
}
