import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { storeToday } from '../graphql/store-today';
import { cancelPartOrder, changePartExpectedDate, isPartLate, markPartArrived, orderPart, PartsOrderResult } from '../../domain/tickets/parts.service';
import { PartsOrder, PartsOrderDateChange } from '../../schema/entities';
import { CancelPartOrderInput, ChangePartExpectedDateInput, MarkPartArrivedInput, OrderPartInput, PartsOrderPayload } from '../../schema/graphql/parts.types';
import { ApiContext, tenantOf } from '../context';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class PartsResolver {
  @SavingMutation(() => PartsOrderPayload, 'Order a part for a ticket, with its expected arrival date.', Permission.TICKET_WRITE)
  orderPart(@Arg('input') input: OrderPartInput, @Ctx() ctx: ApiContext): Promise<PartsOrderResult> {
    return orderPart(tenantOf(ctx), input);
  }

  @SavingMutation(
    () => PartsOrderPayload,
    "Move a part's expected date; every change is kept, and a later date is told to the customer.",
    Permission.TICKET_WRITE,
  )
  changePartExpectedDate(@Arg('input') input: ChangePartExpectedDateInput, @Ctx() ctx: ApiContext): Promise<PartsOrderResult> {
    return changePartExpectedDate(tenantOf(ctx), input);
  }

  @SavingMutation(() => PartsOrderPayload, 'Record that a part on order has arrived.', Permission.TICKET_WRITE)
  markPartArrived(@Arg('input') input: MarkPartArrivedInput, @Ctx() ctx: ApiContext): Promise<PartsOrderResult> {
    return markPartArrived(tenantOf(ctx), input);
  }

  @SavingMutation(() => PartsOrderPayload, 'Cancel a part on order, with the reason.', Permission.TICKET_WRITE)
  cancelPartOrder(@Arg('input') input: CancelPartOrderInput, @Ctx() ctx: ApiContext): Promise<PartsOrderResult> {
    return cancelPartOrder(tenantOf(ctx), input);
  }
}

@Resolver(() => PartsOrder)
export class PartsOrderFieldsResolver {
  @FieldResolver(() => [PartsOrderDateChange], { description: 'Every change of the expected date, oldest first.' })
  dateChanges(@Root() partsOrder: PartsOrder): Promise<PartsOrderDateChange[]> {
    // One statement for every parts order of the response: the relation's own batching, over (tenant_id, id).
    return partsOrder.dateChanges.load({ dataloader: true }).then((changes) => changes.getItems());
  }

  @FieldResolver(() => Boolean, { description: "Still on order and its expected date is before today, in the store's time zone." })
  async late(@Root() partsOrder: PartsOrder, @Ctx() ctx: ApiContext): Promise<boolean> {
    return isPartLate(partsOrder, await storeToday(ctx));
  }
}
