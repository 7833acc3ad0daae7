import { Arg, Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { networkPartners } from '../../domain/tenants/network-partners';
import { dispatchToPartner } from '../../domain/tickets/dispatch.service';
import { findWorkOrder, listWorkOrders, updateWorkOrderStatus } from '../../domain/tickets/work-order.service';
import { Dispatch, WorkOrder } from '../../schema/entities';
import { toGlobalId } from '../../core/global-id';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { NetworkPartner } from '../../schema/graphql/partner.types';
import {
  DispatchPayload,
  DispatchToPartnerInput,
  UpdateWorkOrderInput,
  WorkOrderConnection,
  WorkOrderPayload,
  WorkOrdersArgs,
} from '../../schema/graphql/dispatch.types';
import { ApiContext, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { GlobalIdArg } from '../graphql/global-ids';
import { toConnection } from '../graphql/relay';
import { SavingMutation } from '../graphql/saving-mutation';

/** The store's side of a handoff: dispatching a repair to a partner. */
@Resolver()
export class DispatchResolver {
  @PermittedQuery(() => [NetworkPartner], 'The partners of the network a repair can be dispatched to.', Permission.DISPATCH_WRITE)
  async networkPartners(@Ctx() ctx: ApiContext): Promise<NetworkPartner[]> {
    const partners = await networkPartners(tenantOf(ctx));
    return partners.map((partner) => ({ ...partner, id: toGlobalId('Tenant', partner.id) }));
  }

  @SavingMutation(
    () => DispatchPayload,
    'Hand a repair to a partner of the network; the partner gets a work order with only what it needs.',
    Permission.DISPATCH_WRITE,
  )
  dispatchToPartner(@Arg('input') input: DispatchToPartnerInput, @Ctx() ctx: ApiContext): Promise<Omit<DispatchPayload, 'userErrors'>> {
    return dispatchToPartner(tenantOf(ctx), input);
  }
}

@Resolver(() => Dispatch)
export class DispatchFieldsResolver {
  @FieldResolver(() => ID, { description: 'The partner the repair was handed to (a Tenant id).' })
  partnerId(@Root() dispatch: Dispatch): string {
    return toGlobalId('Tenant', dispatch.partnerTenantId);
  }
}

/** The partner's side: the work orders handed to it, and its progress reports. */
@Resolver()
export class WorkOrderResolver {
  @PermittedQuery(() => WorkOrderConnection, 'Work orders handed to the caller (a partner), newest first.', Permission.WORK_ORDER_READ)
  async workOrders(@Args() args: WorkOrdersArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<WorkOrder>> {
    return toConnection(await listWorkOrders(tenantOf(ctx), args, args.status));
  }

  @PermittedQuery(() => WorkOrder, 'One work order handed to the caller.', Permission.WORK_ORDER_READ)
  workOrder(@GlobalIdArg('id', 'WorkOrder') id: string, @Ctx() ctx: ApiContext): Promise<WorkOrder> {
    return findWorkOrder(tenantOf(ctx), id);
  }

  @SavingMutation(() => WorkOrderPayload, "Report progress on a work order; the store's dispatch and timeline show it at once.", Permission.WORK_ORDER_WRITE)
  async updateWorkOrder(@Arg('input') input: UpdateWorkOrderInput, @Ctx() ctx: ApiContext): Promise<Omit<WorkOrderPayload, 'userErrors'>> {
    return { workOrder: await updateWorkOrderStatus(tenantOf(ctx), input) };
  }
}
