import { StaffUser, Ticket, TicketEvent } from '../../schema/entities';
import { Role, StaffStatus } from '../../core/enums';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { ticketForUpdate } from '../ticket-records/ticket-access';
import { appendTimeline } from '../ticket-records/timeline';
import { recordClockOutcomes } from './clock-outcomes';
import { EscalationLevel, EscalationRecipient, ladderFor } from './escalation-ladder';
import type { EscalateTicketInput } from '../../schema/graphql/escalation.types';

/** Who a level of the ladder reaches for a ticket: named people of the store, and groups outside it (HQ). */
export interface Notified {
  people: { id: string; name: string }[];
  /** Described for people ("HQ_SUPERVISOR at HQ"). */
  groups: string[];
  /** The HQ roles those groups stand for, to reach them. */
  hqRoles: Role[];
}

export function notifiedNames(notified: Notified): string {
  return [...notified.people.map((p) => p.name), ...notified.groups].join(', ') || 'nobody reachable';
}

/**
 * Escalates a ticket by hand to the next level of the ladder (or a given
 * one), recording on its timeline the level, the reason and who was told.
 */
export async function escalateTicket(ctx: TenantContext, input: EscalateTicketInput): Promise<{ ticket: Ticket; level: EscalationLevel; notified: Notified }> {
  const reason = input.reason.trim();
  if (!reason) throw new UserInputError('REASON_REQUIRED', 'Say why the ticket is escalated', ['reason']);
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId);
    const ladder = ladderFor(ticket);
    const number = input.level ?? Math.min((await highestLevelReached(ctx, ticket)) + 1, ladder.length);
    const level = ladder.find((candidate) => candidate.level === number);
    if (!level) throw new UserInputError('NO_SUCH_LEVEL', `The ladder has levels 1 to ${ladder.length}`, ['level']);
    const notified = await recipientsOf(ctx, ticket, level.notify);
    ticket.updatedAt = ctx.clock.now();
    appendTimeline(ctx, ticket.id, {
      kind: 'ESCALATED',
      summary: `Escalated to level ${level.level} (${level.name}): ${reason}; notified ${notifiedNames(notified)}`,
      data: { level: level.level, name: level.name, reason, notified },
    });
    await recordClockOutcomes(ctx, ticket);
    return { ticket, level, notified };
  });
}

/** The highest ladder level the ticket has reached, by hand or by the worker (an at-risk reminder is level 1 or so). */
async function highestLevelReached(ctx: TenantContext, ticket: Ticket): Promise<number> {
  const events = await ctx.em.find(TicketEvent, { tenantId: ctx.tenantId, ticketId: ticket.id, kind: { $in: ['ESCALATED', 'SLA_AT_RISK'] } });
  return events.reduce((highest, event) => Math.max(highest, typeof event.data.level === 'number' ? event.data.level : 0), 0);
}

export async function recipientsOf(ctx: TenantContext, ticket: Ticket, notify: EscalationRecipient[]): Promise<Notified> {
  const people = new Map<string, string>();
  const groups: string[] = [];
  const hqRoles: Role[] = [];
  const activeWithRole = (role: Role) => ctx.em.find(StaffUser, { tenantId: ctx.tenantId, role, status: StaffStatus.ACTIVE }, { orderBy: { name: 'asc' } });
  for (const recipient of notify) {
    if (recipient.kind === 'ASSIGNEE' && ticket.assigneeId) {
      const assignee = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: ticket.assigneeId });
      if (assignee) people.set(assignee.id, assignee.name);
    } else if (recipient.kind === 'SUPERVISOR' || (recipient.kind === 'ROLE' && !recipient.inHq)) {
      // No supervisor is named per person yet: the store's managers supervise its desk.
      const role = recipient.kind === 'ROLE' ? recipient.role : Role.STORE_MANAGER;
      for (const user of await activeWithRole(role)) people.set(user.id, user.name);
    } else if (recipient.kind === 'ROLE' && recipient.inHq) {
      groups.push(`${recipient.role} at HQ`);
      hqRoles.push(recipient.role);
    } else if (recipient.kind === 'PERSON') {
      const person = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: recipient.staffId });
      if (person) people.set(person.id, person.name);
    }
  }
  return { people: [...people].map(([id, name]) => ({ id, name })), groups, hqRoles };
}
