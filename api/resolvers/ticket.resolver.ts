import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { findTicket } from '../../domain/ticket-records/ticket-access';
import { searchTickets } from '../../domain/tickets/ticket-search';
import { TicketSort } from '../../core/desk-enums';
import {
  addTicketNote,
  assignTicket,
  moveTicket,
  overrideReturnDecision,
  recordCustomerContact,
  registerTicket,
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
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { idOf, optionalIdOf, toConnection, withUserErrors } from '../graphql/relay';

@Resolver()
export class TicketResolver {
  @Query(() => TicketConnection, { description: "The store's tickets, filtered and sorted; stable pages while tickets are added." })
  @Requires(Permission.TICKET_READ)
  async tickets(@Args() args: TicketsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<Ticket>> {
    const filter = {
      ...args,
      assigneeId: optionalIdOf(args.assigneeId, 'StaffUser'),
      customerId: optionalIdOf(args.customerId, 'Customer'),
    };
    return toConnection(await searchTickets(tenantOf(ctx), filter, args.sort ?? TicketSort.NEWEST, args));
  }

  @Query(() => Ticket, { description: 'One ticket by id.' })
  @Requires(Permission.TICKET_READ)
  ticket(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Ticket> {
    return findTicket(tenantOf(ctx), idOf(id, 'Ticket'));
  }

  @Mutation(() => TicketPayload, { description: 'Register a service request (and, in the same step, a new customer and device).' })
  @Requires(Permission.TICKET_WRITE)
  registerTicket(@Arg('input') input: RegisterTicketInput, @Ctx() ctx: ApiContext): Promise<TicketPayload> {
    return withUserErrors<TicketPayload>(
      async () => {
        const newDevice = input.newDevice
          ? {
              ...input.newDevice,
              modelId: idOf(input.newDevice.modelId, 'ProductModel'),
              purchaseStoreId: optionalIdOf(input.newDevice.purchaseStoreId, 'Tenant'),
            }
          : null;
        const ticket = await registerTicket(tenantOf(ctx), {
          ...input,
          customerId: optionalIdOf(input.customerId, 'Customer'),
          deviceId: optionalIdOf(input.deviceId, 'Device'),
          newDevice,
        });
        return { ticket };
      },
      { ticket: null },
    );
  }

  @Mutation(() => TicketPayload, { description: 'Hand a ticket to a responsible person, or to another one.' })
  @Requires(Permission.TICKET_ASSIGN)
  assignTicket(@Arg('input') input: AssignTicketInput, @Ctx() ctx: ApiContext): Promise<TicketPayload> {
    return withUserErrors<TicketPayload>(
      async () => ({
        ticket: await assignTicket(tenantOf(ctx), {
          ...input,
          ticketId: idOf(input.ticketId, 'Ticket'),
          assigneeId: idOf(input.assigneeId, 'StaffUser'),
        }),
      }),
      { ticket: null },
    );
  }

  @Mutation(() => TicketPayload, { description: 'Move a ticket through its life; an illegal move says which ones are allowed.' })
  @Requires(Permission.TICKET_WORK)
  moveTicket(@Arg('input') input: MoveTicketInput, @Ctx() ctx: ApiContext): Promise<TicketPayload> {
    return withUserErrors<TicketPayload>(async () => ({ ticket: await moveTicket(tenantOf(ctx), { ...input, ticketId: idOf(input.ticketId, 'Ticket') }) }), {
      ticket: null,
    });
  }

  @Mutation(() => TicketPayload, { description: 'Allow a return or exchange outside the warranty terms, with a reason (managers).' })
  @Requires(Permission.RETURN_OVERRIDE)
  overrideReturnDecision(@Arg('input') input: OverrideReturnInput, @Ctx() ctx: ApiContext): Promise<TicketPayload> {
    return withUserErrors<TicketPayload>(
      async () => ({ ticket: await overrideReturnDecision(tenantOf(ctx), { ...input, ticketId: idOf(input.ticketId, 'Ticket') }) }),
      { ticket: null },
    );
  }

  @Mutation(() => TicketPayload, { description: 'Change the registration details of a ticket.' })
  @Requires(Permission.TICKET_WRITE)
  updateTicket(@Arg('input') input: UpdateTicketInput, @Ctx() ctx: ApiContext): Promise<TicketPayload> {
    return withUserErrors<TicketPayload>(async () => ({ ticket: await updateTicket(tenantOf(ctx), { ...input, ticketId: idOf(input.ticketId, 'Ticket') }) }), {
      ticket: null,
    });
  }

  @Mutation(() => TicketPayload, { description: 'Add an internal note or a message to the customer to the timeline.' })
  @Requires(Permission.TICKET_WORK)
  addTicketNote(@Arg('input') input: AddTicketNoteInput, @Ctx() ctx: ApiContext): Promise<TicketPayload> {
    return withUserErrors<TicketPayload>(async () => ({ ticket: await addTicketNote(tenantOf(ctx), { ...input, ticketId: idOf(input.ticketId, 'Ticket') }) }), {
      ticket: null,
    });
  }

  @Mutation(() => TicketPayload, { description: 'Record a contact with the customer (channel and outcome).' })
  @Requires(Permission.TICKET_WORK)
  recordCustomerContact(@Arg('input') input: RecordCustomerContactInput, @Ctx() ctx: ApiContext): Promise<TicketPayload> {
    return withUserErrors<TicketPayload>(
      async () => ({ ticket: await recordCustomerContact(tenantOf(ctx), { ...input, ticketId: idOf(input.ticketId, 'Ticket') }) }),
      { ticket: null },
    );
  }
}
