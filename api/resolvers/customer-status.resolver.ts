import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { statusByLink, statusByNumber } from '../../domain/customer-status/status-lookup';
import { Permission } from '../../domain/permissions';
import { CustomerTicketStatus } from '../../schema/graphql/customer-status.types';
import type { ApiContext } from '../context';
import { Requires } from '../graphql/guard';

@Resolver()
export class CustomerStatusResolver {
  @Query(() => CustomerTicketStatus, {
    description:
      "The customer's status page, opened by the link in any of their messages (`/console/status/<token>`); no login. An unknown link answers NOT_FOUND; guesses from one address are slowed down (THROTTLED with retryAfterMs).",
  })
  @Requires(Permission.PUBLIC)
  customerTicketStatus(@Arg('token', { description: 'The token of the link.' }) token: string, @Ctx() ctx: ApiContext): Promise<CustomerTicketStatus> {
    return statusByLink(ctx.deps, { throttle: ctx.statusLookups, clientAddress: ctx.clientAddress }, token);
  }

  @Query(() => CustomerTicketStatus, {
    description:
      'The same page, found by the ticket number and the last 4 digits of the phone number given for the ticket; no login. A wrong number or wrong digits answer the same NOT_FOUND; after 5 wrong tries for a number, each further try waits (THROTTLED with retryAfterMs), the right digits too.',
  })
  @Requires(Permission.PUBLIC)
  customerTicketStatusByNumber(
    @Arg('ticketNumber', { description: 'The ticket number, e.g. `ZGC-2026-000123`.' }) ticketNumber: string,
    @Arg('phoneLast4', { description: 'The last 4 digits of the phone number given for the ticket.' }) phoneLast4: string,
    @Ctx() ctx: ApiContext,
  ): Promise<CustomerTicketStatus> {
    return statusByNumber(ctx.deps, { throttle: ctx.statusLookups, clientAddress: ctx.clientAddress }, { ticketNumber, phoneLast4 });
  }
}
