/**
 * The product's own wording in English, as ICU MessageFormat messages: the
 * pieces it composes into messages (a status in words, the parts' outlook,
 * a greeting), never the tenant-editable templates, which keep their
 * `{{placeholder}}` syntax. Each message has the same id in every catalogue.
 */
export const en = {
  'ticket.status': `{value, select,
    NEW {registered}
    ASSIGNED {assigned to a technician}
    IN_PROGRESS {in progress}
    WAITING_PARTS {waiting for parts}
    WAITING_CUSTOMER {waiting for your reply}
    RESOLVED {resolved}
    CLOSED {closed}
    REOPENED {reopened}
    CANCELLED {cancelled}
    other {{value}}}`,
  'ticket.type': `{value, select,
    INQUIRY {inquiry}
    REPAIR {repair}
    COMPLAINT {complaint}
    RETURN_EXCHANGE {return or exchange}
    ONSITE {on-site service}
    PAID_SERVICE {paid service}
    other {{value}}}`,
  'sla.metric': `{value, select,
    DISPATCH {dispatch}
    FIRST_CONTACT {first contact}
    RESOLUTION {resolution}
    PROGRESS_UPDATE {progress update}
    CALLBACK {callback}
    other {{value}}}`,
  'instant.local': '{time}{provisional, select, true { (provisional holiday calendar: subject to the official one)} other {}}',
  'parts.outlook': `{late, select,
    true {The part ({description}) was due on {expectedOn} and is late; the supplier has not given a new date yet.}
    other {The part ({description}) is expected on {expectedOn}.}}`,
  'recipients.greeting': '{count, plural, =1 {{name}} other {Colleagues}}',
  'list.separator': ', ',
  'order.quoteLine': 'Repair quote (ticket {ticketNumber})',
  'preview.sampleStore': 'Sample Store',
  'commitment.amount': `{unit, select,
    WORKING_MINUTES {{amount, plural, one {# working minute} other {# working minutes}}}
    WORKING_HOURS {{amount, plural, one {# working hour} other {# working hours}}}
    HALF_WORKING_DAY {{amount, plural, =1 {half a working day} other {# half working days}}}
    WORKING_DAYS {{amount, plural, one {# working day} other {# working days}}}
    CALENDAR_HOURS {{amount, plural, one {# hour} other {# hours}}}
    other {{amount} {unit}}}`,
  'commitment.type': `{value, select,
    INQUIRY {inquiry}
    REPAIR {repair}
    COMPLAINT {complaint}
    RETURN_EXCHANGE {return/exchange}
    ONSITE {on-site service}
    PAID_SERVICE {paid service}
    other {{value}}}`,
  'commitment.what': '{all, select, true {your request} other {your {types}}}',
  'commitment.vip': 'For VIP customers: ',
  'commitment.FIRST_CONTACT': 'We contact you about {what} within {amount}.',
  'commitment.DISPATCH': 'We hand {what} to the person responsible for it within {amount}.',
  'commitment.RESOLUTION': 'We resolve {what} within {amount}.',
  'commitment.PROGRESS_UPDATE': 'While {what} is open, we tell you how it stands at least every {amount}.',
  'commitment.PART_DATE_CHANGE': 'If a part will come later than we said, we tell you its new date as soon as we know it.',
  'commitment.PART_LATE': 'If a part has not come by its expected date, we tell you on the next working day, and write again within {amount}.',
  'commitment.CALLBACK': 'Once {what} is resolved, we call you back within {amount} to ask how it went.',
} as const;

export type MessageId = keyof typeof en;
