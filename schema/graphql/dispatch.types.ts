import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput, versionYouRead } from './versioned-input';
import { WorkOrderStatus } from '../../core/desk-enums';
import { Dispatch, Ticket, WorkOrder } from '../entities';
import { Connection, PageArgs } from './connection';
import { PayloadWith } from './payload';

export const WorkOrderConnection = Connection(WorkOrder, 'WorkOrder');

@ArgsType()
export class WorkOrdersArgs extends PageArgs {
  @Field(() => WorkOrderStatus, { nullable: true, description: 'Only work orders in this state.' }) status?: WorkOrderStatus | null;
}

@InputType({ description: 'Hand a repair to a partner of the network.' })
export class DispatchToPartnerInput extends VersionedInput('ticketId', 'Ticket', 'The ticket (REPAIR or ONSITE).') {
  @Field(() => ID, { description: 'The partner: a Tenant id of an active partner of your network.' })
  @GlobalIdOf('Tenant')
  partnerTenantId!: string;

  @Field(() => String, { nullable: true, description: 'Instructions for the partner; sent with the problem.' }) note?: string | null;
}

@ObjectType({ description: 'Result of handing a repair to a partner.' })
export class DispatchPayload extends PayloadWith('dispatch', () => Dispatch, "The store's dispatch record.") {
  @Field(() => Ticket, { nullable: true, description: 'The ticket, with the new `version`.' }) ticket!: Ticket | null;
}

@InputType({ description: "A partner's progress on a work order; the store sees it at once." })
export class UpdateWorkOrderInput extends VersionedInput('workOrderId', 'WorkOrder', 'The work order.', versionYouRead('work order')) {
  @Field(() => WorkOrderStatus, { description: 'The new state, or the same one to send a note.' }) status!: WorkOrderStatus;
  @Field(() => String, { nullable: true, description: 'A note for the store.' }) note?: string | null;
}

@ObjectType({ description: 'Result of updating a work order.' })
export class WorkOrderPayload extends PayloadWith('workOrder', () => WorkOrder, 'The work order as saved.') {}
