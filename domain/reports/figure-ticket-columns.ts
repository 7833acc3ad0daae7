import type { TicketChannel, TicketPriority, TicketStatus, TicketType } from '../../core/desk-enums';

/** The ticket a row behind a figure is about, with its store, as every drill-down lists it. */
export interface FigureTicketColumns {
  ticketId: string;
  number: string;
  type: TicketType;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  storeSlug: string;
  storeName: string;
}

/** The same columns as a drill-down's statement reads them (the store's as `slug` and `name`). */
export interface FigureTicketRow {
  ticket_id: string;
  number: string;
  type: TicketType;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  slug: string;
  name: string;
}

export function ticketColumnsOf(row: FigureTicketRow): FigureTicketColumns {
  const { ticket_id: ticketId, number, type, status, priority, channel, slug: storeSlug, name: storeName } = row;
  return { ticketId, number, type, status, priority, channel, storeSlug, storeName };
}
