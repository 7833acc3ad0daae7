import { CallbackChannel, CallbackState } from '../../core/callback-enums';
import { TicketStatus } from '../../core/desk-enums';
import { Callback, StaffUser, Ticket } from '../../schema/entities';
import { Role, StaffStatus } from '../../core/enums';
import { WebhookEventType } from '../../core/webhook-enums';
import { SYSTEM_PRINCIPAL, TenantContext } from '../context';
import { publish } from '../events/dispatcher';
import { notifyStaff } from '../notifications/ticket-notices';
import { TemplateKey } from '../../core/template-keys';
import { SlaMetric } from '../../core/sla-enums';
import { checkMove } from '../ticket-records/lifecycle';
import { assignTicket, moveTicket } from '../tickets/ticket.service';
import { readWatchedTicket } from '../standards/ticket-watch';
import { appendTimeline } from '../ticket-records/timeline';
import { publishEvent } from '../webhooks/publish';
import { cancelCallbackActions, callbackKey } from './callback-actions';
import type { CallbackAnswer } from './callback-answer';
import { CallbackEvent } from './callback-events';
import { callbackPolicyOf, FOLLOW_UP_AT_OR_BELOW } from '../standards/callback-policy';
import { followUpOwner } from './follow-up-owner';

export interface CompletedBy {
  channel: CallbackChannel;
  /** The colleague who called, for a phone callback recorded by a person. */
  calledById: string | null;
}

/**
 * Records the customer's answer and everything that follows from it, in the
 * caller's transaction: the timeline, partners' webhook, the end of the
 * survey's schedule, then either a complaint follow-up (a low score reopens
 * the ticket and tells the store managers) or, when the policy says so, the
 * ticket's close. The caller has locked the callback and checked that it
 * still applies to the ticket's current resolution.
 */
export async function completeCallback(ctx: TenantContext, ticket: Ticket, callback: Callback, answer: CallbackAnswer, by: CompletedBy): Promise<void> {
  const now = ctx.clock.now();
  Object.assign(callback, {
    state: by.channel === CallbackChannel.PHONE ? CallbackState.CALLED_BY_PHONE : CallbackState.ANSWERED,
    score: answer.score,
    comment: answer.comment,
    answeredAt: now,
    channel: by.channel,
    calledById: by.calledById,
    // single use: the link answers nothing from now on
    tokenHash: null,
    updatedAt: now,
  });
  await cancelCallbackActions(ctx, callback);
  const followUp = answer.score <= FOLLOW_UP_AT_OR_BELOW;
  appendTimeline(ctx, ticket.id, {
    kind: CallbackEvent.COMPLETED,
    summary: `Satisfaction callback ${by.channel === CallbackChannel.PHONE ? 'by phone' : 'by survey'}: ${answer.score}/5${answer.comment ? ` "${excerpt(answer.comment)}"` : ''}`,
    data: { callbackId: callback.id, score: answer.score, comment: answer.comment, channel: by.channel, followUp },
  });
  // The customer's comment stays in the store: partners get the score, not the words.
  await publishEvent(ctx, {
    type: WebhookEventType.CALLBACK_ANSWERED,
    key: callbackKey(callback, 'answered'),
    ticketId: ticket.id,
    data: { ticketNumber: ticket.number, score: answer.score, channel: by.channel, answeredAt: now.toISOString(), followUp },
  });
  // What the answer sets off is the rule's doing, not the caller's: the ticket moves as SYSTEM.
  const system: TenantContext = { ...ctx, principal: SYSTEM_PRINCIPAL };
  if (followUp) await openComplaintFollowUp(system, ticket, callback, answer);
  else if (callbackPolicyOf(ticket).closeWhenCompleted) await closeAfterCallback(system, ticket, answer);
  await publish(ctx, { type: 'CallbackChanged', ticket, callback });
}

/**
 * A dissatisfied customer: the ticket is reopened and handed to whoever the
 * standard says owns complaint follow-up, who is told the score, the
 * customer's own words and by when it must be put right.
 */
async function openComplaintFollowUp(ctx: TenantContext, ticket: Ticket, callback: Callback, answer: CallbackAnswer): Promise<void> {
  const { followUpRole } = callbackPolicyOf(ticket);
  const said = answer.comment ? ` ("${excerpt(answer.comment)}")` : '';
  await moveTicket(ctx, {
    ticketId: ticket.id,
    to: TicketStatus.REOPENED,
    note: `Complaint follow-up: the customer scored the service ${answer.score}/5${said}`,
  });
  const owner = await followUpOwner(ctx, ticket, followUpRole);
  if (owner)
    await assignTicket(ctx, { ticketId: ticket.id, assigneeId: owner.id, reason: `${followUpRole} owns the follow-up of a ${answer.score}/5 callback` });
  appendTimeline(ctx, ticket.id, {
    kind: CallbackEvent.FOLLOW_UP,
    summary: `Reopened for a complaint follow-up after a ${answer.score}/5 callback${said}; ${owner ? `handed to ${owner.name} (${followUpRole})` : `nobody in the store holds ${followUpRole}: it stays with its assignee`}`,
    data: { callbackId: callback.id, score: answer.score, comment: answer.comment, ownerRole: followUpRole, notified: owner ? [owner.id] : [] },
  });
  const watched = await readWatchedTicket(ctx, ticket);
  const resolution = watched.clocks.find((clock) => clock.metric === SlaMetric.RESOLUTION);
  const assignee = ticket.assigneeId ? await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: ticket.assigneeId }) : null;
  // Nobody in the role: the store's managers hear of it, as the four-step rule would have it.
  const told = owner ? [owner] : await ctx.em.find(StaffUser, { tenantId: ctx.tenantId, role: Role.STORE_MANAGER, status: StaffStatus.ACTIVE });
  await notifyStaff(ctx, ticket, {
    template: TemplateKey.STAFF_COMPLAINT_FOLLOW_UP,
    key: callbackKey(callback, 'follow-up'),
    people: told.map((person) => ({ id: person.id })),
    params: {
      score: String(answer.score),
      comment: answer.comment?.trim() || '—',
      dueAt: resolution?.dueAt?.toISOString() ?? '',
      assigneeName: assignee?.name ?? '',
    },
  });
}

/** A satisfied customer closes a resolved ticket, unless closing still waits for something (a complaint's result report). */
async function closeAfterCallback(ctx: TenantContext, ticket: Ticket, answer: CallbackAnswer): Promise<void> {
  if (ticket.status !== TicketStatus.RESOLVED) return;
  const check = checkMove(ticket, TicketStatus.CLOSED);
  if (!check.ok) {
    appendTimeline(ctx, ticket.id, {
      kind: CallbackEvent.NOT_CLOSED,
      summary: `Left resolved after the ${answer.score}/5 callback. ${check.message}`,
      data: { reason: check.code },
    });
    return;
  }
  await moveTicket(ctx, { ticketId: ticket.id, to: TicketStatus.CLOSED, note: `Closed after a ${answer.score}/5 satisfaction callback` });
}

function excerpt(text: string, length = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > length ? `${oneLine.slice(0, length - 1)}…` : oneLine;
}
