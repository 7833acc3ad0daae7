import { TicketStatus } from '../../core/desk-enums';
import type { Ticket } from '../../schema/entities';
import { UserInputError } from '../errors';

/** A finished ticket takes no new work (parts, appointments, complaints, dispatches, orders, quotes) until it is reopened. */
const FINISHED: readonly TicketStatus[] = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

export function requireOpenTicket(ticket: Ticket): void {
  if (FINISHED.includes(ticket.status)) {
    throw new UserInputError('TICKET_FINISHED', `Ticket ${ticket.number} is ${ticket.status}; reopen it first`, ['ticketId']);
  }
}
