import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { WorkOrderFigure as F } from '../../core/sla-enums';
import { Permission } from '../../domain/permissions';
import { workOrderFigureOrders } from '../../domain/reports/work-order-figure-orders';
import { workOrderFigures } from '../../domain/reports/work-order-figures';
import type { WorkOrder } from '../../schema/entities';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { WorkOrderConnection } from '../../schema/graphql/dispatch.types';
import { WorkOrderFigureOrdersArgs, WorkOrderFigures, WorkOrderFiguresArgs } from '../../schema/graphql/work-order-figures.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { toConnection } from '../graphql/relay';

@Resolver()
export class WorkOrderFiguresResolver {
  @Query(() => WorkOrderFigures, {
    description:
      "A partner's own work orders over a period (its time zone): received, repaired by the store's deadline or late, reworked, returned, cancelled, open and overdue at the period's end, the turnaround, and a series when `groupBy` is given. Anyone else receives no work orders and reads zeros.",
  })
  @Requires(Permission.FIGURES_READ)
  async workOrderFigures(@Args() args: WorkOrderFiguresArgs, @Ctx() ctx: ApiContext): Promise<WorkOrderFigures> {
    const { counts, ...figures } = await workOrderFigures(tenantOf(ctx), args.period, args.groupBy ?? null);
    return {
      ...figures,
      received: counts[F.RECEIVED],
      repaired: counts[F.REPAIRED],
      repairedOnTime: counts[F.REPAIRED_ON_TIME],
      repairedLate: counts[F.REPAIRED_LATE],
      repairedWithoutDeadline: counts[F.REPAIRED_WITHOUT_DEADLINE],
      reworked: counts[F.REWORKED],
      returnedUnrepaired: counts[F.RETURNED_UNREPAIRED],
      cancelled: counts[F.CANCELLED],
      open: counts[F.OPEN],
      overdue: counts[F.OVERDUE],
    };
  }

  @Query(() => WorkOrderConnection, {
    description: 'The work orders behind one figure of `workOrderFigures` (same period, one figure), newest received first: as many as the figure counts.',
  })
  @Requires(Permission.FIGURES_READ)
  async workOrderFigureOrders(@Args() args: WorkOrderFigureOrdersArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<WorkOrder>> {
    return toConnection(await workOrderFigureOrders(tenantOf(ctx), { period: args.period, figure: args.figure }, args));
  }
}
