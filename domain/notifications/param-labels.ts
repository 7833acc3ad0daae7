import { DateTime } from 'luxon';
import { TicketStatus, TicketType } from '../../core/desk-enums';
import { Locale } from '../../core/enums';
import { SlaMetric } from '../../core/sla-enums';
import { readablePartsOutlook } from './parts-outlook';

/**
 * Callers schedule a message with the values they have (a status code, an ISO
 * instant) before anyone knows which language it will be read in. Here those
 * values become words in the recipient's locale, and instants local time in
 * the tenant's time zone. Anything else passes through untouched.
 */
const STATUS: Record<TicketStatus, Record<Locale, string>> = {
  [TicketStatus.NEW]: { [Locale.ZH_CN]: '已受理', [Locale.EN]: 'registered' },
  [TicketStatus.ASSIGNED]: { [Locale.ZH_CN]: '已分派工程师', [Locale.EN]: 'assigned to a technician' },
  [TicketStatus.IN_PROGRESS]: { [Locale.ZH_CN]: '处理中', [Locale.EN]: 'in progress' },
  [TicketStatus.WAITING_PARTS]: { [Locale.ZH_CN]: '等待配件', [Locale.EN]: 'waiting for parts' },
  [TicketStatus.WAITING_CUSTOMER]: { [Locale.ZH_CN]: '等待您的回复', [Locale.EN]: 'waiting for your reply' },
  [TicketStatus.RESOLVED]: { [Locale.ZH_CN]: '已解决', [Locale.EN]: 'resolved' },
  [TicketStatus.CLOSED]: { [Locale.ZH_CN]: '已关闭', [Locale.EN]: 'closed' },
  [TicketStatus.REOPENED]: { [Locale.ZH_CN]: '已重新处理', [Locale.EN]: 'reopened' },
  [TicketStatus.CANCELLED]: { [Locale.ZH_CN]: '已取消', [Locale.EN]: 'cancelled' },
};

const TICKET_TYPE: Record<TicketType, Record<Locale, string>> = {
  [TicketType.INQUIRY]: { [Locale.ZH_CN]: '咨询', [Locale.EN]: 'inquiry' },
  [TicketType.REPAIR]: { [Locale.ZH_CN]: '维修', [Locale.EN]: 'repair' },
  [TicketType.COMPLAINT]: { [Locale.ZH_CN]: '投诉', [Locale.EN]: 'complaint' },
  [TicketType.RETURN_EXCHANGE]: { [Locale.ZH_CN]: '退换货', [Locale.EN]: 'return or exchange' },
  [TicketType.ONSITE]: { [Locale.ZH_CN]: '上门服务', [Locale.EN]: 'on-site service' },
  [TicketType.PAID_SERVICE]: { [Locale.ZH_CN]: '付费服务', [Locale.EN]: 'paid service' },
};

const METRIC: Record<SlaMetric, Record<Locale, string>> = {
  [SlaMetric.DISPATCH]: { [Locale.ZH_CN]: '派单时限', [Locale.EN]: 'dispatch' },
  [SlaMetric.FIRST_CONTACT]: { [Locale.ZH_CN]: '首次联系时限', [Locale.EN]: 'first contact' },
  [SlaMetric.RESOLUTION]: { [Locale.ZH_CN]: '解决时限', [Locale.EN]: 'resolution' },
  [SlaMetric.PROGRESS_UPDATE]: { [Locale.ZH_CN]: '进展告知时限', [Locale.EN]: 'progress update' },
  [SlaMetric.CALLBACK]: { [Locale.ZH_CN]: '回访时限', [Locale.EN]: 'callback' },
};

const LABELS_BY_PARAM: Record<string, Record<string, Record<Locale, string>>> = {
  status: STATUS,
  previousStatus: STATUS,
  ticketType: TICKET_TYPE,
  metric: METRIC,
};

/** Params holding an instant; shown as local date and time. */
const INSTANT_PARAMS = new Set(['dueAt', 'nextUpdateBy']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function readableParams(params: Readonly<Record<string, string>>, locale: Locale, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const labels = Object.hasOwn(LABELS_BY_PARAM, name) ? LABELS_BY_PARAM[name] : undefined;
    if (labels && Object.hasOwn(labels, value)) out[name] = labels[value][locale];
    else if (name === 'partsOutlook') out[name] = readablePartsOutlook(value, locale);
    else if (INSTANT_PARAMS.has(name) && ISO_INSTANT.test(value)) out[name] = localTime(value, timeZone, locale);
    else out[name] = value;
  }
  return out;
}

/** How an instant counted on a provisional national calendar is marked in a message's params. */
const PROVISIONAL_MARK = ' (provisional calendar)';

/** An instant for a message, marked when it was counted on days of a provisional national calendar. */
export function instantParam(at: Date, provisional: boolean): string {
  return `${at.toISOString()}${provisional ? PROVISIONAL_MARK : ''}`;
}

const PROVISIONAL_WORDS: Record<Locale, string> = {
  [Locale.ZH_CN]: '（按暂定节假日计算，以官方安排为准）',
  [Locale.EN]: ' (provisional holiday calendar: subject to the official one)',
};

function localTime(value: string, timeZone: string, locale: Locale): string {
  const provisional = value.endsWith(PROVISIONAL_MARK);
  const iso = provisional ? value.slice(0, -PROVISIONAL_MARK.length) : value;
  const instant = DateTime.fromISO(iso, { setZone: true });
  if (!instant.isValid) return value;
  return `${instant.setZone(timeZone).toFormat('yyyy-MM-dd HH:mm')}${provisional ? PROVISIONAL_WORDS[locale] : ''}`;
}
