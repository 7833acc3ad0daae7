import { DateTime } from 'luxon';
import { TicketStatus } from '../../core/desk-enums';
import { Tenant, Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';

/**
 * Rules shared by what hangs off a ticket (parts, appointments, complaints,
 * dispatches): a finished ticket takes no new work, texts are trimmed and
 * bounded, and calendar dates are the store's own.
 */
const FINISHED: readonly TicketStatus[] = [TicketStatus.CLOSED, TicketStatus.CANCELLED];

export function requireOpenTicket(ticket: Ticket): void {
  if (FINISHED.includes(ticket.status)) {
    throw new UserInputError('TICKET_FINISHED', `Ticket ${ticket.number} is ${ticket.status}; reopen it first`, ['ticketId']);
  }
}

/** Trimmed text of 1..max characters, or a userError naming the field. */
export function requiredText(value: string | null | undefined, field: string, max = 2000): string {
  const text = value?.trim() ?? '';
  if (text.length === 0 || text.length > max) {
    throw new UserInputError('INVALID_TEXT', `${field} must be 1 to ${max} characters`, [field]);
  }
  return text;
}

/** Trimmed text or null; too long is a userError. */
export function optionalText(value: string | null | undefined, field: string, max = 2000): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw new UserInputError('INVALID_TEXT', `${field} must be at most ${max} characters`, [field]);
  return text || null;
}

/** A calendar day written YYYY-MM-DD that exists. */
export function calendarDate(value: string, field: string): string {
  const date = DateTime.fromISO(value, { zone: 'UTC' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !date.isValid) {
    throw new UserInputError('INVALID_DATE', `${field} must be a date written YYYY-MM-DD`, [field]);
  }
  return value;
}

/** The store's time zone (tenants.time_zone). */
export async function storeTimeZone(ctx: TenantContext): Promise<string> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  return tenant.timeZone;
}

/** Today's date (YYYY-MM-DD) where the store is. */
export function todayIn(timeZone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

/** A moment as the store's staff and customers read it, e.g. `2026-03-05 09:00`. */
export function localMoment(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');
}

/** A visit window in the store's local time, as people read it. */
export async function describeWindow(ctx: TenantContext, start: Date, end: Date): Promise<string> {
  const zone = await storeTimeZone(ctx);
  const from = localMoment(start, zone);
  const to = localMoment(end, zone);
  // Same day: "2026-03-05 09:00-11:00"; otherwise both ends in full.
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}-${to.slice(11)}` : `${from} - ${to}`;
}
