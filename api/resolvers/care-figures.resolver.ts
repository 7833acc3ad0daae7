import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { careFigureTickets, lineOf } from '../../domain/reports/care-figure-tickets';
import { careFigures } from '../../domain/reports/care-figures';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { CareFigures, CareFiguresArgs, CareFigureTicket, CareFigureTicketConnection, CareFigureTicketsArgs } from '../../schema/graphql/care-figures.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { toConnection } from '../graphql/relay';
import { withTicketGlobalId } from '../graphql/global-ids';
import { filterOf } from './figures.resolver';

@Resolver()
export class CareFiguresResolver {
  @Query(() => CareFigures, {
    description:
      "Customer-care figures over a period (complaints, satisfaction callbacks, paid-service satisfaction, repeat repairs), for a store (its own) or an HQ's stores (all, or those named; an audited network read), with a series when `groupBy` is given.",
  })
  @Requires(Permission.FIGURES_READ)
  async careFigures(@Args() args: CareFiguresArgs, @Ctx() ctx: ApiContext): Promise<CareFigures> {
    const { storeIds, ...figures } = await careFigures(tenantOf(ctx), filterOf(args.filter), args.groupBy ?? null);
    return { ...figures, storeCount: storeIds.length };
  }

  @Query(() => CareFigureTicketConnection, {
    description: 'The tickets behind one figure of `careFigures` (same filter, one figure), newest first: as many as the figure counts.',
  })
  @Requires(Permission.FIGURES_READ)
  async careFigureTickets(@Args() args: CareFigureTicketsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<CareFigureTicket>> {
    const page = await careFigureTickets(
      tenantOf(ctx),
      { filter: filterOf(args.filter), figure: args.figure, score: args.score ?? null, paidServicesOnly: args.paidServicesOnly ?? null },
      args,
    );
    return toConnection(page, (ticket) => withTicketGlobalId(lineOf(ticket)));
  }
}
