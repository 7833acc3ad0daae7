import { DateTime } from 'luxon';
import { UserInputError } from '../errors';

/** A calendar day written YYYY-MM-DD that exists, or a userError naming the field. */
export function calendarDate(value: string, field: string): string {
  const date = DateTime.fromISO(value, { zone: 'UTC' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !date.isValid) {
    throw new UserInputError('INVALID_DATE', `${field} must be a date written YYYY-MM-DD`, [field]);
  }
  return value;
}
