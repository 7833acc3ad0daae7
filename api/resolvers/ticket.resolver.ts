import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Resolver } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { findTicket } from '../../domain/ticket-records/ticket-access';
import {
  addTicketNote,
  assignTicket,
  moveTicket,
  overrideReturnDecision,
  recordCustomerContact,
  registration,
  updateTicket,
} from '../../domain/tickets/ticket.service';
import { Ticket } from '../../schema/entities';
import type { ConnectionShape } from '../../schema/graphql/connection';
import {
  AddTicketNoteInput,
  AssignTicketInput,
  MoveTicketInput,
  OverrideReturnInput,
  RecordCustomerContactInput,
  RegisterTicketInput,
  TicketConnection,
  TicketPayload,
  TicketsArgs,
  UpdateTicketInput,
} from '../../schema/graphql/ticket.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { GlobalIdArg } from '../graphql/global-ids';
import { SavingMutation } from '../graphql/saving-mutation';
import { readTicketPage } from '../ticket-page';

@Resolver()
export class TicketResolver {
  @PermittedQuery(() => TicketConnection, "The store's tickets, filtered and sorted; stable pages while tickets are added.", Permission.TICKET_READ)
  tickets(@Args() args: TicketsArgs, @Ctx() ctx: ApiContext, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Ticket>> {
    return readTicketPage(ctx, args, info);
  }

  @PermittedQuery(() => Ticket, 'One ticket by id.', Permission.TICKET_READ)
  ticket(@GlobalIdArg('id', 'Ticket') id: string, @Ctx() ctx: ApiContext): Promise<Ticket> {
    return findTicket(tenantOf(ctx), id);
  }

  @SavingMutation(() => TicketPayload, 'Register a service request (and, in the same step, a new customer and device).', Permission.TICKET_WRITE)
  async registerTicket(@Arg('input') input: RegisterTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    const { ticket, customer, device } = await registration(tenantOf(ctx), input);
    // The payload usually asks for the customer and device just written: they are handed over, not read back.
    const loaders = loadersOf(ctx);
    loaders.customer.prime(customer.id, customer);
    if (device) loaders.device.prime(device.id, device);
    return { ticket };
  }

  @SavingMutation(() => TicketPayload, 'Hand a ticket to a responsible person, or to another one.', Permission.TICKET_ASSIGN)
  async assignTicket(@Arg('input') input: AssignTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await assignTicket(tenantOf(ctx), input) };
  }

  @SavingMutation(() => TicketPayload, 'Move a ticket through its life; an illegal move says which ones are allowed.', Permission.TICKET_WORK)
  async moveTicket(@Arg('input') input: MoveTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await moveTicket(tenantOf(ctx), input) };
  }

  @SavingMutation(() => TicketPayload, 'Allow a return or exchange outside the warranty terms, with a reason (managers).', Permission.RETURN_OVERRIDE)
  async overrideReturnDecision(@Arg('input') input: OverrideReturnInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await overrideReturnDecision(tenantOf(ctx), input) };
  }

  @SavingMutation(() => TicketPayload, 'Change the registration details of a ticket.', Permission.TICKET_WRITE)
  async updateTicket(@Arg('input') input: UpdateTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await updateTicket(tenantOf(ctx), input) };
  }

  @SavingMutation(() => TicketPayload, 'Add an internal note or a message to the customer to the timeline.', Permission.TICKET_WORK)
  async addTicketNote(@Arg('input') input: AddTicketNoteInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await addTicketNote(tenantOf(ctx), input) };
  }

  @SavingMutation(() => TicketPayload, 'Record a contact with the customer (channel and outcome).', Permission.TICKET_WORK)
  async recordCustomerContact(@Arg('input') input: RecordCustomerContactInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await recordCustomerContact(tenantOf(ctx), input) };
  }
}
