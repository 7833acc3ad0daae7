import type { MessageId } from './en';

/** The product's own wording in Simplified Chinese: the same messages as the English catalogue, id for id. */
export const zhCN: Readonly<Record<MessageId, string>> = {
  'ticket.status': `{value, select,
    NEW {已受理}
    ASSIGNED {已分派工程师}
    IN_PROGRESS {处理中}
    WAITING_PARTS {等待配件}
    WAITING_CUSTOMER {等待您的回复}
    RESOLVED {已解决}
    CLOSED {已关闭}
    REOPENED {已重新处理}
    CANCELLED {已取消}
    other {{value}}}`,
  'ticket.type': `{value, select,
    INQUIRY {咨询}
    REPAIR {维修}
    COMPLAINT {投诉}
    RETURN_EXCHANGE {退换货}
    ONSITE {上门服务}
    PAID_SERVICE {付费服务}
    other {{value}}}`,
  'sla.metric': `{value, select,
    DISPATCH {派单时限}
    FIRST_CONTACT {首次联系时限}
    RESOLUTION {解决时限}
    PROGRESS_UPDATE {进展告知时限}
    CALLBACK {回访时限}
    other {{value}}}`,
  'instant.local': '{time}{provisional, select, true {（按暂定节假日计算，以官方安排为准）} other {}}',
  'parts.outlook': `{late, select,
    true {所需配件（{description}）原定 {expectedOn} 到货，目前已延误，供应商尚未给出新的到货日期。}
    other {所需配件（{description}）预计 {expectedOn} 到货。}}`,
  'recipients.greeting': '{count, plural, =1 {{name}} other {各位同事}}',
  'list.separator': '、',
  'order.quoteLine': '维修报价（服务单 {ticketNumber}）',
  'preview.sampleStore': '示例门店',
  'commitment.amount': `{unit, select,
    WORKING_MINUTES {{amount}分钟（按工作时间计）}
    WORKING_HOURS {{amount}个工作小时}
    HALF_WORKING_DAY {{amount, plural, =1 {半个工作日} other {#个工作半天}}}
    WORKING_DAYS {{amount}个工作日}
    CALENDAR_HOURS {{amount}小时}
    other {{amount} {unit}}}`,
  'commitment.type': `{value, select,
    INQUIRY {咨询}
    REPAIR {维修}
    COMPLAINT {投诉}
    RETURN_EXCHANGE {退换货}
    ONSITE {上门服务}
    PAID_SERVICE {付费服务}
    other {{value}}}`,
  'commitment.what': '{all, select, true {您的请求} other {您的{types}}}',
  'commitment.vip': 'VIP 客户：',
  'commitment.FIRST_CONTACT': '我们会在{amount}内就{what}与您联系。',
  'commitment.DISPATCH': '我们会在{amount}内将{what}交给专人负责。',
  'commitment.RESOLUTION': '{what}将在{amount}内解决。',
  'commitment.PROGRESS_UPDATE': '{what}处理期间，我们至少每{amount}向您告知一次进展。',
  'commitment.PART_DATE_CHANGE': '如配件到货日期推迟，我们一得知新的日期就会告诉您。',
  'commitment.PART_LATE': '如配件到了预计日期仍未到货，我们会在下一个工作日告诉您，并在{amount}内再次告知进展。',
  'commitment.CALLBACK': '{what}解决后，我们会在{amount}内回访您，了解您是否满意。',
};
