import { DateTime } from 'luxon';
import { PartsOrderStatus, TicketStatus } from '../../core/desk-enums';
import { PartsOrder, StaffUser, TicketEvent } from '../../schema/entities';
import { Role, StaffStatus } from '../../core/enums';
import { WebhookEventType } from '../../core/webhook-enums';
import type { TenantContext } from '../context';
import { PartOutlook } from '../notifications/parts-outlook';
import { notifyCustomer, notifyStaff } from '../notifications/ticket-notices';
import { TemplateKey } from '../../core/template-keys';
import { appendTimeline } from '../ticket-records/timeline';
import { publishEvent } from '../webhooks/publish';
import { SlaMetric } from '../../core/sla-enums';
import type { WatchedTicket } from './watched-ticket';
import type { WorkingCalendar } from './working-calendar';

/**
 * A part whose expected date has passed without a new one is the story this
 * product exists for. On the day the date passes the customer is told so
 * plainly, with when they will hear from the store next; the responsible
 * person and the store managers are asked for a new date by a deadline of
 * their own (the moment the next progress update goes out, so that it can
 * carry the date); when that deadline passes with no date, the managers are
 * told. Every progress update repeats the latest date known, or says that
 * none is.
 */
export const PART_LATE = 'PART_LATE';
export const PART_DATE_OVERDUE = 'PART_DATE_OVERDUE';

/** A part is late from the start of the day after its expected date, in the store's time zone. */
export function partLateFrom(part: PartsOrder, calendar: WorkingCalendar): Date {
  return DateTime.fromISO(part.expectedOn, { zone: calendar.timeZone }).plus({ days: 1 }).startOf('day').toJSDate();
}

const DONE_WITH_THE_WORK = [TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.CANCELLED];

/** The parts the work still waits for: none once it is resolved (a part that never came no longer holds anything up). */
export function awaitedParts(watched: Pick<WatchedTicket, 'ticket' | 'parts'>): PartsOrder[] {
  if (DONE_WITH_THE_WORK.includes(watched.ticket.status)) return [];
  return watched.parts.filter((part) => part.status === PartsOrderStatus.ORDERED);
}

const awaited = awaitedParts;

/** What the customer is told of each awaited part: its latest date, or that it is late without a new one. */
export function partsOutlook(watched: Pick<WatchedTicket, 'ticket' | 'parts' | 'calendar'>, now: Date): PartOutlook[] {
  return awaited(watched).map((part) => ({ description: part.description, expectedOn: part.expectedOn, late: partLateFrom(part, watched.calendar) <= now }));
}

/** The PART_LATE entry of a part's current date, if it was flagged. */
function lateEntryOf(events: TicketEvent[], part: PartsOrder): TicketEvent | undefined {
  return events.find((event) => event.kind === PART_LATE && event.data.partsOrderId === part.id && event.data.expectedOn === part.expectedOn);
}

/** When each flagged late part still without a new date must have one: turning points of the ticket's watch. */
export function newDateDeadlines(watched: Pick<WatchedTicket, 'ticket' | 'parts' | 'events'>): Date[] {
  return awaited(watched).flatMap((part) => {
    const flagged = lateEntryOf(watched.events, part);
    if (!flagged || typeof flagged.data.newDateDueBy !== 'string' || overdueFlagged(watched.events, part)) return [];
    return [new Date(flagged.data.newDateDueBy)];
  });
}

const overdueFlagged = (events: TicketEvent[], part: PartsOrder) =>
  events.some((event) => event.kind === PART_DATE_OVERDUE && event.data.partsOrderId === part.id && event.data.expectedOn === part.expectedOn);

/**
 * When the customer hears from the store next, and when the store must know
 * the new date: the progress standard restarts with the message about the
 * late part, and the worker writes the next update when it turns at risk.
 * Messages wait for working hours: nobody is written to at midnight.
 */
function promisesFrom(watched: WatchedTicket, now: Date): { sendAt: Date; nextUpdateBy: Date; newDateDueBy: Date } {
  const sendAt = watched.calendar.nextWorkingInstant(now);
  const progress = watched.clocks.find((clock) => clock.metric === SlaMetric.PROGRESS_UPDATE);
  // A standard without a progress target: the next working day at the latest, the date within half a working day.
  if (!progress) return { sendAt, nextUpdateBy: watched.calendar.addWorkingDays(sendAt, 1), newDateDueBy: watched.calendar.addHalfWorkingDay(sendAt) };
  const total = progress.usedMinutes + progress.remainingMinutes;
  const advance = (minutes: number) =>
    progress.workingTime ? watched.calendar.addWorkingMinutes(sendAt, minutes) : new Date(sendAt.getTime() + minutes * 60_000);
  return { sendAt, nextUpdateBy: advance(total), newDateDueBy: advance(total * watched.atRiskShare) };
}

async function managersOf(ctx: TenantContext): Promise<StaffUser[]> {
  return ctx.em.find(StaffUser, { tenantId: ctx.tenantId, role: Role.STORE_MANAGER, status: StaffStatus.ACTIVE }, { orderBy: { name: 'asc' } });
}

/**
 * Flags the parts that became late since the last look: the timeline, the
 * partners, the customer and the staff. What it writes joins `watched.events`,
 * so the same reading decides the ticket's next watch (the new date's deadline).
 */
export async function flagLateParts(ctx: TenantContext, watched: WatchedTicket): Promise<number> {
  const now = ctx.clock.now();
  const { ticket } = watched;
  let late = 0;
  for (const part of awaited(watched)) {
    if (partLateFrom(part, watched.calendar) > now || lateEntryOf(watched.events, part)) continue;
    const { sendAt, nextUpdateBy, newDateDueBy } = promisesFrom(watched, now);
    const cause = `part-late:${part.id}:${part.expectedOn}`;
    const flagged = appendTimeline(ctx, ticket.id, {
      kind: PART_LATE,
      summary: `Part ${part.partNumber} from ${part.supplier} has not arrived; it was expected on ${part.expectedOn}. The customer is told; a new date is due by ${newDateDueBy.toISOString()}`,
      data: {
        partsOrderId: part.id,
        partNumber: part.partNumber,
        expectedOn: part.expectedOn,
        newDateDueBy: newDateDueBy.toISOString(),
        nextUpdateBy: nextUpdateBy.toISOString(),
      },
    });
    watched.events.push(flagged);
    await publishEvent(ctx, {
      type: WebhookEventType.PART_LATE,
      key: cause,
      ticketId: ticket.id,
      data: { ticketNumber: ticket.number, partNumber: part.partNumber, supplier: part.supplier, expectedOn: part.expectedOn },
    });
    const facts = { partDescription: part.description, partNumber: part.partNumber, expectedOn: part.expectedOn };
    await notifyCustomer(ctx, ticket, {
      template: TemplateKey.PART_LATE,
      key: cause,
      dueAt: sendAt,
      params: { ...facts, nextUpdateBy: nextUpdateBy.toISOString() },
    });
    const asked = [...(ticket.assigneeId ? [{ id: ticket.assigneeId }] : []), ...(await managersOf(ctx))];
    await notifyStaff(ctx, ticket, {
      template: TemplateKey.STAFF_PART_LATE,
      key: cause,
      people: [...new Map(asked.map((person) => [person.id, { id: person.id }])).values()],
      dueAt: sendAt,
      params: { ...facts, supplier: part.supplier, dueAt: newDateDueBy.toISOString() },
    });
    late++;
  }
  return late;
}

/** The deadline for a late part's new date passed with no new date: the store managers are told, once per date (recorded in `watched.events` too). */
export async function flagOverdueNewDates(ctx: TenantContext, watched: WatchedTicket): Promise<number> {
  const now = ctx.clock.now();
  const { ticket } = watched;
  let overdue = 0;
  for (const part of awaited(watched)) {
    const flagged = lateEntryOf(watched.events, part);
    const dueBy = typeof flagged?.data.newDateDueBy === 'string' ? new Date(flagged.data.newDateDueBy) : null;
    if (!dueBy || dueBy > now || overdueFlagged(watched.events, part)) continue;
    const assignee = ticket.assigneeId ? await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: ticket.assigneeId }) : null;
    const managers = await managersOf(ctx);
    const overdueEntry = appendTimeline(ctx, ticket.id, {
      kind: PART_DATE_OVERDUE,
      summary: `No new date recorded for part ${part.partNumber} by ${dueBy.toISOString()}; told ${managers.map((m) => m.name).join(', ') || 'nobody (the store has no active manager)'}`,
      data: { partsOrderId: part.id, partNumber: part.partNumber, expectedOn: part.expectedOn, newDateDueBy: dueBy.toISOString() },
    });
    watched.events.push(overdueEntry);
    await notifyStaff(ctx, ticket, {
      template: TemplateKey.STAFF_PART_DATE_OVERDUE,
      key: `part-date-overdue:${part.id}:${part.expectedOn}`,
      people: managers.map((manager) => ({ id: manager.id })),
      params: {
        partDescription: part.description,
        partNumber: part.partNumber,
        supplier: part.supplier,
        expectedOn: part.expectedOn,
        dueAt: dueBy.toISOString(),
        assigneeName: assignee?.name ?? '',
      },
    });
    overdue++;
  }
  return overdue;
}
