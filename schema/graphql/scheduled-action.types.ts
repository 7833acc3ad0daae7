import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { ActionKind, ActionState } from '../../core/action-enums';
import { ScheduledAction } from '../entities';
import { Connection, PageArgs } from './connection';
import { PayloadWith } from './payload';

export const ScheduledActionConnection = Connection(ScheduledAction, 'ScheduledAction');

@ArgsType()
export class ScheduledActionsArgs extends PageArgs {
  @Field(() => ActionState, { nullable: true, description: 'Only this state, e.g. DEAD for the dead letters.' }) state?: ActionState | null;
  @Field(() => ActionKind, { nullable: true, description: 'Only this kind.' }) kind?: ActionKind | null;

  @Field(() => ID, { nullable: true, description: "Only this ticket's actions." })
  @GlobalIdOf('Ticket')
  ticketId?: string | null;

  @Field({
    defaultValue: false,
    description: "HQ only: its stores' and partners' actions as well as its own (each such read is audited); retrying one is still for its own tenant.",
  })
  network!: boolean;
}

@InputType({ description: 'A dead-lettered action to run again.' })
export class RetryScheduledActionInput {
  @Field(() => ID, { description: 'The action.' })
  @GlobalIdOf('ScheduledAction')
  id!: string;
}

@ObjectType({ description: 'The result of retrying an action by hand.' })
export class RetryScheduledActionPayload extends PayloadWith(
  'action',
  () => ScheduledAction,
  'The action, pending again and due now.',
  'Why nothing was changed.',
) {}
