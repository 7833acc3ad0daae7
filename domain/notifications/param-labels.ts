import { DateTime } from 'luxon';
import { TicketStatus, TicketType } from '../../core/desk-enums';
import { Locale } from '../../core/enums';
import { SlaMetric } from '../../core/sla-enums';
import { message, MessageId } from './messages/catalogue';
import { readableOrderItems } from './order-items';
import { readablePartsOutlook } from './parts-outlook';
import { PLACEHOLDER_ALIASES } from './templates';

/** Params holding a code, with the catalogue's message saying it in words and the codes it knows. */
const LABELLED_PARAMS: Record<string, { message: MessageId; codes: readonly string[] }> = {
  status: { message: 'ticket.status', codes: Object.values(TicketStatus) },
  previousStatus: { message: 'ticket.status', codes: Object.values(TicketStatus) },
  ticketType: { message: 'ticket.type', codes: Object.values(TicketType) },
  metric: { message: 'sla.metric', codes: Object.values(SlaMetric) },
};

/** Params holding an instant; shown as local date and time. */
const INSTANT_PARAMS = new Set(['dueAt', 'nextUpdateBy']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Callers schedule a message with the values they have (a status code, an ISO
 * instant) before anyone knows which language it will be read in. Here those
 * values become words in the recipient's locale, and instants local time in
 * the tenant's time zone. Anything else passes through untouched.
 */
export function readableParams(params: Readonly<Record<string, string>>, locale: Locale, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) out[name] = readableValue(name, value, locale, timeZone);
  // An alias reads its param in the alias's own language; a message scheduled before the param existed carries the alias itself.
  for (const [alias, { param, locale: aliasLocale }] of Object.entries(PLACEHOLDER_ALIASES)) {
    if (Object.hasOwn(params, param) && !Object.hasOwn(params, alias)) out[alias] = readableValue(param, params[param], aliasLocale, timeZone);
  }
  return out;
}

function readableValue(name: string, value: string, locale: Locale, timeZone: string): string {
  const labelled = Object.hasOwn(LABELLED_PARAMS, name) ? LABELLED_PARAMS[name] : undefined;
  if (labelled && labelled.codes.includes(value)) return message(locale, labelled.message, { value });
  if (name === 'partsOutlook') return readablePartsOutlook(value, locale);
  if (name === 'orderItems') return readableOrderItems(value, locale);
  if (INSTANT_PARAMS.has(name) && ISO_INSTANT.test(value)) return localTime(value, timeZone, locale);
  return value;
}

/** How an instant counted on a provisional national calendar is marked in a message's params. */
const PROVISIONAL_MARK = ' (provisional calendar)';

/** An instant for a message, marked when it was counted on days of a provisional national calendar. */
export function instantParam(at: Date, provisional: boolean): string {
  return `${at.toISOString()}${provisional ? PROVISIONAL_MARK : ''}`;
}

function localTime(value: string, timeZone: string, locale: Locale): string {
  const provisional = value.endsWith(PROVISIONAL_MARK);
  const iso = provisional ? value.slice(0, -PROVISIONAL_MARK.length) : value;
  const instant = DateTime.fromISO(iso, { setZone: true });
  if (!instant.isValid) return value;
  return message(locale, 'instant.local', { time: instant.setZone(timeZone).toFormat('yyyy-MM-dd HH:mm'), provisional: String(provisional) });
}
