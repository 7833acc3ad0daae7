import type { Customer, PartsOrder, Ticket, TicketEvent } from '../../schema/entities';
import type { EscalationLevel } from './escalation-ladder';
import type { Clock } from './sla-clock';
import type { WorkingCalendar } from './working-calendar';

/**
 * Everything the ticket's watch needs to know about one ticket, read in one
 * go (`readWatchedTicket`). What a run appends to the timeline joins `events`,
 * so the same reading decides the ticket's next watch.
 */
export interface WatchedTicket {
  ticket: Ticket;
  /** Whose tier picks the targets. */
  customer: Customer | null;
  clocks: Clock[];
  ladder: EscalationLevel[];
  calendar: WorkingCalendar;
  events: TicketEvent[];
  parts: PartsOrder[];
  atRiskShare: number;
}
