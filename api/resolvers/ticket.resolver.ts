import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Mutation, Query, Resolver } from 'type-graphql';
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
import { Requires } from '../graphql/guard';
import { GlobalIdArg } from '../graphql/global-ids';
import { ReturnsUserErrors } from '../graphql/user-errors';
import { readTicketPage } from '../ticket-page';

@Resolver()
export class TicketResolver {
  @Query(() => TicketConnection, { description: "The store's tickets, filtered and sorted; stable pages while tickets are added." })
  @Requires(Permission.TICKET_READ)
  tickets(@Args() args: TicketsArgs, @Ctx() ctx: ApiContext, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Ticket>> {
    return readTicketPage(ctx, args, info);
  }

  @Query(() => Ticket, { description: 'One ticket by id.' })
  @Requires(Permission.TICKET_READ)
  ticket(@GlobalIdArg('id', 'Ticket') id: string, @Ctx() ctx: ApiContext): Promise<Ticket> {
    return findTicket(tenantOf(ctx), id);
  }

  @Mutation(() => TicketPayload, { description: 'Register a service request (and, in the same step, a new customer and device).' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  async registerTicket(@Arg('input') input: RegisterTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    const { ticket, customer, device } = await registration(tenantOf(ctx), input);
    // The payload usually asks for the customer and device just written: they are handed over, not read back.
    const loaders = loadersOf(ctx);
    loaders.customer.prime(customer.id, customer);
    if (device) loaders.device.prime(device.id, device);
    return { ticket };
  }

  @Mutation(() => TicketPayload, { description: 'Hand a ticket to a responsible person, or to another one.' })
  @Requires(Permission.TICKET_ASSIGN)
  @ReturnsUserErrors()
  async assignTicket(@Arg('input') input: AssignTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await assignTicket(tenantOf(ctx), input) };
  }

  @Mutation(() => TicketPayload, { description: 'Move a ticket through its life; an illegal move says which ones are allowed.' })
  @Requires(Permission.TICKET_WORK)
  @ReturnsUserErrors()
  async moveTicket(@Arg('input') input: MoveTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await moveTicket(tenantOf(ctx), input) };
  }

  @Mutation(() => TicketPayload, { description: 'Allow a return or exchange outside the warranty terms, with a reason (managers).' })
  @Requires(Permission.RETURN_OVERRIDE)
  @ReturnsUserErrors()
  async overrideReturnDecision(@Arg('input') input: OverrideReturnInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await overrideReturnDecision(tenantOf(ctx), input) };
  }

  @Mutation(() => TicketPayload, { description: 'Change the registration details of a ticket.' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  async updateTicket(@Arg('input') input: UpdateTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await updateTicket(tenantOf(ctx), input) };
  }

  @Mutation(() => TicketPayload, { description: 'Add an internal note or a message to the customer to the timeline.' })
  @Requires(Permission.TICKET_WORK)
  @ReturnsUserErrors()
  async addTicketNote(@Arg('input') input: AddTicketNoteInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await addTicketNote(tenantOf(ctx), input) };
  }

  @Mutation(() => TicketPayload, { description: 'Record a contact with the customer (channel and outcome).' })
  @Requires(Permission.TICKET_WORK)
  @ReturnsUserErrors()
  async recordCustomerContact(@Arg('input') input: RecordCustomerContactInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await recordCustomerContact(tenantOf(ctx), input) };
  }
}
