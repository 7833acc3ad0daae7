import { Ticket } from '../../schema/entities';
import { WebhookEventType } from '../../core/webhook-enums';
import type { TenantContext } from '../context';
import { notifyStaff, notifyCustomer } from '../notifications/ticket-notices';
import { TemplateKey } from '../../core/template-keys';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { appendTimeline } from '../ticket-records/timeline';
import { publishEvent } from '../webhooks/publish';
import { partsOutlookParam } from '../notifications/parts-outlook';
import { recordOutcomesOf } from './clock-outcomes';
import { flagLateParts, flagOverdueNewDates, partsOutlook } from './late-parts';
import { escalationSchedule, EscalationLevel } from './escalation-ladder';
import { notifiedNames, recipientsOf } from './escalation.service';
import { dueParam } from './provisional-marks';
import { Clock } from './sla-clock';
import { ClockState } from '../../core/sla-enums';
import { ladderClocks, levelKey, progressUpdateDue, reachedLevels, readWatchedTicket, scheduleTicketWatch, WatchedTicket } from './ticket-watch';

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
  const now = ctx.clock.now();
  const reached = reachedLevels(watched.events);
  const acted: string[] = [];
  const actOnReached = async (beforeBreach: boolean, noticesDueAt: Date) => {
    for (const clock of ladderClocks(watched)) {
      for (const step of escalationSchedule(clock, watched.ladder, watched.calendar, now)) {
        const key = levelKey(clock, step.level.level);
        if (!step.reached || reached.has(key) || (step.level.trigger.kind === 'SHARE_OF_TARGET') !== beforeBreach) continue;
        await actOnLevel(ctx, watched, clock, step.level, noticesDueAt);
        acted.push(key);
      }
    }
  };
  // In the order of the promise: the at-risk reminder, then the breach, then the escalations, even when all of it
  // falls due in one run (a worker that was down); the escalations' messages then wait a moment behind the reminder's.
  await actOnReached(true, now);
  const atRiskJustSent = acted.length > 0;
  for (const breached of recordOutcomesOf(ctx, watched)) {
    if (breached.state !== ClockState.BREACHED) continue;
    await publishEvent(ctx, {
      type: WebhookEventType.SLA_BREACHED,
      key: `sla-breached:${ticket.id}:${breached.metric}:${breached.startedAt?.toISOString()}`,
      ticketId: ticket.id,
      data: { ticketNumber: ticket.number, metric: breached.metric, target: breached.target, breachedAt: breached.breachedAt?.toISOString() ?? null },
    });
  }
  await actOnReached(false, atRiskJustSent ? new Date(now.getTime() + NOTICE_ORDER_GAP_MS) : now);
  const progress = await sendProgressUpdateIfDue(ctx, watched);
  const lateParts = await flagLateParts(ctx, watched);
  const overdueDates = await flagOverdueNewDates(ctx, watched);
  await scheduleTicketWatch(ctx, watched, { alsoReached: acted, runningWatchKey: action.idempotencyKey });
  return done({ levels: acted.length, progressUpdate: progress, lateParts, overdueDates });
};

/** How long escalation messages wait behind an at-risk reminder raised in the same run, so that it is read first. */
const NOTICE_ORDER_GAP_MS = 60_000;

/** The at-risk reminder (a share-of-target level) or an escalation (an after-breach level), with who was told. */
async function actOnLevel(ctx: TenantContext, watched: WatchedTicket, clock: Clock, level: EscalationLevel, noticesDueAt: Date): Promise<void> {
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
  await notifyStaff(ctx, ticket, { template, people: notified.people, hqRoles: notified.hqRoles, key: `level:${key}`, params, dueAt: noticesDueAt });
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
    // Every update repeats the latest date known for each awaited part, or says it is late with none known.
    params: { partsOutlook: partsOutlookParam(partsOutlook(watched, ctx.clock.now())) },
  });
  return true;
}
