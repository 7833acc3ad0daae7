import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput } from './versioned-input';
import { ContactChannel, PurchaseSource, TicketChannel, TicketPriority, TicketSort, TicketStatus, TicketType, TimelineVisibility } from '../../core/desk-enums';
import { FaultCategory } from '../../core/problem-enums';
import { Ticket, TicketEvent } from '../entities';
import { Connection, PageArgs } from './connection';
import { CreateCustomerInput } from './customer.types';
import { PayloadWith } from './payload';

/** How the ticket mutations of the desk describe `expectedVersion`. */
const VERSION_READ = 'The version you read; STALE if it changed since.';

registerEnumType(TicketSort, { name: 'TicketSort', description: 'Order of a ticket list.' });

export const TicketConnection = Connection(Ticket, 'Ticket');
export const TicketEventConnection = Connection(TicketEvent, 'TicketEvent');

@ArgsType()
export class TicketsArgs extends PageArgs {
  @Field(() => [TicketStatus], { nullable: true, description: 'Any of these states.' }) status?: TicketStatus[] | null;
  @Field(() => [TicketType], { nullable: true, description: 'Any of these types.' }) type?: TicketType[] | null;
  @Field(() => [TicketPriority], { nullable: true, description: 'Any of these priorities.' }) priority?: TicketPriority[] | null;

  @Field(() => ID, { nullable: true, description: 'Only tickets of this responsible person.' })
  @GlobalIdOf('StaffUser')
  assigneeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only tickets of this customer.' })
  @GlobalIdOf('Customer')
  customerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The ticket number a customer quotes.' }) number?: string | null;
  @Field(() => String, { nullable: true, description: "The customer's or contact's phone." }) customerPhone?: string | null;
  @Field(() => String, { nullable: true, description: "The device's serial number." }) deviceSerial?: string | null;
  @Field(() => Date, { nullable: true, description: 'Registered at or after.' }) createdFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Registered before.' }) createdTo?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Only tickets waiting for a part past its expected date.' }) latePartsOnly?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Words in the problem, suspected cause or notes.' }) text?: string | null;
  @Field(() => TicketSort, { nullable: true, description: 'Defaults to NEWEST.' }) sort?: TicketSort | null;
}

@InputType({ description: 'A device registered together with the ticket.' })
export class NewDeviceInput {
  @Field(() => ID, { description: "A product model of HQ's catalogue." })
  @GlobalIdOf('ProductModel')
  modelId!: string;

  @Field({ description: 'Serial number.' }) serialNumber!: string;
  @Field(() => String, { nullable: true, description: 'Purchase date, YYYY-MM-DD.' }) purchaseDate?: string | null;
  @Field(() => PurchaseSource, { description: 'Where it was bought.' }) purchaseSource!: PurchaseSource;

  @Field(() => ID, { nullable: true, description: 'The store of the network it was bought at, for NETWORK_STORE.' })
  @GlobalIdOf('Tenant')
  purchaseStoreId?: string | null;

  @Field(() => String, { nullable: true, description: 'Invoice number.' }) invoiceNumber?: string | null;
}

@InputType({ description: 'The service registration form.' })
export class RegisterTicketInput {
  @Field(() => TicketType, { description: 'What the customer came for.' }) type!: TicketType;
  @Field(() => TicketChannel, { description: 'How the request arrived.' }) channel!: TicketChannel;
  @Field(() => TicketPriority, { nullable: true, description: 'Defaults to NORMAL.' }) priority?: TicketPriority | null;

  @Field(() => ID, { nullable: true, description: 'An existing customer; or give newCustomer.' })
  @GlobalIdOf('Customer')
  customerId?: string | null;

  @Field(() => CreateCustomerInput, { nullable: true, description: 'A customer registered in the same step.' }) newCustomer?: CreateCustomerInput | null;

  @Field(() => ID, { nullable: true, description: "One of the customer's devices; or give newDevice." })
  @GlobalIdOf('Device')
  deviceId?: string | null;

  @Field(() => NewDeviceInput, { nullable: true, description: 'A device registered in the same step.' }) newDevice?: NewDeviceInput | null;
  @Field({ description: 'The problem as the customer tells it.' }) problem!: string;
  @Field(() => String, { nullable: true, description: 'The suspected cause.' }) suspectedCause?: string | null;
  @Field(() => FaultCategory, { nullable: true, description: 'The kind of fault, when known (it can be given later).' }) faultCategory?: FaultCategory | null;
  @Field(() => String, { nullable: true, description: "Defaults to the customer's name." }) contactName?: string | null;
  @Field(() => String, { nullable: true, description: "Defaults to the customer's phone." }) contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: "Defaults to the customer's address." }) contactAddress?: string | null;
}

@InputType({ description: 'Hand a ticket to a responsible person.' })
export class AssignTicketInput extends VersionedInput('ticketId', 'Ticket', 'The ticket.', VERSION_READ) {
  @Field(() => ID, { description: 'The staff user who becomes responsible.' })
  @GlobalIdOf('StaffUser')
  assigneeId!: string;

  @Field(() => String, { nullable: true, description: 'Why (for a reassignment).' }) reason?: string | null;
}

@InputType({ description: 'Move a ticket to another state.' })
export class MoveTicketInput extends VersionedInput('ticketId', 'Ticket', 'The ticket.', VERSION_READ) {
  @Field(() => TicketStatus, { description: 'The new state.' }) to!: TicketStatus;
  @Field(() => String, { nullable: true, description: 'What was done (required to resolve), or why (cancel, reopen).' }) note?: string | null;
}

@InputType({ description: "A manager's override of the warranty decision for a return or exchange." })
export class OverrideReturnInput extends VersionedInput('ticketId', 'Ticket', 'The ticket.', 'The version you read.') {
  @Field({ description: 'Why the return or exchange is allowed anyway.' }) reason!: string;
}

@InputType({ description: 'Changes to the registration details; omitted fields stay.' })
export class UpdateTicketInput extends VersionedInput('ticketId', 'Ticket', 'The ticket.', VERSION_READ) {
  @Field(() => TicketPriority, { nullable: true, description: 'Priority.' }) priority?: TicketPriority | null;
  @Field(() => String, { nullable: true, description: 'Problem.' }) problem?: string | null;
  @Field(() => String, { nullable: true, description: 'Suspected cause.' }) suspectedCause?: string | null;
  @Field(() => FaultCategory, { nullable: true, description: 'The kind of fault.' }) faultCategory?: FaultCategory | null;
  @Field(() => String, { nullable: true, description: 'Contact name.' }) contactName?: string | null;
  @Field(() => String, { nullable: true, description: 'Contact phone.' }) contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: 'Contact address.' }) contactAddress?: string | null;
}

@InputType({ description: 'A note on the timeline: internal, or a message to the customer.' })
export class AddTicketNoteInput {
  @Field(() => ID, { description: 'The ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field({ description: 'The text.' }) body!: string;
  @Field(() => TimelineVisibility, { description: 'INTERNAL, or CUSTOMER for a message to the customer.' }) visibility!: TimelineVisibility;
}

@InputType({ description: 'A contact with the customer.' })
export class RecordCustomerContactInput {
  @Field(() => ID, { description: 'The ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field(() => ContactChannel, { description: 'How the customer was contacted.' }) channel!: ContactChannel;
  @Field({ description: 'Whether the customer was reached.' }) reached!: boolean;
  @Field({ description: 'What was said or agreed.' }) outcome!: string;
}

@ObjectType({ description: 'Result of a ticket mutation.' })
export class TicketPayload extends PayloadWith('ticket', () => Ticket, 'The ticket as saved.') {}
