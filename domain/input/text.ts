import { UserInputError } from '../errors';

// Free text as a caller gives it: trimmed and bounded, or refused with a userError naming the field.

/** Trimmed text of 1..max characters, or a userError naming the field. */
export function requiredText(value: string | null | undefined, field: string, max = 2000): string {
  const text = value?.trim() ?? '';
  if (text.length === 0 || text.length > max) {
    throw new UserInputError('INVALID_TEXT', `${field} must be 1 to ${max} characters`, [field]);
  }
  return text;
}

/** Trimmed text or null; too long is a userError. */
export function optionalText(value: string | null | undefined, field: string, max = 2000): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw new UserInputError('INVALID_TEXT', `${field} must be at most ${max} characters`, [field]);
  return text || null;
}
