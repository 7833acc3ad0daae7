import { z } from 'zod';
import { Locale } from '../../core/enums';
import { message } from './messages/catalogue';

/**
 * What a customer is told about the parts their repair waits for, in every
 * progress update: the latest date known for each part, or, once that date
 * has passed, that the part is late and no new date is known. The caller
 * states the facts (locale-free, as a message's params are); the sentence is
 * written in the recipient's language when the message is sent.
 */
export interface PartOutlook {
  description: string;
  /** The latest expected date (YYYY-MM-DD). */
  expectedOn: string;
  /** The date has passed and the part has not arrived. */
  late: boolean;
}

const outlookList = z.array(z.object({ description: z.string(), expectedOn: z.string(), late: z.boolean() }));

/** The param value carrying the outlook; empty when nothing is awaited. */
export function partsOutlookParam(parts: readonly PartOutlook[]): string {
  return parts.length ? JSON.stringify(parts.map(({ description, expectedOn, late }) => ({ description, expectedOn, late }))) : '';
}

/** The outlook as sentences in `locale`, one line per part; a value that is not an outlook renders as nothing. */
export function readablePartsOutlook(value: string, locale: Locale): string {
  if (!value) return '';
  let parts: PartOutlook[];
  try {
    parts = outlookList.parse(JSON.parse(value));
  } catch {
    return '';
  }
  return parts.map(({ description, expectedOn, late }) => message(locale, 'parts.outlook', { description, expectedOn, late: String(late) })).join('\n');
}
