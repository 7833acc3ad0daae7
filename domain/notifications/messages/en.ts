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
} as const;

export type MessageId = keyof typeof en;
