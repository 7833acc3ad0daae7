import { TimelineVisibility } from '../../core/desk-enums';
import type { ScheduledAction } from '../../schema/entities';
import { Tenant, Ticket } from '../../schema/entities';
import { issueStatusLink, STATUS_TOKEN_PARAM } from './status-link';
import { statusPageUrl } from './status-token';
import { publish } from '../events/dispatcher';
import { ActionProcessor, deferUntil, done, retryLater, skipped } from '../scheduling/processor';
import { earlierMessageOnItsWay, MESSAGE_ORDER_WAIT_MS } from './message-order';
import { appendTimeline } from '../ticket-records/timeline';
import type { MessageChannels, SentReceipt } from '../ports/message-channels';
import { notificationPayload } from './notify';
import { readableParams } from './param-labels';
import { Addressee, addressRecipient } from './recipient-address';
import { resolveTemplate } from './template-resolution';
import { renderTemplate, RenderedMessage } from './templates';

/** On a ticket's timeline: a message went out (customer-visible when the customer was told). */
export const NOTIFICATION_SENT = 'NOTIFICATION_SENT';
/** On a ticket's timeline, internal: the customer should have been told and could not be reached. */
export const NOTIFICATION_NOT_DELIVERED = 'NOTIFICATION_NOT_DELIVERED';

/**
 * Sends one message of a NOTIFICATION action. The recipient and their address
 * are read now, not when the message was scheduled. The Message-ID (and the
 * SMS idempotency key) derive from the action, so a retry after a lost commit
 * is recognisable as the same message. When sending fails nothing is written
 * and the action is retried.
 */
export const processNotification: ActionProcessor = async ({ ctx, action, deps }) => {
  if (await earlierMessageOnItsWay(ctx, action)) {
    return deferUntil(new Date(ctx.clock.now().getTime() + MESSAGE_ORDER_WAIT_MS), 'an earlier message to this customer is still on its way');
  }
  const parsed = notificationPayload.safeParse(action.payload);
  // A payload no code could have written: fail loudly so the action ends up dead-lettered for a person to see.
  if (!parsed.success) throw new Error(`malformed notification payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { template: key, recipient, params } = parsed.data;
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const ticket = action.ticketId ? await ctx.em.findOne(Ticket, { tenantId: ctx.tenantId, id: action.ticketId }) : null;

  const addressee = await addressRecipient(ctx, tenant, recipient, deps.channels);
  if (!addressee.reachable) {
    forgetStatusToken(action);
    if (addressee.customerLeftUninformed && ticket) {
      appendTimeline(ctx, ticket.id, {
        kind: NOTIFICATION_NOT_DELIVERED,
        visibility: TimelineVisibility.INTERNAL,
        summary: `Customer could not be reached (${key}): ${addressee.reason}; please contact them in person`,
        data: { template: key, reason: addressee.reason, actionId: action.id },
      });
    }
    return skipped(addressee.reason);
  }

  const { [STATUS_TOKEN_PARAM]: statusToken, ...facts } = params;
  const links: Record<string, string> = {};
  if (addressee.audience === 'CUSTOMER' && ticket) {
    // A message scheduled before status links existed gets its link now, saved with the sending.
    links.statusUrl = statusPageUrl(deps.publicBaseUrl, statusToken ?? issueStatusLink(ctx, ticket.id).token);
  }
  const values = readableParams(
    {
      storeName: tenant.name,
      recipientName: addressee.name,
      customerName: addressee.audience === 'CUSTOMER' ? addressee.name : (ticket?.contactName ?? ''),
      ticketNumber: ticket?.number ?? '',
      ...facts,
      ...links,
    },
    addressee.locale,
    tenant.timeZone,
  );
  const { template } = await resolveTemplate(ctx, key, addressee.locale);
  const message = renderTemplate(template, values);

  let receipt: SentReceipt;
  try {
    receipt = await send(deps.channels, addressee, message, action.id);
  } catch (error) {
    return retryLater(`${addressee.channel} to ${addressee.shownTo} failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  forgetStatusToken(action);
  if (ticket) {
    appendTimeline(ctx, ticket.id, {
      kind: NOTIFICATION_SENT,
      visibility: addressee.audience === 'CUSTOMER' ? TimelineVisibility.CUSTOMER : TimelineVisibility.INTERNAL,
      summary: summaryOf(addressee, withoutLinks(message, values)),
      data: { template: key, channel: addressee.channel, to: addressee.shownTo, actionId: action.id },
    });
    // A message to the customer restarts the progress clock: the ticket's clocks are read again.
    if (addressee.audience === 'CUSTOMER') await publish(ctx, { type: 'CustomerMessageSent', ticket });
  }
  return done({ channel: addressee.channel, to: addressee.shownTo, providerReference: receipt.providerReference });
};

function send(channels: MessageChannels, addressee: Addressee, message: RenderedMessage, actionId: string): Promise<SentReceipt> {
  if (addressee.channel === 'SMS') {
    // addressRecipient picks SMS only when a provider is configured; a failure here would be retried.
    if (!channels.sms) return Promise.reject(new Error('no SMS provider is configured'));
    return channels.sms.send({ to: addressee.to, text: message.text, idempotencyKey: actionId });
  }
  return channels.email.send({ to: addressee.to, subject: message.subject, text: message.text, messageId: `<${actionId}@aftersales>` });
}

/**
 * Once the message is out (or cannot go out), its link's token leaves the
 * action's payload: the database keeps only the link's hash. A retry still
 * finds it there, since a failed attempt's changes are rolled back.
 */
function forgetStatusToken(action: ScheduledAction): void {
  const params = action.payload.params as Record<string, string> | undefined;
  if (!params || !Object.hasOwn(params, STATUS_TOKEN_PARAM)) return;
  const rest = { ...params };
  delete rest[STATUS_TOKEN_PARAM];
  action.payload = { ...action.payload, params: rest };
}

/** The message as the timeline may quote it: the links in it (status page, survey, payment) open something, and stay in the message alone. */
function withoutLinks(message: RenderedMessage, values: Record<string, string>): RenderedMessage {
  const urls = Object.entries(values)
    .filter(([name, value]) => name.endsWith('Url') && value)
    .map(([, value]) => value);
  const strip = (text: string) => urls.reduce((out, url) => out.split(url).join('[link]'), text);
  return { subject: strip(message.subject), text: strip(message.text) };
}

function summaryOf(addressee: Addressee, message: RenderedMessage): string {
  const medium = addressee.channel === 'SMS' ? 'SMS' : 'Email';
  const gist = addressee.channel === 'SMS' ? excerpt(message.text, 60) : message.subject;
  return `${medium} to ${addressee.label}: ${gist}`;
}

function excerpt(text: string, length: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > length ? `${oneLine.slice(0, length - 1)}…` : oneLine;
}
