import { IntlMessageFormat } from 'intl-messageformat';
import { Locale } from '../../../core/enums';
import { Localized, localized } from '../../localized';
import { en, MessageId } from './en';
import { zhCN } from './zh-CN';

export type { MessageId } from './en';

/** One catalogue per locale, each holding every message. */
export const CATALOGUES: Localized<Readonly<Record<MessageId, string>>> = { [Locale.ZH_CN]: zhCN, [Locale.EN]: en };

/** Values a message is filled with; strings pass through as they are (a date stays as written). */
export type MessageValues = Readonly<Record<string, string | number>>;

const compiled = new Map<string, IntlMessageFormat>();

function formatterOf(locale: Locale, id: MessageId): IntlMessageFormat {
  const cacheKey = `${locale}\u0000${id}`;
  let formatter = compiled.get(cacheKey);
  if (!formatter) {
    // Leading and trailing spaces are part of some messages (a separator, an appended remark).
    formatter = new IntlMessageFormat(CATALOGUES[locale][id], locale, undefined, { ignoreTag: true });
    compiled.set(cacheKey, formatter);
  }
  return formatter;
}

/** The message `id` in `locale`, filled with `values`. */
export function message(locale: Locale, id: MessageId, values: MessageValues = {}): string {
  return String(formatterOf(locale, id).format(values));
}

/** The message in every locale, for text kept until the reader's language is known (an order line's name). */
export function localizedMessage(id: MessageId, values: MessageValues = {}): Localized<string> {
  return localized((locale) => message(locale, id, values));
}

/** Items one after the other as the language lists them ("a、b" / "a, b"). */
export function listOf(items: readonly string[], locale: Locale): string {
  return items.join(message(locale, 'list.separator'));
}
