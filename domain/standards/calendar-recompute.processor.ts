import { TicketStatus } from '../../core/desk-enums';
import { Ticket } from '../../schema/entities';
import { ActionKind } from '../../core/action-enums';
import { ActionProcessor, done } from '../scheduling/processor';
import { scheduleAction } from '../scheduling/schedule';
import { readWatchedTickets, scheduleTicketWatch } from './ticket-watch';

/** Tickets per run: a store with thousands open is worked through in runs that each commit quickly. */
const BATCH = 100;
const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

/**
 * HQ published a year of the national calendar: each open ticket's next
 * turning point is put on the schedule again, exactly as after any change of
 * the ticket, so reminders and escalations fall on the new working days.
 * Tickets are taken in id order, a batch per run; the next batch is a new
 * action keyed by where this one stopped, so a retry never skips or repeats one.
 */
export const processCalendarRecompute: ActionProcessor = async ({ ctx, action }) => {
  const after = typeof action.payload.after === 'string' ? action.payload.after : null;
  const tickets = await ctx.em.find(
    Ticket,
    { tenantId: ctx.tenantId, status: { $nin: FINISHED }, ...(after ? { id: { $gt: after } } : {}) },
    { orderBy: { id: 'asc' }, limit: BATCH },
  );
  // Tickets opened before any standard have no clock to move.
  const watched = await readWatchedTickets(
    ctx,
    tickets.filter((ticket) => ticket.slaStandard),
  );
  for (const one of watched) await scheduleTicketWatch(ctx, one);
  const recomputed = watched.length;
  const more = tickets.length === BATCH;
  if (more) {
    const last = tickets[tickets.length - 1].id;
    const { code, year, revision } = action.payload;
    await scheduleAction(ctx, {
      kind: ActionKind.CALENDAR_RECOMPUTE,
      key: `calendar-recompute:${String(code)}:${String(year)}:${String(revision)}:after:${last}`,
      dueAt: ctx.clock.now(),
      payload: { code, year, revision, after: last },
    });
  }
  return done({ recomputed, more });
};
