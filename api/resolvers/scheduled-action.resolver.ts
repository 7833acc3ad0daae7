import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { listActions, retryDeadAction } from '../../domain/scheduling/action-admin';
import { Permission } from '../../domain/permissions';
import { ScheduledAction } from '../../schema/entities';
import type { ConnectionShape } from '../../schema/graphql/connection';
import {
  RetryScheduledActionInput,
  RetryScheduledActionPayload,
  ScheduledActionConnection,
  ScheduledActionsArgs,
} from '../../schema/graphql/scheduled-action.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { toConnection } from '../graphql/relay';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class ScheduledActionResolver {
  @Query(() => ScheduledActionConnection, {
    description:
      "The tenant's time-driven work (reminders, messages, webhook deliveries), newest first; `state: DEAD` lists the dead letters. An HQ adds `network: true` for its stores' and partners' as well.",
  })
  @Requires(Permission.ACTIONS_MANAGE)
  async scheduledActions(@Args() args: ScheduledActionsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<ScheduledAction>> {
    return toConnection(await listActions(tenantOf(ctx), { state: args.state, kind: args.kind, ticketId: args.ticketId }, args, { network: args.network }));
  }

  @SavingMutation(() => RetryScheduledActionPayload, 'Run a dead-lettered action again, with a fresh set of attempts.', Permission.ACTIONS_MANAGE)
  async retryScheduledAction(@Arg('input') input: RetryScheduledActionInput, @Ctx() ctx: ApiContext): Promise<Omit<RetryScheduledActionPayload, 'userErrors'>> {
    return { action: await retryDeadAction(tenantOf(ctx), input.id) };
  }
}
