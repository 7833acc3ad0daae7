import { DateTime } from 'luxon';
import { TicketStatus, TicketType } from '../../core/desk-enums';
import { Locale } from '../../core/enums';
import { SlaMetric } from '../../core/sla-enums';
import type { Localized } from '../localized';
import { orderItemsParam } from './order-items';
import { partsOutlookParam } from './parts-outlook';
import { TemplateKey } from '../../core/template-keys';

/**
 * Realistic values for every placeholder, for previewing a wording before it
 * is saved. They are the raw values the senders schedule (status codes, ISO
 * instants, a parts outlook as data), so the preview goes through the same
 * labelling as a real message: statuses in words, instants in the tenant's
 * time zone, the parts outlook as sentences. Free text a person would have
 * typed (a name, a note, an address) is given in the preview's language.
 */
export interface SampleSetting {
  locale: Locale;
  timeZone: string;
  now: Date;
  /** Where the customer would open a survey. */
  surveyUrl: string;
  /** Where the customer would open the ticket's status page. */
  statusUrl: string;
}

/** Messages read by staff rather than by the customer: their recipient is a colleague. */
const TO_STAFF: ReadonlySet<TemplateKey> = new Set([
  TemplateKey.APPOINTMENT_REMINDER_TECHNICIAN,
  TemplateKey.STAFF_AT_RISK,
  TemplateKey.STAFF_ESCALATION,
  TemplateKey.STAFF_COMPLAINT_FOLLOW_UP,
  TemplateKey.STAFF_PART_LATE,
  TemplateKey.STAFF_PART_DATE_OVERDUE,
  TemplateKey.WEBHOOK_ENDPOINT_DISABLED,
  TemplateKey.SUBSCRIPTION_CHECKOUT_LINK,
  TemplateKey.SUBSCRIPTION_PAYMENT_FAILED,
  TemplateKey.NATIONAL_CALENDAR_MISSING,
  TemplateKey.STAFF_CORRECTIVE_ACTION_REMINDER,
  TemplateKey.STAFF_CORRECTIVE_ACTION_OVERDUE,
  TemplateKey.STAFF_PROBLEM_DUE,
  TemplateKey.STAFF_PROBLEM_OVERDUE,
  TemplateKey.HQ_TARGET_FLAGS,
]);

/** What a person would have typed, in each language a preview is read in. */
const WORDS: Localized<Record<string, string>> = {
  [Locale.ZH_CN]: {
    customerName: '李华',
    staffName: '张伟',
    assigneeName: '赵磊',
    problem: '笔记本运行时发烫，风扇噪音大',
    note: '已更换散热硅脂，正在进行压力测试。',
    partDescription: '主板',
    otherPart: '电池',
    supplier: '华东配件中心',
    address: '北京市海淀区中关村大街 1 号',
    levelName: '主管',
    comment: '等了一周还没修好，也没人联系我。',
    reason: '连续 3 次投递失败（HTTP 503）',
    refundReason: '客户取消了清洁服务',
    planName: '专业版',
    orderItems: '笔记本除尘清洁 ×1',
    problemTitle: 'X14 笔记本过热',
    storeNames: '朝阳门店、海淀门店',
  },
  [Locale.EN]: {
    customerName: 'Li Hua',
    staffName: 'Zhang Wei',
    assigneeName: 'Zhao Lei',
    problem: 'Runs hot and the fan is loud',
    note: 'Thermal paste renewed; running a stress test.',
    partDescription: 'motherboard',
    otherPart: 'battery',
    supplier: 'East China Parts Centre',
    address: '1 Zhongguancun Street, Haidian, Beijing',
    levelName: 'supervisor',
    comment: 'A week and still not fixed, and nobody called me.',
    reason: '3 deliveries in a row failed (HTTP 503)',
    refundReason: 'The customer cancelled the cleaning',
    planName: 'Pro',
    orderItems: 'Laptop dust cleaning ×1',
    problemTitle: 'X14 laptops run hot',
    storeNames: 'Chaoyang store, Haidian store',
  },
};

/**
 * Sample values by placeholder name, as a sender would schedule them, plus
 * the ones every message gets (recipient, customer, store, ticket number).
 */
export function sampleValues(key: TemplateKey, storeName: string, ticketNumber: string, setting: SampleSetting): Record<string, string> {
  const words = WORDS[setting.locale];
  const today = DateTime.fromJSDate(setting.now, { zone: setting.timeZone }).startOf('day');
  const at = (days: number, hour: number, minute = 0) => today.plus({ days }).set({ hour, minute }).toUTC().toISO()!;
  const date = (days: number) => today.plus({ days }).toISODate()!;
  const window = (days: number) => `${date(days)} 09:00-11:00`;
  return {
    storeName,
    ticketNumber,
    customerName: words.customerName,
    recipientName: TO_STAFF.has(key) ? words.staffName : words.customerName,
    ticketType: TicketType.REPAIR,
    problem: words.problem,
    status: TicketStatus.WAITING_PARTS,
    previousStatus: TicketStatus.IN_PROGRESS,
    note: words.note,
    expectedOn: date(3),
    previousOn: date(1),
    nextUpdateBy: at(1, 17, 30),
    partDescription: words.partDescription,
    partNumber: 'MB-X14-02',
    supplier: words.supplier,
    partsOutlook: partsOutlookParam([
      { description: words.partDescription, expectedOn: date(3), late: false },
      { description: words.otherPart, expectedOn: date(-2), late: true },
    ]),
    appointmentWindow: window(2),
    previousWindow: window(1),
    address: words.address,
    customerPhone: '13800138001',
    surveyUrl: setting.surveyUrl,
    statusUrl: setting.statusUrl,
    metric: SlaMetric.RESOLUTION,
    dueAt: at(1, 17, 30),
    level: '2',
    levelName: words.levelName,
    score: '2',
    comment: words.comment,
    assigneeName: words.assigneeName,
    endpointUrl: 'https://partner.example.com/hooks',
    reason: key === TemplateKey.REFUND_ISSUED ? words.refundReason : words.reason,
    planName: words.planName,
    checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_test_sample',
    invoiceUrl: 'https://invoice.stripe.com/i/acct_sample/test_sample',
    orderItems: orderItemsParam([{ [Locale.ZH_CN]: WORDS[Locale.ZH_CN].orderItems, [Locale.EN]: WORDS[Locale.EN].orderItems }]),
    orderTotal: '¥199.00',
    paymentUrl: 'https://checkout.stripe.com/c/pay/cs_test_sample_order',
    refundAmount: '¥199.00',
    refundedTotal: '¥199.00',
    quoteTotal: '¥680.00',
    partsTotal: '¥520.00',
    labourTotal: '¥160.00',
    validUntil: date(7),
    calendar: 'CN',
    year: String(today.year + 1),
    inspectedOn: date(-2),
    checklistItemZhCn: '价目表在显眼位置公示',
    checklistItemEn: 'Prices are displayed where customers see them',
    problemTitle: words.problemTitle,
    dueDate: date(0),
    ownerName: words.assigneeName,
    month: today.minus({ months: 1 }).toFormat('yyyy-MM'),
    flagCount: '3',
    storeNames: words.storeNames,
  };
}
