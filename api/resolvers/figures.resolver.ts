import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { toGlobalId } from '../../core/global-id';
import { Permission } from '../../domain/permissions';
import { serviceFigureTickets } from '../../domain/reports/figure-tickets';
import type { FigureFilter } from '../../domain/reports/figure-filter';
import { FigurePart, serviceFigures } from '../../domain/reports/service-figures';
import type { ConnectionShape } from '../../schema/graphql/connection';
import {
  PERCENTILE_FIELDS,
  ServiceFigureFilter,
  ServiceFigures,
  ServiceFiguresArgs,
  ServiceFigureTicket,
  ServiceFigureTicketConnection,
  ServiceFigureTicketsArgs,
} from '../../schema/graphql/figures.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { selects } from '../graphql/selection';
import { toConnection } from '../graphql/relay';
import { withTicketGlobalId } from '../graphql/global-ids';

@Resolver()
export class FiguresResolver {
  @Query(() => ServiceFigures, {
    description:
      "Service figures per metric and the first response over a period, for a store (its own) or an HQ's stores (all, or those named; an audited network read), with a series when `groupBy` is given.",
  })
  @Requires(Permission.FIGURES_READ)
  async serviceFigures(@Args() args: ServiceFiguresArgs, @Ctx() ctx: ApiContext, @Info() info: GraphQLResolveInfo): Promise<ServiceFigures> {
    const breakdowns = {
      groupBy: args.groupBy ?? null,
      byStore: selects(info, ['stores']),
      parts: { period: partRead(info, []), series: partRead(info, ['series']), stores: partRead(info, ['stores']) },
    };
    const { storeIds, stores, ...figures } = await serviceFigures(tenantOf(ctx), filterOf(args.filter), breakdowns);
    return { ...figures, storeCount: storeIds.length, stores: stores.map((store) => ({ ...store, storeId: toGlobalId('Tenant', store.storeId) })) };
  }

  @Query(() => ServiceFigureTicketConnection, {
    description:
      'The runs behind one figure of `serviceFigures` (same filter, one metric, an outcome or none), newest start first: as many as the figure counts.',
  })
  @Requires(Permission.FIGURES_READ)
  async serviceFigureTickets(@Args() args: ServiceFigureTicketsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<ServiceFigureTicket>> {
    const page = await serviceFigureTickets(tenantOf(ctx), filterOf(args.filter), args.metric, args.outcome ?? null, args.only ?? null, args);
    return toConnection(page, withTicketGlobalId);
  }
}

/** The paths, within a part of `serviceFigures`, of the fields that only a sort of its stopped runs gives. */
const PERCENTILE_PATHS = Object.entries(PERCENTILE_FIELDS).flatMap(([object, fields]) => fields.map((field) => [object, field]));

/** How much of the part under `path` (the period's own figures at []) the query reads. */
function partRead(info: GraphQLResolveInfo, path: string[]): FigurePart {
  if (PERCENTILE_PATHS.some((field) => selects(info, [...path, ...field]))) return 'ALL';
  return selects(info, [...path, 'metrics']) || selects(info, [...path, 'firstResponse']) ? 'COUNTS' : 'NONE';
}

/** The stores arrive decoded (uuids): the API decodes declared global ids before the resolver runs. */
export function filterOf(filter: ServiceFigureFilter): FigureFilter {
  return {
    storeIds: filter.stores ?? null,
    period: filter.period,
    ticketTypes: filter.ticketTypes ?? null,
    channels: filter.channels ?? null,
    priorities: filter.priorities ?? null,
  };
}
