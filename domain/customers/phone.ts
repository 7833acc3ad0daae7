/**
 * Phones are stored as digits with an optional leading +, so "138 0013 8000",
 * "138-0013-8000" and "13800138000" find the same customer.
 */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  const plus = trimmed.startsWith('+') ? '+' : '';
  const digits = trimmed.replace(/[\s\-().]/g, '').replace(/^\+/, '');
  if (!/^[0-9]{5,20}$/.test(digits)) return null;
  return plus + digits;
}
