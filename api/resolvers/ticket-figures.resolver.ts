import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { toGlobalId } from '../../core/global-id';
import { Permission } from '../../domain/permissions';
import { ticketFigures } from '../../domain/reports/ticket-figures';
import type { VolumeFilter } from '../../domain/reports/volume-filter';
import { ticketFigureTickets } from '../../domain/reports/volume-tickets';
import type { ConnectionShape } from '../../schema/graphql/connection';
import {
  TicketFigureFilter,
  TicketFigures,
  TicketFiguresArgs,
  TicketFigureTicket,
  TicketFigureTicketConnection,
  TicketFigureTicketsArgs,
} from '../../schema/graphql/ticket-figures.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { toConnection } from '../graphql/relay';
import { filterOf } from './figures.resolver';
import { withTicketGlobalId } from '../graphql/global-ids';

@Resolver()
export class TicketFiguresResolver {
  @Query(() => TicketFigures, {
    description:
      "Ticket volumes by type, channel, priority and model, the backlog at the period's end by age, the ladder levels reached and the parts figures over a period, for a store (its own) or an HQ's stores (all, or those named; an audited network read), with a series when `groupBy` is given.",
  })
  @Requires(Permission.FIGURES_READ)
  async ticketFigures(@Args() args: TicketFiguresArgs, @Ctx() ctx: ApiContext): Promise<TicketFigures> {
    const { storeIds, byType, byChannel, byPriority, byModel, ...figures } = await ticketFigures(
      tenantOf(ctx),
      volumeFilterOf(args.filter),
      args.groupBy ?? null,
    );
    return {
      ...figures,
      storeCount: storeIds.length,
      byType: byType.map(({ key, count }) => ({ type: key, count })),
      byChannel: byChannel.map(({ key, count }) => ({ channel: key, count })),
      byPriority: byPriority.map(({ key, count }) => ({ priority: key, count })),
      byModel: byModel.map((model) => ({ ...model, modelId: model.modelId && toGlobalId('ProductModel', model.modelId) })),
    };
  }

  @Query(() => TicketFigureTicketConnection, {
    description:
      'The rows behind one figure of `ticketFigures` (same filter, one figure, narrowed to an age of the backlog or a ladder level), newest first: as many as the figure counts.',
  })
  @Requires(Permission.FIGURES_READ)
  async ticketFigureTickets(@Args() args: TicketFigureTicketsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<TicketFigureTicket>> {
    const rows = { filter: volumeFilterOf(args.filter), figure: args.figure, backlogAge: args.backlogAge ?? null, level: args.level ?? null };
    return toConnection(await ticketFigureTickets(tenantOf(ctx), rows, args), withTicketGlobalId);
  }
}

/** The stores and models arrive decoded (uuids): the API decodes declared global ids before the resolver runs. */
function volumeFilterOf(filter: TicketFigureFilter): VolumeFilter {
  return { ...filterOf(filter), modelIds: filter.productModels ?? null };
}
