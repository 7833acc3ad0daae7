import { Currency, MAX_AMOUNT_MINOR } from '../../core/money';
import { UserInputError } from '../errors';

// Amounts and currencies as a caller gives them: checked here, refused with a userError naming the field.

/** A currency the platform handles, or a userError naming the field. */
export function requireCurrency(value: string | null | undefined, field: string[]): Currency {
  if (value && (Object.values(Currency) as string[]).includes(value)) return value as Currency;
  throw new UserInputError('UNSUPPORTED_CURRENCY', `Currency must be one of ${Object.values(Currency).join(', ')}`, field);
}

/** An amount in minor units: a whole number from `min` to MAX_AMOUNT_MINOR, or a userError naming the field. */
export function requireAmount(amountMinor: number, field: string[], min = 0): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < min || amountMinor > MAX_AMOUNT_MINOR) {
    throw new UserInputError('INVALID_AMOUNT', `Amounts are whole numbers of the minor unit (fen for CNY), from ${min} to ${MAX_AMOUNT_MINOR}`, field);
  }
  return amountMinor;
}

/** The same currency as expected, or a userError: amounts of different currencies are never mixed. */
export function requireSameCurrency(actual: Currency, expected: Currency, field: string[]): void {
  if (actual !== expected) {
    throw new UserInputError('CURRENCY_MISMATCH', `The amount is in ${actual}, but ${expected} is expected here`, field);
  }
}
