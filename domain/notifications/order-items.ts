import { z } from 'zod';
import { Locale } from '../../core/enums';
import type { Localized } from '../localized';
import { listOf } from './messages/catalogue';

/**
 * What an order is for, as a message's `orderItems` param: the names of its
 * lines in every language (a message's params are locale-free), listed in
 * the recipient's language when the message is sent.
 */
const namesList = z.array(z.object({ [Locale.ZH_CN]: z.string(), [Locale.EN]: z.string() }));

export function orderItemsParam(names: readonly Localized<string>[]): string {
  return JSON.stringify(names.map((name) => ({ [Locale.ZH_CN]: name[Locale.ZH_CN], [Locale.EN]: name[Locale.EN] })));
}

/** "Dust cleaning, Extended warranty 1 year" in `locale`; a value that is not a list of names renders as nothing. */
export function readableOrderItems(value: string, locale: Locale): string {
  let names: Localized<string>[];
  try {
    names = namesList.parse(JSON.parse(value));
  } catch {
    return '';
  }
  return listOf(
    names.map((name) => name[locale]),
    locale,
  );
}
