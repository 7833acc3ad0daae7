/**
 * Money is an integer count of the currency's minor unit (fen for CNY) with
 * its currency beside it, never a float: sums are exact, and an amount without
 * its currency cannot be confused with one in another.
 */
export enum Currency {
  CNY = 'CNY',
}

interface CurrencyRules {
  /** Digits of the minor unit: 2 for CNY (1 yuan = 100 fen). */
  minorDigits: number;
  symbol: string;
}

const CURRENCY_RULES: Record<Currency, CurrencyRules> = {
  [Currency.CNY]: { minorDigits: 2, symbol: '¥' },
};

export interface Money {
  amountMinor: number;
  currency: Currency;
}

/**
 * The largest amount anything may carry: ¥1,000,000.00. Prices and quote
 * totals stay far below it, and every sum of capped amounts still fits the
 * 32-bit integers of GraphQL `Int` and the database columns.
 */
export const MAX_AMOUNT_MINOR = 100_000_000;

export function money(amountMinor: number, currency: Currency): Money {
  return { amountMinor, currency };
}

/** `¥1,299.00`: the currency's symbol, grouped whole units, and every minor digit. */
export function formatMoney(value: Money): string {
  const { minorDigits, symbol } = CURRENCY_RULES[value.currency];
  const scale = 10 ** minorDigits;
  const absolute = Math.abs(value.amountMinor);
  const whole = Math.floor(absolute / scale).toLocaleString('en-US');
  const fraction = minorDigits > 0 ? `.${String(absolute % scale).padStart(minorDigits, '0')}` : '';
  return `${value.amountMinor < 0 ? '-' : ''}${symbol}${whole}${fraction}`;
}

/** "between ¥99.00 and ¥199.00", the way a range is told to the person who must stay inside it. */
export function formatRange(min: Money, max: Money): string {
  return `between ${formatMoney(min)} and ${formatMoney(max)}`;
}
