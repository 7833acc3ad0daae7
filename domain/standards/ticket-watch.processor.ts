import { PartsOrderStatus } from '../../schema/desk-enums';
import { Ticket } from '../../schema/entities';
import { WebhookEventType } from '../../schema/webhook-enums';
import type { TenantContext } from '../context';
import { notifyStaff, notifyCustomer } from '../notifications/ticket-notices';
import { TemplateKey } from '../notifications/template-keys';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { appendTimeline } from '../tickets/timeline';
import { publishEvent } from '../webhooks/publish';
import { recordOutcomesOf } from './clock-outcomes';
import { escalationSchedule, EscalationLevel } from './escalation-ladder';
import { notifiedNames, recipientsOf } from './escalation.service';
import { dueParam } from './provisional-marks';
import { Clock, ClockState } from './sla-clock';
import {
  ladderClocks,
  levelKey,
  partLateFrom,
  progressUpdateDue,
  reachedLevels,
  readWatchedTicket,
  scheduleTicketWatch,
  WatchedTicket,
} from './ticket-watch';

/**
 * A ticket's turning point has come: record what the clocks say (breaches),
 * remind and escalate along the ladder, write to the customer when the
 * progress-update clock asks for it, flag parts that are late, then schedule
 * the next turning point. Everything is keyed, so a second run of the same
 * watch (or a watch that comes after a change) does nothing twice.
 */
export const processTicketWatch: ActionProcessor = async ({ ctx, action }) => {
  const ticket = action.ticketId ? await ctx.em.findOne(Ticket, { tenantId: ctx.tenantId, id: action.ticketId }) : null;
  if (!ticket) return skipped('the ticket is gone');
  // Read once: what is appended below changes no clock, and the levels acted on are passed along.
  const watched = await readWatchedTicket(ctx, ticket);
  for (const breached of recordOutcomesOf(ctx, watched)) {
    if (breached.state !== ClockState.BREACHED) continue;
    await publishEvent(ctx, {
      type: WebhookEventType.SLA_BREACHED,
      key: `sla-breached:${ticket.id}:${breached.metric}:${breached.startedAt?.toISOString()}`,
      ticketId: ticket.id,
      data: { ticketNumber: ticket.number, metric: breached.metric, target: breached.target, breachedAt: breached.breachedAt?.toISOString() ?? null },
    });
  }
  const now = ctx.clock.now();
  const reached = reachedLevels(watched.events);
  const acted: string[] = [];
  for (const clock of ladderClocks(watched)) {
    for (const step of escalationSchedule(clock, watched.ladder, watched.calendar, now)) {
      const key = levelKey(clock, step.level.level);
      if (!step.reached || reached.has(key)) continue;
      await actOnLevel(ctx, watched, clock, step.level);
      acted.push(key);
    }
  }
  const progress = await sendProgressUpdateIfDue(ctx, watched);
  const lateParts = await flagLateParts(ctx, watched);
  await scheduleTicketWatch(ctx, watched, acted);
  return done({ levels: acted.length, progressUpdate: progress, lateParts });
};

/** The at-risk reminder (a share-of-target level) or an escalation (an after-breach level), with who was told. */
async function actOnLevel(ctx: TenantContext, watched: WatchedTicket, clock: Clock, level: EscalationLevel): Promise<void> {
  const { ticket } = watched;
  const key = levelKey(clock, level.level);
  const notified = await recipientsOf(ctx, ticket, level.notify);
  const names = notifiedNames(notified);
  const atRisk = level.trigger.kind === 'SHARE_OF_TARGET';
  const due = dueParam(clock, watched.calendar, ctx.clock.now());
  appendTimeline(ctx, ticket.id, {
    kind: atRisk ? 'SLA_AT_RISK' : 'ESCALATED',
    summary: atRisk
      ? `${clock.metric} at risk (${clock.target}, due ${due}): reminded ${names}`
      : `Escalated to level ${level.level} (${level.name}): ${clock.metric} breached at ${clock.breachedAt?.toISOString()}; notified ${names}`,
    data: { level: level.level, name: level.name, metric: clock.metric, levelKey: key, automatic: true, notified, dueAt: clock.dueAt?.toISOString() ?? null },
  });
  const template = atRisk ? TemplateKey.STAFF_AT_RISK : TemplateKey.STAFF_ESCALATION;
  const params = { metric: clock.metric, dueAt: due, level: String(level.level), levelName: level.name, target: clock.target };
  await notifyStaff(ctx, ticket, { template, people: notified.people, hqRoles: notified.hqRoles, key: `level:${key}`, params });
  await publishEvent(ctx, {
    type: atRisk ? WebhookEventType.SLA_AT_RISK : WebhookEventType.TICKET_ESCALATED,
    key: `level:${ticket.id}:${key}`,
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, metric: clock.metric, level: level.level, levelName: level.name, dueAt: clock.dueAt?.toISOString() ?? null },
  });
}

/** No customer is left without news past the standard: the worker writes before the progress clock runs out. */
async function sendProgressUpdateIfDue(ctx: TenantContext, watched: WatchedTicket): Promise<boolean> {
  const due = progressUpdateDue(watched, ctx.clock.now());
  const clock = watched.clocks.find((candidate) => candidate.metric === 'PROGRESS_UPDATE');
  if (!due || !clock?.startedAt || due > ctx.clock.now()) return false;
  await notifyCustomer(ctx, watched.ticket, {
    template: TemplateKey.PROGRESS_UPDATE,
    key: `progress:${watched.ticket.id}:${clock.startedAt.toISOString()}`,
    params: {},
  });
  return true;
}

async function flagLateParts(ctx: TenantContext, watched: WatchedTicket): Promise<number> {
  const flagged = new Set(watched.events.filter((event) => event.kind === 'PART_LATE').map((event) => `${event.data.partsOrderId}|${event.data.expectedOn}`));
  let late = 0;
  for (const part of watched.parts) {
    if (part.status !== PartsOrderStatus.ORDERED || partLateFrom(part, watched.calendar) > ctx.clock.now()) continue;
    if (flagged.has(`${part.id}|${part.expectedOn}`)) continue;
    appendTimeline(ctx, watched.ticket.id, {
      kind: 'PART_LATE',
      summary: `Part ${part.partNumber} from ${part.supplier} has not arrived; it was expected on ${part.expectedOn}`,
      data: { partsOrderId: part.id, partNumber: part.partNumber, expectedOn: part.expectedOn },
    });
    await publishEvent(ctx, {
      type: WebhookEventType.PART_LATE,
      key: `part-late:${part.id}:${part.expectedOn}`,
      ticketId: watched.ticket.id,
      data: { ticketNumber: watched.ticket.number, partNumber: part.partNumber, supplier: part.supplier, expectedOn: part.expectedOn },
    });
    late++;
  }
  return late;
}
