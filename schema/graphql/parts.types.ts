import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { VersionedInput } from './versioned-input';
import { PartsOrder, Ticket } from '../entities';
import { PayloadWith } from './payload';

@InputType({ description: 'A part to order for a ticket.' })
export class OrderPartInput extends VersionedInput('ticketId', 'Ticket', 'The ticket.') {
  @Field({ description: 'Part number, 1 to 64 characters.' }) partNumber!: string;
  @Field({ description: 'What the part is, in words the customer understands (it is quoted to them).' }) description!: string;
  @Field(() => Int, { description: 'How many, 1 to 1000.' }) quantity!: number;
  @Field({ description: 'Who supplies it.' }) supplier!: string;
  @Field({ description: "Expected arrival date, YYYY-MM-DD in the store's calendar; not before today." }) expectedOn!: string;
}

@InputType({ description: 'A new expected arrival date for a part on order; a later date is told to the customer.' })
export class ChangePartExpectedDateInput extends VersionedInput('partsOrderId', 'PartsOrder', 'The parts order.') {
  @Field({ description: 'The new expected date, YYYY-MM-DD; not before today.' }) expectedOn!: string;
  @Field(() => String, { nullable: true, description: 'Why it moved, as the supplier said (internal).' }) reason?: string | null;
}

@InputType({ description: 'A part on order has arrived.' })
export class MarkPartArrivedInput extends VersionedInput('partsOrderId', 'PartsOrder', 'The parts order.') {}

@InputType({ description: 'Cancel a part on order.' })
export class CancelPartOrderInput extends VersionedInput('partsOrderId', 'PartsOrder', 'The parts order.') {
  @Field({ description: 'Why the order is cancelled.' }) reason!: string;
}

@ObjectType({ description: 'Result of a parts order mutation.' })
export class PartsOrderPayload extends PayloadWith('partsOrder', () => PartsOrder, 'The parts order as saved.') {
  @Field(() => Ticket, { nullable: true, description: 'Its ticket, with the new `version`.' }) ticket!: Ticket | null;
}
