import { Args, Ctx, FieldResolver, Int, Resolver, Root, Arg } from 'type-graphql';
import { allowedMoves } from '../../domain/ticket-records/lifecycle';
import { listTimelines } from '../../domain/tickets/timeline-query';
import { knownErrorsOf } from '../../domain/problems/known-errors';
import type { FaultCategory } from '../../core/problem-enums';
import { TicketStatus } from '../../core/desk-enums';
import { Customer, Device, Problem, StaffUser, Ticket, TicketEvent } from '../../schema/entities';
import { PageArgs, type ConnectionShape } from '../../schema/graphql/connection';
import { TicketEventConnection } from '../../schema/graphql/ticket.types';
import { ApiContext, loadersOf } from '../context';
import { requestLoader } from '../request-loader';
import { toConnection } from '../graphql/relay';

/** The ticket's relations, each through a per-request loader: a page of tickets costs one query per relation. */
@Resolver(() => Ticket)
export class TicketFieldsResolver {
  @FieldResolver(() => Customer, { description: 'The customer the request is for.' })
  async customer(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<Customer> {
    return (await loadersOf(ctx).customer.load(ticket.customerId))!;
  }

  @FieldResolver(() => Device, { nullable: true, description: 'The device concerned, if any.' })
  device(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<Device | null> {
    return ticket.deviceId ? loadersOf(ctx).device.load(ticket.deviceId) : Promise.resolve(null);
  }

  @FieldResolver(() => StaffUser, { nullable: true, description: 'The responsible person.' })
  assignee(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<StaffUser | null> {
    return ticket.assigneeId ? loadersOf(ctx).staffUser.load(ticket.assigneeId) : Promise.resolve(null);
  }

  @FieldResolver(() => [Problem], {
    description:
      "Known errors matching the ticket's device model (and its fault category when both have one), the store's and its HQ's: their `workaround` is what the desk can offer now.",
  })
  knownErrors(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<Problem[]> {
    if (!ticket.deviceId) return Promise.resolve([]);
    // One read for every ticket of the answer that asks, keyed by what a ticket is matched on.
    const loader = requestLoader(ctx, 'knownErrors', (tenant, keys) =>
      knownErrorsOf(
        tenant,
        keys.map((key) => {
          const [tenantId, deviceId, category] = key.split('|');
          return { tenantId, deviceId, faultCategory: (category || null) as FaultCategory | null };
        }),
      ),
    );
    return loader.load(`${ticket.tenantId}|${ticket.deviceId}|${ticket.faultCategory ?? ''}`);
  }

  @FieldResolver(() => [TicketStatus], { description: 'States this ticket may move to next (conditions may still apply).' })
  allowedTransitions(@Root() ticket: Ticket): TicketStatus[] {
    return allowedMoves(ticket.type, ticket.status);
  }

  @FieldResolver(() => [TicketEvent], { description: 'The latest timeline entries, newest first (for lists).' })
  recentTimeline(
    @Root() ticket: Ticket,
    @Arg('limit', () => Int, { defaultValue: 5, description: '1 to 20.' }) limit: number,
    @Ctx() ctx: ApiContext,
  ): Promise<TicketEvent[]> {
    const n = Math.min(Math.max(limit, 1), 20);
    return loadersOf(ctx).recentTimeline.load(`${ticket.id}:${n}`);
  }

  @FieldResolver(() => TicketEventConnection, { description: 'The whole timeline, oldest first.' })
  async timeline(@Root() ticket: Ticket, @Args() page: PageArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<TicketEvent>> {
    // One loader per page asked for: every ticket of a list asks for the same page, so they share one read.
    const loader = requestLoader(ctx, `timeline:${page.first}:${page.after ?? ''}`, (tenant, ticketIds) => listTimelines(tenant, ticketIds, page));
    return toConnection(await loader.load(ticket.id));
  }
}
