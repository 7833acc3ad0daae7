import { DateTime } from 'luxon';
import { TicketStatus, TimelineVisibility } from '../../core/desk-enums';
import type { PartsOrder, TicketEvent } from '../../schema/entities';
import { Locale } from '../../core/enums';
import { readableParams } from '../notifications/param-labels';

/**
 * The ticket's timeline as its customer may read it: only what the customer
 * was told (`visibility = CUSTOMER`), each entry rebuilt from its structured
 * data rather than echoing the staff's summary, which may name a colleague in
 * full, quote the customer's address or a device's serial number, or carry a
 * reason that was never meant for the customer. Free text appears only where
 * it was written for the customer: a message to them, a status note that
 * went out in their message, a complaint's reported result, a quote's note, a
 * refund's reason. An entry of a kind not listed here shows its kind and time
 * alone.
 */
export interface CustomerTimelineEntry {
  kind: string;
  occurredAt: Date;
  /** One line in English; null for a kind without customer wording. */
  summary: string | null;
  status: TicketStatus | null;
  previousStatus: TicketStatus | null;
  /** Words the store addressed to the customer. */
  text: string | null;
  partDescription: string | null;
  previousDate: string | null;
  date: string | null;
  /** Why a part's date moved, as the supplier said. */
  reason: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  previousWindowStart: Date | null;
  previousWindowEnd: Date | null;
  /** How the customer was reached: EMAIL or SMS for a message, PHONE, SMS, ... for a contact. */
  channel: string | null;
  /** Which message was sent (a template key). */
  message: string | null;
  /** For a contact: whether the customer was reached. */
  reached: boolean | null;
}

const EMPTY: Omit<CustomerTimelineEntry, 'kind' | 'occurredAt' | 'summary'> = {
  status: null,
  previousStatus: null,
  text: null,
  partDescription: null,
  previousDate: null,
  date: null,
  reason: null,
  windowStart: null,
  windowEnd: null,
  previousWindowStart: null,
  previousWindowEnd: null,
  channel: null,
  message: null,
  reached: null,
};

type Details = Partial<Omit<CustomerTimelineEntry, 'kind' | 'occurredAt'>>;

interface Context {
  parts: ReadonlyMap<string, PartsOrder>;
  timeZone: string;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const instant = (value: unknown): Date | null => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null);

function window(start: Date | null, end: Date | null, timeZone: string): string {
  if (!start || !end) return 'a time to be confirmed';
  const from = DateTime.fromJSDate(start, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');
  const to = DateTime.fromJSDate(end, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}-${to.slice(11)}` : `${from} - ${to}`;
}

/** The kinds the customer may read, each rebuilt from what it recorded. */
const CUSTOMER_WORDS: Record<string, (event: TicketEvent, context: Context) => Details> = {
  STATUS_CHANGED: ({ data }, { timeZone }) => {
    const status = str(data.to) as TicketStatus | null;
    const note = str(data.note);
    const words = status ? readableParams({ status }, Locale.EN, timeZone).status : 'updated';
    return { status, previousStatus: str(data.from) as TicketStatus | null, text: note, summary: `Your ticket is now ${words}${note ? `: ${note}` : ''}` };
  },
  PART_ORDERED: ({ data }) => {
    const part = str(data.description);
    return {
      partDescription: part,
      date: str(data.expectedOn),
      summary: `The part ${part ?? ''} has been ordered and is expected on ${str(data.expectedOn) ?? 'a date to be confirmed'}`,
    };
  },
  PART_DELAYED: ({ data }, { parts }) => {
    const part = parts.get(String(data.partsOrderId))?.description ?? null;
    const reason = str(data.reason);
    return {
      partDescription: part,
      previousDate: str(data.previousOn),
      date: str(data.expectedOn),
      reason,
      summary: `The part ${part ?? ''} is now expected on ${str(data.expectedOn)} instead of ${str(data.previousOn)}${reason ? `: ${reason}` : ''}`,
    };
  },
  PART_ARRIVED: ({ data }, { parts }) => {
    const part = parts.get(String(data.partsOrderId))?.description ?? null;
    return { partDescription: part, summary: `The part ${part ?? ''} has arrived` };
  },
  APPOINTMENT_SCHEDULED: ({ data }, { timeZone }) => {
    const [start, end] = [instant(data.windowStart), instant(data.windowEnd)];
    return { windowStart: start, windowEnd: end, summary: `On-site visit booked for ${window(start, end, timeZone)}` };
  },
  APPOINTMENT_RESCHEDULED: ({ data }, { timeZone }) => {
    const [start, end] = [instant(data.windowStart), instant(data.windowEnd)];
    const previous = (data.previous ?? {}) as Record<string, unknown>;
    return {
      windowStart: start,
      windowEnd: end,
      previousWindowStart: instant(previous.windowStart),
      previousWindowEnd: instant(previous.windowEnd),
      summary: `On-site visit moved to ${window(start, end, timeZone)}`,
    };
  },
  APPOINTMENT_CANCELLED: ({ data }, { timeZone }) => {
    const [start, end] = [instant(data.windowStart), instant(data.windowEnd)];
    return { windowStart: start, windowEnd: end, summary: `The on-site visit of ${window(start, end, timeZone)} is cancelled` };
  },
  NOTIFICATION_SENT: ({ data }) => ({
    channel: str(data.channel),
    message: str(data.template),
    summary: `${data.channel === 'SMS' ? 'An SMS' : 'An e-mail'} was sent to you`,
  }),
  MESSAGE_TO_CUSTOMER: ({ summary }) => ({ text: summary, summary: 'A message from the store' }),
  CUSTOMER_CONTACT: ({ data }) => {
    const reached = data.reached === true;
    const channel = str(data.channel);
    return { channel, reached, summary: `${reached ? 'We reached you' : 'We tried to reach you'}${channel ? ` (${channel})` : ''}` };
  },
  COMPLAINT_RESULT_REPORTED: ({ summary, data }) => ({ text: summary, channel: str(data.via), summary: 'The result of your complaint' }),
  // Orders and quotes: amounts and services the customer chose, a quote's note and a refund's reason went out in their messages.
  PAYMENT_LINK_SENT: ({ summary }) => ({ summary }),
  ORDER_PAID: ({ summary }) => ({ summary }),
  ORDER_SERVICE_STARTED: ({ summary }) => ({ summary }),
  ORDER_SERVICE_DONE: ({ summary }) => ({ summary }),
  REFUND_ISSUED: ({ summary }) => ({ summary }),
  QUOTE_SENT: ({ summary }) => ({ summary }),
  QUOTE_ACCEPTED: ({ summary }) => ({ summary }),
  QUOTE_DECLINED: ({ summary }) => ({ summary }),
  // The staff's reasons for taking back an order or a quote stay internal.
  ORDER_CANCELLED: () => ({ summary: 'The order is cancelled; its payment link no longer works' }),
  QUOTE_WITHDRAWN: () => ({ summary: 'The repair quote is withdrawn' }),
  // The device's serial number stays out: the page opens with four digits of a phone number.
  WARRANTY_EXTENDED: ({ data }) => ({
    date: str(data.extendedWarrantyUntil),
    summary: `Your extended warranty now runs until ${str(data.extendedWarrantyUntil)}`,
  }),
  WARRANTY_EXTENSION_WITHDRAWN: ({ data }) => ({
    date: str(data.to),
    summary: str(data.to) ? `Your extended warranty now runs until ${str(data.to)}` : 'Your extended warranty is withdrawn',
  }),
};

/** `events` in the order they were written (the timeline's own order). */
export function customerTimeline(events: readonly TicketEvent[], parts: readonly PartsOrder[], timeZone: string): CustomerTimelineEntry[] {
  const context: Context = { parts: new Map(parts.map((part) => [part.id, part])), timeZone };
  return events
    .filter((event) => event.visibility === TimelineVisibility.CUSTOMER)
    .map((event) => {
      const words = Object.hasOwn(CUSTOMER_WORDS, event.kind) ? CUSTOMER_WORDS[event.kind](event, context) : {};
      return { ...EMPTY, summary: null, ...words, kind: event.kind, occurredAt: event.occurredAt };
    });
}
