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
};
