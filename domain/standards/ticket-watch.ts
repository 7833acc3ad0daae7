import { Customer, PartsOrder, Ticket, TicketEvent } from '../../schema/entities';
import { TicketStatus } from '../../core/desk-enums';
import type { TenantContext } from '../context';
import { ActionKind } from '../../core/action-enums';
import { cancelPendingActions, scheduleAction, unusedActionKey } from '../scheduling/schedule';
import { Clock } from './sla-clock';
import { ClockState, SlaMetric } from '../../core/sla-enums';
import { atRiskShareOf, escalationSchedule, EscalationLevel, ladderFor } from './escalation-ladder';
import { awaitedParts, newDateDeadlines, partLateFrom } from './late-parts';
import { calendarOf } from './tenant-calendar';
import { storeClockPoints } from './clock-points';
import { clockRuns } from './clock-runs';
import { publish } from '../events/dispatcher';
import { ticketClocks } from './ticket-clocks';
import type { WatchedTicket } from './watched-ticket';

export type { WatchedTicket } from './watched-ticket';

const FINISHED = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

export async function readWatchedTicket(ctx: TenantContext, ticket: Ticket): Promise<WatchedTicket> {
  await ctx.em.flush();
  // One after the other: they share the transaction's single connection.
  const events = await ctx.em.find(TicketEvent, { tenantId: ctx.tenantId, ticketId: ticket.id });
  const parts = await ctx.em.find(PartsOrder, { tenantId: ctx.tenantId, ticketId: ticket.id });
  const customer = await ctx.em.findOne(Customer, { tenantId: ctx.tenantId, id: ticket.customerId });
  const calendar = await calendarOf(ctx);
  const clocks = ticketClocks({ ticket, customer, events, parts, calendar, now: ctx.clock.now() });
  return { ticket, customer, clocks, ladder: ladderFor(ticket), calendar, events, parts, atRiskShare: atRiskShareOf(ticket) };
}

function byTicket<T extends { ticketId: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const group = grouped.get(row.ticketId);
    if (group) group.push(row);
    else grouped.set(row.ticketId, [row]);
  }
  return grouped;
}

/**
 * The same as `readWatchedTicket` for a batch of tickets of one tenant, with
 * one read per table instead of one per ticket (a calendar recompute works
 * through every open ticket of a store).
 */
export async function readWatchedTickets(ctx: TenantContext, tickets: readonly Ticket[]): Promise<WatchedTicket[]> {
  if (tickets.length === 0) return [];
  await ctx.em.flush();
  const ticketIds = tickets.map((ticket) => ticket.id);
  const events = await ctx.em.find(TicketEvent, { tenantId: ctx.tenantId, ticketId: { $in: ticketIds } });
  const parts = await ctx.em.find(PartsOrder, { tenantId: ctx.tenantId, ticketId: { $in: ticketIds } });
  const customers = await ctx.em.find(Customer, { tenantId: ctx.tenantId, id: { $in: [...new Set(tickets.map((ticket) => ticket.customerId))] } });
  const calendar = await calendarOf(ctx);
  const now = ctx.clock.now();
  const eventsOf = byTicket(events);
  const partsOf = byTicket(parts);
  const customerById = new Map(customers.map((customer) => [customer.id, customer]));
  return tickets.map((ticket) => {
    const own = { events: eventsOf.get(ticket.id) ?? [], parts: partsOf.get(ticket.id) ?? [] };
    const customer = customerById.get(ticket.customerId) ?? null;
    const clocks = ticketClocks({ ticket, customer, ...own, calendar, now });
    return { ticket, customer, clocks, ladder: ladderFor(ticket), calendar, ...own, atRiskShare: atRiskShareOf(ticket) };
  });
}

/** The worker writes the progress updates itself: nobody is chased for them. */
const KEPT_BY_THE_WORKER = [SlaMetric.PROGRESS_UPDATE];

/**
 * The clocks that climb the escalation ladder for a ticket: those a person
 * must act on. Once the work is resolved nobody is chased for it any more,
 * except for the satisfaction callback, which a person must complete (by
 * phone when the survey goes unanswered) before its target runs out.
 */
export function ladderClocks(watched: Pick<WatchedTicket, 'ticket' | 'clocks'>): Clock[] {
  const { status } = watched.ticket;
  if (status === TicketStatus.CLOSED) return [];
  const chased = status === TicketStatus.RESOLVED ? [SlaMetric.CALLBACK] : Object.values(SlaMetric).filter((metric) => metric !== SlaMetric.CALLBACK);
  return watched.clocks.filter((clock) => chased.includes(clock.metric) && !KEPT_BY_THE_WORKER.includes(clock.metric) && clock.state !== ClockState.MET);
}

/** When the progress-update clock wants the worker to write: at the at-risk share of its target. */
export function progressUpdateDue(watched: WatchedTicket, now: Date): Date | null {
  const clock = watched.clocks.find((candidate) => candidate.metric === SlaMetric.PROGRESS_UPDATE);
  if (!clock || clock.state === ClockState.MET || clock.stoppedAt || !clock.dueAt) return null;
  const atRisk: EscalationLevel = {
    level: 0,
    name: 'progress update',
    trigger: { kind: 'SHARE_OF_TARGET', share: watched.atRiskShare },
    notify: [],
    workingHoursOnly: false,
    fromHq: true,
  };
  return escalationSchedule(clock, [atRisk], watched.calendar, now)[0].dueAt;
}

/**
 * The next instant at which something may be due for the ticket: a clock
 * turning at risk or running out, a ladder level, a progress update, a part
 * becoming late. Null when nothing is left to watch.
 */
export function nextTurningPoint(watched: WatchedTicket, now: Date, reached: (key: string) => boolean): Date | null {
  if (FINISHED.includes(watched.ticket.status)) return null;
  const candidates: Date[] = [];
  for (const clock of ladderClocks(watched)) {
    if (clock.dueAt && clock.dueAt > now && clock.state !== ClockState.BREACHED) candidates.push(clock.dueAt);
    for (const step of escalationSchedule(clock, watched.ladder, watched.calendar, now)) {
      // A level already due and not acted on yet (a clock that restarted at a reopen, a change that used it up) is due now.
      if (step.dueAt && !reached(levelKey(clock, step.level.level))) candidates.push(step.dueAt > now ? step.dueAt : now);
    }
  }
  const progress = progressUpdateDue(watched, now);
  if (progress && progress > now) candidates.push(progress);
  for (const part of awaitedParts(watched)) {
    const late = partLateFrom(part, watched.calendar);
    if (late > now) candidates.push(late);
  }
  // A late part's new date is due by its own deadline; past it, the managers are told at once.
  for (const deadline of newDateDeadlines(watched)) candidates.push(deadline > now ? deadline : now);
  return candidates.length ? new Date(Math.min(...candidates.map((date) => date.getTime()))) : null;
}

/** Identifies one ladder level of one run of a clock, so it is acted on once. */
export function levelKey(clock: Clock, level: number): string {
  return `${clock.metric}|${clock.startedAt?.toISOString()}|${level}`;
}

/** The ladder levels already acted on for the ticket (automatically or by hand). */
export function reachedLevels(events: TicketEvent[]): Set<string> {
  return new Set(
    events
      .filter((event) => (event.kind === 'SLA_AT_RISK' || event.kind === 'ESCALATED') && typeof event.data.levelKey === 'string')
      .map((event) => event.data.levelKey as string),
  );
}

/**
 * Puts the ticket's next watch on the schedule, in the caller's transaction,
 * and cancels the watches that no longer apply. `alsoReached`: ladder levels
 * acted on since the ticket was read. `runningWatchKey`: the key of the watch
 * being run now, which must not be mistaken for its own successor. Called
 * after every change of a ticket, so the worker always wakes at the ticket's
 * next turning point; the ticket's stored clock points (the order of the
 * work queue and of the tickets at risk) are written from the same reading,
 * and every run its clocks measured is told to whoever counts them (the
 * service figures).
 */
export async function scheduleTicketWatch(
  ctx: TenantContext,
  watched: WatchedTicket,
  options: { alsoReached?: readonly string[]; runningWatchKey?: string } = {},
): Promise<void> {
  const now = ctx.clock.now();
  const reached = new Set([...reachedLevels(watched.events), ...(options.alsoReached ?? [])]);
  const next = nextTurningPoint(watched, now, (key) => reached.has(key));
  // A watch that ran before its turning point (a clock stepped back, a skewed host) computes that same point again:
  // its successor gets a key of its own instead of being taken for the action that is finishing.
  const key = next
    ? await unusedActionKey(ctx, `watch:${watched.ticket.id}:${next.toISOString()}`, options.runningWatchKey ? [options.runningWatchKey] : [])
    : null;
  await cancelPendingActions(ctx, { ticketId: watched.ticket.id, kinds: [ActionKind.TICKET_WATCH], except: key ? [key] : [] });
  if (next && key) await scheduleAction(ctx, { kind: ActionKind.TICKET_WATCH, key, dueAt: next, ticketId: watched.ticket.id });
  await storeClockPoints(ctx, watched);
  const { ticket, customer, events, parts, calendar } = watched;
  await publish(ctx, { type: 'TicketClocksMeasured', ticket, runs: clockRuns({ ticket, customer, events, parts, calendar, now }) });
}
