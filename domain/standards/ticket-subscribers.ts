import type { TenantContext } from '../context';
import type { DomainEventType, EventOf } from '../events/domain-events';
import { on, Subscription } from '../events/dispatcher';
import { recordClockOutcomes } from './clock-outcomes';

/**
 * Every change of a ticket may stop or start one of its clocks: the targets
 * met or breached go on its timeline and its next watch is put on the
 * schedule, in the transaction of the change. It is wired after the other
 * folders' subscribers: the watch is taken from the ticket as the whole
 * change left it.
 */
async function recheckClocks(ctx: TenantContext, { ticket }: EventOf<TicketChange>): Promise<void> {
  await recordClockOutcomes(ctx, ticket);
}

/** The ticket changes after which its clocks are read again. */
const TICKET_CHANGES = [
  'TicketRegistered',
  'TicketAssigned',
  'TicketMoved',
  'TicketDetailsChanged',
  'TicketNoteAdded',
  'CustomerContactRecorded',
  // A message to the customer restarts the progress clock: the ticket's next watch moves with it.
  'CustomerMessageSent',
  'PartOrdered',
  'PartDateChanged',
  'PartArrived',
  'PartOrderCancelled',
  // The result reported to a complaining customer is a personal contact: the first contact may stop with it.
  'ComplaintResultReported',
] as const satisfies readonly DomainEventType[];

type TicketChange = (typeof TICKET_CHANGES)[number];

export const standardsSubscriptions: readonly Subscription[] = TICKET_CHANGES.map((event) => on('standards', event, recheckClocks));
