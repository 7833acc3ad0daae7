import { Locale } from '../core/enums';

/**
 * A value in every language the product speaks, keyed by locale: a service's
 * name, a built-in wording. Domain code holds text this way and picks the
 * reader's language when it writes to them; the pairs of columns
 * (`name_zh_cn`, `name_en`) and of GraphQL fields (`nameZhCn`, `nameEn`) are
 * converted at those edges only.
 */
export type Localized<T> = Readonly<Record<Locale, T>>;

/** Every locale, in the order the product lists them. */
export const LOCALES: readonly Locale[] = [Locale.ZH_CN, Locale.EN];

/** The value built for each locale in turn. */
export function localized<T>(of: (locale: Locale) => T): Localized<T> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, of(locale)])) as Record<Locale, T>;
}

/** A name as the tables and the API hold it: one field per language. */
export interface NamePair {
  nameZhCn: string;
  nameEn: string;
}

export function nameOfPair(pair: NamePair): Localized<string> {
  return { [Locale.ZH_CN]: pair.nameZhCn, [Locale.EN]: pair.nameEn };
}

export function pairOfName(name: Localized<string>): NamePair {
  return { nameZhCn: name[Locale.ZH_CN], nameEn: name[Locale.EN] };
}
