import { CUSTOMER_TEMPLATE_KEYS, TemplateKey } from '../../core/template-keys';
import { Locale } from '../../core/enums';

/**
 * What a message template is and how it renders. A template is a subject and
 * a plain-text body with `{{placeholders}}`; each key accepts a fixed set of
 * placeholders, so a typo in an override is refused when the template is
 * provisioned instead of silently sending a blank to a customer.
 */
export interface TemplateText {
  subject: string;
  body: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** Filled in by the sender for every message: who it goes to, from which tenant, about which ticket. */
const ALWAYS_AVAILABLE = ['recipientName', 'storeName', 'ticketNumber', 'customerName'] as const;

/** Filled in by the sender for every message to a customer: the link to the ticket's status page. */
const FOR_CUSTOMERS = ['statusUrl'] as const;

/** What each kind of message may mention, beyond the ones always available. */
const PLACEHOLDERS_BY_KEY: Record<TemplateKey, readonly string[]> = {
  [TemplateKey.TICKET_RECEIVED]: ['ticketType', 'problem'],
  [TemplateKey.STATUS_CHANGED]: ['status', 'previousStatus', 'note'],
  [TemplateKey.PROGRESS_UPDATE]: ['status', 'note', 'expectedOn', 'partsOutlook'],
  [TemplateKey.PART_DELAYED]: ['partDescription', 'partNumber', 'expectedOn', 'previousOn'],
  [TemplateKey.PART_LATE]: ['partDescription', 'partNumber', 'expectedOn', 'nextUpdateBy'],
  [TemplateKey.APPOINTMENT_BOOKED]: ['appointmentWindow', 'address'],
  [TemplateKey.APPOINTMENT_MOVED]: ['appointmentWindow', 'previousWindow', 'address'],
  [TemplateKey.APPOINTMENT_CANCELLED]: ['appointmentWindow'],
  [TemplateKey.APPOINTMENT_REMINDER_CUSTOMER]: ['appointmentWindow', 'address'],
  [TemplateKey.APPOINTMENT_REMINDER_TECHNICIAN]: ['appointmentWindow', 'address', 'customerPhone', 'problem'],
  [TemplateKey.SURVEY_REQUEST]: ['surveyUrl'],
  [TemplateKey.SURVEY_REMINDER]: ['surveyUrl'],
  [TemplateKey.STAFF_AT_RISK]: ['metric', 'dueAt'],
  [TemplateKey.STAFF_ESCALATION]: ['metric', 'dueAt', 'level', 'levelName'],
  [TemplateKey.STAFF_COMPLAINT_FOLLOW_UP]: ['score', 'comment', 'dueAt', 'assigneeName', 'problem'],
  [TemplateKey.STAFF_PART_LATE]: ['partDescription', 'partNumber', 'supplier', 'expectedOn', 'dueAt'],
  [TemplateKey.STAFF_PART_DATE_OVERDUE]: ['partDescription', 'partNumber', 'supplier', 'expectedOn', 'dueAt', 'assigneeName'],
  [TemplateKey.WEBHOOK_ENDPOINT_DISABLED]: ['endpointUrl', 'reason'],
  [TemplateKey.SUBSCRIPTION_CHECKOUT_LINK]: ['planName', 'checkoutUrl', 'dueAt'],
  [TemplateKey.SUBSCRIPTION_PAYMENT_FAILED]: ['planName', 'invoiceUrl', 'dueAt'],
  // The items are one param (`orderItems`) read in the recipient's language; wordings name them through the aliases below.
  [TemplateKey.PAYMENT_LINK]: ['orderItemsZhCn', 'orderItemsEn', 'orderTotal', 'paymentUrl', 'dueAt'],
  [TemplateKey.REFUND_ISSUED]: ['refundAmount', 'refundedTotal', 'orderTotal', 'reason'],
  [TemplateKey.QUOTE_SENT]: ['quoteTotal', 'partsTotal', 'labourTotal', 'validUntil', 'note'],
  [TemplateKey.NATIONAL_CALENDAR_MISSING]: ['calendar', 'year'],
  // The item's wording is HQ's, in both languages: each wording names the one of its own language.
  [TemplateKey.STAFF_CORRECTIVE_ACTION_REMINDER]: ['inspectedOn', 'checklistItemZhCn', 'checklistItemEn', 'dueAt'],
  [TemplateKey.STAFF_CORRECTIVE_ACTION_OVERDUE]: ['inspectedOn', 'checklistItemZhCn', 'checklistItemEn', 'dueAt'],
  [TemplateKey.STAFF_PROBLEM_DUE]: ['problemTitle', 'dueDate', 'ownerName'],
  [TemplateKey.STAFF_PROBLEM_OVERDUE]: ['problemTitle', 'dueDate', 'ownerName'],
  [TemplateKey.HQ_TARGET_FLAGS]: ['month', 'flagCount', 'storeNames'],
};

/**
 * Placeholders that read a locale-neutral param in one fixed language. They
 * date from when a sender passed such a param once per language, and stay:
 * wordings stored in tenants' databases (and their files) use them, and the
 * editor lists them as the placeholders of their key. The renderer fills
 * them from the param (see `readableParams`).
 */
export const PLACEHOLDER_ALIASES: Readonly<Record<string, { param: string; locale: Locale }>> = {
  orderItemsZhCn: { param: 'orderItems', locale: Locale.ZH_CN },
  orderItemsEn: { param: 'orderItems', locale: Locale.EN },
};

/** The param a placeholder is filled from: itself, or the param an alias reads. */
export function paramOfPlaceholder(name: string): string {
  return Object.hasOwn(PLACEHOLDER_ALIASES, name) ? PLACEHOLDER_ALIASES[name].param : name;
}

/**
 * What a wording of a key must mention, or the message would break a promise:
 * a progress update that leaves out the parts' outlook would keep saying
 * "waiting for parts" about a part that is late.
 */
const REQUIRED_BY_KEY: Partial<Record<TemplateKey, readonly string[]>> = {
  [TemplateKey.PROGRESS_UPDATE]: ['partsOutlook'],
  [TemplateKey.PART_LATE]: ['expectedOn', 'nextUpdateBy'],
  [TemplateKey.APPOINTMENT_BOOKED]: ['appointmentWindow'],
  [TemplateKey.APPOINTMENT_MOVED]: ['appointmentWindow'],
  [TemplateKey.STAFF_COMPLAINT_FOLLOW_UP]: ['score', 'comment'],
};

export function placeholdersOf(key: TemplateKey): readonly string[] {
  return [...ALWAYS_AVAILABLE, ...(CUSTOMER_TEMPLATE_KEYS.has(key) ? FOR_CUSTOMERS : []), ...PLACEHOLDERS_BY_KEY[key]];
}

/**
 * What every wording of a key must mention. A message to a customer always
 * carries the link to the status page: the customer sees the slip of a
 * promise there before having to call.
 */
export function requiredPlaceholdersOf(key: TemplateKey): readonly string[] {
  return [...(CUSTOMER_TEMPLATE_KEYS.has(key) ? FOR_CUSTOMERS : []), ...(REQUIRED_BY_KEY[key] ?? [])];
}

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 4000;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Names used in a text, in order of appearance. */
function namesIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** What kind of problem a template has, for a caller that reacts to it (an editor marking the field). */
export type TemplateProblemCode = 'EMPTY' | 'UNKNOWN_PLACEHOLDER' | 'MALFORMED_PLACEHOLDER' | 'MISSING_PLACEHOLDER' | 'SUBJECT_MULTILINE' | 'TOO_LONG';

export interface TemplateProblem {
  field: 'subject' | 'body';
  code: TemplateProblemCode;
  message: string;
}

/**
 * Everything wrong with a template for a key, as sentences naming the field:
 * unknown or malformed placeholders, a subject that is not one line, lengths.
 * Empty when the template is usable.
 */
export function templateProblems(key: TemplateKey, template: TemplateText): TemplateProblem[] {
  const allowed = new Set(placeholdersOf(key));
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'body'] as const) {
    const text = template[field];
    if (text.trim().length === 0) problems.push({ field, code: 'EMPTY', message: 'must not be empty' });
    const unknown = [...new Set(namesIn(text).filter((name) => !allowed.has(name)))];
    if (unknown.length > 0) {
      problems.push({
        field,
        code: 'UNKNOWN_PLACEHOLDER',
        message: `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')} for ${key}; known: ${[...allowed].join(', ')}`,
      });
    }
    // Braces left over once the placeholders are taken out are a placeholder someone mistyped.
    const leftover = text.replace(PLACEHOLDER, '');
    if (leftover.includes('{{') || leftover.includes('}}')) {
      problems.push({ field, code: 'MALFORMED_PLACEHOLDER', message: 'has a malformed placeholder: write {{name}} with a name of letters and digits' });
    }
  }
  const used = new Set([...namesIn(template.subject), ...namesIn(template.body)]);
  const missing = requiredPlaceholdersOf(key).filter((name) => !used.has(name));
  if (missing.length > 0) {
    problems.push({
      field: 'body',
      code: 'MISSING_PLACEHOLDER',
      message: `must mention ${missing.map((n) => `{{${n}}}`).join(', ')}: a ${key} message without it would keep back what the customer or colleague must know`,
    });
  }
  if (/[\r\n]/.test(template.subject)) problems.push({ field: 'subject', code: 'SUBJECT_MULTILINE', message: 'must be a single line' });
  if (template.subject.length > SUBJECT_MAX_LENGTH)
    problems.push({ field: 'subject', code: 'TOO_LONG', message: `must be at most ${SUBJECT_MAX_LENGTH} characters` });
  if (template.body.length > BODY_MAX_LENGTH) problems.push({ field: 'body', code: 'TOO_LONG', message: `must be at most ${BODY_MAX_LENGTH} characters` });
  return problems;
}

export class InvalidTemplate extends Error {
  constructor(
    readonly key: TemplateKey,
    readonly problems: { field: string; message: string }[],
  ) {
    super(`template ${key}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
}

/** Refuses a template with problems; returns it unchanged otherwise. */
export function checkedTemplate(key: TemplateKey, template: TemplateText): TemplateText {
  const problems = templateProblems(key, template);
  if (problems.length > 0) throw new InvalidTemplate(key, problems);
  return template;
}

/**
 * Fills the placeholders. A parameter nobody supplied renders as nothing, so
 * an optional detail (a note, an address) can be left out by the caller; the
 * placeholders themselves were checked when the template was provisioned.
 */
export function renderTemplate(template: TemplateText, params: Readonly<Record<string, string | null | undefined>>): RenderedMessage {
  const fill = (text: string) => text.replace(PLACEHOLDER, (_match, name: string) => (Object.hasOwn(params, name) ? (params[name] ?? '') : ''));
  return {
    // A value with a line break must not split the subject header.
    subject: fill(template.subject)
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim(),
    text: tidyLines(fill(template.body)),
  };
}

/** A detail left out leaves an empty line or trailing spaces behind: fold them away. */
function tidyLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
