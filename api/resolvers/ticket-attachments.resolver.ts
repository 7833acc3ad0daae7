import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isPartLate } from '../../domain/tickets/parts.service';
import { Appointment, Dispatch, PartsOrder, StaffUser, Ticket, Upload } from '../../schema/entities';
import { ApiContext, loadersOf } from '../context';
import { storeToday } from '../graphql/store-today';

/**
 * What hangs off a ticket besides its core: parts, visits, dispatches, the
 * complaint's subject, the files kept on it. Each relation goes through a per-request loader, so a
 * page of tickets costs one query per relation.
 */
@Resolver(() => Ticket)
export class TicketAttachmentsResolver {
  @FieldResolver(() => [PartsOrder], { description: 'Parts ordered for this ticket, oldest first.' })
  partsOrders(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<PartsOrder[]> {
    return loadersOf(ctx).partsOrdersByTicket.load(ticket.id);
  }

  @FieldResolver(() => Boolean, { description: "Whether a part is still on order past its expected date (the store's today)." })
  async hasLatePart(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<boolean> {
    const [orders, today] = await Promise.all([loadersOf(ctx).partsOrdersByTicket.load(ticket.id), storeToday(ctx)]);
    return orders.some((order) => isPartLate(order, today));
  }

  @FieldResolver(() => [Appointment], { description: 'On-site visits, by window start.' })
  appointments(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<Appointment[]> {
    return loadersOf(ctx).appointmentsByTicket.load(ticket.id);
  }

  @FieldResolver(() => [Dispatch], { description: 'Handoffs of the repair to partners, oldest first, with their progress.' })
  dispatches(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<Dispatch[]> {
    return loadersOf(ctx).dispatchesByTicket.load(ticket.id);
  }

  @FieldResolver(() => [Upload], { description: 'Files kept on the ticket (photos, PDFs), in the order they were attached.' })
  attachments(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<Upload[]> {
    return loadersOf(ctx).attachmentsByTicket.load(ticket.id);
  }

  @FieldResolver(() => StaffUser, { nullable: true, description: 'Complaints about STAFF: the staff member concerned.' })
  complaintSubjectStaff(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<StaffUser | null> {
    return ticket.complaintSubjectStaffId ? loadersOf(ctx).staffUser.load(ticket.complaintSubjectStaffId) : Promise.resolve(null);
  }
}
