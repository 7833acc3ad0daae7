import { Locale } from '../../core/enums';
import { TemplateKey } from '../../core/template-keys';
import type { Localized } from '../localized';
import type { TemplateText } from './templates';

/**
 * The wording every tenant gets until its HQ or the store itself overrides it.
 * Plain and brand-neutral on purpose: the brand's voice belongs in the HQ's
 * tenant file. Optional details (a note, an address) sit on lines of their
 * own, so a message without them still reads well.
 */
export const DEFAULT_TEMPLATES: Record<TemplateKey, Localized<TemplateText>> = {
  [TemplateKey.TICKET_RECEIVED]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】已受理您的服务申请 {{ticketNumber}}',
      body: `{{customerName}}，您好：

{{storeName}}已受理您的服务申请，服务单号 {{ticketNumber}}。再次联系我们时请提供此单号。
问题描述：{{problem}}

我们会尽快与您联系，并及时告知每一步进展。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: we have received your request {{ticketNumber}}',
      body: `Dear {{customerName}},

{{storeName}} has registered your service request. Your ticket number is {{ticketNumber}}; please quote it whenever you contact us.
Your request: {{problem}}

We will contact you shortly and keep you informed of every step.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.STATUS_CHANGED]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】服务单 {{ticketNumber}} 状态更新：{{status}}',
      body: `{{customerName}}，您好：

您的服务单 {{ticketNumber}} 当前状态：{{status}}。
{{note}}

如需咨询，请提供服务单号 {{ticketNumber}}。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: ticket {{ticketNumber}} is now {{status}}',
      body: `Dear {{customerName}},

Your ticket {{ticketNumber}} is now: {{status}}.
{{note}}

Please quote {{ticketNumber}} if you contact us.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.PROGRESS_UPDATE]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】服务单 {{ticketNumber}} 进展通知',
      body: `{{customerName}}，您好：

您的服务单 {{ticketNumber}} 目前{{status}}。
{{partsOutlook}}
{{note}}

我们会继续跟进，有新进展时第一时间告知您。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: progress on ticket {{ticketNumber}}',
      body: `Dear {{customerName}},

Your ticket {{ticketNumber}} is {{status}}.
{{partsOutlook}}
{{note}}

We keep working on it and will tell you as soon as anything changes.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.PART_DELAYED]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】服务单 {{ticketNumber}} 配件到货延期',
      body: `{{customerName}}，您好：

很抱歉，您的服务单 {{ticketNumber}} 所需配件（{{partDescription}}）未能按原定日期到货，供应商预计到货日期改为 {{expectedOn}}。

配件到货后我们会第一时间通知您；如有任何变化，也会及时告知。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: a part for ticket {{ticketNumber}} is delayed',
      body: `Dear {{customerName}},

We are sorry: the part ordered for your ticket {{ticketNumber}} ({{partDescription}}) will not arrive on the date we gave you. The supplier now expects it on {{expectedOn}}.

We will tell you as soon as it arrives, and again if anything changes.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.PART_LATE]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】服务单 {{ticketNumber}} 配件延误，暂无新到货日期',
      body: `{{customerName}}，您好：

很抱歉，您的服务单 {{ticketNumber}} 所需配件（{{partDescription}}）原定 {{expectedOn}} 到货，至今仍未到货，供应商也还没有给出新的到货日期。

我们正在催促供应商，最迟于 {{nextUpdateBy}} 前再次联系您，告知新的到货日期或最新情况。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: a part for ticket {{ticketNumber}} is late, no new date yet',
      body: `Dear {{customerName}},

We are sorry: the part for your ticket {{ticketNumber}} ({{partDescription}}) was due on {{expectedOn}} and has not arrived, and the supplier has not given us a new date yet.

We are chasing it, and we will write to you again by {{nextUpdateBy}} at the latest, with the new date or the latest news.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.APPOINTMENT_BOOKED]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】已为您预约上门服务：{{appointmentWindow}}（{{ticketNumber}}）',
      body: `{{customerName}}，您好：

我们已为您的服务单 {{ticketNumber}} 预约上门服务，时间：{{appointmentWindow}}。
地址：{{address}}

上门前一天和前一小时我们会再提醒您。如时间不便，请及时与我们联系。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: your on-site visit is booked, {{appointmentWindow}} ({{ticketNumber}})',
      body: `Dear {{customerName}},

Our technician will visit you {{appointmentWindow}} for ticket {{ticketNumber}}.
Address: {{address}}

We will remind you the day before and an hour before. If this time does not suit you, please let us know.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.APPOINTMENT_MOVED]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】上门服务时间已调整为 {{appointmentWindow}}（{{ticketNumber}}）',
      body: `{{customerName}}，您好：

您的服务单 {{ticketNumber}} 的上门服务时间已由 {{previousWindow}} 调整为 {{appointmentWindow}}。
地址：{{address}}

如新的时间不便，请及时与我们联系。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: your on-site visit moved to {{appointmentWindow}} ({{ticketNumber}})',
      body: `Dear {{customerName}},

The on-site visit for ticket {{ticketNumber}} has moved from {{previousWindow}} to {{appointmentWindow}}.
Address: {{address}}

If the new time does not suit you, please let us know.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.APPOINTMENT_CANCELLED]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】上门服务已取消（{{ticketNumber}}）',
      body: `{{customerName}}，您好：

原定 {{appointmentWindow}} 的上门服务（服务单 {{ticketNumber}}）已取消。

如有疑问，请提供服务单号 {{ticketNumber}} 与我们联系。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: your on-site visit is cancelled ({{ticketNumber}})',
      body: `Dear {{customerName}},

The on-site visit {{appointmentWindow}} for ticket {{ticketNumber}} is cancelled.

Please quote {{ticketNumber}} if you contact us.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.APPOINTMENT_REMINDER_CUSTOMER]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】上门服务提醒（{{ticketNumber}}）',
      body: `{{customerName}}，您好：

我们的工程师将于 {{appointmentWindow}} 上门处理您的服务单 {{ticketNumber}}。
{{address}}

如时间不便，请及时与我们联系。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: reminder of your on-site visit ({{ticketNumber}})',
      body: `Dear {{customerName}},

Our technician will visit you {{appointmentWindow}} for ticket {{ticketNumber}}.
{{address}}

If this time no longer suits you, please let us know.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.APPOINTMENT_REMINDER_TECHNICIAN]: {
    [Locale.ZH_CN]: {
      subject: '上门服务提醒：{{appointmentWindow}}，服务单 {{ticketNumber}}',
      body: `{{recipientName}}：

您有一个上门服务：{{appointmentWindow}}，服务单 {{ticketNumber}}。
客户：{{customerName}} {{customerPhone}}
地址：{{address}}
问题：{{problem}}`,
    },
    [Locale.EN]: {
      subject: 'On-site visit {{appointmentWindow}}: ticket {{ticketNumber}}',
      body: `{{recipientName}},

You have an on-site visit {{appointmentWindow}} for ticket {{ticketNumber}}.
Customer: {{customerName}} {{customerPhone}}
Address: {{address}}
Problem: {{problem}}`,
    },
  },
  [TemplateKey.SURVEY_REQUEST]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】服务满意度回访（{{ticketNumber}}）',
      body: `{{customerName}}，您好：

您的服务单 {{ticketNumber}} 已处理完毕。请花一分钟告诉我们您是否满意：
{{surveyUrl}}

随时查看服务单进展：{{statusUrl}}

感谢您的支持！
{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: how did we do? ({{ticketNumber}})',
      body: `Dear {{customerName}},

Your ticket {{ticketNumber}} has been resolved. Please tell us how satisfied you are; it takes a minute:
{{surveyUrl}}

See where your ticket stands at any time: {{statusUrl}}

Thank you,
{{storeName}}`,
    },
  },
  [TemplateKey.SURVEY_REMINDER]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】邀请您评价本次服务（{{ticketNumber}}）',
      body: `{{customerName}}，您好：

我们还没有收到您对服务单 {{ticketNumber}} 的评价。您的意见能帮助我们做得更好：
{{surveyUrl}}

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: a minute for your feedback? ({{ticketNumber}})',
      body: `Dear {{customerName}},

We have not heard from you yet about ticket {{ticketNumber}}. Your opinion helps us serve you better:
{{surveyUrl}}

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.STAFF_AT_RISK]: {
    [Locale.ZH_CN]: {
      subject: '即将超时：服务单 {{ticketNumber}} 的{{metric}}，期限 {{dueAt}}',
      body: `{{recipientName}}：

服务单 {{ticketNumber}}（客户：{{customerName}}）的{{metric}}将于 {{dueAt}} 到期，请及时处理。`,
    },
    [Locale.EN]: {
      subject: 'At risk: {{metric}} of ticket {{ticketNumber}}, due {{dueAt}}',
      body: `{{recipientName}},

Ticket {{ticketNumber}} ({{customerName}}) will miss its {{metric}} target unless it is handled by {{dueAt}}.`,
    },
  },
  [TemplateKey.STAFF_ESCALATION]: {
    [Locale.ZH_CN]: {
      subject: '升级至第 {{level}} 级：服务单 {{ticketNumber}} 的{{metric}}',
      body: `{{recipientName}}：

服务单 {{ticketNumber}}（客户：{{customerName}}）的{{metric}}（期限 {{dueAt}}）已超时或即将超时，现升级至第 {{level}} 级（{{levelName}}），请介入处理。`,
    },
    [Locale.EN]: {
      subject: 'Escalated to level {{level}}: {{metric}} of ticket {{ticketNumber}}',
      body: `{{recipientName}},

Ticket {{ticketNumber}} ({{customerName}}) has missed or is about to miss its {{metric}} target (due {{dueAt}}). It is escalated to level {{level}} ({{levelName}}); please step in.`,
    },
  },
  [TemplateKey.STAFF_COMPLAINT_FOLLOW_UP]: {
    [Locale.ZH_CN]: {
      subject: '回访不满意（{{score}}/5）：服务单 {{ticketNumber}} 已重新打开，请跟进',
      body: `{{recipientName}}：

客户 {{customerName}} 在服务单 {{ticketNumber}} 的满意度回访中打了 {{score}}/5 分。
客户意见：{{comment}}
原问题：{{problem}}

服务单已重新打开，交由 {{assigneeName}} 负责跟进。请联系客户、查明原因并处理，解决时限为 {{dueAt}}。`,
    },
    [Locale.EN]: {
      subject: 'Unhappy customer ({{score}}/5): ticket {{ticketNumber}} reopened for your follow-up',
      body: `{{recipientName}},

{{customerName}} scored the service of ticket {{ticketNumber}} {{score}}/5 in the satisfaction callback.
Their comment: {{comment}}
The original request: {{problem}}

The ticket is reopened and now with {{assigneeName}}. Please call the customer, find out what went wrong and put it right; it is due {{dueAt}}.`,
    },
  },
  [TemplateKey.STAFF_PART_LATE]: {
    [Locale.ZH_CN]: {
      subject: '配件延误：服务单 {{ticketNumber}}，请于 {{dueAt}} 前登记新的到货日期',
      body: `{{recipientName}}：

服务单 {{ticketNumber}}（客户：{{customerName}}）的配件 {{partNumber}}（{{partDescription}}，供应商 {{supplier}}）原定 {{expectedOn}} 到货，至今未到。客户已收到延误通知。

请向供应商确认新的到货日期，并于 {{dueAt}} 前在服务单上修改预计到货日期：客户会随即收到新日期。`,
    },
    [Locale.EN]: {
      subject: 'Part late: ticket {{ticketNumber}}, record its new date by {{dueAt}}',
      body: `{{recipientName}},

Part {{partNumber}} ({{partDescription}}, from {{supplier}}) for ticket {{ticketNumber}} ({{customerName}}) was due on {{expectedOn}} and has not arrived. The customer has been told it is late.

Get a new date from the supplier and record it on the ticket (change the part's expected date) by {{dueAt}}: the customer is told the new date at once.`,
    },
  },
  [TemplateKey.STAFF_PART_DATE_OVERDUE]: {
    [Locale.ZH_CN]: {
      subject: '仍无新的到货日期：服务单 {{ticketNumber}} 的配件（期限 {{dueAt}} 已过）',
      body: `{{recipientName}}：

服务单 {{ticketNumber}}（客户：{{customerName}}）的配件 {{partNumber}}（{{partDescription}}，供应商 {{supplier}}）原定 {{expectedOn}} 到货，已延误；登记新到货日期的期限 {{dueAt}} 已过，仍未登记。负责人：{{assigneeName}}。

请介入：向供应商确认日期并登记，或联系客户商量其他方案。`,
    },
    [Locale.EN]: {
      subject: 'Still no new date: part for ticket {{ticketNumber}} (deadline {{dueAt}} passed)',
      body: `{{recipientName}},

Part {{partNumber}} ({{partDescription}}, from {{supplier}}) for ticket {{ticketNumber}} ({{customerName}}) was due on {{expectedOn}} and is late. Its new date was to be recorded by {{dueAt}}, and none has been. Responsible: {{assigneeName}}.

Please step in: get a date from the supplier and record it, or call the customer about another way forward.`,
    },
  },
  [TemplateKey.WEBHOOK_ENDPOINT_DISABLED]: {
    [Locale.ZH_CN]: {
      subject: 'Webhook 端点已停用：{{endpointUrl}}',
      body: `{{recipientName}}：

向 Webhook 端点 {{endpointUrl}} 的推送持续失败，该端点已被停用。
{{reason}}

请修复端点后重新启用，以恢复推送；失败的推送可以重试。`,
    },
    [Locale.EN]: {
      subject: 'Webhook endpoint disabled: {{endpointUrl}}',
      body: `{{recipientName}},

Deliveries to the webhook endpoint {{endpointUrl}} kept failing, so it has been disabled.
{{reason}}

Fix the endpoint, then enable it again to resume deliveries; failed deliveries can be retried.`,
    },
  },
  [TemplateKey.SUBSCRIPTION_CHECKOUT_LINK]: {
    [Locale.ZH_CN]: {
      subject: '{{storeName}}：订阅{{planName}}的付款链接',
      body: `{{recipientName}}：

这是{{storeName}}订阅{{planName}}的付款链接，请在 {{dueAt}} 之前打开完成付款：
{{checkoutUrl}}

链接过期后，可在系统中重新发起订阅。`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: your payment link for the {{planName}} plan',
      body: `{{recipientName}},

Here is the payment link for {{storeName}}'s subscription to the {{planName}} plan. It works until {{dueAt}}:
{{checkoutUrl}}

Once it has expired, you can start the subscription again from the platform.`,
    },
  },
  [TemplateKey.SUBSCRIPTION_PAYMENT_FAILED]: {
    [Locale.ZH_CN]: {
      subject: '{{storeName}}：平台订阅（{{planName}}）扣款失败',
      body: `{{recipientName}}：

{{storeName}}的平台订阅（{{planName}}）本期扣款失败。请在 {{dueAt}} 之前付款，逾期后系统将变为只读（数据不会丢失，客户通知照常发送）。
付款页面：
{{invoiceUrl}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: the payment for your {{planName}} subscription failed',
      body: `{{recipientName}},

The payment for {{storeName}}'s subscription to the {{planName}} plan failed. Please pay by {{dueAt}}; after that the platform becomes read-only for your store (nothing is lost, and your customers keep getting their notifications).
Pay here:
{{invoiceUrl}}`,
    },
  },
  [TemplateKey.PAYMENT_LINK]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】服务单 {{ticketNumber}} 付款链接：{{orderTotal}}',
      body: `{{customerName}}，您好：

您在{{storeName}}选购的服务：{{orderItemsZhCn}}，合计 {{orderTotal}}。
请在 {{dueAt}} 之前通过以下链接完成付款，付款后我们即开始为您服务：
{{paymentUrl}}

如需咨询，请提供服务单号 {{ticketNumber}}。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: payment link for ticket {{ticketNumber}} ({{orderTotal}})',
      body: `Dear {{customerName}},

You chose {{orderItemsEn}} at {{storeName}}, {{orderTotal}} in all.
Please pay by {{dueAt}} on this page; we start as soon as your payment arrives:
{{paymentUrl}}

Please quote {{ticketNumber}} if you contact us.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.REFUND_ISSUED]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】服务单 {{ticketNumber}} 退款 {{refundAmount}}',
      body: `{{customerName}}，您好：

{{storeName}}已为您办理退款 {{refundAmount}}（您支付的 {{orderTotal}} 中已累计退还 {{refundedTotal}}），款项将按原支付方式退回，到账时间以银行为准。
退款原因：{{reason}}

如需咨询，请提供服务单号 {{ticketNumber}}。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: refund of {{refundAmount}} for ticket {{ticketNumber}}',
      body: `Dear {{customerName}},

{{storeName}} has refunded {{refundAmount}} to you ({{refundedTotal}} of the {{orderTotal}} you paid has now been refunded). The money goes back to the card or account you paid with; your bank decides when it arrives.
Reason: {{reason}}

Please quote {{ticketNumber}} if you contact us.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.QUOTE_SENT]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】服务单 {{ticketNumber}} 维修报价：{{quoteTotal}}',
      body: `{{customerName}}，您好：

您的设备已过保修期，维修报价如下：配件 {{partsTotal}}，人工 {{labourTotal}}，合计 {{quoteTotal}}。
{{note}}
报价有效期至 {{validUntil}}。请回复门店确认是否维修，确认后我们即安排。

如需咨询，请提供服务单号 {{ticketNumber}}。

随时查看服务单进展：{{statusUrl}}

{{storeName}}`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: repair quote for ticket {{ticketNumber}} ({{quoteTotal}})',
      body: `Dear {{customerName}},

Your device is out of warranty. The repair would cost {{quoteTotal}}: parts {{partsTotal}}, labour {{labourTotal}}.
{{note}}
The quote is valid until {{validUntil}}. Tell the store whether to go ahead and we will arrange it at once.

Please quote {{ticketNumber}} if you contact us.

See where your ticket stands at any time: {{statusUrl}}

{{storeName}}`,
    },
  },
  [TemplateKey.NATIONAL_CALENDAR_MISSING]: {
    [Locale.ZH_CN]: {
      subject: '{{year}} 年节假日安排（{{calendar}}）尚未发布',
      body: `{{recipientName}}：

{{year}} 年的官方节假日与调休安排（{{calendar}}）尚未在平台发布。发布之前，凡涉及 {{year}} 年的服务时限都按法定节假日规则推算的暂定日历计算（不含官方通知中的调休上班日），并标注为“暂定”。

国务院办公厅的通知发布后，请用 publishNationalCalendar 或命令 npm run tenants -- calendar publish 发布该年日历；发布后，全网所有未结服务单的时限会自动重新计算。`,
    },
    [Locale.EN]: {
      subject: 'The official {{year}} holiday calendar ({{calendar}}) is not published yet',
      body: `{{recipientName}},

The official holidays and adjusted working days of {{year}} ({{calendar}}) are not published in the platform yet. Until they are, every service deadline that reaches into {{year}} is counted on a provisional calendar computed from the statutory holiday rules (without the adjusted working days of the official notice), and is marked provisional.

Once the State Council's notice is out, publish the year with publishNationalCalendar or the command npm run tenants -- calendar publish: the due times of every open ticket of the network are then recomputed.`,
    },
  },
  [TemplateKey.STAFF_CORRECTIVE_ACTION_REMINDER]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】整改事项将于 {{dueAt}} 到期',
      body: `{{recipientName}}：

总部于 {{inspectedOn}} 巡检{{storeName}}时，以下检查项未通过：
{{checklistItemZhCn}}

请在 {{dueAt}} 之前完成整改，并在系统中登记整改说明（resolveCorrectiveAction）。逾期未整改将上报总部服务质量部门。`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: a corrective action is due {{dueAt}}',
      body: `{{recipientName}},

HQ's inspection of {{storeName}} on {{inspectedOn}} failed this item:
{{checklistItemEn}}

Please put it right by {{dueAt}} and record what was done (resolveCorrectiveAction). If it is still open then, HQ service quality is told.`,
    },
  },
  [TemplateKey.STAFF_CORRECTIVE_ACTION_OVERDUE]: {
    [Locale.ZH_CN]: {
      subject: '【{{storeName}}】整改事项已逾期（{{dueAt}} 到期）',
      body: `{{recipientName}}：

{{storeName}}在 {{inspectedOn}} 巡检中未通过的以下检查项，整改期限 {{dueAt}} 已过，仍未登记整改：
{{checklistItemZhCn}}

请跟进门店尽快完成整改。`,
    },
    [Locale.EN]: {
      subject: '{{storeName}}: a corrective action is overdue (due {{dueAt}})',
      body: `{{recipientName}},

This item failed at the inspection of {{storeName}} on {{inspectedOn}}; its corrective action was due {{dueAt}} and is still not resolved:
{{checklistItemEn}}

Please follow it up with the store.`,
    },
  },
  [TemplateKey.STAFF_PROBLEM_DUE]: {
    [Locale.ZH_CN]: {
      subject: '问题“{{problemTitle}}”今天到期',
      body: `{{recipientName}}：

您负责的问题“{{problemTitle}}”今天（{{dueDate}}）到期。请记录根本原因、临时解决办法或修复方案；如已解决，请将其标记为已解决。

今天结束时仍未解决的问题会升级给门店经理和总部督导。`,
    },
    [Locale.EN]: {
      subject: 'The problem "{{problemTitle}}" is due today',
      body: `{{recipientName}},

The problem "{{problemTitle}}" you handle is due today ({{dueDate}}). Record its root cause, a workaround or the fix; once it is fixed, mark it resolved.

A problem still unresolved at the end of the day is escalated to the managers and to HQ's supervisors.`,
    },
  },
  [TemplateKey.STAFF_PROBLEM_OVERDUE]: {
    [Locale.ZH_CN]: {
      subject: '问题“{{problemTitle}}”已逾期未解决',
      body: `{{recipientName}}：

问题“{{problemTitle}}”应于 {{dueDate}} 前处理完毕，但至今仍未解决。负责人：{{ownerName}}。

请与负责人确认进展，并在问题记录中更新处理结果或新的到期日期。`,
    },
    [Locale.EN]: {
      subject: 'The problem "{{problemTitle}}" is overdue',
      body: `{{recipientName}},

The problem "{{problemTitle}}" was due by {{dueDate}} and is still not resolved. Its owner: {{ownerName}}.

Check its progress with the owner, and record the outcome or a new due date on the problem.`,
    },
  },
  [TemplateKey.HQ_TARGET_FLAGS]: {
    [Locale.ZH_CN]: {
      subject: '{{month}}：有门店连续两个月未达网络目标',
      body: `{{recipientName}}：

{{month}} 月有 {{flagCount}} 项指标连续两个月低于网络目标，涉及门店：{{storeNames}}。

请在控制台的月度回顾页面（或 targetFlags(month: "{{month}}")）查看每项指标、目标值和两个月的数值，并与相关门店跟进。`,
    },
    [Locale.EN]: {
      subject: '{{month}}: stores below a network target two months running',
      body: `{{recipientName}},

In {{month}}, {{flagCount}} figures stayed below a network target for the second month running, at these stores: {{storeNames}}.

The console's monthly review page (or targetFlags(month: "{{month}}")) shows each figure, its target and both months' values; follow up with the stores concerned.`,
    },
  },
};
