import { LockMode } from '@mikro-orm/core';
import { Refund, ServiceOrder, ServiceOrderLine } from '../../schema/entities';
import type { TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';

/** Reading orders: each store its own (RLS), by id, by ticket, with their lines and refunds. */
export async function findOrder(ctx: TenantContext, id: string): Promise<ServiceOrder> {
  const order = await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, id });
  if (!order) throw notFound('Service order');
  return order;
}

/**
 * Loads an order to change it, locked to the end of the transaction: the
 * desk, the worker and Stripe's events act on the same order, and each of
 * them decides from the state as it is once the others are done. With
 * `expectedVersion`, an order changed since the caller read it answers STALE.
 */
export async function lockOrder(ctx: TenantContext, id: string, expectedVersion?: number | null): Promise<ServiceOrder> {
  const order = await ctx.em.findOne(ServiceOrder, { tenantId: ctx.tenantId, id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!order) throw notFound('Service order');
  if (expectedVersion != null && expectedVersion !== order.version) {
    throw new UserInputError('STALE', `The order was changed by someone else (version ${order.version}, you had ${expectedVersion}); reload and retry`, [
      'expectedVersion',
    ]);
  }
  return order;
}

export async function linesOfOrder(ctx: TenantContext, orderId: string): Promise<ServiceOrderLine[]> {
  return ctx.em.find(ServiceOrderLine, { tenantId: ctx.tenantId, orderId }, { orderBy: { position: 'asc' } });
}

/** Each ticket's orders, oldest first, in the order of `ticketIds` (one query for a page of tickets). */
export async function ordersOfTickets(ctx: TenantContext, ticketIds: readonly string[]): Promise<ServiceOrder[][]> {
  const rows = await ctx.em.find(ServiceOrder, { tenantId: ctx.tenantId, ticketId: { $in: [...ticketIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return ticketIds.map((ticketId) => rows.filter((row) => row.ticketId === ticketId));
}

/** Each order's lines in their order, in the order of `orderIds`. */
export async function linesOfOrders(ctx: TenantContext, orderIds: readonly string[]): Promise<ServiceOrderLine[][]> {
  const rows = await ctx.em.find(ServiceOrderLine, { tenantId: ctx.tenantId, orderId: { $in: [...orderIds] } }, { orderBy: { position: 'asc' } });
  return orderIds.map((orderId) => rows.filter((row) => row.orderId === orderId));
}

/** Each order's refunds, oldest first, in the order of `orderIds`. */
export async function refundsOfOrders(ctx: TenantContext, orderIds: readonly string[]): Promise<Refund[][]> {
  const rows = await ctx.em.find(Refund, { tenantId: ctx.tenantId, orderId: { $in: [...orderIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return orderIds.map((orderId) => rows.filter((row) => row.orderId === orderId));
}
